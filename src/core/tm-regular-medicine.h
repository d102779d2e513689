/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "tm-time.h"

G_BEGIN_DECLS

/* What a regular medicine is, as DESIGN.md lists the kinds; the nicks are
 * written in the data file and medicines.csv. */
typedef enum
{
  TM_MEDICINE_KIND_ANTIDEPRESSANT,  /*< nick=antidepressant >*/
  TM_MEDICINE_KIND_BENZODIAZEPINE,  /*< nick=benzodiazepine >*/
  TM_MEDICINE_KIND_SLEEP,           /*< nick=sleep >*/
  TM_MEDICINE_KIND_STIMULANT,       /*< nick=stimulant >*/
  TM_MEDICINE_KIND_MAOI,            /*< nick=maoi >*/
  TM_MEDICINE_KIND_OPIOID,          /*< nick=opioid >*/
  TM_MEDICINE_KIND_GABAPENTINOID,   /*< nick=gabapentinoid >*/
  TM_MEDICINE_KIND_ANTIHISTAMINE,   /*< nick=sedating-antihistamine >*/
  TM_MEDICINE_KIND_BLOOD_PRESSURE,  /*< nick=blood-pressure >*/
  TM_MEDICINE_KIND_OTHER,           /*< nick=other >*/
  TM_N_MEDICINE_KINDS /*< skip >*/
} TmMedicineKind;

#define TM_MEDICINE_NAME_MAX_CHARS     200
#define TM_MEDICINE_UNIT_MAX_CHARS     20
#define TM_MEDICINE_SCHEDULE_MAX_CHARS 200
#define TM_MEDICINE_DOSE_MAX           100000.0

const char *tm_medicine_kind_to_string   (TmMedicineKind  kind);
gboolean    tm_medicine_kind_from_string (const char     *text,
                                          TmMedicineKind *kind);
const char *tm_medicine_kind_get_label   (TmMedicineKind  kind);
gboolean    tm_medicine_kind_interacts   (TmMedicineKind  kind);

#define TM_TYPE_REGULAR_MEDICINE (tm_regular_medicine_get_type ())
G_DECLARE_FINAL_TYPE (TmRegularMedicine, tm_regular_medicine, TM, REGULAR_MEDICINE, GObject)

/* One row of the regular medicines (DESIGN.md, Long-term safety and
 * medicines). Rows are only ever added: a change of dose, schedule or
 * kind, or a stop, is a new row that names the one it replaces. A record:
 * its fields are public. */
struct _TmRegularMedicine
{
  GObject         parent_instance;

  gint64          id;
  char           *name;
  double          dose;        /* > 0, or TM_UNSET_HOURS when not given */
  char           *unit;        /* "mg"; nullable */
  char           *schedule;    /* "every morning"; nullable */
  char            started_on[TM_DAY_LEN + 1];
  char            stopped_on[TM_DAY_LEN + 1];   /* "" while taken */
  TmMedicineKind  kind;
  char           *created_at;
  gint64          replaces;    /* the row this one changes or stops, or 0 */
};

TmRegularMedicine *tm_regular_medicine_new       (const char              *name,
                                                  const char              *started_on);
TmRegularMedicine *tm_regular_medicine_copy      (const TmRegularMedicine *self);
void               tm_regular_medicine_set_text  (char                   **place,
                                                  const char              *text);
gboolean           tm_regular_medicine_validate  (const TmRegularMedicine *self,
                                                  const char             **field,
                                                  GError                 **error);
gboolean           tm_regular_medicine_check_replaces (const TmRegularMedicine *self,
                                                       GPtrArray               *all,
                                                       GError                 **error);
char              *tm_regular_medicine_describe  (const TmRegularMedicine *self);
char              *tm_regular_medicine_describe_dose (const TmRegularMedicine *self);
GPtrArray         *tm_regular_medicine_list_current (GPtrArray           *all);
char              *tm_regular_medicine_get_last_day (const TmRegularMedicine *self,
                                                     GPtrArray            *all);
gboolean           tm_regular_medicine_is_taken_on  (const TmRegularMedicine *self,
                                                     GPtrArray            *all,
                                                     const char           *day);

G_END_DECLS
