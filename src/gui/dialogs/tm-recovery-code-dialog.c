/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The recovery code of the keyring's backup key, to copy or to print
 * (or to save as a PDF from the print dialog): with it, the encrypted
 * backups open on another computer, or after the keyring is lost. */
#define G_LOG_DOMAIN "tm-recovery-code-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "tm-recovery-code-dialog.h"

#define GROUPS_PER_LINE 4

/**
 * tm_recovery_code_for_paper:
 *
 * Returns: (transfer full): @code in lines of four groups, for reading
 *   and copying by hand
 */
char *
tm_recovery_code_for_paper (const char *code)
{
  GString *lines = g_string_new (NULL);
  guint dashes = 0;

  for (const char *c = code; *c != '\0'; c++)
    {
      if (*c == '-' && ++dashes % GROUPS_PER_LINE == 0)
        g_string_append_c (lines, '\n');
      else
        g_string_append_c (lines, *c);
    }
  return g_string_free (lines, FALSE);
}

static const char *
what_it_is (void)
{
  return _("This code opens Tidemark’s encrypted backups when the key in the keyring is lost, or on "
           "another computer. Keep it somewhere safe and private: with it, anyone who has your backups "
           "can read them.");
}

static void
draw_text (cairo_t    *cr,
           PangoLayout *layout,
           const char *font,
           const char *text,
           double     *y)
{
  g_autoptr(PangoFontDescription) description = pango_font_description_from_string (font);
  int height;

  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 0, *y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, NULL, &height);
  *y += (double) height / PANGO_SCALE + 24;
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 const char        *code)
{
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  g_autoptr(PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autofree char *lines = tm_recovery_code_for_paper (code);
  double y = 0;

  pango_layout_set_width (layout, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  cairo_set_source_rgb (cr, 0, 0, 0);
  draw_text (cr, layout, "Sans Bold 16", _("Tidemark Backup Recovery Code"), &y);
  draw_text (cr, layout, "Monospace 22", lines, &y);
  draw_text (cr, layout, "Sans 11", what_it_is (), &y);
}

static void
print_code (GtkWindow  *parent,
            const char *code)
{
  g_autoptr(GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr(GError) error = NULL;

  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_job_name (operation, _("Tidemark Backup Recovery Code"));
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), (gpointer) code);
  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    g_warning ("The recovery code was not printed: %s", error->message);
}

static void
on_copy_clicked_cb (GtkButton *button,
                    GtkWidget *dialog)
{
  const char *code = g_object_get_data (G_OBJECT (dialog), "code");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (dialog), code);
  gtk_button_set_label (button, _("Copied"));
}

static void
on_print_clicked_cb (GtkWidget *dialog)
{
  print_code (GTK_WINDOW (dialog), g_object_get_data (G_OBJECT (dialog), "code"));
}

static GtkWidget *
button_named (const char *label,
              const char *name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_name (button, name);
  gtk_widget_add_css_class (button, "pill");
  return button;
}

/**
 * tm_recovery_code_dialog_new:
 * @code: the key's recovery code
 *
 * Returns: (transfer none): a dialog showing @code, with Copy and Print
 */
GtkWidget *
tm_recovery_code_dialog_new (GtkWindow  *parent,
                             const char *code)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, _("Backup Recovery Code"), what_it_is ());
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *lines = tm_recovery_code_for_paper (code);
  GtkWidget *label = gtk_label_new (lines);
  GtkWidget *copy = button_named (_("_Copy"), "copy-recovery-code");
  GtkWidget *print = button_named (_("_Print…"), "print-recovery-code");

  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  g_object_set_data_full (G_OBJECT (dialog), "code", g_strdup (code), g_free);
  gtk_widget_set_name (label, "recovery-code");
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (label, "monospace");
  gtk_widget_add_css_class (label, "title-3");
  gtk_box_append (GTK_BOX (box), label);

  gtk_widget_set_halign (buttons, GTK_ALIGN_CENTER);
  g_signal_connect (copy, "clicked", G_CALLBACK (on_copy_clicked_cb), dialog);
  g_signal_connect_swapped (print, "clicked", G_CALLBACK (on_print_clicked_cb), dialog);
  gtk_box_append (GTK_BOX (buttons), copy);
  gtk_box_append (GTK_BOX (buttons), print);
  gtk_box_append (GTK_BOX (box), buttons);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Done"));
  return dialog;
}
