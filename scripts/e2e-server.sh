#!/usr/bin/env bash
# The e2e server: its own database (PostgreSQL when E2E_DATABASE_URL or TEST_DATABASE_URL is
# given, else a fresh PGlite directory), demo data, and the production build on port 3100.
set -euo pipefail
export APP_MODE=demo
export PORT="${E2E_PORT:-3100}"
export PUBLIC_BASE_URL="http://127.0.0.1:${PORT}"
export DATA_DIR=.data/e2e
rm -rf "$DATA_DIR"
url="${E2E_DATABASE_URL:-${TEST_DATABASE_URL:-}}"
if [ -n "$url" ]; then
  export DATABASE_URL="$url"
  npx tsx scripts/db-reset-test.mts
else
  unset DATABASE_URL
  export PGLITE_DIR="$DATA_DIR/pglite"
fi
npx tsx scripts/db-seed.mts
exec node node_modules/next/dist/bin/next start -p "$PORT" -H 127.0.0.1
