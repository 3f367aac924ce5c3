#!/usr/bin/env bash
# The whole test suite: installs what is missing, then typecheck, lint and vitest. vitest's global setup starts
# FerretDB and Redis on free ports (unless MONGODB_URI / REDIS_URL are set) and stops them afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/ensure-deps.sh

ensure_node_modules
ensure_redis_server
ensure_go
ensure_chromium
ensure_docker_compose

echo "==> typecheck"
npx tsc --noEmit -p .
echo "==> lint"
npx biome check .
echo "==> dependency rules (.dependency-cruiser.cjs)"
npx depcruise src --config .dependency-cruiser.cjs
echo "==> docker-compose.yml (docker-compose config)"
bash scripts/check-compose.sh
echo "==> build the local FerretDB server if needed"
npx tsx scripts/build-ferretdb.ts
echo "==> vitest"
mkdir -p test-artifacts && rm -f test-artifacts/vitest.json
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@" || status=$?
# One plain closing line, the same whatever the reporter prints above it.
if [ -f test-artifacts/vitest.json ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync("test-artifacts/vitest.json", "utf8"));
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  '
fi
exit "$status"
