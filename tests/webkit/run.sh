#!/usr/bin/env bash
# The WebKit smoke run (smoke.mjs) against a built bundle:
#   tests/webkit/run.sh [dist]        (default: SMOKE_DIST, else dist/ of this checkout)
# Serves a copy of the bundle with tests/e2e/serve.mjs, starts Xvfb (unless DISPLAY is
# set) and WebKitWebDriver, runs smoke.mjs, and stops everything it started, whatever
# happens. Every step has a deadline: nothing here can hang CI.
# Needs Debian's webkit2gtk-driver and xvfb (.ci/setup.sh test installs them).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
dist=${1:-${SMOKE_DIST:-$root/dist}}
[ -f "$dist/index.html" ] || { echo "webkit: no built bundle at $dist (make build)"; exit 1; }
dist=$(cd "$dist" && pwd)

say() { echo "webkit: $*"; }
need() { command -v "$1" >/dev/null || { say "$1 is missing: $2 (.ci/setup.sh test)"; exit 1; }; }
need WebKitWebDriver "apt-get install webkit2gtk-driver"
[ -n "${DISPLAY:-}" ] || need Xvfb "apt-get install xvfb"
browser=${SMOKE_BROWSER:-$( (dpkg -L libwebkit2gtk-4.1-0 2>/dev/null; ls /usr/lib/*/webkit2gtk-4.1/MiniBrowser 2>/dev/null) | grep -m1 '/MiniBrowser$' || true)}
[ -x "$browser" ] || { say "MiniBrowser not found (it ships in libwebkit2gtk-4.1-0)"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/webkit-smoke.XXXXXX")
pids=()
cleanup() {
  local code=$? pid i
  trap - EXIT INT TERM
  # Each process was started as the leader of its own group (setsid): signalling the
  # group also reaches what it started (MiniBrowser and WebKit's web/network processes).
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do kill -TERM -- "-${pids[i]}" 2>/dev/null || true; done
  for _ in $(seq 50); do
    local alive=0
    # (ps -s: by session, which setsid made the same as the leader's id; zombies aside.)
    for pid in "${pids[@]}"; do ps -o stat= -s "$pid" | grep -qv '^Z' && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  # WebKit's helper processes outlive MiniBrowser by a moment, as zombies the system
  # reaps: give it that moment, so nothing of this run is listed once it has returned.
  for _ in $(seq 30); do
    local left=0
    for pid in "${pids[@]}"; do [ -n "$(ps -o pid= -s "$pid")" ] && left=1; done
    [ "$left" = 0 ] && break
    sleep 0.1
  done
  rm -rf "$work"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A port nobody listens on (the OS picks it).
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }
# Whether an HTTP address answers 200.
answers() { node -e 'fetch(process.argv[1]).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$1"; }
# Waits until `$2...` succeeds, at most $1 seconds.
wait_for() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do
    [ "$SECONDS" -lt "$deadline" ] || return 1
    sleep 0.2
  done
}

# The bundle under test, with the error probe loaded before the app (see probe.js). The
# policy allows it: it is a script of the app's own origin.
cp -R "$dist" "$work/dist"
cp "$here/probe.js" "$work/dist/__smoke-probe.js"
# Every HTML file: the shell and each prerendered page (.ci/prerender.mjs). Their .br / .gz
# copies are older than the files now, and serve.mjs serves no stale copy.
find "$work/dist" -name '*.html' -exec node -e '
  const fs = require("fs");
  for (const file of process.argv.slice(1)) {
  const html = fs.readFileSync(file, "utf8");
  const tag = "<script src=\"/__smoke-probe.js\"></script>";
  // Right after the policy (or the charset), before any script of the app.
  const at = /<meta http-equiv="Content-Security-Policy"[^>]*>|<meta charset="utf-8"\s*\/?>/i.exec(html);
  if (!at) throw new Error("index.html has neither a policy nor a charset meta to follow");
  fs.writeFileSync(file, html.slice(0, at.index + at[0].length) + "\n    " + tag + html.slice(at.index + at[0].length));
  }
' {} +

port=${SMOKE_PORT:-$(free_port)}
setsid node "$root/tests/e2e/serve.mjs" "$work/dist" "$port" >"$work/serve.log" 2>&1 &
pids+=($!)
wait_for 20 answers "http://127.0.0.1:$port/" || { say "the static server did not start"; cat "$work/serve.log"; exit 1; }

if [ -z "${DISPLAY:-}" ]; then
  # -displayfd: Xvfb picks a free display number and writes it once it is ready.
  setsid Xvfb -displayfd 3 -screen 0 1280x1024x24 -nolisten tcp 3>"$work/display" >"$work/xvfb.log" 2>&1 &
  pids+=($!)
  wait_for 20 test -s "$work/display" || { say "Xvfb did not start"; cat "$work/xvfb.log"; exit 1; }
  export DISPLAY=":$(head -n1 "$work/display")"
fi

# MiniBrowser's toolbar would keep its window wider than a phone: its widgets are shrunk
# with a GTK style sheet of this run's own (it styles the browser's widgets, not pages).
mkdir -p "$work/config/gtk-3.0" "$work/data" "$work/cache"
echo 'toolbar, toolbar *, entry, button { min-width: 0; min-height: 0; padding: 0; margin: 0; font-size: 1px; }' \
  >"$work/config/gtk-3.0/gtk.css"
driver_port=${SMOKE_DRIVER_PORT:-$(free_port)}
XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" \
  setsid WebKitWebDriver --port="$driver_port" >"$work/driver.log" 2>&1 &
pids+=($!)
wait_for 20 answers "http://127.0.0.1:$driver_port/status" || { say "WebKitWebDriver did not start"; cat "$work/driver.log"; exit 1; }

say "WebKitWebDriver and MiniBrowser on display $DISPLAY, bundle $dist"
# In the background and waited for, so a signal to this script stops the run at once.
SMOKE_APP_URL="http://127.0.0.1:$port" SMOKE_DRIVER_URL="http://127.0.0.1:$driver_port" SMOKE_BROWSER="$browser" \
  setsid timeout -k 10 "${SMOKE_TIMEOUT:-900}" node "$here/smoke.mjs" &
pids+=($!)
status=0
wait "$!" || status=$?
if [ "$status" -ne 0 ]; then
  [ "$status" -eq 124 ] && say "FAIL  the run passed its ${SMOKE_TIMEOUT:-900} s deadline"
  if [ -s "$work/driver.log" ]; then say "WebKitWebDriver / MiniBrowser output:"; tail -n 40 "$work/driver.log"; fi
fi
exit "$status"
