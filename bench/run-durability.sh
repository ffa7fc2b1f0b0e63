#!/usr/bin/env bash
# One command for the kill -9 durability benchmark: installs the reference PocketBase (0.40.4) when missing, builds
# the Coffer jar when missing, then runs bench/durability-bench.mjs against both (extra arguments are passed on,
# e.g. --only coffer, --keep, --rounds 10). Environment: DURABILITY_ROUNDS (5), DURABILITY_WRITERS (8),
# DURABILITY_KILL_MS (2000-8000), DURABILITY_SEED, SQLITE3, POCKETBASE. See bench/README.md.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
name=run-durability
sqlite3="${SQLITE3:-sqlite3}"
command -v "$sqlite3" >/dev/null || { echo "$name: the sqlite3 CLI is not on the PATH (or set SQLITE3=/path/to/sqlite3)" >&2; exit 2; }
[ -d /proc/self ] || { echo "$name: needs Linux /proc (to find the server process to kill)" >&2; exit 2; }

# The jar, when missing, is built offline with the JDK the launcher picks (the JDK on the PATH may be older than 21).
if [ ! -f "$root/coffer-server/target/coffer.jar" ]; then
  COFFER_LAUNCHER_LIB=1
  # shellcheck source=coffer-server/src/dist/bin/coffer
  . "$root/coffer-server/src/dist/bin/coffer"
  java="$(coffer_find_java)" || coffer_no_java
  java_home="$("$java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p')"
  echo "$name: building coffer-server/target/coffer.jar (offline, JAVA_HOME=$java_home) ..." >&2
  if ! (cd "$root" && JAVA_HOME="$java_home" ./mvnw -B -ntp -o -q package -DskipTests -Dassembly.skipAssembly=true \
      -pl coffer-server -am); then
    echo "$name: the offline build failed; build once without -o (Maven downloads into ~/.m2), then run again" >&2
    exit 1
  fi
fi
# shellcheck source=bench/setup.sh
source "$here/setup.sh"

run_bench durability-bench.mjs --sqlite3 "$sqlite3" "$@"
