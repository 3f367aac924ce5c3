# Sourced by scripts/test.sh and scripts/demo.sh: installs what a fresh machine lacks, and nothing more.
# npm packages come from the lock file; Debian's redis-server and (for browser tests) chromium come from apt.

apt_install() {
  if [ "$(id -u)" != "0" ]; then
    echo "missing: $* (install with: sudo apt-get install $*)" >&2
    return 1
  fi
  if [ -z "${NIRYAT_APT_UPDATED:-}" ]; then
    apt-get update -qq
    export NIRYAT_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_node_modules() {
  # npm ci when node_modules is missing or older than the lock file.
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    echo "==> installing npm packages (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_redis_server() {
  if [ -z "${REDIS_URL:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
    echo "==> installing redis-server"
    apt_install redis-server
  fi
}

ensure_go() {
  if [ -z "${MONGODB_URI:-}" ] && ! command -v go >/dev/null 2>&1; then
    echo "Go is needed to build the local FerretDB server; install Go 1.26 or set MONGODB_URI" >&2
    return 1
  fi
}

ensure_chromium() {
  if ! command -v chromium >/dev/null 2>&1; then
    echo "==> installing chromium (browser tests)"
    apt_install chromium
  fi
  # Without a Devanagari font the simulator's screenshots show Hindi as empty boxes.
  if ! fc-list 2>/dev/null | grep -qi "devanagari"; then
    echo "==> installing a Devanagari font"
    apt_install fonts-noto-core
  fi
}

ensure_docker_compose() {
  # Only to check docker-compose.yml (`docker-compose config` needs no Docker engine).
  if ! command -v docker-compose >/dev/null 2>&1; then
    echo "==> installing docker-compose (to check docker-compose.yml)"
    apt_install docker-compose
  fi
}
