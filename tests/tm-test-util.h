/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _TmSession TmSession;

char    *tm_test_make_data_dir   (void);
void     tm_test_view_sessions_as_v4 (gpointer sqlite_db);
void     tm_test_add_bp          (TmSession  *session,
                                  int         minutes_after,
                                  int         systolic,
                                  int         diastolic);
void     tm_test_remove_tree     (const char *path);
GBytes  *tm_test_read_file       (const char *path);
void     tm_test_assert_bytes_equal (GBytes  *a,
                                     GBytes  *b);

/* A pseudo-terminal, for what a program asks on its terminal. With
 * @text NULL, tm_test_read_pty_until() reads what is there now. */
int      tm_test_open_pty        (char      **terminal);
gboolean tm_test_read_pty_until  (int         pty,
                                  GString    *shown,
                                  const char *text);

/* A process holding a data folder's lock (tests/lock-holder.c, found
 * through TIDEMARK_LOCK_HOLDER). */
typedef struct
{
  GPid pid;
  int  in;    /* its input: closing it ends it */
} TmTestHolder;

void     tm_test_holder_start    (TmTestHolder *holder,
                                  const char   *data_dir,
                                  const char   *name);
int      tm_test_holder_stop     (TmTestHolder *holder,
                                  int           signal);

/* Poppler's tools, to read a PDF back: a missing one fails the test, or
 * skips it with TIDEMARK_ALLOW_MISSING_TOOLS (see README). */
gboolean tm_test_have_poppler    (void);
char    *tm_test_run_poppler     (const char *tool,
                                  const char *pdf);

G_END_DECLS
