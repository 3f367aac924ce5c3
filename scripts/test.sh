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

echo "==> typecheck"
npx tsc --noEmit -p .
echo "==> lint"
npx biome check .
echo "==> build the local FerretDB server if needed"
npx tsx scripts/build-ferretdb.ts
echo "==> vitest"
npx vitest run "$@"
