#!/usr/bin/env bash
# One command for the request logging benchmark: builds the Coffer jar when missing, then runs
# bench/logging-bench.mjs (record creates with request logging on vs off; extra arguments are passed on,
# e.g. --creates 2000 --rounds 5). See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
name=run-logging
# shellcheck source=bench/setup.sh
source "$here/setup.sh"

run_bench logging-bench.mjs "$@"
