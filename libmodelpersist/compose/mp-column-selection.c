/* mp-column-selection.c: which columns each transformer of a column
 * transformer takes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * scikit-learn's ColumnTransformer takes (name, transformer, columns)
 * triples. A GObject property holds one value, so the columns of all the
 * transformers are one string property: the Python literal of the list of
 * selections, which is what a scikit-learn user writes, what the string
 * form prints, and what the file stores. It is parsed here, by a reader
 * of a small subset of Python literals (ints, str, True/False and flat
 * lists of one of them): nothing is evaluated.
 */

#include "config.h"

#include <errno.h>
#include <string.h>

#include "mp-column-selection-private.h"
#include "mp-error.h"
#include "mp-pyrepr-private.h"

/* A selection list nests two levels at most, so a reader with a cursor is
 * enough (no recursion, no stack). */
typedef struct {
  const char *start;
  const char *p;
  const char *field;
} Reader;

static gboolean
fail (Reader      *r,
      GError     **error,
      const char  *what)
{
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "%s: %s at offset %d of \"%s\"; expected a list with one column selection per "
               "transformer, such as [['age', 'income'], ['city']] or [[0, 1], 2]",
               r->field, what, (int) (r->p - r->start), r->start);
  return FALSE;
}

static void
skip (Reader *r)
{
  r->p = _mp_pyrepr_skip_spaces (r->p);
}

static void
selection_free (gpointer data)
{
  MpColumnSelection *s = data;

  g_free (s->positions);
  g_strfreev (s->names);
  g_free (s->mask);
  g_free (s);
}

/* A quoted string, with the escapes Python's repr() writes. */
static char *
read_string (Reader  *r,
             GError **error)
{
  char quote = *r->p++;
  GString *out = g_string_new (NULL);

  for (;;)
    {
      char c = *r->p;

      if (c == '\0')
        {
          g_string_free (out, TRUE);
          fail (r, error, "an unterminated string");
          return NULL;
        }
      r->p++;
      if (c == quote)
        break;
      if (c != '\\')
        {
          g_string_append_c (out, c);
          continue;
        }
      c = *r->p++;
      switch (c)
        {
        case '\\': case '\'': case '"': g_string_append_c (out, c); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 'x': case 'u': case 'U':
          {
            int digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
            gunichar code = 0;

            for (int k = 0; k < digits; k++, r->p++)
              {
                int v = g_ascii_xdigit_value (*r->p);

                if (v < 0)
                  {
                    g_string_free (out, TRUE);
                    fail (r, error, "a bad escape");
                    return NULL;
                  }
                code = code * 16 + (gunichar) v;
              }
            if (code == 0 || !g_unichar_validate (code))
              {
                g_string_free (out, TRUE);
                fail (r, error, "an escape of no character a name can hold");
                return NULL;
              }
            g_string_append_unichar (out, code);
            break;
          }
        default:
          r->p--;
          g_string_free (out, TRUE);
          fail (r, error, "an unknown escape");
          return NULL;
        }
    }

  if (!g_utf8_validate (out->str, out->len, NULL))
    {
      g_string_free (out, TRUE);
      fail (r, error, "a string that is not UTF-8");
      return NULL;
    }
  return g_string_free (out, FALSE);
}

typedef enum { ITEM_INT, ITEM_STR, ITEM_BOOL } ItemKind;

typedef struct {
  ItemKind  kind;
  gint64    integer;
  char     *string;
} Item;

static gboolean
read_item (Reader  *r,
           Item    *item,
           GError **error)
{
  skip (r);
  item->string = NULL;
  if (*r->p == '\'' || *r->p == '"')
    {
      item->kind = ITEM_STR;
      item->string = read_string (r, error);
      return item->string != NULL;
    }
  if (g_str_has_prefix (r->p, "True") || g_str_has_prefix (r->p, "False"))
    {
      item->kind = ITEM_BOOL;
      item->integer = *r->p == 'T';
      r->p += item->integer ? 4 : 5;
      return TRUE;
    }
  if (*r->p == '-' || g_ascii_isdigit (*r->p))
    {
      const char *digits = r->p;
      char *end = NULL;
      guint64 magnitude;
      gboolean negative = *r->p == '-';

      if (negative)
        digits++;
      if (!g_ascii_isdigit (*digits))
        return fail (r, error, "a bad number");
      errno = 0;
      magnitude = g_ascii_strtoull (digits, &end, 10);
      if (errno != 0 || magnitude > G_MAXINT32)
        return fail (r, error, "a column position out of range");
      item->kind = ITEM_INT;
      item->integer = negative ? -(gint64) magnitude : (gint64) magnitude;
      r->p = end;
      return TRUE;
    }
  return fail (r, error, *r->p == '\0' ? "the end" : "an unexpected character");
}

/* Appends @item to @selection, whose kind the first item set. */
static gboolean
add_item (Reader            *r,
          MpColumnSelection *selection,
          GPtrArray         *names,
          GArray            *values,
          Item              *item,
          GError           **error)
{
  MpSelectionKind kind = item->kind == ITEM_INT ? MP_SELECT_POSITIONS :
                         item->kind == ITEM_STR ? MP_SELECT_NAMES : MP_SELECT_MASK;

  if (selection->n_items > 0 && kind != selection->kind)
    {
      g_free (item->string);
      return fail (r, error, "a selection mixing positions, names and booleans");
    }
  selection->kind = kind;
  selection->n_items++;
  if (kind == MP_SELECT_NAMES)
    g_ptr_array_add (names, item->string);
  else
    g_array_append_val (values, item->integer);
  return TRUE;
}

static gboolean
read_selection (Reader             *r,
                MpColumnSelection  *selection,
                GError            **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (gint64));
  Item item;

  skip (r);
  selection->kind = MP_SELECT_POSITIONS;
  if (*r->p != '[')
    {
      if (!read_item (r, &item, error) || !add_item (r, selection, names, values, &item, error))
        return FALSE;
      selection->scalar = TRUE;
    }
  else
    {
      r->p++;
      skip (r);
      while (*r->p != ']')
        {
          if (!read_item (r, &item, error) || !add_item (r, selection, names, values, &item, error))
            return FALSE;
          skip (r);
          if (*r->p == ',')
            {
              r->p++;
              skip (r);
            }
          else if (*r->p != ']')
            return fail (r, error, "a missing comma");
        }
      r->p++;
    }

  if (selection->kind == MP_SELECT_NAMES)
    {
      g_ptr_array_add (names, NULL);
      selection->names = (char **) g_ptr_array_steal (names, NULL);
    }
  else if (selection->kind == MP_SELECT_MASK)
    {
      selection->mask = g_new (gboolean, MAX (values->len, 1));
      for (guint k = 0; k < values->len; k++)
        selection->mask[k] = g_array_index (values, gint64, k) != 0;
    }
  else
    selection->positions = g_memdup2 (values->data, MAX (values->len, 1) * sizeof (gint64));
  return TRUE;
}

GPtrArray *
_mp_column_selections_parse (const char  *text,
                             const char  *field,
                             GError     **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func (selection_free);
  Reader r = { text, text, field };

  skip (&r);
  if (*r.p != '[')
    {
      fail (&r, error, "no list");
      return NULL;
    }
  r.p++;
  skip (&r);
  while (*r.p != ']')
    {
      MpColumnSelection *selection = g_new0 (MpColumnSelection, 1);

      g_ptr_array_add (out, selection);
      if (!read_selection (&r, selection, error))
        return NULL;
      skip (&r);
      if (*r.p == ',')
        {
          r.p++;
          skip (&r);
        }
      else if (*r.p != ']')
        {
          fail (&r, error, *r.p == '\0' ? "the end" : "a missing comma");
          return NULL;
        }
    }
  r.p++;
  skip (&r);
  if (*r.p != '\0')
    {
      fail (&r, error, "text after the list");
      return NULL;
    }
  return g_steal_pointer (&out);
}

GArray *
_mp_column_selection_resolve (const MpColumnSelection  *selection,
                              gsize                     n_features,
                              const char * const       *names,
                              const char               *field,
                              GError                  **error)
{
  g_autoptr(GArray) out = g_array_new (FALSE, FALSE, sizeof (gint64));

  switch (selection->kind)
    {
    case MP_SELECT_POSITIONS:
      for (guint k = 0; k < selection->n_items; k++)
        {
          gint64 p = selection->positions[k];

          /* Python indexing: -1 is the last column. */
          if (p < 0)
            p += (gint64) n_features;
          if (p < 0 || (guint64) p >= n_features)
            {
              g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "%s: column %" G_GINT64_FORMAT " is out of range for X with %"
                           G_GSIZE_FORMAT " columns", field, selection->positions[k], n_features);
              return NULL;
            }
          g_array_append_val (out, p);
        }
      break;

    case MP_SELECT_NAMES:
      if (names == NULL && selection->n_items > 0)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                       "%s: columns are selected by name ('%s'), but X has no column names; "
                       "give a table with names (a pandas DataFrame)", field, selection->names[0]);
          return NULL;
        }
      for (guint k = 0; k < selection->n_items; k++)
        {
          gint64 p = -1;

          for (gsize j = 0; j < n_features && p < 0; j++)
            if (strcmp (names[j], selection->names[k]) == 0)
              p = (gint64) j;
          if (p < 0)
            {
              g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "%s: '%s' is not a column of X", field, selection->names[k]);
              return NULL;
            }
          g_array_append_val (out, p);
        }
      break;

    case MP_SELECT_MASK:
      if (selection->n_items != n_features)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                       "%s: a mask of %u booleans for X with %" G_GSIZE_FORMAT " columns",
                       field, selection->n_items, n_features);
          return NULL;
        }
      for (guint k = 0; k < selection->n_items; k++)
        if (selection->mask[k])
          {
            gint64 p = k;

            g_array_append_val (out, p);
          }
      break;
    }
  return g_steal_pointer (&out);
}

char *
_mp_column_selection_to_string (const MpColumnSelection *selection)
{
  GString *out = g_string_new (selection->scalar ? "" : "[");

  for (guint k = 0; k < selection->n_items; k++)
    {
      if (k > 0)
        g_string_append (out, ", ");
      switch (selection->kind)
        {
        case MP_SELECT_POSITIONS:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, selection->positions[k]);
          break;
        case MP_SELECT_NAMES:
          _mp_pyrepr_append_string (out, selection->names[k]);
          break;
        case MP_SELECT_MASK:
          g_string_append (out, selection->mask[k] ? "True" : "False");
          break;
        }
    }
  if (!selection->scalar)
    g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}
