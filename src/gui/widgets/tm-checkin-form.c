/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The check-in of one day: ratings, sleep, effects, red flags, the
 * optional daily question, a note and whether to bring it up at the next
 * review. It keeps
 * what was typed until it is saved, and says why a save was refused next
 * to the field at fault. */
#define G_LOG_DOMAIN "tm-checkin-form"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-accessible.h"
#include "tm-checkin-form.h"
#include "tm-daily-question.h"
#include "tm-effects-row.h"
#include "tm-error-label.h"
#include "tm-rating-row.h"
#include "tm-red-flags-row.h"

/* Show how much room a note has left from this many characters on. */
#define NOTE_COUNT_FROM (TM_NOTE_MAX_CHARS - 1000)

struct _TmCheckinForm
{
  GtkBox               parent_instance;

  AdwPreferencesGroup *ratings_group;
  TmRatingRow         *mood_row;
  TmRatingRow         *anxiety_row;
  TmRatingRow         *energy_row;
  AdwEntryRow         *sleep_row;
  TmErrorLabel        *ratings_error;
  TmEffectsRow        *effects_row;
  TmRatingRow         *intensity_row;   /* built with the checklist */
  TmErrorLabel        *effects_error;
  TmRedFlagsRow       *red_flags_row;
  GtkWidget           *self_harm_group;
  AdwActionRow        *self_harm_row;
  GtkToggleButton     *self_harm_no;
  GtkToggleButton     *self_harm_yes;
  GtkSwitch           *discuss_switch;
  GtkTextView         *note_view;
  GtkLabel            *note_hidden_label;
  GtkLabel            *note_count_label;
  TmErrorLabel        *note_error;
  TmErrorLabel        *general_error;

  char                 day[TM_DAY_LEN + 1];
  TmCheckin           *saved;          /* as stored, or NULL for a new day */
  TmCheckin           *baseline;       /* what "unchanged" means */
  char                *baseline_sleep;
  gboolean             dirty;
  gboolean             loading;
  gboolean             ask_self_harm;  /* the daily question is on */
};

G_DEFINE_FINAL_TYPE (TmCheckinForm, tm_checkin_form, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_DAY,
  PROP_DIRTY,
  PROP_HIDE_NOTE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
get_note_text (TmCheckinForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The check-in as the form shows it, leaving sleep unset when its text is
 * not hours. */
static TmCheckin *
read_form (TmCheckinForm *self)
{
  g_autoptr(TmCheckin) checkin = tm_checkin_new (self->day);
  g_autofree char *note = get_note_text (self);

  if (self->saved != NULL)
    checkin->id = self->saved->id;

  checkin->mood = tm_rating_row_get_value (self->mood_row);
  checkin->anxiety = tm_rating_row_get_value (self->anxiety_row);
  checkin->energy = tm_rating_row_get_value (self->energy_row);
  if (!tm_parse_hours (gtk_editable_get_text (GTK_EDITABLE (self->sleep_row)),
                       &checkin->sleep_hours, NULL))
    checkin->sleep_hours = TM_UNSET_HOURS;

  checkin->effects = tm_effects_row_get_effects (self->effects_row);
  if (tm_effects_row_get_reported (self->effects_row) && self->intensity_row != NULL)
    checkin->effects_intensity = tm_rating_row_get_value (self->intensity_row);
  checkin->red_flags = tm_red_flags_row_get_red_flags (self->red_flags_row);

  /* Asked: as answered, or not answered. Not asked (turned off), an
   * answer given before stays as it was. */
  if (self->ask_self_harm)
    checkin->self_harm = gtk_toggle_button_get_active (self->self_harm_yes) ? 1
                       : gtk_toggle_button_get_active (self->self_harm_no) ? 0 : TM_UNSET;
  else if (self->saved != NULL)
    checkin->self_harm = self->saved->self_harm;

  checkin->discuss = gtk_switch_get_active (self->discuss_switch);
  tm_checkin_set_note (checkin, note);
  return g_steal_pointer (&checkin);
}

static void
set_dirty (TmCheckinForm *self,
           gboolean       dirty)
{
  if (self->dirty == dirty)
    return;

  self->dirty = dirty;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DIRTY]);
}

static void
update_dirty (TmCheckinForm *self)
{
  g_autoptr(TmCheckin) current = NULL;
  const char *sleep_text;

  if (self->loading || self->baseline == NULL)
    return;

  current = read_form (self);
  sleep_text = gtk_editable_get_text (GTK_EDITABLE (self->sleep_row));
  set_dirty (self, !tm_checkin_equal_content (current, self->baseline) ||
                   g_strcmp0 (sleep_text, self->baseline_sleep) != 0);
}

static void
unmark_ratings (TmCheckinForm *self)
{
  tm_error_label_hide (self->ratings_error);
  gtk_widget_remove_css_class (GTK_WIDGET (self->mood_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->anxiety_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->energy_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sleep_row), "error");
}

static void
unmark_effects (TmCheckinForm *self)
{
  tm_error_label_hide (self->effects_error);
  if (self->intensity_row != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->intensity_row), "error");
}

static void
clear_errors (TmCheckinForm *self)
{
  unmark_ratings (self);
  unmark_effects (self);
  tm_error_label_hide (self->note_error);
  tm_error_label_hide (self->general_error);
}

/* Says what is wrong next to @field (a column name from core), marks it,
 * and moves the keyboard there. */
static void
show_field_error (TmCheckinForm *self,
                  const char    *field,
                  const char    *message)
{
  GtkWidget *row = NULL;

  if (g_strcmp0 (field, "mood") == 0)
    row = GTK_WIDGET (self->mood_row);
  else if (g_strcmp0 (field, "anxiety") == 0)
    row = GTK_WIDGET (self->anxiety_row);
  else if (g_strcmp0 (field, "energy") == 0)
    row = GTK_WIDGET (self->energy_row);
  else if (g_strcmp0 (field, "sleep_hours") == 0)
    row = GTK_WIDGET (self->sleep_row);

  if (row != NULL)
    {
      tm_error_label_show (self->ratings_error, message);
      gtk_widget_add_css_class (row, "error");
      if (ADW_IS_ENTRY_ROW (row))
        gtk_widget_grab_focus (row);
      else
        gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
    }
  else if (g_strcmp0 (field, "effects") == 0 || g_strcmp0 (field, "effects_intensity") == 0)
    {
      tm_error_label_show (self->effects_error, message);
      tm_effects_row_focus_checklist (self->effects_row);
      if (g_strcmp0 (field, "effects_intensity") == 0)
        gtk_widget_add_css_class (GTK_WIDGET (self->intensity_row), "error");
    }
  else if (g_strcmp0 (field, "note") == 0)
    {
      tm_error_label_show (self->note_error, message);
      gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
    }
  else
    {
      tm_error_label_show (self->general_error, message);
      gtk_widget_child_focus (GTK_WIDGET (self->general_error), GTK_DIR_TAB_FORWARD);
    }
}

static void
update_note_count (TmCheckinForm *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  int n_chars = gtk_text_buffer_get_char_count (buffer);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->note_count_label), n_chars >= NOTE_COUNT_FROM);
  if (n_chars < NOTE_COUNT_FROM)
    return;

  if (n_chars <= TM_NOTE_MAX_CHARS)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d character left", "%d characters left",
                                         TM_NOTE_MAX_CHARS - n_chars),
                            TM_NOTE_MAX_CHARS - n_chars);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d character too many",
                                         "%d characters too many", n_chars - TM_NOTE_MAX_CHARS),
                            n_chars - TM_NOTE_MAX_CHARS);

  gtk_label_set_label (self->note_count_label, text);
  if (n_chars > TM_NOTE_MAX_CHARS)
    gtk_widget_add_css_class (GTK_WIDGET (self->note_count_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->note_count_label), "error");
}

static void
on_ratings_changed_cb (TmCheckinForm *self)
{
  if (self->loading)
    return;

  unmark_ratings (self);
  update_dirty (self);
}

static void
on_answers_changed_cb (TmCheckinForm *self)
{
  if (self->loading)
    return;

  update_dirty (self);
}

static void
on_effects_changed_cb (TmCheckinForm *self)
{
  if (self->loading)
    return;

  unmark_effects (self);
  update_dirty (self);
}

/* The intensity goes after the checklist, built with it. */
static void
on_effects_rows_built_cb (TmCheckinForm *self)
{
  self->intensity_row = g_object_new (TM_TYPE_RATING_ROW,
                                      "title", _("How Strong Were They?"),
                                      "subtitle", _("0 is barely noticeable, 10 overwhelming · optional"),
                                      "optional", TRUE,
                                      NULL);
  g_signal_connect_object (self->intensity_row, "notify::value",
                           G_CALLBACK (on_effects_changed_cb), self, G_CONNECT_SWAPPED);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (self->effects_row), GTK_WIDGET (self->intensity_row));
}

static void
on_note_changed_cb (TmCheckinForm *self)
{
  update_note_count (self);
  if (self->loading)
    return;

  tm_error_label_hide (self->note_error);
  update_dirty (self);
}

static void
tm_checkin_form_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  TmCheckinForm *self = TM_CHECKIN_FORM (object);

  switch (prop_id)
    {
    case PROP_DAY:
      g_value_set_string (value, self->day[0] ? self->day : NULL);
      break;
    case PROP_DIRTY:
      g_value_set_boolean (value, self->dirty);
      break;
    case PROP_HIDE_NOTE:
      g_value_set_boolean (value, !gtk_widget_get_visible (GTK_WIDGET (self->note_view)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_checkin_form_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  TmCheckinForm *self = TM_CHECKIN_FORM (object);

  switch (prop_id)
    {
    case PROP_HIDE_NOTE:
      tm_checkin_form_set_hide_note (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
tm_checkin_form_dispose (GObject *object)
{
  TmCheckinForm *self = TM_CHECKIN_FORM (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_CHECKIN_FORM);
  g_clear_object (&self->saved);
  g_clear_object (&self->baseline);

  G_OBJECT_CLASS (tm_checkin_form_parent_class)->dispose (object);
}

static void
tm_checkin_form_finalize (GObject *object)
{
  TmCheckinForm *self = TM_CHECKIN_FORM (object);

  g_free (self->baseline_sleep);

  G_OBJECT_CLASS (tm_checkin_form_parent_class)->finalize (object);
}

static void
tm_checkin_form_class_init (TmCheckinFormClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = tm_checkin_form_get_property;
  object_class->set_property = tm_checkin_form_set_property;
  object_class->dispose = tm_checkin_form_dispose;
  object_class->finalize = tm_checkin_form_finalize;

  properties[PROP_DAY] =
    g_param_spec_string ("day", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DIRTY] =
    g_param_spec_boolean ("dirty", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Bound to TmContext:hide-notes by whoever shows the form. */
  properties[PROP_HIDE_NOTE] =
    g_param_spec_boolean ("hide-note", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (TM_TYPE_EFFECTS_ROW);
  g_type_ensure (TM_TYPE_ERROR_LABEL);
  g_type_ensure (TM_TYPE_RATING_ROW);
  g_type_ensure (TM_TYPE_RED_FLAGS_ROW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/widgets/tm-checkin-form.ui");
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, ratings_group);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, mood_row);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, anxiety_row);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, energy_row);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, sleep_row);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, ratings_error);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, effects_row);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, effects_error);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, red_flags_row);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, self_harm_group);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, self_harm_row);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, self_harm_no);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, self_harm_yes);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, discuss_switch);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, note_view);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, note_hidden_label);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, note_count_label);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, note_error);
  gtk_widget_class_bind_template_child (widget_class, TmCheckinForm, general_error);
  gtk_widget_class_bind_template_callback (widget_class, on_ratings_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_effects_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_answers_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_effects_rows_built_cb);
}

static void
tm_checkin_form_init (TmCheckinForm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->self_harm_row),
                                 tm_daily_question_get_text ());
  tm_accessible_name_rows (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (on_note_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * tm_checkin_form_load:
 * @day: the day the form is for
 * @checkin: (nullable): its stored check-in, or %NULL for a new one
 *
 * Shows @checkin, or an empty form for @day; either counts as unchanged.
 */
void
tm_checkin_form_load (TmCheckinForm *self,
                      const char    *day,
                      TmCheckin     *checkin)
{
  g_autoptr(TmCheckin) empty = NULL;
  g_autofree char *sleep_text = NULL;
  g_autofree char *today = NULL;
  TmCheckin *shown;
  gboolean day_changed;
  gboolean is_today;

  g_return_if_fail (TM_IS_CHECKIN_FORM (self));
  g_return_if_fail (tm_day_is_valid (day));
  g_return_if_fail (checkin == NULL || g_strcmp0 (checkin->day, day) == 0);

  day_changed = g_strcmp0 (self->day, day) != 0;
  g_strlcpy (self->day, day, sizeof self->day);

  /* A past day is asked about in the past tense. */
  today = tm_day_today ();
  is_today = g_strcmp0 (day, today) == 0;
  adw_preferences_group_set_title (self->ratings_group,
                                   is_today ? _("How Are You Today?") : _("How Were You That Day?"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->effects_row),
                                 is_today ? _("Unusual Perceptual or Dissociative Effects Today?")
                                          : _("Unusual Perceptual or Dissociative Effects That Day?"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->sleep_row),
                                 /* Translators: an entry for hours of sleep, e.g. 7.5 or 7:30 */
                                 is_today ? _("Hours of Sleep Last Night")
                                          : _("Hours of Sleep the Night Before"));

  g_clear_object (&self->saved);
  if (checkin != NULL)
    self->saved = tm_checkin_copy (checkin);

  if (checkin == NULL)
    empty = tm_checkin_new (day);
  shown = checkin != NULL ? checkin : empty;

  self->loading = TRUE;

  tm_rating_row_set_value (self->mood_row, shown->mood);
  tm_rating_row_set_value (self->anxiety_row, shown->anxiety);
  tm_rating_row_set_value (self->energy_row, shown->energy);
  sleep_text = tm_format_hours (shown->sleep_hours);
  gtk_editable_set_text (GTK_EDITABLE (self->sleep_row), sleep_text);
  tm_effects_row_set_effects (self->effects_row, shown->effects);
  if (self->intensity_row != NULL)
    tm_rating_row_set_value (self->intensity_row, shown->effects_intensity);
  tm_red_flags_row_set_red_flags (self->red_flags_row, shown->red_flags);
  gtk_toggle_button_set_active (self->self_harm_yes, shown->self_harm == 1);
  gtk_toggle_button_set_active (self->self_harm_no, shown->self_harm == 0);
  if (shown->self_harm == TM_UNSET)
    {
      /* Grouped buttons: one is let go of explicitly. */
      gtk_toggle_button_set_active (self->self_harm_yes, FALSE);
      gtk_toggle_button_set_active (self->self_harm_no, FALSE);
    }
  gtk_switch_set_active (self->discuss_switch, shown->discuss);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            shown->note != NULL ? shown->note : "", -1);

  self->loading = FALSE;

  g_clear_object (&self->baseline);
  self->baseline = read_form (self);
  g_free (self->baseline_sleep);
  self->baseline_sleep = g_steal_pointer (&sleep_text);

  clear_errors (self);
  update_note_count (self);
  set_dirty (self, FALSE);

  if (day_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DAY]);
}

const char *
tm_checkin_form_get_day (TmCheckinForm *self)
{
  g_return_val_if_fail (TM_IS_CHECKIN_FORM (self), NULL);

  return self->day[0] ? self->day : NULL;
}

/**
 * tm_checkin_form_get_saved:
 *
 * Returns: (transfer none) (nullable): the check-in as last stored
 */
TmCheckin *
tm_checkin_form_get_saved (TmCheckinForm *self)
{
  g_return_val_if_fail (TM_IS_CHECKIN_FORM (self), NULL);

  return self->saved;
}

gboolean
tm_checkin_form_get_dirty (TmCheckinForm *self)
{
  g_return_val_if_fail (TM_IS_CHECKIN_FORM (self), FALSE);

  return self->dirty;
}

/**
 * tm_checkin_form_save:
 *
 * Validates and stores what the form shows. When that is refused, the
 * form keeps everything typed and says why next to the field at fault.
 */
gboolean
tm_checkin_form_save (TmCheckinForm  *self,
                      TmStore        *store,
                      GError        **error)
{
  g_autoptr(TmCheckin) checkin = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *field = NULL;

  g_return_val_if_fail (TM_IS_CHECKIN_FORM (self), FALSE);
  g_return_val_if_fail (TM_IS_STORE (store), FALSE);
  g_return_val_if_fail (self->day[0] != '\0', FALSE);

  clear_errors (self);
  checkin = read_form (self);

  if (!tm_parse_hours (gtk_editable_get_text (GTK_EDITABLE (self->sleep_row)),
                       &checkin->sleep_hours, &local_error))
    field = "sleep_hours";
  else if (!tm_validate_effects_reported (tm_effects_row_get_reported (self->effects_row),
                                          checkin->effects, &local_error))
    field = "effects";
  else if (tm_checkin_validate (checkin, &field, &local_error) &&
           tm_store_save_checkin (store, checkin, &local_error))
    {
      tm_checkin_form_load (self, self->day, checkin);
      return TRUE;
    }

  show_field_error (self, field, local_error->message);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * tm_checkin_form_set_ask_self_harm:
 * @ask: whether the daily question is on
 *
 * Shows the optional daily question, or hides it; hidden, an answer given
 * before is kept as it was.
 */
void
tm_checkin_form_set_ask_self_harm (TmCheckinForm *self,
                                   gboolean       ask)
{
  g_return_if_fail (TM_IS_CHECKIN_FORM (self));

  self->ask_self_harm = ask;
  gtk_widget_set_visible (self->self_harm_group, ask);
  update_dirty (self);
}

void
tm_checkin_form_focus_first (TmCheckinForm *self)
{
  g_return_if_fail (TM_IS_CHECKIN_FORM (self));

  gtk_widget_child_focus (GTK_WIDGET (self->mood_row), GTK_DIR_TAB_FORWARD);
}

/**
 * tm_checkin_form_new_save_question:
 * @parent: the window that would close
 * @body: what would be lost
 *
 * Returns: (transfer none): the question asked before closing with unsaved
 *   changes, with the responses "cancel", "discard" and "save"
 */
AdwMessageDialog *
tm_checkin_form_new_save_question (GtkWindow  *parent,
                                   const char *heading,
                                   const char *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, heading, body));

  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");

  return dialog;
}

/**
 * tm_checkin_form_set_hide_note:
 * @hide_note: whether the note is kept off the screen
 *
 * For a shared screen: the note is out of sight, but kept as it is, and
 * saved with the rest of the form.
 */
void
tm_checkin_form_set_hide_note (TmCheckinForm *self,
                               gboolean       hide_note)
{
  g_return_if_fail (TM_IS_CHECKIN_FORM (self));

  hide_note = !!hide_note;
  if (gtk_widget_get_visible (GTK_WIDGET (self->note_view)) == !hide_note)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->note_view), !hide_note);
  gtk_widget_set_visible (GTK_WIDGET (self->note_hidden_label), hide_note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIDE_NOTE]);
}
