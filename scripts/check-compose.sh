#!/usr/bin/env bash
# Checks docker-compose.yml with `docker-compose config` (no Docker engine needed), in a scratch copy: the file
# names an .env that a fresh clone does not have, and the check must not create one here.
set -euo pipefail
cd "$(dirname "$0")/.."
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp docker-compose.yml "$scratch/"
cp -r deploy "$scratch/"
touch "$scratch/.env"
(cd "$scratch" && docker-compose config -q)
# The load balancer must be the only service publishing a port, so that web scales behind it.
published="$(cd "$scratch" && docker-compose config | grep -c 'published' || true)"
if [ "$published" != "1" ]; then
  echo "docker-compose.yml: expected exactly one published port (the load balancer), found $published" >&2
  exit 1
fi
echo "docker-compose.yml: ok"
