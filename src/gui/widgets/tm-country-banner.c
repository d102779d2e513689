/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Asked once, on first run: whose crisis numbers Tidemark shows, as the
 * locale's territory suggests ("Crisis numbers for: United Kingdom"). OK
 * keeps that country; Change… opens Preferences at it. Either way it is
 * not asked again for this data. */
#define G_LOG_DOMAIN "tm-country-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-country-banner.h"
#include "tm-measure.h"
#include "tm-safety-contacts.h"

struct _TmCountryBanner
{
  GtkWidget    parent_instance;

  GtkRevealer *revealer;
  GtkLabel    *label;
  GtkButton   *change_button;
  GtkButton   *ok_button;

  TmStore     *store;
};

G_DEFINE_FINAL_TYPE (TmCountryBanner, tm_country_banner, GTK_TYPE_WIDGET)

static void confirm (TmCountryBanner *self);

static void
confirm_cb (GObject *owner)
{
  confirm (TM_COUNTRY_BANNER (owner));
}

/* Keeps the country shown as the person's; while an import is stored
 * elsewhere, as soon as it is done. */
static void
confirm (TmCountryBanner *self)
{
  g_autoptr(TmSafetyContacts) contacts = tm_store_get_safety_contacts (self->store);
  g_autoptr(GError) error = NULL;

  if (contacts->country_confirmed)
    return;
  if (!tm_store_set_crisis_country (self->store, contacts->country, &error))
    {
      if (tm_store_error_waits (self->store, error))
        tm_store_call_when_writable (self->store, G_OBJECT (self), G_CALLBACK (confirm_cb));
      else
        g_warning ("The country of the crisis numbers was not kept: %s", error->message);
    }
}

static void
on_ok_clicked_cb (TmCountryBanner *self)
{
  confirm (self);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

/* Preferences, at the country: the window it is in opens them. */
static void
on_change_clicked_cb (TmCountryBanner *self)
{
  confirm (self);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-crisis-country", NULL);
}

static void
tm_country_banner_dispose (GObject *object)
{
  TmCountryBanner *self = TM_COUNTRY_BANNER (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), TM_TYPE_COUNTRY_BANNER);

  G_OBJECT_CLASS (tm_country_banner_parent_class)->dispose (object);
}

static void
tm_country_banner_class_init (TmCountryBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = tm_country_banner_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (TM_TYPE_WRAP_BIN);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/widgets/tm-country-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, TmCountryBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, TmCountryBanner, label);
  gtk_widget_class_bind_template_child (widget_class, TmCountryBanner, change_button);
  gtk_widget_class_bind_template_child (widget_class, TmCountryBanner, ok_button);
  gtk_widget_class_bind_template_callback (widget_class, on_ok_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_change_clicked_cb);
}

static void
tm_country_banner_init (TmCountryBanner *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  tm_revealer_measure_when_shown (self->revealer);
}

/**
 * tm_country_banner_set_store:
 *
 * Shows the question when the country of @store's crisis numbers comes
 * from the locale only.
 */
void
tm_country_banner_set_store (TmCountryBanner *self,
                             TmStore         *store)
{
  g_autoptr(TmSafetyContacts) contacts = NULL;
  g_autofree char *text = NULL;

  g_return_if_fail (TM_IS_COUNTRY_BANNER (self));
  g_return_if_fail (TM_IS_STORE (store));

  g_set_object (&self->store, store);
  contacts = tm_store_get_safety_contacts (store);
  if (contacts->country != NULL)
    /* Translators: "Crisis numbers for: United Kingdom" */
    text = g_strdup_printf (_("Crisis numbers for: %s"), tm_crisis_country_get_name (contacts->country));
  else
    text = g_strdup (_("Tidemark knows no crisis numbers for your country. You can choose one it knows, "
                       "or enter your own."));
  gtk_label_set_label (self->label, text);
  gtk_revealer_set_reveal_child (self->revealer, !contacts->country_confirmed);
}
