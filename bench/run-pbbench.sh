#!/usr/bin/env bash
# PocketBase's official benchmark scenarios (bench/pbbench), PocketBase against Coffer side by side in one run:
#   bench/run-pbbench.sh                      # the reference PocketBase 0.40.4 (installed when missing) vs ./coffer
#   bench/run-pbbench.sh /path/to/pocketbase  # any PocketBase binary as the reference
# Environment (passed on to bench/pbbench): SCENARIOS=create,delete (a subset), ROUNDS, RUN_DIR (where the
# report, raw results and server logs go), KEEP_DATA=1, LOGS=on, SIZE=100k, COFFER_JAVA_OPTS (Coffer's JVM).
# With COFFER_AOT=1 (Java 25+) it first runs `coffer train` when coffer-server/target/coffer.aot is missing or stale;
# without it, a coffer.aot left there by an earlier `./coffer train` is used all the same while it is fresh.
# Needs node >= 20 and wrk (apt-get install -y wrk); builds coffer-server/target/coffer.jar when missing.
# The report ends with the geomean of the 13 Coffer/PocketBase ratios; see bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
name=run-pbbench
if [ $# -gt 1 ]; then echo "usage: $0 [POCKETBASE_BINARY]" >&2; exit 2; fi
if [ $# -eq 1 ]; then
  [ -x "$1" ] || { echo "$name: $1 is not an executable PocketBase binary" >&2; exit 2; }
  POCKETBASE="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
  export POCKETBASE
fi
# shellcheck source=bench/setup.sh
source "$here/setup.sh"
# COFFER_AOT=1: Coffer with the JVM's ahead-of-time cache that `coffer train` writes (Java 25+; README, "Memory
# and JVM options"), trained again when the jar is newer than the cache.
if [ "${COFFER_AOT:-}" = 1 ] && [ ! "$root/coffer-server/target/coffer.aot" -nt "$root/coffer-server/target/coffer.jar" ]; then
  echo "$name: coffer train (writes coffer-server/target/coffer.aot, about a minute)" >&2
  mkdir -p "$root/target"
  "$root/coffer" train > "$root/target/train.log" 2>&1 || echo "$name: coffer train failed (target/train.log); measuring without the cache" >&2
fi
command -v wrk >/dev/null || echo "$name: wrk is not installed (apt-get install -y wrk); falling back to node's much slower client" >&2
NAME_A="${NAME_A:-pocketbase}" NAME_B="${NAME_B:-coffer}" exec "$here/pbbench/compare.sh" "$pb" "$root/coffer"
