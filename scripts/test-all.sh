#!/usr/bin/env bash
# npm test – everything CI runs: types, lint, unit, integration (PGlite + PostgreSQL), build, e2e
# (on PostgreSQL when a test database is given, and always once on the embedded PGlite, the
# default a newcomer gets).
set -euo pipefail
step() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }
step "type-check";            npm run typecheck
step "lint";                  npm run lint
step "unit tests";            npm run test:unit
step "integration tests";     npm run test:integration
step "production build";      npm run build
if [ -n "${E2E_DATABASE_URL:-${TEST_DATABASE_URL:-}}" ]; then
  step "end-to-end tests (PostgreSQL)"; npm run test:e2e
  # The whole suite ran on PostgreSQL: on PGlite the journeys that write the most (sign-up,
  # buying, the ledger) run again, to keep CI under 20 minutes.
  step "end-to-end smoke tests (embedded PGlite)"
  E2E_DATABASE_URL= TEST_DATABASE_URL= npm run test:e2e -- e2e/auth.spec.ts e2e/commerce.spec.ts e2e/ledger.spec.ts
else
  step "end-to-end tests (embedded PGlite)"
  npm run test:e2e
fi
