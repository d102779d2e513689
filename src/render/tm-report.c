/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The PDF report for chart review (DESIGN.md, PDF report).
 *
 * Two passes: the first shapes every piece of text once and places it on a
 * page (a table's header row repeats on each page it continues to, a long
 * note breaks between lines), so the number of pages is known; the second
 * draws the pages, with "Page X of Y" at the foot of each. Charts come from
 * the same renderer as the screen, as vectors. The file is written beside
 * the target and renamed over it only once complete. */
#define G_LOG_DOMAIN "tm-report"

#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "tm-chart.h"
#include "tm-file.h"
#include "tm-safety-help.h"
#include "tm-interval.h"
#include "tm-reading-chart.h"
#include "tm-followup-chart.h"
#include "tm-report.h"

#define MARGIN          48.0
#define FOOTER_GAP      22.0
#define CELL_PAD        3.0
#define NOTE_EXCERPT    100
/* No chart label in print is smaller than 7 pt. */
#define CHART_FONT_SIZE (7.0 / TM_CHART_SMALL_TEXT)
#define MEDICINE_LANE_HEIGHT (CHART_FONT_SIZE * 1.7)  /* about a lane of the trend chart */
/* The small blood pressure charts under the sessions table: this many a
 * row, this tall, this far apart. */
#define READINGS_PER_ROW 3
#define READINGS_HEIGHT  112.0
#define READINGS_GAP     14.0

typedef enum
{
  FONT_TITLE,
  FONT_HEADING,
  FONT_BODY,
  FONT_BODY_BOLD,
  FONT_SMALL,
  FONT_SMALL_BOLD,
  N_FONTS
} Font;

typedef enum
{
  OP_TEXT,      /* lines first_line … last_line of a layout */
  OP_CHART,
  OP_FILL,
  OP_RULE,
} OpKind;

typedef enum
{
  CHART_TREND,
  CHART_AFTER_DOSE,
  CHART_INTERVAL,   /* the after-dose curves of every plan period up to the period's end */
  CHART_PHQ9,
  CHART_GAD7,
  CHART_READINGS,   /* one session's blood pressure readings */
  CHART_FOLLOWUP,   /* the monthly follow-ups' answers over the period */
} ChartKind;

typedef struct
{
  OpKind       kind;
  int          page;
  double       x, y, w, h;
  PangoLayout *layout;
  int          first_line;
  int          last_line;   /* inclusive */
  ChartKind    chart;
  double       gray;
  guint        session;     /* CHART_READINGS: into data->sessions */
} Op;

typedef struct
{
  const char *title;
  double      share;        /* of the text width */
} Column;

typedef struct
{
  const TmReportData   *data;
  PangoContext         *context;
  PangoFontDescription *fonts[N_FONTS];
  TmChartStyle          chart_style;
  double                page_width, page_height;
  double                left, width, top, bottom;
  double                y;
  int                   page;       /* from 1 */
  GArray               *ops;
} Report;

static void
clear_op (gpointer pointer)
{
  Op *op = pointer;

  g_clear_object (&op->layout);
}

/* Text */

static PangoFontDescription *
make_font (const char *family,
           double      size,
           gboolean    bold)
{
  PangoFontDescription *font = pango_font_description_from_string (family);

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  return font;
}

static PangoLayout *
new_layout (Report     *r,
            Font        font,
            const char *text,
            double      width)
{
  PangoLayout *layout = pango_layout_new (r->context);

  pango_layout_set_font_description (layout, r->fonts[font]);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int height;

  pango_layout_get_size (layout, NULL, &height);
  return (double) height / PANGO_SCALE;
}

/* Placing */

static void
new_page (Report *r)
{
  r->page++;
  r->y = r->top;
}

/* Starts a new page unless @height fits below (or the page is empty). */
static void
ensure_space (Report *r,
              double  height)
{
  if (r->y + height > r->bottom && r->y > r->top)
    new_page (r);
}

static void
add_op (Report *r,
        Op      op)
{
  op.page = r->page;
  g_array_append_val (r->ops, op);
}

/* A piece of text kept whole, at @x. Takes @layout. */
static void
place_block (Report      *r,
             PangoLayout *layout,
             double       x)
{
  double height = layout_height (layout);

  ensure_space (r, height);
  add_op (r, (Op) { OP_TEXT, 0, x, r->y, 0, height, layout, 0, pango_layout_get_line_count (layout) - 1 });
  r->y += height;
}

/* A piece of text that may break between lines across pages. Takes @layout. */
static void
place_paragraph (Report      *r,
                 PangoLayout *layout,
                 double       x)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  int line = 0, first = 0;
  double first_top = 0;

  do
    {
      PangoRectangle extents;
      double top, height;

      pango_layout_iter_get_line_extents (iter, NULL, &extents);
      top = (double) extents.y / PANGO_SCALE;
      height = (double) extents.height / PANGO_SCALE;

      if (line == 0)
        {
          /* The first line starts a page when it does not fit below. */
          ensure_space (r, height);
          first_top = top;
        }
      else if (r->y + (top - first_top) + height > r->bottom)
        {
          /* Lines first … line - 1 go on this page. */
          add_op (r, (Op) { OP_TEXT, 0, x, r->y, 0, top - first_top, g_object_ref (layout), first, line - 1 });
          new_page (r);
          first = line;
          first_top = top;
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  {
    double rest = layout_height (layout) - first_top;

    add_op (r, (Op) { OP_TEXT, 0, x, r->y, 0, rest, layout, first, line - 1 });
    r->y += rest;
  }
}

static void
gap (Report *r,
     double  height)
{
  if (r->y > r->top)
    r->y += height;
}

static void
rule (Report *r,
      double  gray,
      double  width)
{
  add_op (r, (Op) { OP_RULE, 0, r->left, r->y, r->width, width, NULL, 0, 0, 0, gray });
}

/* A section heading, kept with at least @following points of what comes next. */
static void
heading (Report     *r,
         const char *text,
         double      following)
{
  PangoLayout *layout = new_layout (r, FONT_HEADING, text, r->width);

  gap (r, 14);
  ensure_space (r, layout_height (layout) + 6 + following);
  place_block (r, layout, r->left);
  r->y += 3;
  rule (r, 0.6, 0.6);
  r->y += 5;
}

/* Tables */

/* The height of a row of @layouts: its cells, one per column, and then
 * perhaps a line across them all (a session's note, under its row). */
static double
row_height (GPtrArray *layouts,
            guint      n_columns)
{
  double height = 0;

  for (guint i = 0; i < n_columns; i++)
    height = MAX (height, layout_height (layouts->pdata[i]));
  if (layouts->len > n_columns)
    height += CELL_PAD + layout_height (layouts->pdata[n_columns]);
  return height + 2 * CELL_PAD;
}

/* The layouts of a row of @cells: one for each column, then perhaps one
 * for a line across them. */
static GPtrArray *
shape_row (Report             *r,
           const double       *widths,
           guint               n_columns,
           const char * const *cells,
           Font                font)
{
  GPtrArray *layouts = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint c = 0; c < n_columns; c++)
    g_ptr_array_add (layouts, new_layout (r, font, cells[c], widths[c] - 2 * CELL_PAD));
  if (cells[n_columns] != NULL && cells[n_columns][0] != '\0')
    g_ptr_array_add (layouts, new_layout (r, font, cells[n_columns], r->width - 2 * CELL_PAD));
  return layouts;
}

static void
place_row (Report       *r,
           const double *widths,
           guint         n_columns,
           GPtrArray    *layouts,
           double        height,
           double        fill)
{
  double x = r->left, cells_height = 0;

  if (fill < 1)
    add_op (r, (Op) { OP_FILL, 0, r->left, r->y, r->width, height, NULL, 0, 0, 0, fill });
  for (guint c = 0; c < n_columns; c++)
    {
      PangoLayout *layout = layouts->pdata[c];

      add_op (r, (Op) { OP_TEXT, 0, x + CELL_PAD, r->y + CELL_PAD, 0, layout_height (layout),
                        g_object_ref (layout), 0, pango_layout_get_line_count (layout) - 1 });
      cells_height = MAX (cells_height, layout_height (layout));
      x += widths[c];
    }
  if (layouts->len > n_columns)
    {
      PangoLayout *across = layouts->pdata[n_columns];

      add_op (r, (Op) { OP_TEXT, 0, r->left + CELL_PAD, r->y + 2 * CELL_PAD + cells_height, 0,
                        layout_height (across), g_object_ref (across), 0,
                        pango_layout_get_line_count (across) - 1 });
    }
  r->y += height;
  rule (r, 0.82, 0.4);
}

/* The longest word of @text in @font, so that a header is never broken
 * inside a word ("Medikamente", not "Medikam-ente"). */
static double
longest_word (Report     *r,
              Font        font,
              const char *text)
{
  g_auto(GStrv) words = g_strsplit_set (text != NULL ? text : "", " \n", -1);
  double longest = 0;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = new_layout (r, font, words[i], r->width);
      int width;

      pango_layout_set_width (layout, -1);
      pango_layout_get_size (layout, &width, NULL);
      longest = MAX (longest, (double) width / PANGO_SCALE);
    }
  return longest;
}

/* Each column's share of the width, widened where its header has a word
 * longer than that (in German, say), the room taken from the columns
 * that have more than their header needs. */
static double *
column_widths (Report       *r,
               const Column *columns,
               guint         n_columns)
{
  double *widths = g_new (double, n_columns);
  g_autofree double *needs = g_new (double, n_columns);
  double missing = 0, spare = 0;

  for (guint c = 0; c < n_columns; c++)
    {
      widths[c] = columns[c].share * r->width;
      needs[c] = longest_word (r, FONT_SMALL_BOLD, columns[c].title) + 2 * CELL_PAD + 0.5;
      if (needs[c] > widths[c])
        missing += needs[c] - widths[c];
      else
        spare += widths[c] - needs[c];
    }
  if (missing <= 0 || spare <= 0)
    return widths;

  for (guint c = 0; c < n_columns; c++)
    {
      if (needs[c] > widths[c])
        widths[c] = needs[c] - (spare < missing ? (needs[c] - widths[c]) * (1 - spare / missing) : 0);
      else
        widths[c] -= (widths[c] - needs[c]) * MIN (1.0, missing / spare);
    }
  return widths;
}

/* Rows never break; a row that does not fit goes to the next page, under
 * the header row again. @rows holds NULL-terminated string arrays. */
static void
place_table (Report       *r,
             const Column *columns,
             guint         n_columns,
             GPtrArray    *rows)
{
  g_autofree const char **titles = g_new0 (const char *, n_columns + 1);
  g_autofree double *widths = column_widths (r, columns, n_columns);
  g_autoptr(GPtrArray) joined = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) header = NULL;
  double header_height;

  /* A range in a header ("(0–10)") stays on one line: a word joiner after
   * its dash. */
  for (guint c = 0; c < n_columns; c++)
    {
      g_auto(GStrv) parts = g_strsplit (columns[c].title, "–", -1);
      char *title = g_strjoinv ("–\u2060", parts);

      g_ptr_array_add (joined, title);
      titles[c] = title;
    }
  header = shape_row (r, widths, n_columns, titles, FONT_SMALL_BOLD);
  header_height = row_height (header, n_columns);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) cells = shape_row (r, widths, n_columns, rows->pdata[i], FONT_SMALL);
      double height = row_height (cells, n_columns);

      if (i == 0)
        {
          ensure_space (r, header_height + height);
          place_row (r, widths, n_columns, header, header_height, 0.9);
        }
      else if (r->y + height > r->bottom)
        {
          new_page (r);
          place_row (r, widths, n_columns, header, header_height, 0.9);
        }
      place_row (r, widths, n_columns, cells, height, i % 2 == 1 ? 0.965 : 1);
    }
}

/* Words */

/* A session's time, as it was where it was taken. */
static char *
format_taken (const char *instant)
{
  char *text = tm_instant_format_as_written (instant, "%Y-%m-%d %H:%M");

  return text != NULL ? text : g_strdup (instant);
}

/* When a prompt was shown or answered: on this machine, in its zone. */
static char *
format_instant (const char *instant)
{
  g_autoptr(GDateTime) time = tm_instant_parse (instant);
  g_autoptr(GDateTime) local = time != NULL ? g_date_time_to_local (time) : NULL;

  return local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (instant);
}

/* The day a stored instant fell on here, in full; or the instant. */
static char *
format_instant_day (const char *instant)
{
  g_autofree char *day = instant != NULL ? tm_instant_local_day (instant) : NULL;

  return day != NULL ? tm_day_format_long (day) : g_strdup (instant != NULL ? instant : "");
}

/* Sections */

static void
place_header (Report *r)
{
  const TmReportData *data = r->data;
  g_autofree char *from = tm_day_format_long (data->options.from);
  g_autofree char *to = tm_day_format_long (data->options.to);
  int n_days = data->chart->n_days;
  g_autofree char *period = NULL;
  g_autofree char *generated = NULL;

  place_block (r, new_layout (r, FONT_TITLE, _("Tidemark Report"), r->width), r->left);
  r->y += 4;
  if (data->patient != NULL)
    {
      /* Translators: the person the report is about */
      g_autofree char *who = g_strdup_printf (_("Name or ID: %s"), data->patient);

      place_block (r, new_layout (r, FONT_BODY_BOLD, who, r->width), r->left);
    }
  period = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Period: %s to %s (%d day)",
                                         "Period: %s to %s (%d days)", n_days),
                            from, to, n_days);
  place_block (r, new_layout (r, FONT_BODY, period, r->width), r->left);
  /* Translators: "Generated on 28 November 2026 at 09:14 by Tidemark 0.1.0" */
  generated = g_strdup_printf (_("Generated on %s by Tidemark %s"), data->generated, PACKAGE_VERSION);
  place_block (r, new_layout (r, FONT_SMALL, generated, r->width), r->left);
  r->y += 2;
  place_block (r, new_layout (r, FONT_SMALL, tm_intended_purpose (), r->width), r->left);
}

static char *
describe_plan (const TmPlan *plan)
{
  g_autofree char *terms = tm_plan_describe (plan);
  GString *text = g_string_new (terms);

  g_string_append (text, ". ");
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "A session counts as on time up to %d day either side.",
                                             "A session counts as on time up to %d days either side.",
                                             plan->tolerance_days),
                          plan->tolerance_days);
  if (plan->instructions != NULL)
    {
      g_string_append_c (text, ' ');
      g_string_append (text, plan->instructions);
    }
  if (plan->created_at != NULL)
    {
      g_autofree char *entered = format_instant_day (plan->created_at);

      g_string_append_c (text, '\n');
      /* Translators: when a plan row was added, behind the clinician PIN */
      g_string_append_printf (text, _("Entered in clinician mode on %s."), entered);
    }
  return g_string_free (text, FALSE);
}

/* Each time the clinician PIN was reset from the patient's side: after one,
 * whoever used the computer chose the next PIN. */
static char *
describe_pin_resets (GStrv resets)
{
  GString *text;

  if (resets == NULL || resets[0] == NULL)
    return g_strdup (_("Never reset from the patient's side."));
  text = g_string_new (NULL);
  for (guint i = 0; resets[i] != NULL; i++)
    {
      g_autofree char *day = format_instant_day (resets[i]);

      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Reset from the patient's side on %s."), day);
    }
  return g_string_free (text, FALSE);
}

/* "4 of 27, minimal, on … PHQ-9: lower is better." */
static char *
with_direction (const char *text,
                TmScale     scale)
{
  return g_strdup_printf ("%s. %s", text, tm_scale_get_direction (scale));
}

static char *
describe_questionnaire (const TmQuestionnaire *q,
                        TmQuestionnaireKind    kind)
{
  g_autofree char *day = NULL;

  if (q == NULL)
    return g_strdup_printf (_("No %s in this period"), tm_questionnaire_kind_get_name (kind));

  day = tm_day_format_long (q->day);
  /* Translators: "9 of 27, mild, on Monday 16 November 2026" */
  return g_strdup_printf (_("%d of %d, %s, on %s"), q->total, tm_questionnaire_kind_get_max_total (kind),
                          tm_band_get_label (tm_questionnaire_get_band (q)), day);
}

static char *
describe_events (GPtrArray *events)
{
  int counts[TM_LEVEL_URGENT + 1] = { 0 };

  if (events->len == 0)
    return g_strdup (_("None"));

  for (guint i = 0; i < events->len; i++)
    counts[((TmSafetyEvent *) events->pdata[i])->level]++;
  /* Translators: "18 in all: 3 urgent, 15 caution, 0 for information" */
  return g_strdup_printf (_("%u in all: %d urgent, %d caution, %d for information"), events->len,
                          counts[TM_LEVEL_URGENT], counts[TM_LEVEL_CAUTION], counts[TM_LEVEL_INFO]);
}

static void
place_summary_line (Report     *r,
                    const char *label,
                    const char *value)
{
  double label_width = r->width * 0.26;
  PangoLayout *name = new_layout (r, FONT_BODY_BOLD, label, label_width - 8);
  PangoLayout *text = new_layout (r, FONT_BODY, value, r->width - label_width);
  double height = MAX (layout_height (name), layout_height (text));

  ensure_space (r, height);
  add_op (r, (Op) { OP_TEXT, 0, r->left, r->y, 0, height, name, 0, pango_layout_get_line_count (name) - 1 });
  add_op (r, (Op) { OP_TEXT, 0, r->left + label_width, r->y, 0, height, text, 0,
                    pango_layout_get_line_count (text) - 1 });
  r->y += height + 3;
}

/* "9 Nov", with the year when it is not that of @as_of. */
static char *
format_short_day (const char *day,
                  const char *as_of)
{
  if (strncmp (day, as_of, 4) == 0)
    return tm_day_format (day, _("%-d %b"));
  /* Translators: a strftime format for a day in another year: "9 Nov 2025" */
  return tm_day_format (day, _("%-d %b %Y"));
}

/* "Last dose: 9 Nov (25 days ago). Next planned: 10 Dec." As of the end of
 * the period when it ended before today. */
static char *
describe_last_dose (const TmReportData *data)
{
  g_autofree char *today = tm_day_today ();
  gboolean now = strcmp (data->as_of, today) == 0;
  GString *text = g_string_new (NULL);

  if (data->last_dose[0] == '\0')
    g_string_append (text, now ? _("No dose logged yet.") : _("No dose logged by the end of the period."));
  else
    {
      g_autofree char *day = format_short_day (data->last_dose, data->as_of);
      int days = MAX (0, tm_day_diff (data->last_dose, data->as_of));

      if (now && days == 0)
        g_string_append_printf (text, _("Last dose: %s (today)."), day);
      else if (now)
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "Last dose: %s (%d day ago).",
                                                   "Last dose: %s (%d days ago).", days),
                                day, days);
      else
        g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                   "Last dose by the end of the period: %s (%d day before it).",
                                                   "Last dose by the end of the period: %s (%d days before it).",
                                                   days),
                                day, days);
    }

  g_string_append_c (text, ' ');
  if (data->next_planned[0] == '\0')
    g_string_append (text, _("No plan entered."));
  else
    {
      g_autofree char *day = format_short_day (data->next_planned, data->as_of);

      if (data->next_is_due)
        g_string_append_printf (text, _("Next planned: %s, due (its window is still open)."), day);
      else
        g_string_append_printf (text, _("Next planned: %s."), day);
    }
  return g_string_free (text, FALSE);
}

static const char *
attention_label (TmAttentionKind kind)
{
  switch (kind)
    {
    case TM_ATTENTION_URGENT_PROMPT:
      return _("Urgent prompts");
    case TM_ATTENTION_HELP_NOW:
      /* Translators: prompts answered with "I need help now" */
      return _("“I need help now”");
    case TM_ATTENTION_PHQ9_ITEM9:
      return _("PHQ-9 item 9 above 0");
    case TM_ATTENTION_UNANSWERED:
      return _("Prompts not answered");
    case TM_ATTENTION_SESSION:
      return _("Beyond or above the plan, or by another route");
    case TM_ATTENTION_HIGHEST_BP:
      return _("Highest blood pressure after a dose");
    case TM_ATTENTION_HOME_ALONE:
    default:
      return _("At home with nobody present (self-reported)");
    }
}

/* "Answer: I need help now, 2026-11-09 10:05" */
static char *
describe_answer_sentence (const TmSafetyEvent *e)
{
  TmAnswer answer;
  g_autofree char *when = NULL;

  if (e->answer == NULL || !tm_answer_from_string (e->answer, &answer))
    return g_strdup (_("Not answered."));
  if (answer == TM_ANSWER_IMPORTED)
    return g_strdup_printf ("%s.", tm_answer_get_label (answer));
  when = e->answered_at != NULL ? format_instant (e->answered_at) : g_strdup ("—");
  /* Translators: how a safety prompt was answered, and when */
  return g_strdup_printf (_("Answer: %s, %s"), tm_answer_get_label (answer), when);
}

/* "2026-10-29 11:30 · Urgent · Blood pressure (S5): what raised it" */
static char *
describe_prompt (const TmSafetyEvent *e,
                 gboolean             with_answer)
{
  g_autofree char *shown = format_instant (e->shown_at);
  g_autofree char *answer = with_answer ? describe_answer_sentence (e) : NULL;
  GString *text = g_string_new (NULL);

  /* Translators: a safety prompt: when it was shown, its level, its name and rule */
  g_string_append_printf (text, _("%s · %s · %s (%s)"), shown, tm_level_get_label (e->level),
                          tm_rule_get_name (e->rule), tm_rule_to_string (e->rule));
  if (e->detail != NULL)
    g_string_append_printf (text, ": %s", e->detail);
  if (answer != NULL)
    g_string_append_printf (text, "\n%s", answer);
  return g_string_free (text, FALSE);
}

/* "2026-10-29 10:00 · 50 mg Sublingual" */
static char *
describe_dose (const TmSession *s)
{
  g_autofree char *when = format_taken (s->taken_at);
  g_autofree char *dose = tm_format_dose (s->dose_mg);

  /* Translators: a session: when, the dose in mg, the route */
  return g_strdup_printf (_("%s · %s mg %s"), when, dose, tm_route_get_label (s->route));
}

static char *
describe_attention (const TmReportData *data,
                    const TmAttention  *attention)
{
  switch (attention->kind)
    {
    case TM_ATTENTION_URGENT_PROMPT:
    case TM_ATTENTION_HELP_NOW:
      return describe_prompt (TM_SAFETY_EVENT (attention->record), TRUE);
    case TM_ATTENTION_UNANSWERED:
      return describe_prompt (TM_SAFETY_EVENT (attention->record), FALSE);
    case TM_ATTENTION_PHQ9_ITEM9:
      {
        const TmQuestionnaire *q = TM_QUESTIONNAIRE (attention->record);
        g_autofree char *day = tm_day_format_long (q->day);
        int value = q->answers[tm_questionnaire_kind_get_n_items (TM_QUESTIONNAIRE_PHQ9) - 1];

        /* Translators: "Monday 16 November 2026: “Several days” (1 of 3). Total 8 of 27, mild." */
        return g_strdup_printf (_("%s: “%s” (%d of 3). Total %d of %d, %s."), day,
                                tm_questionnaire_get_answer_label (value), value, q->total,
                                tm_questionnaire_kind_get_max_total (TM_QUESTIONNAIRE_PHQ9),
                                tm_band_get_label (tm_questionnaire_get_band (q)));
      }
    case TM_ATTENTION_SESSION:
      {
        const TmSessionStatus *status = &g_array_index (data->session_status, TmSessionStatus, attention->session);
        g_autofree char *dose = describe_dose (TM_SESSION (attention->record));
        g_autofree char *words = tm_session_status_describe (status);
        g_autofree char *plan_dose = tm_format_dose (status->plan_dose_mg);

        /* Translators: "2026-10-29 10:00 · 50 mg Sublingual · route differs. Plan: 50 mg Oral." */
        return g_strdup_printf (_("%s · %s. Plan: %s mg %s."), dose, words, plan_dose,
                                tm_route_get_label (status->plan_route));
      }
    case TM_ATTENTION_HIGHEST_BP:
      {
        const TmSession *s = TM_SESSION (attention->record);
        const TmSessionReading *r = tm_session_get_highest_bp_after (s);
        g_autofree char *bp = tm_format_blood_pressure (r->bp_sys, r->bp_dia);
        g_autofree char *when = format_taken (s->taken_at);

        /* Translators: "186/104 mmHg 40 minutes after the dose of 2026-10-29 10:00" */
        return g_strdup_printf (_("%s mmHg %d minutes after the dose of %s"), bp, r->minutes_after, when);
      }
    case TM_ATTENTION_HOME_ALONE:
    default:
      return describe_dose (TM_SESSION (attention->record));
    }
}

/* Page 1 opens with what a prescriber reads first (DESIGN.md, Clinically
 * right, Report page 1). */
static void
place_attention (Report *r)
{
  const TmReportData *data = r->data;
  g_autofree char *last_dose = describe_last_dose (data);

  heading (r, _("Needs Attention"), 40);
  place_block (r, new_layout (r, FONT_BODY_BOLD, last_dose, r->width), r->left);
  r->y += 6;

  if (data->attention->len == 0)
    {
      place_block (r, new_layout (r, FONT_BODY, _("Nothing needs attention in this period."), r->width),
                   r->left);
      return;
    }

  for (guint i = 0; i < data->attention->len; i++)
    {
      const TmAttention *attention = &g_array_index (data->attention, TmAttention, i);
      gboolean first = i == 0 || g_array_index (data->attention, TmAttention, i - 1).kind != attention->kind;
      g_autofree char *text = describe_attention (data, attention);

      place_summary_line (r, first ? attention_label (attention->kind) : "", text);
    }
}

/* "Thursday 12 November 2026; Thursday 26 November 2026" */
static char *
describe_missed (GStrv days)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; days[i] != NULL; i++)
    {
      g_autofree char *day = tm_day_format_long (days[i]);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, day);
    }
  return g_string_free (text, FALSE);
}

static void
place_summary (Report *r)
{
  const TmReportData *data = r->data;
  const TmChartData *chart = data->chart;
  const TmAdherence *a = &chart->adherence;
  g_autofree char *days = NULL;
  g_autofree char *sessions = NULL;
  g_autofree char *mood = NULL;
  g_autofree char *mood_better = NULL;
  g_autofree char *written = NULL;
  g_autofree char *phq9_text = describe_questionnaire (data->phq9, TM_QUESTIONNAIRE_PHQ9);
  g_autofree char *gad7_text = describe_questionnaire (data->gad7, TM_QUESTIONNAIRE_GAD7);
  g_autofree char *phq9 = with_direction (phq9_text, TM_SCALE_PHQ9);
  g_autofree char *gad7 = with_direction (gad7_text, TM_SCALE_GAD7);
  g_autofree char *events = describe_events (data->events);

  heading (r, _("Summary"), 60);

  if (tm_report_data_is_empty (data))
    {
      place_block (r, new_layout (r, FONT_BODY_BOLD,
                                  _("No check-ins, sessions or questionnaires were recorded in this period."),
                                  r->width),
                   r->left);
      r->y += 6;
    }

  if (data->plans->len == 0)
    place_summary_line (r, _("Plan"), _("No maintenance plan was in force in this period."));
  for (guint i = 0; i < data->plans->len; i++)
    {
      g_autofree char *plan = describe_plan (data->plans->pdata[i]);

      place_summary_line (r, i == 0 ? (data->plans->len == 1 ? _("Plan") : _("Plans")) : "", plan);
    }
  if (data->plans->len > 0 || (data->pin_resets != NULL && data->pin_resets[0] != NULL))
    {
      g_autofree char *resets = describe_pin_resets (data->pin_resets);

      place_summary_line (r, _("Clinician PIN"), resets);
    }

  /* Translators: "331 of 365 days (91 %)" */
  days = g_strdup_printf (_("%d of %d days (%.0f %%)"), chart->n_checked_in, chart->n_days,
                          100.0 * chart->n_checked_in / MAX (1, chart->n_days));
  place_summary_line (r, _("Days checked in"), days);
  written = g_strdup_printf (_("Back-filled (written more than a day after the day they describe): %d. "
                               "Changed after they were first saved: %d."),
                             data->n_backfilled, data->n_edited);
  place_summary_line (r, _("Check-ins written later"), written);

  /* Translators: the sessions against the plan in the period */
  sessions = g_strdup_printf (_("%d planned with their window closed: %d taken on time, %d late, %d missed. "
                                "%d beyond the plan. %d logged in all."),
                              a->planned, a->on_time, a->late, a->missed, a->extra, (int) data->sessions->len);
  place_summary_line (r, _("Sessions"), sessions);
  if (data->missed[0] != NULL)
    {
      g_autofree char *missed = describe_missed (data->missed);

      place_summary_line (r, _("Missed planned days"), missed);
    }

  if (chart->n_checked_in == 0)
    mood = g_strdup (_("No check-ins in this period"));
  else if (data->previous->n_checked_in == 0)
    mood = g_strdup_printf (_("%.1f of 10; no check-ins in the %d days before"), chart->mean_mood,
                            chart->n_days);
  else
    mood = g_strdup_printf (_("%.1f of 10; %.1f in the %d days before"), chart->mean_mood,
                            data->previous->mean_mood, chart->n_days);
  mood_better = with_direction (mood, TM_SCALE_MOOD);
  place_summary_line (r, _("Mean mood"), mood_better);
  place_summary_line (r, _("Latest PHQ-9"), phq9);
  place_summary_line (r, _("Latest GAD-7"), gad7);
  place_summary_line (r, _("Safety prompts"), events);
}

/* A chart under its heading (when given) and over its caption, all on one
 * page. */
static void
place_chart (Report     *r,
             const char *title,
             ChartKind   kind,
             double      height,
             const char *caption)
{
  PangoLayout *layout = caption != NULL ? new_layout (r, FONT_SMALL, caption, r->width) : NULL;
  double below = layout != NULL ? layout_height (layout) + 4 : 0;

  if (title != NULL)
    heading (r, title, height + below);
  ensure_space (r, height + below);
  add_op (r, (Op) { OP_CHART, 0, r->left, r->y, r->width, height, NULL, 0, 0, kind });
  r->y += height + 4;
  if (layout != NULL)
    place_block (r, layout, r->left);
}

static void
place_charts (Report *r)
{
  int n_lanes = r->data->chart->n_medicine_lanes;
  /* The medicines' lanes add to the chart, so the plot keeps its height. */
  double trend_height = 230 + MIN (n_lanes, 4) * MEDICINE_LANE_HEIGHT;
  TmChartLayout layout;
  g_autofree char *trend = NULL;
  g_autofree char *after_dose = tm_after_dose_chart_describe (r->data->chart);

  /* The caption says what the chart shows at the width it is printed. */
  tm_trend_chart_layout (r->data->chart, &r->chart_style, TM_SERIES_DEFAULT, r->width, trend_height, &layout);
  trend = tm_trend_chart_describe (r->data->chart, &r->chart_style, TM_SERIES_DEFAULT, &layout);

  place_chart (r, _("Mood Against the Plan"), CHART_TREND, trend_height, trend);
  place_chart (r, _("Mood After a Session"), CHART_AFTER_DOSE, 180, after_dose);
}

/* The PHQ-9 and GAD-7 charts, and each result of the period in a table. */
static void
place_questionnaires (Report *r)
{
  const Column columns[] = {
    { N_("Day"), 0.34 }, { N_("Questionnaire"), 0.16 }, { N_("Total"), 0.14 }, { N_("Severity"), 0.36 },
  };
  Column translated[G_N_ELEMENTS (columns)];
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const TmReportData *data = r->data;

  g_autofree char *lines = data->chart->phq9->len > 0 ? tm_phq9_describe_lines (&data->chart->phq9_baseline) : NULL;
  g_autofree char *phq9_caption = lines != NULL ? g_strdup_printf ("%s %s", lines,
                                                                    tm_scale_get_direction (TM_SCALE_PHQ9))
                                                 : g_strdup (tm_scale_get_direction (TM_SCALE_PHQ9));

  place_chart (r, _("Questionnaires"), CHART_PHQ9, 120, phq9_caption);
  r->y += 6;
  place_chart (r, NULL, CHART_GAD7, 120, tm_scale_get_direction (TM_SCALE_GAD7));
  gap (r, 6);
  if (data->questionnaires->len == 0)
    {
      place_block (r, new_layout (r, FONT_BODY, _("No PHQ-9 or GAD-7 was answered in this period."), r->width),
                   r->left);
      return;
    }

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    translated[c] = (Column) { _(columns[c].title), columns[c].share };
  for (guint i = 0; i < data->questionnaires->len; i++)
    {
      const TmQuestionnaire *q = data->questionnaires->pdata[i];
      char **cells = g_new0 (char *, G_N_ELEMENTS (columns) + 2);

      cells[0] = tm_day_format_long (q->day);
      cells[1] = g_strdup (tm_questionnaire_kind_get_name (q->kind));
      /* Translators: a questionnaire's total: "9 of 27" */
      cells[2] = g_strdup_printf (_("%d of %d"), q->total, tm_questionnaire_kind_get_max_total (q->kind));
      cells[3] = g_strdup (tm_band_get_label (tm_questionnaire_get_band (q)));
      g_ptr_array_add (rows, cells);
    }
  place_table (r, translated, G_N_ELEMENTS (columns), rows);
}

/* What a follow-up noted: each item answered above 0, with its answer. */
static char *
describe_followup (const TmQuestionnaire *q)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < tm_questionnaire_kind_get_n_items (q->kind); i++)
    if (q->answers[i] > 0)
      {
        if (text->len > 0)
          g_string_append (text, "; ");
        /* Translators: a follow-up item and its answer: "Cravings for ketamine: a little" */
        g_string_append_printf (text, _("%s: %s"), tm_questionnaire_get_item (q->kind, i),
                                tm_questionnaire_get_item_answer_label (q->kind, i, q->answers[i]));
      }
  if (text->len == 0)
    g_string_append (text, _("Nothing noted"));
  return g_string_free (text, FALSE);
}

/* The monthly follow-ups of the period: the chart of answers over time,
 * then each one's answers in a table. */
static void
place_followups (Report *r)
{
  const Column columns[] = {
    { N_("Day"), 0.30 }, { N_("Noted"), 0.52 }, { N_("Tolerated"), 0.18 },
  };
  Column translated[G_N_ELEMENTS (columns)];
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const TmReportData *data = r->data;

  gap (r, 10);
  heading (r, _("Monthly Follow-up"), 60);
  if (data->followups->len == 0)
    {
      place_block (r, new_layout (r, FONT_BODY, _("No follow-up was answered in this period."), r->width),
                   r->left);
      return;
    }
  place_chart (r, NULL, CHART_FOLLOWUP, tm_followup_chart_get_height (&r->chart_style),
               _("Each follow-up a column, each item a row: grey for no, pale for a little, strong for a "
                 "lot or yes. Under them, how well the treatment was tolerated, from 0 (very badly) to 10 "
                 "(very well)."));
  gap (r, 6);

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    translated[c] = (Column) { _(columns[c].title), columns[c].share };
  for (guint i = 0; i < data->followups->len; i++)
    {
      const TmQuestionnaire *q = data->followups->pdata[i];
      char **cells = g_new0 (char *, G_N_ELEMENTS (columns) + 2);

      cells[0] = tm_day_format_long (q->day);
      cells[1] = describe_followup (q);
      /* Translators: how well the treatment is tolerated, 0 very badly to 10 very well: "7 of 10" */
      cells[2] = g_strdup_printf (_("%d of %d"), q->tolerance, TM_FOLLOWUP_TOLERANCE_MAX);
      g_ptr_array_add (rows, cells);
    }
  place_table (r, translated, G_N_ELEMENTS (columns), rows);
}

/* The evidence about the interval */

/* The period table: the measures down, the periods side by side. */
static void
place_evidence_table (Report                *r,
                      const TmIntervalTable *table)
{
  guint n = table->periods->len;
  g_autofree Column *columns = g_new0 (Column, n + 1);

  columns[0] = (Column) { tm_interval_table_heading (), 0.28 };
  for (guint p = 0; p < n; p++)
    columns[p + 1] = (Column) { table->names->pdata[p], 0.72 / n };
  place_table (r, columns, n + 1, table->rows);
}

/* How mood moved across the interval in each plan period, in a chart, a
 * table and one plain sentence each: what was recorded, never advice. */
static void
place_evidence (Report *r)
{
  const TmIntervalEvidence *evidence = r->data->whole != NULL ? r->data->whole->after_dose : NULL;
  g_autoptr(TmIntervalTable) table = NULL;
  g_autofree char *caption = NULL;

  if (evidence == NULL || (table = tm_interval_table_new (evidence, 4))->periods->len == 0)
    return;

  {
    g_autofree char *evidence_caption = tm_interval_evidence_caption (evidence);
    g_autofree char *shown = tm_after_dose_chart_describe_shown (r->data->whole);

    caption = shown != NULL ? g_strjoin (" ", evidence_caption, shown, NULL) : g_steal_pointer (&evidence_caption);
  }
  place_chart (r, _("Evidence About the Interval"), CHART_INTERVAL, 200, caption);
  gap (r, 6);
  place_evidence_table (r, table);
  gap (r, 6);
  for (guint p = 0; p < table->periods->len; p++)
    {
      g_autofree char *sentence = tm_interval_period_describe (table->periods->pdata[p]);

      place_paragraph (r, new_layout (r, FONT_BODY, sentence, r->width), r->left);
      gap (r, 3);
    }
}

static char *
format_rating (int value)
{
  return value >= 0 ? g_strdup_printf ("%d", value) : g_strdup ("—");
}

static char *
format_effects (const TmSession *s)
{
  g_autofree char *effects = tm_effects_describe (s->effects, TM_WORDING_SHOWN, "; ");
  GString *text = g_string_new (effects);

  if (s->effects_minutes >= 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* Translators: how long the effects lasted */
      g_string_append_printf (text, _("(%d min)"), s->effects_minutes);
    }
  if (text->len == 0)
    g_string_append (text, _("None"));
  return g_string_free (text, FALSE);
}

static const char *
severity_word (int value)
{
  return value >= 0 && value < TM_N_SEVERITIES ? tm_severity_get_label (value) : "—";
}

static char *
format_medicines (guint medicines)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < TM_N_MEDICINES; i++)
    if (medicines & (1u << i))
      {
        if (text->len > 0)
          g_string_append (text, "; ");
        g_string_append (text, tm_medicine_get_label (i));
      }
  if (text->len == 0)
    g_string_append (text, _("None"));
  return g_string_free (text, FALSE);
}

/* Each reading's blood pressure, a line each with when: "0′ 128/82". */
static char *
format_blood_pressures (const TmSession *s)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < s->readings->len; i++)
    {
      const TmSessionReading *r = s->readings->pdata[i];
      g_autofree char *bp = NULL;

      if (!tm_session_reading_has_bp (r))
        continue;
      bp = tm_format_blood_pressure (r->bp_sys, r->bp_dia);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a reading in the report's sessions table, minutes after the dose and the
       * blood pressure, kept on one line: "40′ 142/90" */
      g_string_append_printf (text, _("%d′ %s"), r->minutes_after, bp);
    }
  if (text->len == 0)
    g_string_append (text, "—");
  return g_string_free (text, FALSE);
}

/* Whether someone was with them, for how long they were monitored (or
 * someone stayed), and at a clinic when they would have been ready to
 * leave: the fields a clinic's monitoring form asks for. */
static char *
format_monitoring (const TmSession *s)
{
  GString *text = g_string_new (s->monitor_present ? _("Yes") : _("No"));

  if (s->monitored_minutes != TM_UNSET)
    /* Translators: how long a session was monitored, in the report: "150 min" */
    g_string_append_printf (text, _("\n%d min"), s->monitored_minutes);
  if (s->setting == TM_SETTING_CLINIC && s->ready_minutes != TM_UNSET)
    /* Translators: when the person would have been ready to leave, in the report */
    g_string_append_printf (text, _("\nReady to leave: %d min"), s->ready_minutes);
  return g_string_free (text, FALSE);
}

/* The notes under a session's row: its note, and with the notes the
 * intention, reflection and next-day note. */
static char *
format_session_notes (const TmSession *s,
                      gboolean         with_notes)
{
  const struct { const char *label; const char *text; gboolean always; } notes[] = {
    /* Translators: a session's notes, under its row in the report */
    { NC_("session note", "Intention"), s->intention, FALSE },
    { NC_("session note", "Reflection"), s->reflection, FALSE },
    { NC_("session note", "The next day"), s->next_day_note, FALSE },
    { NC_("session note", "Note"), s->note, TRUE },
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (notes); i++)
    {
      g_autofree char *excerpt = NULL;

      if (notes[i].text == NULL || (!notes[i].always && !with_notes))
        continue;
      excerpt = tm_note_excerpt (notes[i].text, NOTE_EXCERPT * 2);
      if (text->len > 0)
        g_string_append (text, "  ");
      /* Translators: a session's note under its row in the report: "Reflection: calmer" */
      g_string_append_printf (text, C_("session note", "%s: %s"), g_dpgettext2 (NULL, "session note", notes[i].label),
                              excerpt);
    }
  if (text->len == 0)
    {
      g_string_free (text, TRUE);
      return NULL;
    }
  return g_string_free (text, FALSE);
}

/* One row of the sessions table, and its notes under it. */
static char **
session_cells (const TmSession       *s,
               const TmSessionStatus *status,
               gboolean               with_notes,
               guint                  n_columns)
{
  g_autofree char *when = format_taken (s->taken_at);
  g_autofree char *dose = tm_format_dose (s->dose_mg);
  g_autofree char *words = tm_session_status_describe (status);
  char **cells = g_new0 (char *, n_columns + 2);

  cells[0] = g_strdup_printf ("%s\n%s", when, words);
  /* Translators: a session's dose in milligrams, route and setting, one a line */
  cells[1] = g_strdup_printf (_("%s mg\n%s\n%s"), dose, tm_route_get_label (s->route),
                              tm_setting_get_label (s->setting));
  cells[2] = status->days_since_previous >= 0 ? g_strdup_printf ("%d", status->days_since_previous)
                                              : g_strdup ("—");
  cells[3] = format_monitoring (s);
  cells[4] = format_rating (s->mood_before);
  cells[5] = format_rating (s->dissociation_peak);
  cells[6] = format_effects (s);
  /* Translators: nausea and sedation, one a line: "Nausea: mild" */
  cells[7] = g_strdup_printf (_("Nausea: %s\nSedation: %s"), severity_word (s->nausea),
                              severity_word (s->sedation));
  cells[8] = format_blood_pressures (s);
  cells[9] = format_medicines (s->other_medicines);
  cells[10] = format_session_notes (s, with_notes);
  return cells;
}

/* One row of small blood pressure charts, each under its session's time
 * and dose, kept together on a page. */
static void
place_reading_row (Report      *r,
                   const guint *sessions,
                   guint        n,
                   double       cell_width)
{
  PangoLayout *titles[READINGS_PER_ROW] = { NULL };
  double titles_height = 0;

  for (guint j = 0; j < n; j++)
    {
      g_autofree char *title = describe_dose (r->data->sessions->pdata[sessions[j]]);

      titles[j] = new_layout (r, FONT_SMALL_BOLD, title, cell_width);
      titles_height = MAX (titles_height, layout_height (titles[j]));
    }

  ensure_space (r, titles_height + 2 + READINGS_HEIGHT);
  for (guint j = 0; j < n; j++)
    {
      double x = r->left + j * (cell_width + READINGS_GAP);

      add_op (r, (Op) { .kind = OP_TEXT, .x = x, .y = r->y, .h = layout_height (titles[j]), .layout = titles[j],
                        .last_line = pango_layout_get_line_count (titles[j]) - 1 });
      add_op (r, (Op) { .kind = OP_CHART, .x = x, .y = r->y + titles_height + 2, .w = cell_width,
                        .h = READINGS_HEIGHT, .chart = CHART_READINGS, .session = sessions[j] });
    }
  r->y += titles_height + 2 + READINGS_HEIGHT + READINGS_GAP;
}

/* Small multiples under the sessions table: for each session with two
 * blood pressure readings or more, its readings over the minutes after
 * the dose, on scales of their own. */
static void
place_reading_charts (Report *r)
{
  const TmReportData *data = r->data;
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (guint));
  double cell_width = (r->width - (READINGS_PER_ROW - 1) * READINGS_GAP) / READINGS_PER_ROW;
  PangoLayout *title, *caption;

  for (guint i = 0; i < data->sessions->len; i++)
    if (tm_reading_chart_count_bp (((TmSession *) data->sessions->pdata[i])->readings) >= 2)
      g_array_append_val (shown, i);
  if (shown->len == 0)
    return;

  title = new_layout (r, FONT_BODY_BOLD, _("Blood Pressure Through Each Session"), r->width);
  caption = new_layout (r, FONT_SMALL,
                        _("Each session with two blood pressure readings or more: systolic (the upper line) and "
                          "diastolic in mmHg, by minutes after the dose, 0 being before it. Dashed: the urgent "
                          "lines after a dose, 180 systolic and 110 diastolic."),
                        r->width);
  gap (r, 14);
  /* The title and caption stay with the first row. */
  ensure_space (r, layout_height (title) + 2 + layout_height (caption) + 8 + 2 * layout_height (title) +
                   READINGS_HEIGHT);
  place_block (r, title, r->left);
  r->y += 2;
  place_block (r, caption, r->left);
  r->y += 8;

  for (guint start = 0; start < shown->len; start += READINGS_PER_ROW)
    place_reading_row (r, &g_array_index (shown, guint, start), MIN (READINGS_PER_ROW, shown->len - start),
                       cell_width);
}

/* Regular medicines */

/* "2", or with four or fewer the days too: "2: 3 Nov, 17 Nov". */
static char *
describe_sessions_while_taken (GStrv       days,
                               const char *as_of)
{
  guint n = g_strv_length (days);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, "%u", n);
  if (n == 0 || n > 4)
    return g_string_free (text, FALSE);

  g_string_append (text, ": ");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *day = format_short_day (days[i], as_of);

      if (i > 0)
        /* Translators: between the days in a list: "3 Nov, 17 Nov" */
        g_string_append (text, _(", "));
      g_string_append (text, day);
    }
  return g_string_free (text, FALSE);
}

static char **
medicine_cells (const TmReportMedicine *m,
                const char             *as_of,
                guint                   n_columns)
{
  char **cells = g_new0 (char *, n_columns + 2);
  char *dose = tm_regular_medicine_describe_dose (m->row);

  cells[0] = g_strdup (m->row->name);
  cells[1] = dose != NULL ? dose : g_strdup ("—");
  cells[2] = g_strdup (m->row->schedule != NULL ? m->row->schedule : "—");
  cells[3] = g_strdup (tm_medicine_kind_get_label (m->row->kind));
  cells[4] = format_short_day (m->row->started_on, as_of);
  if (m->last_day == NULL)
    cells[5] = g_strdup ("—");
  else
    {
      g_autofree char *last = format_short_day (m->last_day, as_of);

      /* Translators: the last day of a medicine's row that a change of its dose or
       * schedule replaced: "28 Sep, then changed" */
      cells[5] = m->changed ? g_strdup_printf (_("%s, then changed"), last) : g_steal_pointer (&last);
    }
  cells[6] = describe_sessions_while_taken (m->session_days, as_of);
  return cells;
}

/* The regular medicines of the period, before the sessions they may bear
 * on; nothing when none was recorded for its days. */
static void
place_medicines (Report *r)
{
  const Column columns[] = {
    { N_("Medicine"), 0.19 }, { N_("Dose"), 0.10 }, { N_("Schedule"), 0.15 }, { N_("Kind"), 0.14 },
    { N_("Started"), 0.10 }, { N_("Stopped"), 0.14 }, { N_("Sessions while taken"), 0.18 },
  };
  Column translated[G_N_ELEMENTS (columns)];
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const TmReportData *data = r->data;

  if (data->medicines->len == 0)
    return;

  heading (r, _("Regular Medicines"), 40);
  place_block (r, new_layout (r, FONT_SMALL,
                              _("As recorded, each change of dose or schedule a row of its own. Sessions "
                                "while taken: the sessions of this period on days the row was in effect, "
                                "with their days when there are four or fewer."),
                              r->width),
               r->left);
  r->y += 4;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    translated[c] = (Column) { _(columns[c].title), columns[c].share };
  for (guint i = 0; i < data->medicines->len; i++)
    g_ptr_array_add (rows, medicine_cells (&g_array_index (data->medicines, TmReportMedicine, i), data->as_of,
                                           G_N_ELEMENTS (columns)));
  place_table (r, translated, G_N_ELEMENTS (columns), rows);
}

static void
place_sessions (Report *r)
{
  const Column columns[] = {
    { N_("Date and time; status"), 0.15 }, { N_("Dose, route, setting"), 0.105 },
    { N_("Days since the previous dose"), 0.075 }, { N_("Someone with them; monitoring"), 0.085 },
    { N_("Mood before (0–10)"), 0.085 }, { N_("Peak dissociation (0–10)"), 0.095 }, { N_("Effects"), 0.11 },
    { N_("Nausea, sedation"), 0.10 }, { N_("BP (minutes after)"), 0.115 }, { N_("Other medicines"), 0.08 },
  };
  Column translated[G_N_ELEMENTS (columns)];
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const TmReportData *data = r->data;

  heading (r, _("Sessions"), 40);
  if (data->sessions->len == 0)
    {
      place_block (r, new_layout (r, FONT_BODY, _("No sessions were logged in this period."), r->width), r->left);
      return;
    }

  place_block (r, new_layout (r, FONT_SMALL,
                              _("Status against the plan of the planned day each session matched: on the day, "
                                "early or late within the days that count as on time, or beyond the plan. "
                                "Mood before: 0–10, higher is better. Peak dissociation: 0–10, 10 the "
                                "strongest. Nausea and sedation: none, mild, moderate or severe. Blood "
                                "pressure in mmHg. Someone with them (self-reported), then the minutes they "
                                "were monitored or someone stayed, and at a clinic after how many minutes "
                                "they would have been ready to leave."),
                              r->width),
               r->left);
  r->y += 4;

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    translated[c] = (Column) { _(columns[c].title), columns[c].share };

  for (guint i = 0; i < data->sessions->len; i++)
    g_ptr_array_add (rows, session_cells (data->sessions->pdata[i],
                                          &g_array_index (data->session_status, TmSessionStatus, i),
                                          tm_report_options_has_section (&data->options,
                                                                         TM_REPORT_SECTION_NOTES),
                                          G_N_ELEMENTS (columns)));
  place_table (r, translated, G_N_ELEMENTS (columns), rows);
  place_reading_charts (r);
}

static char *
describe_answer (const TmSafetyEvent *e)
{
  TmAnswer answer;
  g_autofree char *when = NULL;

  if (e->answer == NULL || !tm_answer_from_string (e->answer, &answer))
    return g_strdup (_("Not answered"));
  when = e->answered_at != NULL ? format_instant (e->answered_at) : NULL;
  return when != NULL ? g_strdup_printf ("%s\n%s", tm_answer_get_label (answer), when)
                      : g_strdup (tm_answer_get_label (answer));
}

static void
place_events (Report *r)
{
  const Column columns[] = {
    { N_("Shown"), 0.15 }, { N_("Prompt"), 0.22 }, { N_("Level"), 0.09 }, { N_("What raised it"), 0.34 },
    { N_("Answer"), 0.20 },
  };
  Column translated[G_N_ELEMENTS (columns)];
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const TmReportData *data = r->data;

  heading (r, _("Safety Prompts"), 40);
  if (data->events->len == 0)
    {
      place_block (r, new_layout (r, FONT_BODY, _("No safety prompts were shown in this period."), r->width),
                   r->left);
      return;
    }

  for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
    translated[c] = (Column) { _(columns[c].title), columns[c].share };

  for (guint i = 0; i < data->events->len; i++)
    {
      const TmSafetyEvent *e = data->events->pdata[i];
      char **cells = g_new0 (char *, G_N_ELEMENTS (columns) + 1);

      cells[0] = format_instant (e->shown_at);
      cells[1] = g_strdup_printf ("%s (%s)", tm_rule_get_name (e->rule), tm_rule_to_string (e->rule));
      cells[2] = g_strdup (tm_level_get_label (e->level));
      cells[3] = g_strdup (e->detail != NULL ? e->detail : "");
      cells[4] = describe_answer (e);
      g_ptr_array_add (rows, cells);
    }
  place_table (r, translated, G_N_ELEMENTS (columns), rows);
}

static void
place_notes (Report *r)
{
  const TmReportData *data = r->data;

  heading (r, _("Check-in Notes"), 40);
  if (data->notes->len == 0)
    {
      place_block (r, new_layout (r, FONT_BODY, _("No check-in in this period has a note."), r->width), r->left);
      return;
    }

  for (guint i = 0; i < data->notes->len; i++)
    {
      const TmCheckin *c = data->notes->pdata[i];
      g_autofree char *day = tm_day_format_long (c->day);
      /* Translators: a note's heading: "Monday 16 November 2026 · mood 6" */
      g_autofree char *title = g_strdup_printf (_("%s · mood %d"), day, c->mood);
      PangoLayout *name = new_layout (r, FONT_BODY_BOLD, title, r->width);
      PangoLayout *note = new_layout (r, FONT_BODY, c->note, r->width);

      /* A note's heading stays with its first lines. */
      ensure_space (r, layout_height (name) + MIN (layout_height (note), 36));
      place_block (r, name, r->left);
      r->y += 1;
      place_paragraph (r, note, r->left);
      r->y += 8;
    }
}

/* An item of the agenda beside its part's heading: its title, and its
 * detail under it in the small type. */
static void
place_agenda_item (Report             *r,
                   const char         *label,
                   const TmAgendaItem *item)
{
  double label_width = r->width * 0.26;
  PangoLayout *name = new_layout (r, FONT_BODY_BOLD, label, label_width - 8);
  PangoLayout *title = new_layout (r, FONT_BODY, item->title, r->width - label_width);
  PangoLayout *detail = item->detail != NULL ? new_layout (r, FONT_SMALL, item->detail, r->width - label_width)
                                             : NULL;
  double title_height = layout_height (title);
  double height = MAX (layout_height (name), title_height + (detail != NULL ? 1 + layout_height (detail) : 0));

  ensure_space (r, height);
  add_op (r, (Op) { OP_TEXT, 0, r->left, r->y, 0, height, name, 0, pango_layout_get_line_count (name) - 1 });
  add_op (r, (Op) { OP_TEXT, 0, r->left + label_width, r->y, 0, title_height, title, 0,
                    pango_layout_get_line_count (title) - 1 });
  if (detail != NULL)
    add_op (r, (Op) { OP_TEXT, 0, r->left + label_width, r->y + title_height + 1, 0, layout_height (detail), detail,
                      0, pango_layout_get_line_count (detail) - 1 });
  r->y += height + 3;
}

/* The agenda of the period (tm-agenda.h), in its order: each part under
 * its heading, a part with nothing in it as its plain sentence. */
static void
place_agenda (Report *r)
{
  const TmAgenda *agenda = r->data->agenda;

  heading (r, _("Agenda"), 40);
  for (guint i = 0; agenda != NULL && i < agenda->items->len; i++)
    {
      const TmAgendaItem *item = agenda->items->pdata[i];
      const TmAgendaItem *before = i > 0 ? agenda->items->pdata[i - 1] : NULL;
      gboolean first = before == NULL || before->kind != item->kind;

      if (first && before != NULL)
        r->y += 4;
      place_agenda_item (r, first ? tm_agenda_kind_get_heading (item->kind) : "", item);
    }
}

/* "Monday 2 November 2026 to Sunday 29 November 2026" */
static char *
describe_days (const char *from,
               const char *to)
{
  g_autofree char *first = tm_day_format_long (from);
  g_autofree char *last = tm_day_format_long (to);

  /* Translators: the days a review covered */
  return g_strdup_printf (_("%s to %s"), first, last);
}

static void
place_review_notes (Report *r)
{
  const TmReportData *data = r->data;

  heading (r, _("Review Notes"), 40);
  if (data->reviews->len == 0)
    {
      place_block (r, new_layout (r, FONT_BODY, _("No review covered days of this period."), r->width), r->left);
      return;
    }

  for (guint i = 0; i < data->reviews->len; i++)
    {
      const TmReview *review = data->reviews->pdata[i];
      g_autofree char *title = tm_review_describe (review);
      g_autofree char *days = describe_days (review->period_from, review->period_to);
      g_autofree char *period = g_strdup_printf (_("Period reviewed: %s"), days);
      PangoLayout *name = new_layout (r, FONT_BODY_BOLD, title, r->width);
      PangoLayout *covered = new_layout (r, FONT_SMALL, period, r->width);
      PangoLayout *note = new_layout (r, FONT_BODY, review->note != NULL ? review->note : _("No notes were written."),
                                      r->width);

      /* A review's heading stays with its period and first lines. */
      ensure_space (r, layout_height (name) + layout_height (covered) + MIN (layout_height (note), 36));
      place_block (r, name, r->left);
      r->y += 1;
      place_block (r, covered, r->left);
      r->y += 2;
      place_paragraph (r, note, r->left);
      r->y += 8;
    }
}

/* Each section, in the order of the table of sections (tm-report-data.h). */
static void
place_section (Report          *r,
               TmReportSection  section)
{
  switch (section)
    {
    case TM_REPORT_SECTION_SUMMARY:
      place_attention (r);
      place_summary (r);
      break;
    case TM_REPORT_SECTION_AGENDA:
      place_agenda (r);
      break;
    case TM_REPORT_SECTION_CHARTS:
      place_charts (r);
      break;
    case TM_REPORT_SECTION_QUESTIONNAIRES:
      place_questionnaires (r);
      place_followups (r);
      break;
    case TM_REPORT_SECTION_INTERVAL:
      place_evidence (r);
      break;
    case TM_REPORT_SECTION_SESSIONS:
      place_medicines (r);
      place_sessions (r);
      break;
    case TM_REPORT_SECTION_SAFETY_PROMPTS:
      place_events (r);
      break;
    case TM_REPORT_SECTION_NOTES:
      place_notes (r);
      break;
    case TM_REPORT_SECTION_REVIEW_NOTES:
      place_review_notes (r);
      break;
    case TM_N_REPORT_SECTIONS:
    default:
      g_assert_not_reached ();
    }
}

/* Drawing */

static void
draw_text (cairo_t  *cr,
           const Op *op)
{
  PangoLayoutIter *iter = pango_layout_get_iter (op->layout);
  double first_top = 0;
  int line = 0;

  cairo_set_source_rgb (cr, 0, 0, 0);
  do
    {
      PangoRectangle extents;

      if (line > op->last_line)
        break;
      pango_layout_iter_get_line_extents (iter, NULL, &extents);
      if (line == op->first_line)
        first_top = (double) extents.y / PANGO_SCALE;
      if (line >= op->first_line)
        {
          double baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;

          cairo_move_to (cr, op->x + (double) extents.x / PANGO_SCALE, op->y + baseline - first_top);
          pango_cairo_show_layout_line (cr, pango_layout_iter_get_line_readonly (iter));
        }
      line++;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
draw_chart (Report   *r,
            cairo_t  *cr,
            const Op *op)
{
  const TmChartData *chart = r->data->chart;
  TmChartLayout layout;

  cairo_save (cr);
  cairo_translate (cr, op->x, op->y);
  switch (op->chart)
    {
    case CHART_TREND:
      tm_trend_chart_layout (chart, &r->chart_style, TM_SERIES_DEFAULT, op->w, op->h, &layout);
      tm_trend_chart_draw (cr, chart, &r->chart_style, TM_SERIES_DEFAULT, &layout);
      break;
    case CHART_AFTER_DOSE:
    case CHART_INTERVAL:
      if (op->chart == CHART_INTERVAL)
        chart = r->data->whole;
      tm_after_dose_chart_layout (chart, &r->chart_style, op->w, op->h, &layout);
      tm_after_dose_chart_draw (cr, chart, &r->chart_style, &layout);
      break;
    case CHART_READINGS:
      {
        GPtrArray *readings = ((TmSession *) r->data->sessions->pdata[op->session])->readings;

        tm_reading_chart_layout (readings, &r->chart_style, op->w, op->h, &layout);
        tm_reading_chart_draw (cr, readings, &r->chart_style, &layout);
      }
      break;
    case CHART_FOLLOWUP:
      {
        TmFollowupChartLayout followup;

        tm_followup_chart_layout (r->data->followups, &r->chart_style, op->w, op->h, &followup);
        tm_followup_chart_draw (cr, r->data->followups, &r->chart_style, &followup);
      }
      break;
    case CHART_PHQ9:
    case CHART_GAD7:
    default:
      {
        TmQuestionnaireKind kind = op->chart == CHART_PHQ9 ? TM_QUESTIONNAIRE_PHQ9 : TM_QUESTIONNAIRE_GAD7;

        tm_questionnaire_chart_layout (chart, &r->chart_style, kind, op->w, op->h, &layout);
        tm_questionnaire_chart_draw (cr, chart, &r->chart_style, kind, &layout);
      }
      break;
    }
  cairo_restore (cr);
}

static void
draw_op (Report   *r,
         cairo_t  *cr,
         const Op *op)
{
  switch (op->kind)
    {
    case OP_TEXT:
      draw_text (cr, op);
      break;
    case OP_CHART:
      draw_chart (r, cr, op);
      break;
    case OP_FILL:
      cairo_set_source_rgb (cr, op->gray, op->gray, op->gray);
      cairo_rectangle (cr, op->x, op->y, op->w, op->h);
      cairo_fill (cr);
      break;
    case OP_RULE:
    default:
      cairo_set_source_rgb (cr, op->gray, op->gray, op->gray);
      cairo_set_line_width (cr, op->h);
      cairo_move_to (cr, op->x, op->y);
      cairo_line_to (cr, op->x + op->w, op->y);
      cairo_stroke (cr);
      break;
    }
}

/* The foot of every page: who, what, and page X of Y. */
static void
draw_footer (Report  *r,
             cairo_t *cr,
             int      page,
             int      n_pages)
{
  const TmReportData *data = r->data;
  g_autofree char *from = tm_day_format (data->options.from, "%Y-%m-%d");
  g_autofree char *to = tm_day_format (data->options.to, "%Y-%m-%d");
  g_autofree char *left = NULL;
  /* Translators: at the foot of each page of the report */
  g_autofree char *right = g_strdup_printf (_("Page %d of %d"), page, n_pages);
  g_autoptr(PangoLayout) who = NULL;
  g_autoptr(PangoLayout) where = NULL;
  double y = r->bottom + FOOTER_GAP;
  int width;

  if (data->patient != NULL)
    /* Translators: the foot of a report page: "Jane Doe · Tidemark report, 2026-08-30 to 2026-11-28" */
    left = g_strdup_printf (_("%s · Tidemark report, %s to %s"), data->patient, from, to);
  else
    left = g_strdup_printf (_("Tidemark report, %s to %s"), from, to);

  who = new_layout (r, FONT_SMALL, left, r->width * 0.75);
  where = new_layout (r, FONT_SMALL, right, r->width * 0.25);
  pango_layout_get_size (where, &width, NULL);

  cairo_set_source_rgb (cr, 0.6, 0.6, 0.6);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, r->left, y - 5);
  cairo_line_to (cr, r->left + r->width, y - 5);
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
  cairo_move_to (cr, r->left, y);
  pango_cairo_show_layout (cr, who);
  cairo_move_to (cr, r->left + r->width - (double) width / PANGO_SCALE, y);
  pango_cairo_show_layout (cr, where);
}

/* Writing */

typedef struct
{
  TmPendingFile *file;
  int            saved_errno;
} Sink;

static cairo_status_t
write_cb (void                *closure,
          const unsigned char *bytes,
          unsigned int         length)
{
  Sink *sink = closure;

  if (!tm_pending_file_write (sink->file, bytes, length))
    {
      sink->saved_errno = errno;
      return CAIRO_STATUS_WRITE_ERROR;
    }
  return CAIRO_STATUS_SUCCESS;
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  /* Translators: what Tidemark could not write, in "Tidemark could not write %s to FILE: …" */
  tm_file_set_write_error (error, _("the report"), path, saved_errno);
}

static void
report_init (Report             *r,
             const TmReportData *data)
{
  static const char *family = "Cantarell, Sans";
  cairo_font_options_t *options = cairo_font_options_create ();

  memset (r, 0, sizeof *r);
  r->data = data;
  if (data->options.paper == TM_PAPER_LETTER)
    r->page_width = 612, r->page_height = 792;
  else
    r->page_width = 595.276, r->page_height = 841.89;
  r->left = MARGIN;
  r->width = r->page_width - 2 * MARGIN;
  r->top = MARGIN;
  r->bottom = r->page_height - MARGIN - FOOTER_GAP;
  r->ops = g_array_new (FALSE, TRUE, sizeof (Op));
  g_array_set_clear_func (r->ops, clear_op);

  /* Measured as the PDF draws them: no hinting. */
  r->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (r->context, options);
  cairo_font_options_destroy (options);

  r->fonts[FONT_TITLE] = make_font (family, 17, TRUE);
  r->fonts[FONT_HEADING] = make_font (family, 11.5, TRUE);
  r->fonts[FONT_BODY] = make_font (family, 9, FALSE);
  r->fonts[FONT_BODY_BOLD] = make_font (family, 9, TRUE);
  r->fonts[FONT_SMALL] = make_font (family, 7.5, FALSE);
  r->fonts[FONT_SMALL_BOLD] = make_font (family, 7, TRUE);

  tm_chart_style_init (&r->chart_style, TM_CHART_STYLE_PRINT, "Cantarell", CHART_FONT_SIZE);
}

static void
report_clear (Report *r)
{
  for (int i = 0; i < N_FONTS; i++)
    g_clear_pointer (&r->fonts[i], pango_font_description_free);
  g_clear_object (&r->context);
  g_clear_pointer (&r->ops, g_array_unref);
}

static gboolean
draw_pages (Report           *r,
            cairo_surface_t  *surface,
            GCancellable     *cancellable,
            GError          **error)
{
  cairo_t *cr = cairo_create (surface);
  int n_pages = r->page;
  guint next = 0;
  gboolean ok = TRUE;

  for (int page = 1; page <= n_pages && ok; page++)
    {
      for (; next < r->ops->len && g_array_index (r->ops, Op, next).page == page; next++)
        draw_op (r, cr, &g_array_index (r->ops, Op, next));
      draw_footer (r, cr, page, n_pages);
      cairo_show_page (cr);
      ok = !g_cancellable_set_error_if_cancelled (cancellable, error);
    }

  cairo_destroy (cr);
  return ok;
}

/**
 * tm_report_write:
 * @path: the PDF to write; an existing file is replaced only by a complete
 *   report
 * @n_pages: (out) (optional): how many pages were written
 */
gboolean
tm_report_write (const TmReportData  *data,
                 const char          *path,
                 GCancellable        *cancellable,
                 int                 *n_pages,
                 GError             **error)
{
  g_autoptr(TmPendingFile) pending = NULL;
  g_autofree char *title = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  Report r;
  Sink sink = { NULL, 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL && data->chart != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Never over the record, nor into a pipe or a device. */
  if (!tm_file_check_output (path, data->data_dir, error))
    return FALSE;

  /* The whole report, placed. */
  report_init (&r, data);
  new_page (&r);
  place_header (&r);
  for (TmReportSection section = 0; section < TM_N_REPORT_SECTIONS; section++)
    if (tm_report_options_has_section (&data->options, section))
      place_section (&r, section);

  pending = tm_pending_file_new (path);
  if (pending == NULL)
    {
      set_write_error (error, path, errno);
      report_clear (&r);
      return FALSE;
    }
  sink.file = pending;

  surface = cairo_pdf_surface_create_for_stream (write_cb, &sink, r.page_width, r.page_height);
  /* Translators: the PDF's title */
  title = g_strdup_printf (_("Tidemark report, %s to %s"), data->options.from, data->options.to);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Tidemark " PACKAGE_VERSION);

  ok = draw_pages (&r, surface, cancellable, error);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (ok && (status != CAIRO_STATUS_SUCCESS || sink.saved_errno != 0))
    {
      set_write_error (error, path, sink.saved_errno != 0 ? sink.saved_errno : EIO);
      ok = FALSE;
    }
  /* Whole, on the disk, then in place; otherwise the temporary goes. */
  if (ok && !tm_pending_file_commit (pending))
    {
      set_write_error (error, path, errno);
      ok = FALSE;
    }

  if (ok && n_pages != NULL)
    *n_pages = r.page;
  report_clear (&r);
  return ok;
}
