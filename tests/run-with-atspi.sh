#!/bin/sh
# Starts the accessibility bus (at-spi-bus-launcher and, through it, the
# AT-SPI registry) on the session bus that tests/run-with-display.sh made,
# then runs the test with it: for tests that read Tidemark as a screen
# reader does.
#
#   run-with-display.sh run-with-atspi.sh PROGRAM [ARG ...]
set -eu

launcher=/usr/libexec/at-spi-bus-launcher
if [ ! -x "$launcher" ]; then
  echo "1..0 # SKIP at-spi2-core is needed for the AT-SPI test (build-aux/dev test installs it)"
  exit 0
fi

lpid=""
cleanup() {
  [ -n "$lpid" ] && kill "$lpid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

"$launcher" --launch-immediately >/dev/null 2>&1 &
lpid=$!

# The launcher owns org.a11y.Bus once the accessibility bus is up.
i=0
until address=$(gdbus call --session --dest org.a11y.Bus --object-path /org/a11y/bus \
                  --method org.a11y.Bus.GetAddress 2>/dev/null); do
  i=$((i + 1))
  if [ $i -gt 600 ] || ! kill -0 "$lpid" 2>/dev/null; then
    echo "Bail out! at-spi-bus-launcher did not start" >&2
    exit 1
  fi
  sleep 0.1
done
# ('unix:path=…,guid=…',)
address=${address#\(\'}
address=${address%\',\)}
export AT_SPI_BUS_ADDRESS="$address"
unset NO_AT_BRIDGE GTK_A11Y

"$@"
