/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The FHIR R4 export (DESIGN.md, Private and exchangeable): one Bundle of
 * type collection, in JSON by json-glib, that a clinic's record system can
 * read. It holds a Patient with only the name or ID the person chose for
 * the report; a QuestionnaireResponse for each PHQ-9 and GAD-7, with an
 * Observation of its total; an Observation for each check-in's ratings,
 * each blood pressure and each dissociation rating; and a
 * MedicationStatement for each session. Every reference is the urn:uuid
 * fullUrl of a resource in the Bundle. Values are read through the table
 * descriptions (tm-table.h): the columns' names, ranges and the route's
 * nicks come from there. */
#define G_LOG_DOMAIN "tm-fhir"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "tm-enum-nick.h"
#include "tm-fhir.h"
#include "tm-file.h"
#include "tm-questionnaire.h"
#include "tm-report-data.h"
#include "tm-session-reading.h"
#include "tm-table.h"

#define LOINC  "http://loinc.org"
#define UCUM   "http://unitsofmeasure.org"
#define SNOMED "http://snomed.info/sct"
#define RXNORM "http://www.nlm.nih.gov/research/umls/rxnorm"
#define OBSERVATION_CATEGORY "http://terminology.hl7.org/CodeSystem/observation-category"
/* An answer's 0–3 value, on its coding (FHIR R4 has no itemWeight). */
#define ORDINAL_VALUE "http://hl7.org/fhir/StructureDefinition/ordinalValue"

/* LOINC's codes for the PHQ-9 and the GAD-7: the form, each item in the
 * order of tm-questionnaire.c, the total, and the PHQ-9's difficulty. */
typedef struct
{
  const char *form;
  const char *form_display;
  const char *items[9];
  const char *total;
  const char *total_display;
} LoincForm;

static const LoincForm loinc_forms[] = {
  [TM_QUESTIONNAIRE_PHQ9] = {
    "44249-1", "PHQ-9 quick depression assessment panel [Reported.PHQ]",
    { "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8" },
    "44261-6", "Patient Health Questionnaire 9 item (PHQ-9) total score [Reported]" },
  [TM_QUESTIONNAIRE_GAD7] = {
    "69737-5", "Generalized anxiety disorder 7 item (GAD-7)",
    { "69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7" },
    "70274-6", "Generalized anxiety disorder 7 item (GAD-7) total score [Reported.PHQ]" },
};

typedef struct
{
  const char *code;
  const char *display;   /* LOINC's, in English */
} LoincAnswer;

/* 0 not at all … 3 nearly every day, on every item of both. */
static const LoincAnswer loinc_answers[TM_N_ANSWERS] = {
  { "LA6568-5", "Not at all" },
  { "LA6569-3", "Several days" },
  { "LA6570-1", "More than half the days" },
  { "LA6571-9", "Nearly every day" },
};

#define LOINC_DIFFICULTY "69722-7"

static const LoincAnswer loinc_difficulty_answers[TM_N_ANSWERS] = {
  { "LA6572-7", "Not difficult at all" },
  { "LA6573-5", "Somewhat difficult" },
  { "LA6575-0", "Very difficult" },
  { "LA6574-3", "Extremely difficult" },
};

/* SNOMED CT's route for each nick of the route column's enum. */
static const struct
{
  const char *nick;
  const char *code;
  const char *display;
} snomed_routes[] = {
  { "oral", "26643006", "Oral route" },
  { "sublingual", "37839007", "Sublingual route" },
  { "intranasal", "46713006", "Nasal route" },
  { "intramuscular", "78421000", "Intramuscular route" },
  { "intravenous", "47625008", "Intravenous route" },
};

/* The Tidemark CodeSystem (TM_FHIR_CODE_SYSTEM): each code is the name of
 * the column whose 0–10 rating it carries, and the Observation's range is
 * that column's. The README's table says the same for the clinic. */
typedef struct
{
  TmTable     table;
  const char *column;
  const char *display;
} TidemarkCode;

enum { CODE_MOOD, CODE_ANXIETY, CODE_ENERGY, CODE_DISSOCIATION_PEAK, CODE_DISSOCIATION };

static const TidemarkCode tidemark_codes[] = {
  [CODE_MOOD] = { TM_TABLE_CHECKINS, "mood", "Mood of the day (0 the lowest, 10 the best)" },
  [CODE_ANXIETY] = { TM_TABLE_CHECKINS, "anxiety", "Anxiety of the day (0 none, 10 the most)" },
  [CODE_ENERGY] = { TM_TABLE_CHECKINS, "energy", "Energy of the day (0 none, 10 the most)" },
  [CODE_DISSOCIATION_PEAK] = { TM_TABLE_SESSIONS, "dissociation_peak",
                               "Strongest dissociation after a dose (0 not at all, 10 completely)" },
  [CODE_DISSOCIATION] = { TM_TABLE_SESSION_READINGS, "dissociation",
                          "Dissociation at a reading after a dose (0 not at all, 10 completely)" },
};

typedef struct
{
  JsonBuilder      *builder;
  char             *patient;    /* the Patient's fullUrl */
  const TmProgress *progress;
  guint64           done;
  guint64           total;
} Bundle;

/* Building blocks */

static char *
new_full_url (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strconcat ("urn:uuid:", uuid, NULL);
}

static void
add_string (JsonBuilder *b,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, value);
}

/* Opens an entry of @type; returns its fullUrl. Close it with end_entry(). */
static char *
begin_entry (Bundle     *bundle,
             const char *type)
{
  char *url = new_full_url ();

  json_builder_begin_object (bundle->builder);
  add_string (bundle->builder, "fullUrl", url);
  json_builder_set_member_name (bundle->builder, "resource");
  json_builder_begin_object (bundle->builder);
  add_string (bundle->builder, "resourceType", type);
  return url;
}

static void
end_entry (Bundle *bundle)
{
  json_builder_end_object (bundle->builder);
  json_builder_end_object (bundle->builder);
}

static void
add_coding (JsonBuilder *b,
            const char  *system,
            const char  *code,
            const char  *display)
{
  json_builder_begin_object (b);
  add_string (b, "system", system);
  add_string (b, "code", code);
  if (display != NULL)
    add_string (b, "display", display);
  json_builder_end_object (b);
}

/* "member": { "coding": [ … ], "text": … } */
static void
add_concept (JsonBuilder *b,
             const char  *member,
             const char  *system,
             const char  *code,
             const char  *display,
             const char  *text)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "coding");
  json_builder_begin_array (b);
  add_coding (b, system, code, display);
  json_builder_end_array (b);
  if (text != NULL)
    add_string (b, "text", text);
  json_builder_end_object (b);
}

static void
add_reference (JsonBuilder *b,
               const char  *member,
               const char  *url)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  add_string (b, "reference", url);
  json_builder_end_object (b);
}

/* A UCUM quantity: { "value", "unit", "system", "code" }. */
static void
add_quantity (JsonBuilder *b,
              const char  *member,
              double       value,
              const char  *unit)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "value");
  if (value == (gint64) value)
    json_builder_add_int_value (b, (gint64) value);
  else
    json_builder_add_double_value (b, value);
  add_string (b, "unit", unit);
  add_string (b, "system", UCUM);
  add_string (b, "code", unit);
  json_builder_end_object (b);
}

static void
add_int (JsonBuilder *b,
         const char  *member,
         gint64       value)
{
  json_builder_set_member_name (b, member);
  json_builder_add_int_value (b, value);
}

/* The start of an Observation about the patient: status, category, code
 * and when. */
static char *
begin_observation (Bundle     *bundle,
                   const char *category,
                   const char *system,
                   const char *code,
                   const char *display,
                   const char *effective)
{
  JsonBuilder *b = bundle->builder;
  char *url = begin_entry (bundle, "Observation");

  add_string (b, "status", "final");
  json_builder_set_member_name (b, "category");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "coding");
  json_builder_begin_array (b);
  add_coding (b, OBSERVATION_CATEGORY, category, NULL);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  add_concept (b, "code", system, code, display, NULL);
  add_reference (b, "subject", bundle->patient);
  add_string (b, "effectiveDateTime", effective);
  return url;
}

/* Counts a record done; FALSE once cancelled. */
static gboolean
count_record (Bundle  *bundle,
              GError **error)
{
  bundle->done++;
  return tm_progress_report (bundle->progress, bundle->done, bundle->total, error);
}

/* The patient */

static void
add_patient (Bundle     *bundle,
             const char *name)
{
  JsonBuilder *b = bundle->builder;

  bundle->patient = begin_entry (bundle, "Patient");
  if (name != NULL)
    {
      json_builder_set_member_name (b, "name");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      add_string (b, "text", name);
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  end_entry (bundle);
}

/* Questionnaires */

static void
add_answer_item (JsonBuilder       *b,
                 const char        *link_id,
                 const char        *text,
                 const LoincAnswer *answer,
                 int                value)
{
  json_builder_begin_object (b);
  add_string (b, "linkId", link_id);
  add_string (b, "text", text);
  json_builder_set_member_name (b, "answer");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "valueCoding");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "extension");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "url", ORDINAL_VALUE);
  json_builder_set_member_name (b, "valueDecimal");
  json_builder_add_int_value (b, value);
  json_builder_end_object (b);
  json_builder_end_array (b);
  add_string (b, "system", LOINC);
  add_string (b, "code", answer->code);
  add_string (b, "display", answer->display);
  json_builder_end_object (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
add_questionnaire (Bundle                *bundle,
                   const TmQuestionnaire *q)
{
  const LoincForm *form = &loinc_forms[q->kind];
  JsonBuilder *b = bundle->builder;
  g_autofree char *canonical = g_strconcat (LOINC "/q/", form->form, NULL);
  g_autofree char *response = NULL;
  g_autofree char *total = NULL;

  response = begin_entry (bundle, "QuestionnaireResponse");
  add_string (b, "questionnaire", canonical);
  add_string (b, "status", "completed");
  add_reference (b, "subject", bundle->patient);
  add_string (b, "authored", q->created_at);
  add_reference (b, "author", bundle->patient);
  add_reference (b, "source", bundle->patient);
  json_builder_set_member_name (b, "item");
  json_builder_begin_array (b);
  for (guint i = 0; i < tm_questionnaire_kind_get_n_items (q->kind); i++)
    if (q->answers[i] >= 0 && q->answers[i] < TM_N_ANSWERS)
      add_answer_item (b, form->items[i], tm_questionnaire_get_item (q->kind, i), &loinc_answers[q->answers[i]],
                       q->answers[i]);
  if (q->kind == TM_QUESTIONNAIRE_PHQ9 && q->difficulty >= 0 && q->difficulty < TM_N_ANSWERS)
    add_answer_item (b, LOINC_DIFFICULTY, tm_questionnaire_get_difficulty_question (),
                     &loinc_difficulty_answers[q->difficulty], q->difficulty);
  json_builder_end_array (b);
  end_entry (bundle);

  total = begin_observation (bundle, "survey", LOINC, form->total, form->total_display, q->day);
  add_int (b, "valueInteger", q->total);
  json_builder_set_member_name (b, "derivedFrom");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_string (b, "reference", response);
  json_builder_end_object (b);
  json_builder_end_array (b);
  end_entry (bundle);
}

/* Ratings in the Tidemark CodeSystem */

/* An Observation of @record's value of the column @which names, unless it
 * was left out; its range is the column's. */
static void
add_rating (Bundle        *bundle,
            guint          which,
            gconstpointer  record,
            const char    *effective)
{
  const TidemarkCode *code = &tidemark_codes[which];
  const TmColumn *column = tm_table_find_column (code->table, code->column);
  JsonBuilder *b = bundle->builder;
  g_autofree char *url = NULL;

  g_return_if_fail (column != NULL && column->type == TM_VALUE_INT);
  if (tm_column_is_missing (column, record))
    return;

  url = begin_observation (bundle, "survey", TM_FHIR_CODE_SYSTEM, column->name, code->display, effective);
  add_int (b, "valueInteger", TM_COLUMN_VALUE (column, record, int));
  json_builder_set_member_name (b, "referenceRange");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "low");
  json_builder_begin_object (b);
  add_int (b, "value", (gint64) column->min);
  json_builder_end_object (b);
  json_builder_set_member_name (b, "high");
  json_builder_begin_object (b);
  add_int (b, "value", (gint64) column->max);
  json_builder_end_object (b);
  add_string (b, "text", "The rating's scale, not a normal range");
  json_builder_end_object (b);
  json_builder_end_array (b);
  end_entry (bundle);
}

static void
add_checkin (Bundle          *bundle,
             const TmCheckin *checkin)
{
  add_rating (bundle, CODE_MOOD, checkin, checkin->day);
  add_rating (bundle, CODE_ANXIETY, checkin, checkin->day);
  add_rating (bundle, CODE_ENERGY, checkin, checkin->day);
}

/* Sessions */

static const char *
find_snomed_route (const char *nick,
                   const char **display)
{
  for (guint i = 0; i < G_N_ELEMENTS (snomed_routes); i++)
    if (g_str_equal (snomed_routes[i].nick, nick))
      {
        *display = snomed_routes[i].display;
        return snomed_routes[i].code;
      }
  return NULL;
}

static void
add_medication_statement (Bundle          *bundle,
                          const TmSession *session)
{
  const TmColumn *dose = tm_table_find_column (TM_TABLE_SESSIONS, "dose_mg");
  const TmColumn *route = tm_table_find_column (TM_TABLE_SESSIONS, "route");
  const char *nick = tm_enum_get_nick (route->enum_type (), TM_COLUMN_VALUE (route, session, int));
  const char *route_display = NULL;
  const char *route_code = find_snomed_route (nick, &route_display);
  JsonBuilder *b = bundle->builder;
  /* Nothing refers to a MedicationStatement: its fullUrl is not kept. */
  g_free (begin_entry (bundle, "MedicationStatement"));

  add_string (b, "status", "completed");
  json_builder_set_member_name (b, "medicationCodeableConcept");
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "coding");
  json_builder_begin_array (b);
  add_coding (b, RXNORM, "6130", "ketamine");
  json_builder_end_array (b);
  add_string (b, "text", "Ketamine");
  json_builder_end_object (b);
  add_reference (b, "subject", bundle->patient);
  add_string (b, "effectiveDateTime", TM_COLUMN_VALUE (tm_table_find_column (TM_TABLE_SESSIONS, "taken_at"),
                                                       session, const char *));
  add_reference (b, "informationSource", bundle->patient);

  json_builder_set_member_name (b, "dosage");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "route");
  json_builder_begin_object (b);
  if (route_code != NULL)
    {
      json_builder_set_member_name (b, "coding");
      json_builder_begin_array (b);
      add_coding (b, SNOMED, route_code, route_display);
      json_builder_end_array (b);
    }
  add_string (b, "text", tm_route_get_label (session->route));
  json_builder_end_object (b);
  json_builder_set_member_name (b, "doseAndRate");
  json_builder_begin_array (b);
  json_builder_begin_object (b);
  add_quantity (b, "doseQuantity", TM_COLUMN_VALUE (dose, session, double), "mg");
  json_builder_end_object (b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  json_builder_end_array (b);
  end_entry (bundle);
}

static void
add_bp_component (JsonBuilder *b,
                  const char  *code,
                  const char  *display,
                  int          value)
{
  json_builder_begin_object (b);
  add_concept (b, "code", LOINC, code, display, NULL);
  add_quantity (b, "valueQuantity", value, "mm[Hg]");
  json_builder_end_object (b);
}

static void
add_blood_pressure (Bundle                 *bundle,
                    const TmSessionReading *reading,
                    const char             *effective)
{
  JsonBuilder *b = bundle->builder;
  g_autofree char *url = NULL;

  if (reading->bp_sys == TM_UNSET || reading->bp_dia == TM_UNSET)
    return;
  url = begin_observation (bundle, "vital-signs", LOINC, "85354-9", "Blood pressure panel with all children optional",
                           effective);
  json_builder_set_member_name (b, "component");
  json_builder_begin_array (b);
  add_bp_component (b, "8480-6", "Systolic blood pressure", reading->bp_sys);
  add_bp_component (b, "8462-4", "Diastolic blood pressure", reading->bp_dia);
  json_builder_end_array (b);
  end_entry (bundle);
}

/* When @minutes_after the dose at @taken_at was, at the dose's offset. */
static char *
reading_time (const char *taken_at,
              int         minutes_after)
{
  g_autoptr(GDateTime) taken = tm_instant_parse (taken_at);
  g_autoptr(GDateTime) at = NULL;

  if (taken == NULL)
    return g_strdup (taken_at);
  at = g_date_time_add_minutes (taken, minutes_after);
  return g_date_time_format (at, "%Y-%m-%dT%H:%M:%S%:z");
}

static void
add_session (Bundle          *bundle,
             const TmSession *session)
{
  add_medication_statement (bundle, session);
  add_rating (bundle, CODE_DISSOCIATION_PEAK, session, session->taken_at);
  for (guint i = 0; i < session->readings->len; i++)
    {
      const TmSessionReading *reading = session->readings->pdata[i];
      g_autofree char *at = reading_time (session->taken_at, reading->minutes_after);

      add_blood_pressure (bundle, reading, at);
      add_rating (bundle, CODE_DISSOCIATION, reading, at);
    }
}

/* The whole Bundle */

static void
bundle_clear (Bundle *bundle)
{
  g_clear_object (&bundle->builder);
  g_clear_pointer (&bundle->patient, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Bundle, bundle_clear)

/* Everything, read in one snapshot. */
typedef struct
{
  char      *patient;
  GPtrArray *questionnaires;
  GPtrArray *checkins;
  GPtrArray *sessions;
} Record;

static void
record_clear (Record *record)
{
  g_clear_pointer (&record->patient, g_free);
  g_clear_pointer (&record->questionnaires, g_ptr_array_unref);
  g_clear_pointer (&record->checkins, g_ptr_array_unref);
  g_clear_pointer (&record->sessions, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Record, record_clear)

static gboolean
read_record (TmStore  *store,
             Record   *record,
             GError  **error)
{
  gboolean ok;

  if (!tm_store_begin_read (store, error))
    return FALSE;
  record->patient = tm_store_get_report_name (store);
  ok = (record->questionnaires = tm_store_list_questionnaires (store, -1, NULL, NULL, error)) != NULL &&
       (record->checkins = tm_store_list_checkins (store, NULL, NULL, error)) != NULL &&
       (record->sessions = tm_store_list_sessions (store, NULL, NULL, error)) != NULL;
  if (ok)
    return tm_store_commit (store, error);
  tm_store_rollback (store);
  return FALSE;
}

static gboolean
build_bundle (Bundle        *bundle,
              const Record  *record,
              GError       **error)
{
  JsonBuilder *b = bundle->builder;
  g_autofree char *now = tm_instant_now_local ();

  json_builder_begin_object (b);
  add_string (b, "resourceType", "Bundle");
  add_string (b, "type", "collection");
  add_string (b, "timestamp", now);
  json_builder_set_member_name (b, "entry");
  json_builder_begin_array (b);

  add_patient (bundle, record->patient);
  for (guint i = 0; i < record->questionnaires->len; i++)
    {
      const TmQuestionnaire *q = record->questionnaires->pdata[i];

      /* The follow-up has no standard code. */
      if (q->kind == TM_QUESTIONNAIRE_PHQ9 || q->kind == TM_QUESTIONNAIRE_GAD7)
        add_questionnaire (bundle, q);
      if (!count_record (bundle, error))
        return FALSE;
    }
  for (guint i = 0; i < record->checkins->len; i++)
    {
      add_checkin (bundle, record->checkins->pdata[i]);
      if (!count_record (bundle, error))
        return FALSE;
    }
  for (guint i = 0; i < record->sessions->len; i++)
    {
      add_session (bundle, record->sessions->pdata[i]);
      if (!count_record (bundle, error))
        return FALSE;
    }

  json_builder_end_array (b);
  json_builder_end_object (b);
  return TRUE;
}

/**
 * tm_store_write_fhir:
 * @progress: (nullable): where to say how far it got, and hear to stop
 *
 * Returns: (transfer full) (nullable): the whole record as a FHIR R4
 *   Bundle, pretty-printed JSON; %NULL with @error when it could not be
 *   read or was cancelled
 */
char *
tm_store_write_fhir (TmStore           *store,
                     const TmProgress  *progress,
                     GError           **error)
{
  g_auto(Record) record = { NULL };
  g_auto(Bundle) bundle = { NULL };
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (TM_IS_STORE (store), NULL);

  if (!read_record (store, &record, error))
    return NULL;
  bundle.builder = json_builder_new ();
  bundle.progress = progress;
  bundle.total = record.questionnaires->len + record.checkins->len + record.sessions->len;
  if (!tm_progress_report (progress, 0, bundle.total, error) || !build_bundle (&bundle, &record, error))
    return NULL;

  root = json_builder_get_root (bundle.builder);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static void
set_write_error (GError     **error,
                 const char  *path,
                 int          saved_errno)
{
  /* Translators: what Tidemark could not write, in "Tidemark could not write %s to FILE: …" */
  tm_file_set_write_error (error, _("the record for a clinic"), path, saved_errno);
}

/**
 * tm_store_export_fhir:
 * @path: the file to write; one there is replaced only once the new one
 *   is whole
 * @progress: (nullable): where to say how far it got; once cancelled, it
 *   stops and the file there stays as it was
 *
 * Writes tm_store_write_fhir()'s Bundle to @path. A file in the data
 * folder, or something that is not an ordinary file, is refused with
 * %TM_STORE_ERROR_INVALID before anything is written.
 */
gboolean
tm_store_export_fhir (TmStore           *store,
                      const char        *path,
                      const TmProgress  *progress,
                      GError           **error)
{
  g_autoptr(TmPendingFile) pending = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (TM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!tm_file_check_output (path, tm_store_get_data_dir (store), error))
    return FALSE;
  json = tm_store_write_fhir (store, progress, error);
  if (json == NULL)
    return FALSE;

  pending = tm_pending_file_new (path);
  if (pending == NULL)
    {
      set_write_error (error, path, errno);
      return FALSE;
    }
  if (!tm_pending_file_write (pending, json, strlen (json)))
    {
      set_write_error (error, path, errno);
      return FALSE;
    }
  /* Cancelled up to the last moment, the file there stays as it was. */
  if (progress != NULL && g_cancellable_set_error_if_cancelled (progress->cancellable, error))
    return FALSE;
  if (!tm_pending_file_commit (pending))
    {
      set_write_error (error, path, errno);
      return FALSE;
    }
  return TRUE;
}

/**
 * tm_fhir_default_file_name:
 * @today: YYYY-MM-DD
 *
 * Returns: "tidemark-fhir-2026-11-28.json"
 */
char *
tm_fhir_default_file_name (const char *today)
{
  return g_strdup_printf ("tidemark-fhir-%s.json", today);
}
