#!/usr/bin/env bash
# npm test: typecheck, the production build, unit tests, HTTP tests on SQLite, the database unit tests
# and HTTP tests on PostgreSQL, then the browser tests (once, on SQLite).
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

echo "== typecheck"
npx tsc --noEmit
echo "== build"
npm run build >/dev/null
echo "== architecture rules (dependency-cruiser, .dependency-cruiser.cjs)"
npm run --silent lint:architecture
# PostgreSQL: PARLEY_TEST_POSTGRES_URL names a server where databases may be created; without it, a
# throwaway cluster is started here when PostgreSQL's server is installed, and stopped at the end.
STARTED_POSTGRES=""
stop_postgres() {
  if [ -n "$STARTED_POSTGRES" ]; then bash scripts/test-postgres.sh stop || true; fi
}
trap stop_postgres EXIT
if [ -z "${PARLEY_TEST_POSTGRES_URL:-}" ] && ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "== starting a throwaway PostgreSQL cluster (scripts/test-postgres.sh)"
  PARLEY_TEST_POSTGRES_URL="$(bash scripts/test-postgres.sh start)"
  STARTED_POSTGRES=1
  export PARLEY_TEST_POSTGRES_URL
fi

echo "== unit tests (database only, no build)"
npx vitest run --project unit
echo "== HTTP and CLI tests on SQLite (production build)"
npx vitest run --project http

echo "== database unit tests and HTTP and CLI tests on PostgreSQL"
if [ -n "${PARLEY_TEST_POSTGRES_URL:-}" ]; then
  # The unit project on PostgreSQL runs only its tests that open a database (vitest.config.ts).
  PARLEY_TEST_DATABASE=postgres npx vitest run --project unit
  PARLEY_TEST_DATABASE=postgres npx vitest run --project http
else
  if [ "${PARLEY_REQUIRE_POSTGRES:-}" = "1" ]; then
    echo "PostgreSQL is required for this run (PARLEY_REQUIRE_POSTGRES=1) but no server was found." >&2
    exit 1
  fi
  echo "SKIPPED: the PostgreSQL half of the tests did not run: PostgreSQL's server is not installed."
  echo "         Install it (sudo apt-get install -y postgresql postgresql-contrib) and run npm test again,"
  echo "         or point PARLEY_TEST_POSTGRES_URL at a server where the user may create databases."
fi

echo "== end-to-end tests (Chromium)"
if [ -x "$CHROMIUM" ]; then
  npx playwright test
else
  if [ "${PARLEY_REQUIRE_E2E:-}" = "1" ]; then
    echo "Chromium is required for this run but was not found at $CHROMIUM." >&2
    exit 1
  fi
  echo "SKIPPED: the browser tests did not run because Chromium is not installed at $CHROMIUM."
  echo "         Install Debian's Chromium (sudo apt-get install -y chromium) or set CHROMIUM_PATH, then run npm test again."
fi
