/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The FHIR export: a hand-made record goes out as a Bundle that json-glib
 * reads back with the codes, values and references a clinic's system
 * looks for; an empty record is a Bundle with only the Patient. */
#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "tm-fhir.h"
#include "tm-report-data.h"
#include "tm-session-reading.h"
#include "tm-test-util.h"

#define LOINC "http://loinc.org"
#define UCUM  "http://unitsofmeasure.org"

static const int phq9_answers[9] = { 0, 1, 2, 3, 0, 1, 2, 3, 1 };   /* 13 */
static const int gad7_answers[7] = { 3, 2, 1, 0, 1, 2, 3 };         /* 12 */
static const char * const phq9_codes[9] = {
  "44250-9", "44255-8", "44259-0", "44254-1", "44251-7", "44258-2", "44252-5", "44253-3", "44260-8",
};
static const char * const gad7_codes[7] = {
  "69725-0", "68509-9", "69733-4", "69734-2", "69735-9", "69689-8", "69736-7",
};
static const char * const answer_codes[4] = { "LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9" };

typedef struct
{
  char      *dir;
  char      *out;
  TmStore   *store;
  JsonNode  *root;
  GPtrArray *resources;   /* JsonObject, each entry's resource, in order */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = tm_test_make_data_dir ();
  f->out = tm_test_make_data_dir ();
  f->store = tm_store_open (f->dir, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->resources, g_ptr_array_unref);
  g_clear_pointer (&f->root, json_node_unref);
  g_clear_object (&f->store);
  tm_test_remove_tree (f->dir);
  tm_test_remove_tree (f->out);
  g_free (f->dir);
  g_free (f->out);
}

static void
add_record (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(TmQuestionnaire) phq9 = tm_questionnaire_new (TM_QUESTIONNAIRE_PHQ9, "2026-11-20");
  g_autoptr(TmQuestionnaire) gad7 = tm_questionnaire_new (TM_QUESTIONNAIRE_GAD7, "2026-11-20");
  g_autoptr(TmCheckin) full = tm_checkin_new ("2026-11-21");
  g_autoptr(TmCheckin) mood_only = tm_checkin_new ("2026-11-22");
  g_autoptr(TmSession) session = tm_session_new ();
  TmSessionReading *later;

  g_assert_true (tm_store_set_report_name (f->store, "Alex R.", &error));
  memcpy (phq9->answers, phq9_answers, sizeof phq9_answers);
  phq9->difficulty = 2;
  g_assert_true (tm_store_save_questionnaire (f->store, phq9, &error));
  g_assert_no_error (error);
  memcpy (gad7->answers, gad7_answers, sizeof gad7_answers);
  g_assert_true (tm_store_save_questionnaire (f->store, gad7, &error));
  g_assert_no_error (error);

  full->mood = 6;
  full->anxiety = 3;
  full->energy = 7;
  g_assert_true (tm_store_save_checkin (f->store, full, &error));
  /* What was left out is not sent. */
  mood_only->mood = 4;
  g_assert_true (tm_store_save_checkin (f->store, mood_only, &error));
  g_assert_no_error (error);

  tm_session_set_taken_at (session, "2026-11-22T10:00:00+09:00");
  session->dose_mg = 37.5;
  session->route = TM_ROUTE_INTRANASAL;
  session->dissociation_peak = 5;
  tm_test_add_bp (session, 0, 128, 82);
  tm_test_add_bp (session, 60, 135, 88);
  later = session->readings->pdata[1];
  later->dissociation = 4;
  g_assert_true (tm_store_save_session (f->store, session, &error));
  g_assert_no_error (error);
}

/* Exports to a file, reads it back, and keeps each entry's resource. */
static void
export_and_parse (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_build_filename (f->out, "clinic.json", NULL);
  JsonObject *bundle;
  JsonArray *entries;

  g_assert_true (tm_store_export_fhir (f->store, path, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  f->root = json_node_ref (json_parser_get_root (parser));
  g_assert_true (JSON_NODE_HOLDS_OBJECT (f->root));
  bundle = json_node_get_object (f->root);
  g_assert_cmpstr (json_object_get_string_member (bundle, "resourceType"), ==, "Bundle");
  g_assert_cmpstr (json_object_get_string_member (bundle, "type"), ==, "collection");

  entries = json_object_get_array_member (bundle, "entry");
  f->resources = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      g_assert_true (g_str_has_prefix (json_object_get_string_member (entry, "fullUrl"), "urn:uuid:"));
      g_ptr_array_add (f->resources, json_object_get_object_member (entry, "resource"));
    }
}

static guint
count_type (Fixture    *f,
            const char *type)
{
  guint n = 0;

  for (guint i = 0; i < f->resources->len; i++)
    if (g_str_equal (json_object_get_string_member (f->resources->pdata[i], "resourceType"), type))
      n++;
  return n;
}

/* The first coding of @object's @member, a CodeableConcept. */
static JsonObject *
first_coding (JsonObject *object,
              const char *member)
{
  JsonObject *concept = json_object_get_object_member (object, member);

  g_assert_nonnull (concept);
  return json_array_get_object_element (json_object_get_array_member (concept, "coding"), 0);
}

static void
assert_coding (JsonObject *coding,
               const char *system,
               const char *code)
{
  g_assert_cmpstr (json_object_get_string_member (coding, "system"), ==, system);
  g_assert_cmpstr (json_object_get_string_member (coding, "code"), ==, code);
}

/* The Observations coded @code, in order. */
static GPtrArray *
find_observations (Fixture    *f,
                   const char *code)
{
  GPtrArray *found = g_ptr_array_new ();

  for (guint i = 0; i < f->resources->len; i++)
    {
      JsonObject *resource = f->resources->pdata[i];

      if (g_str_equal (json_object_get_string_member (resource, "resourceType"), "Observation") &&
          g_str_equal (json_object_get_string_member (first_coding (resource, "code"), "code"), code))
        g_ptr_array_add (found, resource);
    }
  return found;
}

static JsonObject *
find_questionnaire_response (Fixture    *f,
                             const char *loinc)
{
  g_autofree char *canonical = g_strconcat (LOINC "/q/", loinc, NULL);

  for (guint i = 0; i < f->resources->len; i++)
    {
      JsonObject *resource = f->resources->pdata[i];

      if (g_str_equal (json_object_get_string_member (resource, "resourceType"), "QuestionnaireResponse") &&
          g_str_equal (json_object_get_string_member (resource, "questionnaire"), canonical))
        return resource;
    }
  g_error ("No QuestionnaireResponse for %s", loinc);
  return NULL;
}

static void
assert_items (JsonObject         *response,
              const char * const *codes,
              const int          *answers,
              guint               n)
{
  JsonArray *items = json_object_get_array_member (response, "item");

  g_assert_cmpstr (json_object_get_string_member (response, "status"), ==, "completed");
  g_assert_cmpuint (json_array_get_length (items), >=, n);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonObject *answer = json_array_get_object_element (json_object_get_array_member (item, "answer"), 0);
      JsonObject *coding = json_object_get_object_member (answer, "valueCoding");
      JsonObject *ordinal =
        json_array_get_object_element (json_object_get_array_member (coding, "extension"), 0);

      g_assert_cmpstr (json_object_get_string_member (item, "linkId"), ==, codes[i]);
      g_assert_nonnull (json_object_get_string_member (item, "text"));
      assert_coding (coding, LOINC, answer_codes[answers[i]]);
      g_assert_cmpstr (json_object_get_string_member (ordinal, "url"), ==,
                       "http://hl7.org/fhir/StructureDefinition/ordinalValue");
      g_assert_cmpint (json_object_get_int_member (ordinal, "valueDecimal"), ==, answers[i]);
    }
}

/* Every "reference" anywhere in @node is the fullUrl of an entry. */
static void
assert_references_resolve (JsonNode   *node,
                           GHashTable *urls,
                           guint      *n_references)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        assert_references_resolve (json_array_get_element (array, i), urls, n_references);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          JsonNode *value = json_object_get_member (object, l->data);

          if (g_str_equal (l->data, "reference"))
            {
              if (!g_hash_table_contains (urls, json_node_get_string (value)))
                g_error ("The reference %s is to no entry of the Bundle", json_node_get_string (value));
              (*n_references)++;
            }
          else
            assert_references_resolve (value, urls, n_references);
        }
    }
}

static void
test_record (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) phq9_totals = NULL;
  g_autoptr(GPtrArray) gad7_totals = NULL;
  g_autoptr(GPtrArray) panels = NULL;
  g_autoptr(GHashTable) urls = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *patient;
  JsonObject *response;
  JsonObject *statement = NULL;
  JsonArray *entries;
  guint n_references = 0;

  add_record (f);
  export_and_parse (f);

  /* What is in it */
  g_assert_cmpuint (count_type (f, "Patient"), ==, 1);
  g_assert_cmpuint (count_type (f, "QuestionnaireResponse"), ==, 2);
  /* 2 totals, 4 ratings of the check-ins, the peak dissociation, 2
   * blood pressures and 1 dissociation at a reading */
  g_assert_cmpuint (count_type (f, "Observation"), ==, 10);
  g_assert_cmpuint (count_type (f, "MedicationStatement"), ==, 1);
  g_assert_cmpuint (f->resources->len, ==, 14);

  /* The patient: only the name chosen for the report. */
  patient = f->resources->pdata[0];
  g_assert_cmpstr (json_object_get_string_member (patient, "resourceType"), ==, "Patient");
  g_assert_cmpuint (json_object_get_size (patient), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (
                     json_object_get_array_member (patient, "name"), 0), "text"), ==, "Alex R.");

  /* The questionnaires, item by item */
  response = find_questionnaire_response (f, "44249-1");
  assert_items (response, phq9_codes, phq9_answers, 9);
  {
    JsonArray *items = json_object_get_array_member (response, "item");
    JsonObject *difficulty = json_array_get_object_element (items, 9);
    JsonObject *answer = json_array_get_object_element (json_object_get_array_member (difficulty, "answer"), 0);

    g_assert_cmpuint (json_array_get_length (items), ==, 10);
    g_assert_cmpstr (json_object_get_string_member (difficulty, "linkId"), ==, "69722-7");
    assert_coding (json_object_get_object_member (answer, "valueCoding"), LOINC, "LA6575-0");
  }
  response = find_questionnaire_response (f, "69737-5");
  assert_items (response, gad7_codes, gad7_answers, 7);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (response, "item")), ==, 7);

  /* The totals */
  phq9_totals = find_observations (f, "44261-6");
  g_assert_cmpuint (phq9_totals->len, ==, 1);
  g_assert_cmpint (json_object_get_int_member (phq9_totals->pdata[0], "valueInteger"), ==, 13);
  assert_coding (first_coding (phq9_totals->pdata[0], "code"), LOINC, "44261-6");
  g_assert_cmpstr (json_object_get_string_member (phq9_totals->pdata[0], "effectiveDateTime"), ==, "2026-11-20");
  gad7_totals = find_observations (f, "70274-6");
  g_assert_cmpuint (gad7_totals->len, ==, 1);
  g_assert_cmpint (json_object_get_int_member (gad7_totals->pdata[0], "valueInteger"), ==, 12);

  /* Blood pressure: the panel, both components, in mm[Hg], at the
   * reading's time at the dose's offset */
  panels = find_observations (f, "85354-9");
  g_assert_cmpuint (panels->len, ==, 2);
  {
    const struct { const char *at; int sys; int dia; } expected[] = {
      { "2026-11-22T10:00:00+09:00", 128, 82 },
      { "2026-11-22T11:00:00+09:00", 135, 88 },
    };

    for (guint i = 0; i < panels->len; i++)
      {
        JsonObject *panel = panels->pdata[i];
        JsonArray *components = json_object_get_array_member (panel, "component");
        const char *codes[2] = { "8480-6", "8462-4" };
        int values[2] = { expected[i].sys, expected[i].dia };

        assert_coding (first_coding (panel, "code"), LOINC, "85354-9");
        g_assert_cmpstr (json_object_get_string_member (panel, "effectiveDateTime"), ==, expected[i].at);
        g_assert_cmpuint (json_array_get_length (components), ==, 2);
        for (guint c = 0; c < 2; c++)
          {
            JsonObject *component = json_array_get_object_element (components, c);
            JsonObject *quantity = json_object_get_object_member (component, "valueQuantity");

            assert_coding (first_coding (component, "code"), LOINC, codes[c]);
            g_assert_cmpint (json_object_get_int_member (quantity, "value"), ==, values[c]);
            g_assert_cmpstr (json_object_get_string_member (quantity, "unit"), ==, "mm[Hg]");
            g_assert_cmpstr (json_object_get_string_member (quantity, "code"), ==, "mm[Hg]");
            g_assert_cmpstr (json_object_get_string_member (quantity, "system"), ==, UCUM);
          }
      }
  }

  /* The ratings, in Tidemark's CodeSystem */
  {
    const struct { const char *code; guint n; int value; const char *at; } ratings[] = {
      { "mood", 2, 6, "2026-11-21" },
      { "anxiety", 1, 3, "2026-11-21" },
      { "energy", 1, 7, "2026-11-21" },
      { "dissociation_peak", 1, 5, "2026-11-22T10:00:00+09:00" },
      { "dissociation", 1, 4, "2026-11-22T11:00:00+09:00" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
      {
        g_autoptr(GPtrArray) found = find_observations (f, ratings[i].code);
        JsonObject *first;
        JsonObject *range;

        g_assert_cmpuint (found->len, ==, ratings[i].n);
        first = found->pdata[0];
        assert_coding (first_coding (first, "code"), TM_FHIR_CODE_SYSTEM, ratings[i].code);
        g_assert_cmpint (json_object_get_int_member (first, "valueInteger"), ==, ratings[i].value);
        g_assert_cmpstr (json_object_get_string_member (first, "effectiveDateTime"), ==, ratings[i].at);
        range = json_array_get_object_element (json_object_get_array_member (first, "referenceRange"), 0);
        g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (range, "low"), "value"), ==, 0);
        g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (range, "high"), "value"), ==,
                         10);
      }
    /* The second day's mood */
    {
      g_autoptr(GPtrArray) moods = find_observations (f, "mood");

      g_assert_cmpint (json_object_get_int_member (moods->pdata[1], "valueInteger"), ==, 4);
    }
  }

  /* The session */
  for (guint i = 0; i < f->resources->len; i++)
    if (g_str_equal (json_object_get_string_member (f->resources->pdata[i], "resourceType"), "MedicationStatement"))
      statement = f->resources->pdata[i];
  g_assert_nonnull (statement);
  {
    JsonObject *dosage = json_array_get_object_element (json_object_get_array_member (statement, "dosage"), 0);
    JsonObject *route = json_object_get_object_member (dosage, "route");
    JsonObject *dose = json_object_get_object_member (
      json_array_get_object_element (json_object_get_array_member (dosage, "doseAndRate"), 0), "doseQuantity");
    JsonObject *medicine = json_object_get_object_member (statement, "medicationCodeableConcept");

    g_assert_cmpstr (json_object_get_string_member (statement, "status"), ==, "completed");
    g_assert_cmpstr (json_object_get_string_member (medicine, "text"), ==, "Ketamine");
    assert_coding (first_coding (statement, "medicationCodeableConcept"),
                   "http://www.nlm.nih.gov/research/umls/rxnorm", "6130");
    g_assert_cmpstr (json_object_get_string_member (statement, "effectiveDateTime"), ==,
                     "2026-11-22T10:00:00+09:00");
    g_assert_cmpfloat (json_object_get_double_member (dose, "value"), ==, 37.5);
    g_assert_cmpstr (json_object_get_string_member (dose, "unit"), ==, "mg");
    g_assert_cmpstr (json_object_get_string_member (dose, "code"), ==, "mg");
    g_assert_cmpstr (json_object_get_string_member (dose, "system"), ==, UCUM);
    assert_coding (first_coding (dosage, "route"), "http://snomed.info/sct", "46713006");
    g_assert_nonnull (json_object_get_string_member (route, "text"));
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (statement, "informationSource"),
                                                    "reference"), ==,
                     json_object_get_string_member (json_array_get_object_element (
                       json_object_get_array_member (json_node_get_object (f->root), "entry"), 0), "fullUrl"));
  }

  /* Every reference is to an entry: subjects, sources, the totals' responses. */
  entries = json_object_get_array_member (json_node_get_object (f->root), "entry");
  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      const char *url = json_object_get_string_member (json_array_get_object_element (entries, i), "fullUrl");

      g_assert_false (g_hash_table_contains (urls, url));
      g_hash_table_add (urls, (gpointer) url);
    }
  assert_references_resolve (f->root, urls, &n_references);
  /* subject, author and source of 2 responses; subject of 10
   * Observations, and 2 derivedFrom; subject and informationSource of
   * the statement */
  g_assert_cmpuint (n_references, ==, 6 + 12 + 2);
}

/* An empty record: a valid Bundle with only a Patient, with no name when
 * none was chosen. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  export_and_parse (f);
  g_assert_cmpuint (f->resources->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (f->resources->pdata[0], "resourceType"), ==, "Patient");
  g_assert_false (json_object_has_member (f->resources->pdata[0], "name"));
}

/* Never into the data folder; a cancelled export leaves what was there. */
static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *inside = g_build_filename (f->dir, "clinic.json", NULL);
  g_autofree char *outside = g_build_filename (f->out, "clinic.json", NULL);
  g_autofree char *contents = NULL;
  TmProgress progress = { cancellable, NULL, NULL };

  g_assert_false (tm_store_export_fhir (f->store, inside, NULL, &error));
  g_assert_error (error, TM_STORE_ERROR, TM_STORE_ERROR_INVALID);
  g_assert_false (g_file_test (inside, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  add_record (f);
  g_assert_true (g_file_set_contents (outside, "an earlier export", -1, NULL));
  g_cancellable_cancel (cancellable);
  g_assert_false (tm_store_export_fhir (f->store, outside, &progress, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (outside, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "an earlier export");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/fhir/record", Fixture, NULL, fixture_set_up, test_record, fixture_tear_down);
  g_test_add ("/fhir/empty", Fixture, NULL, fixture_set_up, test_empty, fixture_tear_down);
  g_test_add ("/fhir/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  return g_test_run ();
}
