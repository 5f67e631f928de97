#!/usr/bin/env bash
# The Stripe webhook replay at full size (1,000 orders) on PGlite and, with TEST_DATABASE_URL, on PostgreSQL.
set -euo pipefail
FILE=tests/integration/stripe-webhook-replay.test.ts
echo "== soak: webhook replay on PGlite (in memory) =="
SOAK=1 env -u DATABASE_URL npx vitest run --project integration "$FILE"
if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "== soak: webhook replay on PostgreSQL =="
  SOAK=1 DATABASE_URL="$TEST_DATABASE_URL" npx vitest run --project integration "$FILE"
else
  echo "== soak on PostgreSQL: SKIPPED (set TEST_DATABASE_URL to run it) =="
fi
