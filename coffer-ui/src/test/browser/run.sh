#!/usr/bin/env bash
# Runs the dashboard's browser tests: starts coffer.jar on a fresh data directory (no superuser, so it prints
# the installer link), then runs every NN-*.test.mjs here (or the ones named) in order with node against it,
# in headless Chromium. Screenshots go to $COFFER_SCREENSHOTS (default: coffer-server/target/dashboard-screenshots).
#
# usage: coffer-ui/src/test/browser/run.sh [NN-name.test.mjs ...]
# env:   COFFER_JAR     the jar to run (default coffer-server/target/coffer.jar)
#        COFFER_UI_DIR  serve the dashboard from this source folder instead of the jar's copy (while working on it:
#                       coffer-ui/src/main/resources/coffer-ui); passed through to the server
#        CHROMIUM       the browser (default /usr/bin/chromium)
#        COFFER_PORT    the port to serve on (default: a free one)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../.." && pwd)"
jar="${COFFER_JAR:-$root/coffer-server/target/coffer.jar}"
[ -f "$jar" ] || { echo "build the jar first: ./mvnw -B -ntp -q package -DskipTests" >&2; exit 2; }
export COFFER_SCREENSHOTS="${COFFER_SCREENSHOTS:-$root/coffer-server/target/dashboard-screenshots}"
mkdir -p "$COFFER_SCREENSHOTS"
cd "$here"
[ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund >/dev/null
if [ $# -eq 0 ]; then set -- [0-9][0-9]-*.test.mjs; fi

java_bin="java"
for j in ${JAVA_HOME:+$JAVA_HOME/bin/java} /usr/lib/jvm/*/bin/java; do
  if [ -x "$j" ] && "$j" -version 2>&1 | grep -Eq 'version "(2[1-9]|[3-9][0-9])'; then java_bin="$j"; break; fi
done

work="$(mktemp -d)"; pid=""
cleanup() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi; rm -rf "$work"; }
trap cleanup EXIT

# a port nothing listens on (the kernel's pick), unless COFFER_PORT names one
port="${COFFER_PORT:-$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")}"
"$java_bin" -jar "$jar" serve --http=127.0.0.1:$port --dir="$work/pb_data" >"$work/server.log" 2>&1 &
pid=$!
link=""
for _ in $(seq 300); do
  link="$(grep -o 'http://[^ ]*/_/#/pbinstall/[A-Za-z0-9._-]*' "$work/server.log" || true)"
  [ -n "$link" ] && break
  kill -0 "$pid" 2>/dev/null || { echo "the server stopped:"; cat "$work/server.log"; exit 1; }
  sleep 0.1
done
[ -n "$link" ] || { echo "no installer link in the server output:"; cat "$work/server.log"; exit 1; }
echo "== dashboard browser tests against http://127.0.0.1:$port (screenshots in $COFFER_SCREENSHOTS)"
status=0
COFFER_URL="http://127.0.0.1:$port" COFFER_INSTALLER_URL="$link" \
  node --test --test-reporter=spec --test-concurrency=1 --test-timeout=120000 "$@" || status=$?
if [ $status -ne 0 ]; then echo "-- last lines of the server log:"; tail -n 40 "$work/server.log" || true; fi
exit $status
