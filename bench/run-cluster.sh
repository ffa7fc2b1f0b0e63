#!/usr/bin/env bash
# One command for the cluster benchmark (bench/cluster-bench.mjs): builds the Coffer jar when missing, raises the
# open-files limit for the SSE clients, and runs three instances on one PostgreSQL database per bus. Extra arguments
# are passed on (e.g. --buses postgres --clients 300 --rates 10). See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
command -v node >/dev/null || { echo "run-cluster: node (>= 20) is not on the PATH" >&2; exit 2; }
command -v psql >/dev/null || { echo "run-cluster: psql is not on the PATH (the benchmark makes its databases with it)" >&2; exit 2; }
if [ ! -f "$root/coffer-server/target/coffer.jar" ]; then
  echo "run-cluster: building coffer-server/target/coffer.jar ..." >&2
  (cd "$root" && ./mvnw -B -ntp -q package -DskipTests -pl coffer-server -am)
fi
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec node "$here/cluster-bench.mjs" --coffer "$root/coffer" "$@"
