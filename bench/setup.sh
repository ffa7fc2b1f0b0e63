# Sourced by the bench/run-*.sh scripts: checks for node, finds (or installs) the reference PocketBase 0.40.4
# into $pb, builds the Coffer jar when missing, and defines run_bench SCRIPT ARGS... which runs a benchmark
# script against both servers and passes Ctrl-C / TERM on to it (the script kills its servers on exit).
# Expects $name (for messages), $here (bench/) and $root (the repository) to be set.
command -v node >/dev/null || { echo "$name: node (>= 20) is not on the PATH" >&2; exit 2; }
installer="${COFFER_PB_INSTALLER:-$root/tools/install-reference-pocketbase.sh}"
pb="${POCKETBASE:-$HOME/.cache/coffer/pocketbase-0.40.4/pocketbase}"
if [ ! -x "$pb" ]; then
  [ -x "$installer" ] || { echo "$name: no PocketBase at $pb and no installer at $installer (set POCKETBASE=/path/to/pocketbase)" >&2; exit 2; }
  echo "$name: installing the reference PocketBase ..." >&2
  pb="$("$installer" | tail -1)"
fi
if [ ! -f "$root/coffer-server/target/coffer.jar" ]; then
  echo "$name: building coffer-server/target/coffer.jar ..." >&2
  (cd "$root" && ./mvnw -B -ntp -q package -DskipTests -pl coffer-server -am)
fi

run_bench() {
  local script="$1"
  shift
  node "$here/$script" --pocketbase "$pb" --coffer "$root/coffer" "$@" &
  local bench=$!
  trap 'kill "$bench" 2>/dev/null || true' INT TERM HUP
  wait "$bench"
}
