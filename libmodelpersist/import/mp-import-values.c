/* mp-import-values.c: pickled values as property values
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-declarations-private.h"
#include "mp-error.h"
#include "mp-estimator.h"
#include "mp-import-values-private.h"
#include "mp-pyrepr-private.h"

static gboolean G_GNUC_PRINTF (3, 4)
invalid (GError     **error,
         const char  *field,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_VALUE, "%s: %s", field, message);
  return FALSE;
}

const char *
_mp_import_value_get_str (MpPickleValue *value)
{
  return value != NULL && value->kind == MP_PICKLE_STR ? value->string.data : NULL;
}

gboolean
_mp_import_value_get_int (MpPickleValue *value,
                          gint64        *integer)
{
  if (value == NULL || value->kind != MP_PICKLE_INT)
    return FALSE;
  *integer = value->integer;
  return TRUE;
}

char *
_mp_import_value_repr (MpPickleValue *value)
{
  GString *out;

  if (value == NULL)
    return g_strdup ("nothing");
  switch (value->kind)
    {
    case MP_PICKLE_NONE:
      return g_strdup ("None");
    case MP_PICKLE_BOOL:
      return g_strdup (value->boolean ? "True" : "False");
    case MP_PICKLE_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, value->integer);
    case MP_PICKLE_FLOAT:
      out = g_string_new (NULL);
      _mp_pyrepr_append_float (out, value->number);
      return g_string_free (out, FALSE);
    case MP_PICKLE_STR:
      out = g_string_new (NULL);
      _mp_pyrepr_append_string (out, value->string.data);
      return g_string_free (out, FALSE);
    default:
      return _mp_pickle_value_describe (value);
    }
}

gboolean
_mp_import_value_equals_literal (MpPickleValue *value,
                                 const char    *literal)
{
  g_autofree char *repr = _mp_import_value_repr (value);

  /* An integral float and the int of the same value are one default
   * (scikit-learn's tol=1e-3 and tol=0.001, C=1 and C=1.0). */
  if (value != NULL && (value->kind == MP_PICKLE_INT || value->kind == MP_PICKLE_FLOAT))
    {
      double number;
      gboolean integral;

      if (_mp_pyrepr_parse_number (literal, &number, &integral))
        return (value->kind == MP_PICKLE_INT ? (double) value->integer : value->number) == number;
      return FALSE;
    }
  return strcmp (repr, literal) == 0;
}

static gboolean
as_integer (MpPickleValue *value,
            gint64        *integer)
{
  if (value->kind == MP_PICKLE_INT)
    {
      *integer = value->integer;
      return TRUE;
    }
  if (value->kind == MP_PICKLE_FLOAT && isfinite (value->number) &&
      value->number == floor (value->number) && fabs (value->number) < 9.2e18)
    {
      *integer = (gint64) value->number;
      return TRUE;
    }
  return FALSE;
}

/* A dict of numbers as a string hyperparameter holds it, in Python
 * literal syntax (a class_weight of {0: 1.0, 2: 3.5}). */
static gboolean
append_dict_literal (GString        *out,
                     MpPickleValue  *dict,
                     const char     *field,
                     GError        **error)
{
  g_string_append_c (out, '{');
  for (guint i = 0; i < dict->dict.keys->len; i++)
    {
      MpPickleValue *parts[2] = { g_ptr_array_index (dict->dict.keys, i),
                                  g_ptr_array_index (dict->dict.values, i) };

      if (i > 0)
        g_string_append (out, ", ");
      for (guint j = 0; j < 2; j++)
        {
          if (parts[j]->kind == MP_PICKLE_INT)
            g_string_append_printf (out, "%" G_GINT64_FORMAT, parts[j]->integer);
          else if (parts[j]->kind == MP_PICKLE_FLOAT)
            _mp_pyrepr_append_float (out, parts[j]->number);
          else if (parts[j]->kind == MP_PICKLE_STR && j == 0)
            _mp_pyrepr_append_string (out, parts[j]->string.data);
          else
            {
              g_autofree char *what = _mp_pickle_value_describe (parts[j]);

              return invalid (error, field, "a dict of numbers is expected, it holds %s", what);
            }
          if (j == 0)
            g_string_append (out, ": ");
        }
    }
  g_string_append_c (out, '}');
  return TRUE;
}

static gboolean
to_string_list (MpPickleValue  *value,
                const char     *field,
                GValue         *out,
                GError        **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (value->kind == MP_PICKLE_ARRAY)
    {
      g_autoptr(MpArray) array = _mp_import_value_to_array (value, 1u << MP_DTYPE_STRING,
                                                            field, error);

      if (array == NULL)
        return FALSE;
      for (gsize i = 0; i < mp_array_get_n_elements (array); i++)
        g_strv_builder_add (builder, mp_array_get_string (array, i));
    }
  else if (value->kind == MP_PICKLE_LIST || value->kind == MP_PICKLE_TUPLE)
    {
      for (guint i = 0; i < value->items->len; i++)
        {
          const char *text = _mp_import_value_get_str (g_ptr_array_index (value->items, i));

          if (text == NULL || strlen (text) != ((MpPickleValue *) g_ptr_array_index (value->items, i))->string.length)
            return invalid (error, field, "element %u is not a str without NUL", i);
          g_strv_builder_add (builder, text);
        }
    }
  else
    {
      g_autofree char *what = _mp_pickle_value_describe (value);

      return invalid (error, field, "expected a list of str, got %s", what);
    }
  g_value_take_boxed (out, g_strv_builder_end (builder));
  return TRUE;
}

gboolean
_mp_import_value_to_gvalue (MpPickleValue  *value,
                            GParamSpec     *pspec,
                            const char     *field,
                            GValue         *out,
                            GError        **error)
{
  GType type = pspec->value_type;
  GType fundamental = G_TYPE_FUNDAMENTAL (type);
  g_autofree char *repr = _mp_import_value_repr (value);
  gint64 integer;

  g_value_init (out, type);
  if (value->kind == MP_PICKLE_NONE)
    {
      if (fundamental == G_TYPE_STRING || type == MP_TYPE_ARRAY || type == G_TYPE_STRV ||
          fundamental == G_TYPE_OBJECT)
        return TRUE;
      if (_mp_param_spec_allows_none (pspec))
        {
          /* None is the declared default (-1 for random_state). */
          g_param_value_set_default (pspec, out);
          return TRUE;
        }
      return invalid (error, field, "None, where a number is expected");
    }

  switch (fundamental)
    {
    case G_TYPE_BOOLEAN:
      if (value->kind != MP_PICKLE_BOOL)
        return invalid (error, field, "expected True or False, got %s", repr);
      g_value_set_boolean (out, value->boolean);
      break;
    case G_TYPE_INT:
    case G_TYPE_UINT:
    case G_TYPE_INT64:
    case G_TYPE_UINT64:
      if (value->kind == MP_PICKLE_BOOL || !as_integer (value, &integer))
        return invalid (error, field, "expected an integer, got %s", repr);
      if ((fundamental == G_TYPE_INT && (integer < G_MININT || integer > G_MAXINT)) ||
          (fundamental == G_TYPE_UINT && (integer < 0 || integer > G_MAXUINT)) ||
          (fundamental == G_TYPE_UINT64 && integer < 0))
        return invalid (error, field, "%s is out of range", repr);
      if (fundamental == G_TYPE_INT)
        g_value_set_int (out, (int) integer);
      else if (fundamental == G_TYPE_UINT)
        g_value_set_uint (out, (guint) integer);
      else if (fundamental == G_TYPE_INT64)
        g_value_set_int64 (out, integer);
      else
        g_value_set_uint64 (out, (guint64) integer);
      break;
    case G_TYPE_DOUBLE:
      if (value->kind == MP_PICKLE_INT)
        g_value_set_double (out, (double) value->integer);
      else if (value->kind == MP_PICKLE_FLOAT)
        g_value_set_double (out, value->number);
      else
        return invalid (error, field, "expected a number, got %s", repr);
      break;
    case G_TYPE_STRING:
      {
        g_autoptr(GString) text = g_string_new (NULL);

        if (value->kind == MP_PICKLE_STR)
          {
            if (strlen (value->string.data) != value->string.length)
              return invalid (error, field, "a str holding NUL");
            g_string_append (text, value->string.data);
          }
        else if (value->kind == MP_PICKLE_INT)
          g_string_append_printf (text, "%" G_GINT64_FORMAT, value->integer);
        else if (value->kind == MP_PICKLE_FLOAT)
          _mp_pyrepr_append_float (text, value->number);
        else if (value->kind == MP_PICKLE_DICT)
          {
            if (!append_dict_literal (text, value, field, error))
              return FALSE;
          }
        else
          return invalid (error, field, "expected a str or a number, got %s", repr);
        g_value_set_string (out, text->str);
        break;
      }
    case G_TYPE_ENUM:
      {
        g_autoptr(GEnumClass) klass = g_type_class_ref (type);
        GEnumValue *ev = value->kind == MP_PICKLE_STR ?
                         g_enum_get_value_by_nick (klass, value->string.data) : NULL;

        if (ev == NULL)
          return invalid (error, field, "%s is not one of the words this estimator takes", repr);
        g_value_set_enum (out, ev->value);
        break;
      }
    case G_TYPE_BOXED:
      if (type == G_TYPE_STRV)
        return to_string_list (value, field, out, error);
      if (type == MP_TYPE_ARRAY)
        {
          const MpStateSpec *spec = _mp_param_spec_get_state_spec (pspec);
          MpArray *array = _mp_import_value_to_array (value, spec != NULL ? spec->dtypes : ~0u,
                                                      field, error);

          if (array == NULL)
            return FALSE;
          g_value_take_boxed (out, array);
          return TRUE;
        }
      G_GNUC_FALLTHROUGH;
    default:
      return invalid (error, field, "a property of type %s, which the importer cannot fill",
                      g_type_name (type));
    }
  if (g_param_value_validate (pspec, out))
    return invalid (error, field, "%s is out of range", repr);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Arrays                                                               */

typedef enum {
  SOURCE_BOOL,
  SOURCE_INT,
  SOURCE_FLOAT,
  SOURCE_TEXT,
} SourceKind;

/* The elements, read one by one in C order, whatever the pickle held. */
typedef struct {
  MpPickleValue  *value;
  SourceKind      kind;
  guint           n_dims;
  gsize           shape[MP_ARRAY_MAX_DIMS];
  gsize           n_elements;
  /* a numpy array's raw data */
  const guint8   *data;
  char            dtype_kind;
  guint64         itemsize;
  gboolean        swap;
  gboolean        fortran;
} Source;

static gboolean
source_init (Source         *source,
             MpPickleValue  *value,
             const char     *field,
             GError        **error)
{
  memset (source, 0, sizeof *source);
  source->value = value;
  switch (value->kind)
    {
    case MP_PICKLE_BOOL:
      source->kind = SOURCE_BOOL;
      source->n_elements = 1;
      return TRUE;
    case MP_PICKLE_INT:
      source->kind = SOURCE_INT;
      source->n_elements = 1;
      return TRUE;
    case MP_PICKLE_FLOAT:
      source->kind = SOURCE_FLOAT;
      source->n_elements = 1;
      return TRUE;
    case MP_PICKLE_LIST:
    case MP_PICKLE_TUPLE:
      {
        MpPickleKind first = value->items->len > 0 ?
                             ((MpPickleValue *) g_ptr_array_index (value->items, 0))->kind :
                             MP_PICKLE_FLOAT;

        source->n_dims = 1;
        source->shape[0] = source->n_elements = value->items->len;
        source->kind = first == MP_PICKLE_STR ? SOURCE_TEXT :
                       first == MP_PICKLE_INT ? SOURCE_INT :
                       first == MP_PICKLE_BOOL ? SOURCE_BOOL : SOURCE_FLOAT;
        return TRUE;
      }
    case MP_PICKLE_ARRAY:
      break;
    default:
      {
        g_autofree char *what = _mp_pickle_value_describe (value);

        return invalid (error, field, "expected an array, got %s", what);
      }
    }
  if (!value->array.built)
    return invalid (error, field, "an array that was never given its data");
  if (value->array.n_dims > MP_ARRAY_MAX_DIMS)
    return invalid (error, field, "%u dimensions, more than %d", value->array.n_dims,
                    MP_ARRAY_MAX_DIMS);
  source->n_dims = value->array.n_dims;
  for (guint i = 0; i < source->n_dims; i++)
    source->shape[i] = value->array.shape[i];
  source->n_elements = value->array.n_elements;
  source->fortran = value->array.fortran && source->n_dims > 1;
  source->dtype_kind = value->array.dtype->kind;
  source->itemsize = value->array.dtype->itemsize;
  source->swap = value->array.dtype->byte_order == (G_BYTE_ORDER == G_LITTLE_ENDIAN ? '>' : '<') &&
                 source->itemsize > 1;
  if (value->array.data != NULL)
    source->data = g_bytes_get_data (value->array.data, NULL);
  switch (source->dtype_kind)
    {
    case 'b':
      source->kind = SOURCE_BOOL;
      return TRUE;
    case 'i':
    case 'u':
      source->kind = SOURCE_INT;
      return TRUE;
    case 'f':
      if (source->itemsize != 4 && source->itemsize != 8)
        return invalid (error, field, "float%" G_GUINT64_FORMAT " elements; float32 and float64 "
                        "are read", source->itemsize * 8);
      source->kind = SOURCE_FLOAT;
      return TRUE;
    case 'U':
      source->kind = SOURCE_TEXT;
      return TRUE;
    case 'O':
      {
        MpPickleKind first = source->n_elements > 0 ?
                             ((MpPickleValue *) g_ptr_array_index (value->array.objects, 0))->kind :
                             MP_PICKLE_STR;

        source->kind = first == MP_PICKLE_STR ? SOURCE_TEXT :
                       first == MP_PICKLE_INT ? SOURCE_INT :
                       first == MP_PICKLE_BOOL ? SOURCE_BOOL : SOURCE_FLOAT;
        return TRUE;
      }
    default:
      return invalid (error, field, "elements of numpy kind '%c', which have no counterpart here "
                      "(numbers, bool and str are read)", source->dtype_kind);
    }
}

/* The position in the stored data of the element at C-order @index:
 * itself, or for column-major data (the first index varying fastest)
 * the same coordinates counted the other way. */
static gsize
source_position (Source *source,
                 gsize   index)
{
  gsize position = 0;
  gsize stride = 1;
  gsize coordinates[MP_ARRAY_MAX_DIMS];

  if (!source->fortran)
    return index;
  for (guint d = source->n_dims; d-- > 0;)
    {
      coordinates[d] = index % source->shape[d];
      index /= source->shape[d];
    }
  for (guint d = 0; d < source->n_dims; d++)
    {
      position += coordinates[d] * stride;
      stride *= source->shape[d];
    }
  return position;
}

static guint64
read_raw (Source *source,
          gsize   position)
{
  const guint8 *p = source->data + position * source->itemsize;
  guint64 bits = 0;

  for (guint i = 0; i < source->itemsize; i++)
    bits |= (guint64) p[source->swap ? source->itemsize - 1 - i : i] << (8 * i);
  return bits;
}

static MpPickleValue *
element_value (Source *source,
               gsize   position)
{
  if (source->value->kind == MP_PICKLE_ARRAY)
    return g_ptr_array_index (source->value->array.objects, position);
  if (source->value->kind == MP_PICKLE_LIST || source->value->kind == MP_PICKLE_TUPLE)
    return g_ptr_array_index (source->value->items, position);
  return source->value;
}

static gboolean
is_raw (Source *source)
{
  return source->value->kind == MP_PICKLE_ARRAY && source->data != NULL;
}

/* Element @index (C order) as a double or an int64, whichever it is. */
static gboolean
read_number (Source      *source,
             gsize        index,
             gboolean    *is_int,
             gint64      *integer,
             double      *number,
             const char  *field,
             GError     **error)
{
  gsize position = source_position (source, index);

  if (is_raw (source))
    {
      guint64 bits = read_raw (source, position);

      switch (source->dtype_kind)
        {
        case 'b':
          *is_int = TRUE;
          *integer = bits != 0;
          return TRUE;
        case 'i':
          {
            guint shift = 64 - 8 * (guint) source->itemsize;

            *is_int = TRUE;
            *integer = shift == 0 ? (gint64) bits : ((gint64) (bits << shift)) >> shift;
            return TRUE;
          }
        case 'u':
          if (bits > G_MAXINT64)
            return invalid (error, field, "element %" G_GSIZE_FORMAT " is beyond the range of int64",
                            index);
          *is_int = TRUE;
          *integer = (gint64) bits;
          return TRUE;
        default:
          *is_int = FALSE;
          if (source->itemsize == 4)
            {
              guint32 bits32 = (guint32) bits;
              float f;

              memcpy (&f, &bits32, sizeof f);
              *number = f;
            }
          else
            memcpy (number, &bits, sizeof *number);
          return TRUE;
        }
    }
  {
    MpPickleValue *element = element_value (source, position);

    switch (element->kind)
      {
      case MP_PICKLE_BOOL:
        *is_int = TRUE;
        *integer = element->boolean;
        return TRUE;
      case MP_PICKLE_INT:
        *is_int = TRUE;
        *integer = element->integer;
        return TRUE;
      case MP_PICKLE_FLOAT:
        *is_int = FALSE;
        *number = element->number;
        return TRUE;
      default:
        {
          g_autofree char *what = _mp_pickle_value_describe (element);

          return invalid (error, field, "element %" G_GSIZE_FORMAT " is %s, not a number", index,
                          what);
        }
      }
  }
}

static MpDType
choose_dtype (Source *source,
              guint   dtypes)
{
  static const MpDType for_bool[] = { MP_DTYPE_BOOL, MP_DTYPE_INT64, MP_DTYPE_INT32,
                                      MP_DTYPE_UINT8, MP_DTYPE_FLOAT64, MP_DTYPE_FLOAT32 };
  static const MpDType for_int[] = { MP_DTYPE_INT64, MP_DTYPE_INT32, MP_DTYPE_UINT8,
                                     MP_DTYPE_FLOAT64, MP_DTYPE_FLOAT32 };
  static const MpDType for_float[] = { MP_DTYPE_FLOAT64, MP_DTYPE_FLOAT32, MP_DTYPE_INT64,
                                       MP_DTYPE_INT32, MP_DTYPE_UINT8 };
  const MpDType *order;
  gsize n;

  switch (source->kind)
    {
    case SOURCE_TEXT:
      return (dtypes & (1u << MP_DTYPE_STRING)) ? MP_DTYPE_STRING : (MpDType) -1;
    case SOURCE_BOOL:
      order = for_bool;
      n = G_N_ELEMENTS (for_bool);
      break;
    case SOURCE_INT:
      order = for_int;
      n = G_N_ELEMENTS (for_int);
      /* An int32 array keeps its width when the property takes it. */
      if (is_raw (source) && source->itemsize <= 4 && (dtypes & (1u << MP_DTYPE_INT32)))
        return MP_DTYPE_INT32;
      break;
    default:
      order = for_float;
      n = G_N_ELEMENTS (for_float);
      if (is_raw (source) && source->itemsize == 4 && (dtypes & (1u << MP_DTYPE_FLOAT32)))
        return MP_DTYPE_FLOAT32;
      break;
    }
  for (gsize i = 0; i < n; i++)
    if (dtypes & (1u << order[i]))
      return order[i];
  return (MpDType) -1;
}

static MpArray *
text_array (Source      *source,
            const char  *field,
            GError     **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; i < source->n_elements; i++)
    {
      gsize position = source_position (source, i);

      if (is_raw (source))
        {
          /* numpy 'U': UCS-4 code units, NUL-padded. */
          g_autoptr(GString) text = g_string_new (NULL);
          const guint8 *p = source->data + position * source->itemsize;

          for (guint64 k = 0; k < source->itemsize / 4; k++)
            {
              guint32 c = 0;

              for (guint b = 0; b < 4; b++)
                c |= (guint32) p[4 * k + (source->swap ? 3 - b : b)] << (8 * b);
              if (c == 0)
                break;
              if (c > 0x10ffff || (c >= 0xd800 && c < 0xe000))
                {
                  invalid (error, field, "element %" G_GSIZE_FORMAT " holds U+%X, not a character",
                           i, c);
                  return NULL;
                }
              g_string_append_unichar (text, c);
            }
          g_ptr_array_add (texts, g_string_free (g_steal_pointer (&text), FALSE));
        }
      else
        {
          MpPickleValue *element = element_value (source, position);

          if (element->kind != MP_PICKLE_STR || strlen (element->string.data) != element->string.length)
            {
              g_autofree char *what = _mp_pickle_value_describe (element);

              invalid (error, field, "element %" G_GSIZE_FORMAT " is %s, not a str without NUL", i,
                       what);
              return NULL;
            }
          g_ptr_array_add (texts, g_strdup (element->string.data));
        }
    }
  g_ptr_array_add (texts, NULL);
  {
    MpArray *array = mp_array_new_strings ((const char * const *) texts->pdata, source->n_elements,
                                           source->shape, source->n_dims, error);

    if (array == NULL)
      g_prefix_error (error, "%s: ", field);
    return array;
  }
}

/* Whether the stored elements already are @target's, in the host's byte
 * order and in C order, so that they need no conversion at all. */
static gboolean
stores_exactly (Source  *source,
                MpDType  target)
{
  static const struct { char kind; guint size; MpDType dtype; } same[] = {
    { 'f', 8, MP_DTYPE_FLOAT64 }, { 'f', 4, MP_DTYPE_FLOAT32 }, { 'i', 8, MP_DTYPE_INT64 },
    { 'i', 4, MP_DTYPE_INT32 }, { 'u', 1, MP_DTYPE_UINT8 },
  };

  if (!is_raw (source) || source->swap || source->fortran)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (same); i++)
    if (same[i].dtype == target && same[i].kind == source->dtype_kind &&
        same[i].size == source->itemsize)
      return TRUE;
  return FALSE;
}

static const char *
dtype_text (MpDType dtype)
{
  return mp_dtype_to_string (dtype);
}

MpArray *
_mp_import_value_to_array (MpPickleValue  *value,
                           guint           dtypes,
                           const char     *field,
                           GError        **error)
{
  Source source;
  MpDType target;
  gsize element_size;
  g_autofree guint8 *out = NULL;

  if (!source_init (&source, value, field, error))
    return NULL;
  target = choose_dtype (&source, dtypes);
  if ((int) target < 0)
    {
      invalid (error, field, "%s elements, which this attribute does not hold",
               source.kind == SOURCE_TEXT ? "text" : source.kind == SOURCE_BOOL ? "boolean" :
               source.kind == SOURCE_INT ? "integer" : "floating-point");
      return NULL;
    }
  if (target == MP_DTYPE_STRING)
    return text_array (&source, field, error);
  if (stores_exactly (&source, target))
    {
      /* The elements as they are, copied in one go. A copy, not a view:
       * the estimator must not share memory the caller may change, nor
       * keep the whole pickle alive for one of its arrays. */
      gsize n_bytes;
      gconstpointer data = g_bytes_get_data (source.value->array.data, &n_bytes);
      g_autoptr(GBytes) copy = g_bytes_new (data, n_bytes);
      MpArray *array = mp_array_new_from_bytes (target, source.shape, source.n_dims, copy, error);

      if (array == NULL)
        g_prefix_error (error, "%s: ", field);
      return array;
    }

  element_size = mp_dtype_get_item_size (target);
  out = g_malloc (MAX (source.n_elements, 1) * element_size);
  for (gsize i = 0; i < source.n_elements; i++)
    {
      gboolean is_int = FALSE;
      gint64 integer = 0;
      double number = 0;
      guint8 *slot = out + i * element_size;

      if (!read_number (&source, i, &is_int, &integer, &number, field, error))
        return NULL;
      switch (target)
        {
        case MP_DTYPE_FLOAT64:
          if (is_int && (integer > (G_GINT64_CONSTANT (1) << 53) ||
                         integer < -(G_GINT64_CONSTANT (1) << 53)))
            {
              invalid (error, field, "element %" G_GSIZE_FORMAT " (%" G_GINT64_FORMAT ") is not "
                       "exact as float64", i, integer);
              return NULL;
            }
          *(double *) (void *) slot = is_int ? (double) integer : number;
          break;
        case MP_DTYPE_FLOAT32:
          {
            double d = is_int ? (double) integer : number;
            float f = (float) d;

            if ((double) f != d && !isnan (d))
              {
                invalid (error, field, "element %" G_GSIZE_FORMAT " is not exact as float32", i);
                return NULL;
              }
            *(float *) (void *) slot = f;
            break;
          }
        default:
          if (!is_int)
            {
              if (!isfinite (number) || number != floor (number) || fabs (number) > 9.0e18)
                {
                  invalid (error, field, "element %" G_GSIZE_FORMAT " is not an integer, as %s "
                           "holds", i, dtype_text (target));
                  return NULL;
                }
              integer = (gint64) number;
            }
          if (target == MP_DTYPE_INT64)
            *(gint64 *) (void *) slot = integer;
          else if (target == MP_DTYPE_INT32)
            {
              if (integer < G_MININT32 || integer > G_MAXINT32)
                {
                  invalid (error, field, "element %" G_GSIZE_FORMAT " (%" G_GINT64_FORMAT ") does "
                           "not fit in int32", i, integer);
                  return NULL;
                }
              *(gint32 *) (void *) slot = (gint32) integer;
            }
          else
            {
              gboolean bool_target = target == MP_DTYPE_BOOL;

              if (integer < 0 || integer > (bool_target ? 1 : 255))
                {
                  invalid (error, field, "element %" G_GSIZE_FORMAT " (%" G_GINT64_FORMAT ") does "
                           "not fit in %s", i, integer, dtype_text (target));
                  return NULL;
                }
              *slot = (guint8) integer;
            }
          break;
        }
    }
  return mp_array_new_take (target, source.shape, source.n_dims, g_steal_pointer (&out));
}

MpArray *
_mp_import_record_column (MpPickleValue  *value,
                          const char     *name,
                          guint           dtypes,
                          const char     *field,
                          GError        **error)
{
  g_autofree char *column_field = g_strdup_printf ("%s.%s", field, name);
  MpPickleDType *records, *type = NULL;
  MpPickleValue column;
  guint64 offset = 0;
  gsize n_bytes = 0;
  const guint8 *data;
  guint8 *out;
  MpArray *array;

  if (value->kind != MP_PICKLE_ARRAY || !value->array.built || value->array.dtype == NULL ||
      value->array.dtype->kind != 'V' || value->array.dtype->n_fields == 0)
    {
      g_autofree char *what = _mp_pickle_value_describe (value);

      invalid (error, field, "expected a numpy array of records, got %s", what);
      return NULL;
    }
  records = value->array.dtype;
  for (guint i = 0; i < records->n_fields; i++)
    if (strcmp (records->field_names[i], name) == 0)
      {
        type = records->field_types[i];
        offset = records->field_offsets[i];
        break;
      }
  if (type == NULL)
    {
      invalid (error, field, "the records have no field '%s'", name);
      return NULL;
    }
  /* The field is one number (or bool) inside each record, wherever it
   * lies: fields may sit at odd offsets (HistGradientBoosting's nodes),
   * so each is copied out rather than loaded in place. */
  if (type->n_fields > 0 || strchr ("biuf", type->kind) == NULL || type->itemsize == 0 ||
      type->itemsize > 8 || offset > records->itemsize ||
      type->itemsize > records->itemsize - offset)
    {
      invalid (error, column_field, "a field of numpy kind '%c' and %" G_GUINT64_FORMAT
               " bytes at offset %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT "-byte records, "
               "not a number inside the record", type->kind, type->itemsize, offset,
               records->itemsize);
      return NULL;
    }
  data = value->array.data != NULL ? g_bytes_get_data (value->array.data, &n_bytes) : NULL;
  if (value->array.n_elements > 0 &&
      (data == NULL || n_bytes / records->itemsize < value->array.n_elements))
    {
      invalid (error, field, "%" G_GSIZE_FORMAT " bytes of data for %" G_GUINT64_FORMAT
               " records of %" G_GUINT64_FORMAT " bytes", n_bytes, value->array.n_elements,
               records->itemsize);
      return NULL;
    }
  out = g_malloc (MAX (value->array.n_elements, 1) * type->itemsize);
  for (guint64 i = 0; i < value->array.n_elements; i++)
    memcpy (out + i * type->itemsize, data + i * records->itemsize + offset, type->itemsize);

  /* The column as an array of its own, converted as any array is
   * (checked casts, byte order, Fortran order). */
  column = *value;
  column.array.dtype = type;
  column.array.objects = NULL;
  column.array.data = g_bytes_new_take (out, value->array.n_elements * type->itemsize);
  array = _mp_import_value_to_array (&column, dtypes, column_field, error);
  g_bytes_unref (column.array.data);
  return array;
}
