#!/usr/bin/env bash
# The whole test suite: type check, then every vitest test (unit, integration, browser).
# Installs Debian's Chromium for the browser tests when it is missing and we are root.
# Ends with a plain "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."

chromium_bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_bin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's Chromium for the browser tests…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || {
      echo "Could not install chromium with apt-get; install it (apt-get install chromium) or set CHROMIUM_PATH." >&2
      exit 1
    }
  else
    echo "The browser tests need Chromium at $chromium_bin: install Debian's 'chromium' package or set CHROMIUM_PATH." >&2
    exit 1
  fi
fi

status=0
echo "== type check"
npx --no-install tsc --noEmit || status=1

echo "== tests"
mkdir -p .tmp
report=.tmp/vitest-report.json
rm -f "$report"
npx --no-install vitest run --reporter=default --reporter=json --outputFile.json="$report" "$@" || status=1

if [ -f "$report" ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const skipped = r.numPendingTests + r.numTodoTests;
    const failed = r.numFailedTests + (r.numFailedTestSuites > 0 && r.numFailedTests === 0 ? r.numFailedTestSuites : 0);
    console.log(`${r.numPassedTests} passed, ${failed} failed` + (skipped ? `, ${skipped} skipped` : ""));
  ' "$report"
else
  echo "0 passed, 1 failed"
  status=1
fi
exit $status
