#!/usr/bin/env bash
# npm test: typecheck, the production build, unit tests, HTTP tests, then the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

echo "== typecheck"
npx tsc --noEmit
echo "== build"
npm run build >/dev/null
echo "== architecture rules (dependency-cruiser, .dependency-cruiser.cjs)"
npm run --silent lint:architecture
echo "== unit tests (database only, no build)"
npx vitest run --project unit
echo "== HTTP and CLI tests (production build)"
npx vitest run --project http

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
