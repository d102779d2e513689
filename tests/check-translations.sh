#!/bin/sh
# Every translation in po/LINGUAS is valid (msgfmt --check) and complete
# against the strings in the sources today: nothing untranslated, nothing
# fuzzy. Fails naming what is missing.
set -eu
top=${1:?usage: check-translations.sh SOURCE-ROOT}
cd "$top"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The same keywords as meson's "glib" gettext preset.
xgettext --package-name=tidemark --from-code=UTF-8 --add-comments \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dcgettext:2 --keyword=g_dngettext:2,3 --keyword=g_dpgettext2:2c,3 \
  --flag=N_:1:pass-c-format --flag=C_:2:pass-c-format --flag=NC_:2:pass-c-format \
  --flag=g_dngettext:2:pass-c-format --flag=g_strdup_printf:1:c-format \
  --flag=g_string_append_printf:2:c-format --flag=g_set_error:4:c-format \
  --flag=g_printerr:1:c-format --flag=g_print:1:c-format \
  --files-from=po/POTFILES.in --output="$work/tidemark.pot" 2>"$work/xgettext.log" || {
    cat "$work/xgettext.log"
    echo "not ok: xgettext failed"
    exit 1
  }

status=0
for lang in $(cat po/LINGUAS); do
  if ! msgfmt --check --output-file=/dev/null "po/$lang.po"; then
    echo "not ok: po/$lang.po does not pass msgfmt --check"
    status=1
    continue
  fi
  msgmerge --quiet --no-fuzzy-matching --output-file="$work/$lang.po" "po/$lang.po" "$work/tidemark.pot"
  missing=$(msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep -c '^msgid ' || true)
  fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$work/$lang.po" | grep -c '^msgid ' || true)
  # msgattrib's output starts with the header entry when there is anything.
  [ "$missing" -gt 0 ] && missing=$((missing - 1))
  [ "$fuzzy" -gt 0 ] && fuzzy=$((fuzzy - 1))
  if [ "$missing" -gt 0 ] || [ "$fuzzy" -gt 0 ]; then
    echo "not ok: po/$lang.po has $missing untranslated and $fuzzy fuzzy strings:"
    { msgattrib --untranslated --no-obsolete "$work/$lang.po" | grep '^msgid ' | sed 1d
      msgattrib --only-fuzzy --no-obsolete "$work/$lang.po" | grep '^msgid ' | sed 1d; } | head -20
    status=1
  else
    echo "ok: po/$lang.po is complete"
  fi
done
exit $status
