#!/bin/sh
# Runs a UI test on its own virtual X display with a private D-Bus session
# bus and private XDG folders, so it passes on a machine with no screen and
# never touches the person's real data or settings.
#
#   run-with-display.sh PROGRAM [ARG ...]
set -eu

run=$(mktemp -d "${TMPDIR:-/tmp}/tidemark-ui-XXXXXX")
xpid=""
bpid=""
cleanup() {
  [ -n "$bpid" ] && kill "$bpid" 2>/dev/null || true
  [ -n "$xpid" ] && kill "$xpid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$run"
}
trap cleanup EXIT INT TERM

if ! command -v Xvfb >/dev/null 2>&1 || ! command -v dbus-daemon >/dev/null 2>&1; then
  echo "1..0 # SKIP Xvfb and dbus-daemon are needed for UI tests (build-aux/dev test installs them)"
  exit 0
fi

# Xvfb picks a free display itself and writes its number to fd 3.
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp -noreset \
  3>"$run/display" >"$run/xvfb.log" 2>&1 &
xpid=$!
i=0
while [ ! -s "$run/display" ]; do
  i=$((i + 1))
  if [ $i -gt 100 ] || ! kill -0 "$xpid" 2>/dev/null; then
    echo "Bail out! Xvfb did not start:" >&2
    cat "$run/xvfb.log" >&2
    exit 1
  fi
  sleep 0.1
done
DISPLAY=":$(cat "$run/display")"

dbus-daemon --session --nofork --nopidfile --address="unix:path=$run/bus" \
  >"$run/dbus.log" 2>&1 &
bpid=$!
i=0
while [ ! -S "$run/bus" ]; do
  i=$((i + 1))
  if [ $i -gt 100 ]; then
    echo "Bail out! dbus-daemon did not start" >&2
    exit 1
  fi
  sleep 0.05
done

mkdir -p "$run/runtime" "$run/data" "$run/config" "$run/cache"
chmod 700 "$run/runtime"

export DISPLAY
export DBUS_SESSION_BUS_ADDRESS="unix:path=$run/bus"
export XDG_RUNTIME_DIR="$run/runtime"
export XDG_DATA_HOME="$run/data"
export XDG_CONFIG_HOME="$run/config"
export XDG_CACHE_HOME="$run/cache"
export GDK_BACKEND=x11
export GSK_RENDERER="${GSK_RENDERER:-cairo}"
export LIBGL_ALWAYS_SOFTWARE=1
unset WAYLAND_DISPLAY

"$@"
