#!/bin/sh
# Fails when a source file with translatable strings is missing from
# po/POTFILES.in, when POTFILES.in names a file that does not exist, or
# when it is not sorted.
set -eu
top=${1:?usage: check-potfiles.sh SOURCE-ROOT}
cd "$top"

status=0
listed=$(grep -v '^#' po/POTFILES.in | sed '/^$/d')

found=$({
  grep -lE '(^|[^A-Za-z0-9_])(N_|_|C_|NC_|g_dngettext|ngettext)[[:space:]]*\(' \
    src/core/*.c src/render/*.c src/gui/*.c src/gui/*/*.c 2>/dev/null || true
  grep -l 'translatable="yes"' ui/*.ui ui/*/*.ui 2>/dev/null || true
  ls data/*.gschema.xml data/*.desktop.in.in data/*.metainfo.xml.in.in 2>/dev/null || true
} | LC_ALL=C sort)

for f in $found; do
  if ! printf '%s\n' "$listed" | grep -qx "$f"; then
    echo "not ok: $f has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done

for f in $listed; do
  if [ ! -f "$f" ]; then
    echo "not ok: po/POTFILES.in names $f, which does not exist"
    status=1
  fi
done

if [ "$(printf '%s\n' "$listed" | LC_ALL=C sort)" != "$listed" ]; then
  echo "not ok: po/POTFILES.in is not sorted"
  status=1
fi

[ $status -eq 0 ] && echo "ok: po/POTFILES.in lists every file with translatable strings"
exit $status
