/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Each table of the data file, described once: its columns, where each
 * one's value lives in its record, which values it takes, and what the
 * CSV files call it. The store reads and writes rows, the CSV files are
 * written and read, and the validators check ranges from this
 * description; a new column is a line here (and a step in tm-schema.c,
 * which tests/test-schema.c holds to it). */

/* The longest key a CSV file names a record by (a medicine's: its name of
 * up to 200 characters, its first day and when it was added). */
#define TM_RECORD_KEY_MAX_CHARS 400

typedef enum
{
  TM_TABLE_CHECKINS,
  TM_TABLE_SESSIONS,
  TM_TABLE_QUESTIONNAIRES,
  TM_TABLE_PLANS,
  TM_TABLE_PLAN_DATES,
  TM_TABLE_SAFETY_EVENTS,
  TM_TABLE_REVIEWS,
  TM_TABLE_SESSION_READINGS,
  TM_TABLE_MEDICINES,
  TM_N_TABLES
} TmTable;

/* How a column's value is kept in its record. A value may be missing only
 * in a column with %TM_COLUMN_OPTIONAL. */
typedef enum
{
  TM_VALUE_INT,      /* int; missing: TM_UNSET */
  TM_VALUE_BOOL,     /* gboolean, written 0 or 1 */
  TM_VALUE_FLAGS,    /* guint, a sum of 1, 2, 4, …; at most max */
  TM_VALUE_REAL,     /* double; missing: TM_UNSET_HOURS */
  TM_VALUE_DAY,      /* char[TM_DAY_LEN + 1], YYYY-MM-DD */
  TM_VALUE_INSTANT,  /* char *, ISO 8601 with its offset */
  TM_VALUE_TEXT,     /* char *; missing: NULL */
  TM_VALUE_ENUM,     /* an enum of enum_type, written as its nick */
  TM_VALUE_NICK,     /* char *, one of enum_type's nicks as written (a safety event's answer) */
  TM_VALUE_ANSWERS,  /* a questionnaire's int answers[], written a digit an item of its kind */
  TM_VALUE_RECORD,   /* gint64, the id of a record of the table named by table_column's nick
                      * (without a table_column: of its own table); the CSV file writes
                      * that record's key instead (see TmColumn) */
} TmValueType;

typedef enum
{
  TM_COLUMN_OPTIONAL  = 1 << 0,  /* may be missing: NULL in the data file, empty in the CSV */
  TM_COLUMN_KEY       = 1 << 1,  /* tells a record apart, with the table's other key columns:
                                  * an import finds a record already there by them */
  TM_COLUMN_CREATED   = 1 << 2,  /* the store writes it when the record is first saved */
  TM_COLUMN_UPDATED   = 1 << 3,  /* the store writes it at every save */
  TM_COLUMN_ABOVE_MIN = 1 << 4,  /* a number above min, not from it */
} TmColumnFlags;

typedef struct
{
  const char     *name;         /* in the data file, and the CSV file's header */
  TmValueType     type;
  gsize           offset;       /* of the value in the record's struct */
  TmColumnFlags   flags;
  double          min;          /* numbers: the range; text: at most max characters */
  double          max;
  const char     *message;      /* what a validator says of a value out of range (see below) */
  GType         (*enum_type) (void);  /* of an enum's or a nick's values */
  guint           since;        /* the data version that added it: a CSV file of an earlier
                                 * one lacks it (0: the first) */
  const char     *csv_name;     /* in the CSV file, when not @name */
  const char     *table_column; /* TM_VALUE_RECORD: the column whose nick names the table, or NULL
                                 * for a record of the refers_to table */
  const char     *refers_to;    /* TM_VALUE_RECORD without a table_column: the name of the table
                                 * of the record, or NULL for the same table */
} TmColumn;

/* TmColumn.message is a translatable printf format, given by type:
 *   int, bool:  (int min, int max, int value)
 *   flags:      (guint highest flag, guint max, guint value)
 *   real:       (double min, double max, double value)
 *   text:       (int max)
 *   enum, instant: nothing; an instant with a message must be there
 * A column without a message is checked by the validators in their own
 * words (days, instants and text: tm_day_validate(), tm_instant_validate(),
 * tm_validate_note()), by its record's validator (the dose), or can't be
 * wrong in a record a form made (a switch, a total the store works out). */

typedef struct
{
  TmTable         table;
  const char     *name;            /* in the data file */
  const char     *file;            /* its CSV file */
  GType         (*get_type) (void);  /* of its records */
  gsize           id_offset;       /* of the record's gint64 id */
  const TmColumn *columns;         /* in the data file's order, which the CSV file keeps */
  guint           n_columns;
  const char     *export_order;    /* ORDER BY of the CSV file */
  gboolean        one_per_key;     /* a save of a record whose key is stored changes that one */
  gboolean        append_only;     /* rows are only ever added: an import keeps those there */
} TmTableInfo;

const TmTableInfo *tm_table_get_info       (TmTable          table);
void               tm_table_get_store_order (TmTable         order[TM_N_TABLES]);
const TmColumn    *tm_table_find_column    (TmTable          table,
                                            const char      *name);
gpointer           tm_table_new_record     (TmTable          table);
guint              tm_table_count_columns_since (TmTable     table,
                                                 guint       version);
char              *tm_table_describe_key   (TmTable          table);
char              *tm_table_get_record_key (TmTable          table,
                                            gconstpointer    record);
const TmColumn    *tm_table_get_file_layout (TmTable         table,
                                             guint           layout,
                                             guint          *n_columns);
gboolean           tm_table_validate       (TmTable          table,
                                            gconstpointer    record,
                                            const char     **field,
                                            GError         **error);

const char        *tm_column_get_csv_name  (const TmColumn  *column);
gboolean           tm_column_get_value     (const TmColumn  *column,
                                            gconstpointer    record,
                                            GValue          *value);
gboolean           tm_column_is_missing    (const TmColumn  *column,
                                            gconstpointer    record);
gboolean           tm_column_is_text       (const TmColumn  *column);
char              *tm_column_format        (const TmColumn  *column,
                                            gconstpointer    record);
gboolean           tm_column_parse         (const TmColumn  *column,
                                            const char      *text,
                                            gpointer         record,
                                            char           **problem);
gboolean           tm_column_validate      (const TmColumn  *column,
                                            gconstpointer    record,
                                            GError         **error);
TmTable            tm_column_get_referred_table (const TmColumn *column,
                                                 gconstpointer   record);
gboolean           tm_column_check_number  (const TmColumn  *column,
                                            double           value,
                                            GError         **error);

/* Where @column's value is in @record, and the value as a @ctype lvalue. */
static inline gpointer
tm_column_get_place (const TmColumn *column,
                     gconstpointer   record)
{
  return (guint8 *) record + column->offset;
}

#define TM_COLUMN_VALUE(column, record, ctype) (*(ctype *) tm_column_get_place ((column), (record)))

G_END_DECLS
