/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Values quoted in messages. What a person typed or a file held goes into
 * sentences that reach a terminal (the command line prints them) or a
 * label; its control characters are shown as escapes, never sent, so a
 * file can't clear or recolour a terminal, set its title, or turn the rest
 * of a line around with a direction mark. */
#define G_LOG_DOMAIN "tm-text"

#include "config.h"

#include "tm-text.h"

/* Characters that change how text around them is shown: the C0 and C1
 * controls, DEL, the bidirectional marks, embeddings, overrides and
 * isolates, and the line and paragraph separators. */
static gboolean
is_hidden_control (gunichar c)
{
  return c < 0x20 || (c >= 0x7f && c <= 0x9f) ||
         c == 0x061c || c == 0x200e || c == 0x200f ||
         (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) ||
         c == 0x2028 || c == 0x2029;
}

/* @text with its controls escaped ("\x1B", "\u202E", and "\xFF" for a
 * byte that is not UTF-8), cut after @max_chars characters with "…" when
 * longer; @max_chars < 0 keeps all of it. */
static char *
quote_for_message (const char *text,
                   glong       max_chars)
{
  GString *out = g_string_new (NULL);
  const char *p = text != NULL ? text : "";
  glong n_chars = 0;

  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (max_chars >= 0 && n_chars == max_chars)
        {
          g_string_append (out, "…");
          break;
        }
      n_chars++;

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guint) (guchar) *p);
          p++;
          continue;
        }
      if (c == '\t')
        g_string_append (out, "\\t");
      else if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c < 0x80 && is_hidden_control (c))
        g_string_append_printf (out, "\\x%02X", (guint) c);
      else if (is_hidden_control (c))
        g_string_append_printf (out, "\\u%04X", (guint) c);
      else
        g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

/**
 * tm_text_quote:
 * @text: (nullable): a value as typed or read
 *
 * Returns: @text for a message: at most %TM_QUOTE_MAX_CHARS of its
 *   characters, then "…", with its control characters escaped.
 */
char *
tm_text_quote (const char *text)
{
  return quote_for_message (text, TM_QUOTE_MAX_CHARS);
}

/**
 * tm_text_escape:
 * @text: (nullable): a file name, or a message that holds one
 *
 * Returns: all of @text, with its control characters escaped.
 */
char *
tm_text_escape (const char *text)
{
  return quote_for_message (text, -1);
}
