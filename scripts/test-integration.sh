#!/usr/bin/env bash
# The same integration suite on embedded PGlite and, when TEST_DATABASE_URL is given, on PostgreSQL.
set -euo pipefail
echo "== integration tests on PGlite (in memory) =="
env -u DATABASE_URL npx vitest run --project integration
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== integration tests on PostgreSQL ($(echo "$TEST_DATABASE_URL" | sed -E 's#//[^@]*@#//#')) =="
  # The ledger concurrency tests run 20 writers at once: give them as many connections.
  DATABASE_URL="$TEST_DATABASE_URL" DATABASE_POOL_MAX=24 npx vitest run --project integration
else
  echo "== integration tests on PostgreSQL: SKIPPED (set TEST_DATABASE_URL to run them) =="
fi
