#!/usr/bin/env bash
# Runs the bot on this machine: installs what is missing, starts FerretDB, Redis and the local Twilio server,
# then the bot (web and worker in one process), and prints the URLs. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-deps.sh

ensure_node_modules
ensure_redis_server
ensure_go

exec npx tsx scripts/demo.ts "$@"
