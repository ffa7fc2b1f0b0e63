#!/usr/bin/env bash
# One command for the schema-change benchmark: installs the reference PocketBase (0.40.4) when missing, builds the
# Coffer jar when missing, then runs bench/schema-bench.mjs against both (extra arguments are passed on,
# e.g. --only pocketbase, --keep, --records 20000, --repeat 5). See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
name=run-schema
command -v "${SQLITE3:-sqlite3}" >/dev/null || { echo "run-schema: the sqlite3 CLI is not on the PATH (or set SQLITE3=/path/to/sqlite3)" >&2; exit 2; }
# shellcheck source=bench/setup.sh
source "$here/setup.sh"

run_bench schema-bench.mjs --sqlite3 "${SQLITE3:-sqlite3}" "$@"
