#!/usr/bin/env bash
# One command for the dashboard benchmark: installs the reference PocketBase (0.40.4) when missing, builds the
# Coffer jar when missing, installs playwright-core for the browser tests when missing, then runs
# bench/dashboard-bench.mjs against both (extra arguments are passed on, e.g. --records 20000, --rounds 3).
# Needs Debian's chromium (/usr/bin/chromium, or CHROMIUM). See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
name=run-dashboard
# shellcheck source=bench/setup.sh
source "$here/setup.sh"
[ -d "$root/coffer-ui/src/test/browser/node_modules/playwright-core" ] \
  || (cd "$root/coffer-ui/src/test/browser" && npm ci --no-audit --no-fund >/dev/null)

run_bench dashboard-bench.mjs "$@"
