/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most characters of a value that a message quotes. */
#define TM_QUOTE_MAX_CHARS 80

char *tm_text_quote  (const char *text);
char *tm_text_escape (const char *text);

G_END_DECLS
