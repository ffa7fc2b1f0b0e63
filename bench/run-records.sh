#!/usr/bin/env bash
# One command for the records benchmark: installs the reference PocketBase (0.40.4) when missing, builds the
# Coffer jar when missing, then runs bench/records-bench.mjs against both (extra arguments are passed on,
# e.g. --only pocketbase, --keep, --creates 500). See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
name=run-records
# shellcheck source=bench/setup.sh
source "$here/setup.sh"

run_bench records-bench.mjs "$@"
