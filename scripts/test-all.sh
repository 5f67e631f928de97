#!/usr/bin/env bash
# npm test – everything CI runs: types, lint, unit, integration (PGlite + PostgreSQL), build, e2e.
set -euo pipefail
step() { printf '\n\033[1m== %s ==\033[0m\n' "$1"; }
step "type-check";            npm run typecheck
step "lint";                  npm run lint
step "unit tests";            npm run test:unit
step "integration tests";     npm run test:integration
step "production build";      npm run build
step "end-to-end tests";      npm run test:e2e
