/* mp-fingerprint.c: what identifies a training array without keeping it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "mp-fingerprint-private.h"
#include "mp-format-private.h"

void
_mp_fingerprint_clear (MpFingerprint *fp)
{
  g_clear_pointer (&fp->checksum, g_free);
  g_clear_pointer (&fp->shape, g_free);
  fp->n_dims = 0;
  fp->dtype = MP_DTYPE_FLOAT64;
}

void
_mp_fingerprint_set_from_array (MpFingerprint *fp,
                                MpArray       *array)
{
  g_autoptr(GBytes) le = _mp_format_array_to_le (array);
  const gsize *shape;
  gsize n_bytes = 0;
  gconstpointer data = g_bytes_get_data (le, &n_bytes);

  _mp_fingerprint_clear (fp);
  fp->checksum = _mp_format_checksum (n_bytes > 0 ? data : "", n_bytes);
  fp->dtype = mp_array_get_dtype (array);
  shape = mp_array_get_shape (array, &fp->n_dims);
  fp->shape = g_new0 (gsize, MAX (fp->n_dims, 1));
  if (fp->n_dims > 0)
    memcpy (fp->shape, shape, sizeof (gsize) * fp->n_dims);
}

static void
append_shape (GString     *out,
              const gsize *shape,
              guint        n_dims)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < n_dims; i++)
    g_string_append_printf (out, "%s%" G_GSIZE_FORMAT, i > 0 ? ", " : "", shape[i]);
  g_string_append_c (out, ']');
}

void
_mp_fingerprint_diff (const MpFingerprint *recorded,
                      const MpFingerprint *given,
                      const char          *name,
                      GPtrArray           *out)
{
  gboolean same_shape = recorded->n_dims == given->n_dims;

  for (guint i = 0; same_shape && i < recorded->n_dims; i++)
    same_shape = recorded->shape[i] == given->shape[i];

  if (recorded->dtype != given->dtype)
    g_ptr_array_add (out, g_strdup_printf ("%s: dtype %s recorded, %s given", name,
                                           _mp_format_dtype_code (recorded->dtype),
                                           _mp_format_dtype_code (given->dtype)));
  if (!same_shape)
    {
      GString *msg = g_string_new (name);

      g_string_append (msg, ": shape ");
      append_shape (msg, recorded->shape, recorded->n_dims);
      g_string_append (msg, " recorded, ");
      append_shape (msg, given->shape, given->n_dims);
      g_string_append (msg, " given");
      g_ptr_array_add (out, g_string_free (msg, FALSE));
    }
  if (strcmp (recorded->checksum, given->checksum) != 0)
    g_ptr_array_add (out, g_strdup_printf ("%s: content differs (%s recorded, %s given)", name,
                                           recorded->checksum, given->checksum));
}
