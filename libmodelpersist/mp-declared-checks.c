/* mp-declared-checks.c: validation derived from the declarations
 *
 * One implementation of the checks every estimator needs, so that no
 * class writes its own shape checks (and none forgets one): the fitted
 * arrays' presence, dtype, shape and elements, and the hyperparameters'
 * constraints.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-array-private.h"
#include "mp-children-private.h"
#include "mp-declarations-private.h"
#include "mp-error.h"
#include "mp-pyrepr-private.h"

static gboolean check_param (GObject                  *object,
                             GParamSpec               *pspec,
                             const MpParamConstraint  *c,
                             int                       code,
                             GError                  **error);

/* ---- symbols ---------------------------------------------------------------- */

typedef struct {
  const char *name;
  guint64     value;
  const char *source;   /* the field it came from, for messages */
} Symbol;

typedef struct {
  GArray *symbols;      /* of Symbol */
} Symbols;

static Symbol *
lookup (Symbols    *table,
        const char *name)
{
  for (guint i = 0; i < table->symbols->len; i++)
    {
      Symbol *s = &g_array_index (table->symbols, Symbol, i);
      if (strcmp (s->name, name) == 0)
        return s;
    }
  return NULL;
}

static void
bind (Symbols    *table,
      const char *name,
      guint64     value,
      const char *source)
{
  Symbol s = { name, value, source };

  g_array_append_val (table->symbols, s);
}

gboolean
_mp_invalid_state (GError     **error,
                   const char  *format,
                   ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_STATE, message);
  return FALSE;
}

static int
compare_order (gconstpointer a,
               gconstpointer b)
{
  GParamSpec *pa = *(GParamSpec * const *) a;
  GParamSpec *pb = *(GParamSpec * const *) b;
  guint oa = _mp_param_spec_get_state_spec (pa)->order;
  guint ob = _mp_param_spec_get_state_spec (pb)->order;

  return oa < ob ? -1 : oa > ob;
}

static gboolean
integer_value (GObject    *object,
               GParamSpec *pspec,
               gint64     *out)
{
  GValue value = G_VALUE_INIT;
  gboolean ok = TRUE;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  if (G_VALUE_HOLDS_INT (&value))
    *out = g_value_get_int (&value);
  else if (G_VALUE_HOLDS_UINT (&value))
    *out = g_value_get_uint (&value);
  else if (G_VALUE_HOLDS_INT64 (&value))
    *out = g_value_get_int64 (&value);
  else if (G_VALUE_HOLDS_UINT64 (&value))
    ok = g_value_get_uint64 (&value) <= G_MAXINT64 && ((*out = (gint64) g_value_get_uint64 (&value)), TRUE);
  else
    ok = FALSE;
  g_value_unset (&value);
  return ok;
}

/* A dimension's declared length: a number, a bound symbol, or unknown
 * (FALSE) for a symbol not yet bound. */
static gboolean
declared_length (Symbols     *table,
                 const char  *dim,
                 guint64     *length,
                 const char **source)
{
  Symbol *s;

  if (g_ascii_isdigit (dim[0]))
    {
      *length = g_ascii_strtoull (dim, NULL, 10);
      *source = NULL;
      return TRUE;
    }
  s = lookup (table, dim);
  if (s == NULL)
    return FALSE;
  *length = s->value;
  *source = s->source;
  return TRUE;
}

static gboolean
check_dimension (Symbols     *table,
                 const char  *field,
                 MpArray     *array,
                 guint        d,
                 const char  *dim,
                 GError     **error)
{
  guint64 expected;
  const char *source;
  gsize actual = mp_array_get_dim (array, d);

  if (!declared_length (table, dim, &expected, &source))
    {
      bind (table, dim, actual, field);
      return TRUE;
    }
  if (actual == expected)
    return TRUE;
  if (source == NULL)
    return _mp_invalid_state (error, "%s: dimension %u is %" G_GSIZE_FORMAT ", expected %" G_GUINT64_FORMAT,
                              field, d, actual, expected);
  return _mp_invalid_state (error, "%s: dimension %u is %" G_GSIZE_FORMAT ", but %s is %" G_GUINT64_FORMAT
                            " (from %s)", field, d, actual, dim, expected, source);
}

static gboolean
check_elements (Symbols            *table,
                const char         *field,
                MpArray            *array,
                const MpStateSpec  *spec,
                GError            **error)
{
  gsize n = mp_array_get_n_elements (array);
  MpDType dtype = mp_array_get_dtype (array);
  gboolean floating = dtype == MP_DTYPE_FLOAT64 || dtype == MP_DTYPE_FLOAT32;
  MpStateFlags flags = spec->flags;
  gboolean on_use = (flags & MP_STATE_FLAG_CHECKED_ON_USE) != 0;
  guint64 bound = 0;
  const char *bound_source = NULL;
  double sum = 0.0;

  if ((flags & MP_STATE_FLAG_NON_EMPTY) && n == 0)
    return _mp_invalid_state (error, "%s: is empty", field);

  /* The declaration allows no numeric check on str arrays; their order is
   * byte-wise, which is code-point order, as numpy sorts str. */
  if (dtype == MP_DTYPE_STRING)
    {
      for (gsize i = 1; i < n && (flags & MP_STATE_FLAG_INCREASING); i++)
        if (_mp_array_compare_strings (array, i - 1, array, i) >= 0)
          return _mp_invalid_state (error, "%s: element %" G_GSIZE_FORMAT " ('%s') is not greater than the "
                                    "one before; expected sorted, distinct values", field, i,
                                    mp_array_get_string (array, i));
      return TRUE;
    }

  if ((flags & (MP_STATE_FLAG_INDEX | MP_STATE_FLAG_COUNTS)) && !on_use &&
      !declared_length (table, spec->bound, &bound, &bound_source))
    return _mp_invalid_state (error, "%s: nothing in the fitted state gives %s", field, spec->bound);

  for (gsize i = 0; i < n; i++)
    {
      double v = mp_array_get_double (array, i);

      if (floating && (flags & (MP_STATE_FLAG_FINITE | MP_STATE_FLAG_DISTRIBUTION)) && !isfinite (v))
        return _mp_invalid_state (error, "%s: element %" G_GSIZE_FORMAT " is %s, expected a finite number",
                                  field, i, isnan (v) ? "nan" : v > 0 ? "inf" : "-inf");
      if ((flags & MP_STATE_FLAG_INCREASING) && (isnan (v) || (i > 0 && !(v > mp_array_get_double (array, i - 1)))))
        return _mp_invalid_state (error, "%s: element %" G_GSIZE_FORMAT " (%g) %s", field, i, v,
                                  isnan (v) ? "is nan; expected sorted, distinct values"
                                            : "is not greater than the one before; expected sorted, distinct values");
      if ((flags & (MP_STATE_FLAG_NON_NEGATIVE | MP_STATE_FLAG_DISTRIBUTION)) && !(v >= 0))
        return _mp_invalid_state (error, "%s: element %" G_GSIZE_FORMAT " is %g, expected >= 0", field, i, v);
      if ((flags & MP_STATE_FLAG_POSITIVE) && !(v > 0))
        return _mp_invalid_state (error, "%s: element %" G_GSIZE_FORMAT " is %g, expected > 0", field, i, v);
      if ((flags & MP_STATE_FLAG_INDEX) && !on_use && !(v >= 0 && v < (double) bound))
        return _mp_invalid_state (error, "%s: element %" G_GSIZE_FORMAT " is %g, not an index below %s = %"
                                  G_GUINT64_FORMAT, field, i, v, spec->bound, bound);
      if ((flags & MP_STATE_FLAG_COUNTS) && !on_use && !(v >= 0))
        return _mp_invalid_state (error, "%s: element %" G_GSIZE_FORMAT " is %g, expected a count >= 0",
                                  field, i, v);
      sum += v;
    }

  if ((flags & MP_STATE_FLAG_DISTRIBUTION) && n > 0 && !(fabs (sum - 1.0) <= 1e-6))
    return _mp_invalid_state (error, "%s: sums to %.17g, expected 1", field, sum);
  if ((flags & MP_STATE_FLAG_COUNTS) && !on_use && sum != (double) bound)
    return _mp_invalid_state (error, "%s: sums to %.17g, but %s is %" G_GUINT64_FORMAT "%s%s%s", field, sum,
                              spec->bound, bound, bound_source != NULL ? " (from " : "",
                              bound_source != NULL ? bound_source : "", bound_source != NULL ? ")" : "");
  return TRUE;
}

/* Whether @spec's counts give their bound its value: nothing declared
 * before named it, and it is neither a length nor derived. */
static gboolean
counts_give_bound (Symbols           *table,
                   GType              type,
                   const MpStateSpec *spec)
{
  MpSymbolRule rule;

  return (spec->flags & MP_STATE_FLAG_COUNTS) && !(spec->flags & MP_STATE_FLAG_CHECKED_ON_USE) &&
         !g_ascii_isdigit (spec->bound[0]) && lookup (table, spec->bound) == NULL &&
         _mp_estimator_type_find_derivation (type, spec->bound, &rule) == NULL;
}

/* Binds @symbol to the sum of @array's counts. Negative counts bind
 * nothing: the element checks blame them, and later arrays give the
 * symbol its value. */
static void
bind_counts (Symbols    *table,
             const char *field,
             MpArray    *array,
             const char *symbol)
{
  gsize n = mp_array_get_n_elements (array);
  double sum = 0.0;

  for (gsize i = 0; i < n; i++)
    {
      double v = mp_array_get_double (array, i);

      if (!(v >= 0))
        return;
      sum += v;
    }
  if (sum < 18446744073709551616.0)
    bind (table, symbol, (guint64) sum, field);
}

gboolean
_mp_estimator_check_declared_state (MpEstimator  *self,
                                    GError      **error)
{
  g_autofree GParamSpec **all = NULL;
  g_autoptr(GPtrArray) arrays = g_ptr_array_new ();
  g_autoptr(GArray) deferred = g_array_new (FALSE, FALSE, sizeof (guint));  /* array index << 4 | dim */
  Symbols table = { g_array_new (FALSE, FALSE, sizeof (Symbol)) };
  GType type = G_OBJECT_TYPE (self);
  guint n_all = 0;
  gboolean ok = FALSE;

  bind (&table, "n_features_in", mp_estimator_get_n_features_in (self), "n_features_in_");

  all = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_all);
  for (guint i = 0; i < n_all; i++)
    {
      const char *symbol = _mp_param_spec_get_symbol (all[i]);
      const MpParamConstraint *constraint = _mp_param_spec_get_constraint (all[i]);

      /* A fitted scalar with a declared range (SVC's fit_status_ is 0 or 1) */
      if (constraint != NULL && mp_param_spec_get_role (all[i]) == MP_PROPERTY_ROLE_FITTED &&
          !check_param (G_OBJECT (self), all[i], constraint, MP_ERROR_INVALID_STATE, error))
        goto out;

      if (symbol != NULL)
        {
          gint64 value = 0;

          if (!integer_value (G_OBJECT (self), all[i], &value) || value < 0)
            {
              _mp_invalid_state (error, "%s: must be >= 0, got %" G_GINT64_FORMAT,
                                 mp_param_spec_get_display_name (all[i]), value);
              goto out;
            }
          bind (&table, symbol, (guint64) value, mp_param_spec_get_display_name (all[i]));
        }
      if (_mp_param_spec_get_state_spec (all[i]) != NULL)
        g_ptr_array_add (arrays, all[i]);
    }
  g_ptr_array_sort (arrays, compare_order);

  /* Presence, dtype, dimensions; symbols bind in declaration order. */
  for (guint a = 0; a < arrays->len; a++)
    {
      GParamSpec *pspec = g_ptr_array_index (arrays, a);
      const MpStateSpec *spec = _mp_param_spec_get_state_spec (pspec);
      const char *field = mp_param_spec_get_display_name (pspec);
      g_autoptr(MpArray) array = NULL;

      g_object_get (self, pspec->name, &array, NULL);
      if (array == NULL)
        {
          if (spec->flags & MP_STATE_FLAG_OPTIONAL)
            continue;
          _mp_invalid_state (error, "%s: missing", field);
          goto out;
        }
      if ((spec->dtypes & (1u << mp_array_get_dtype (array))) == 0)
        {
          g_autofree char *wanted = _mp_param_spec_describe_state (pspec);
          _mp_invalid_state (error, "%s: dtype is %s, expected %s", field,
                             mp_dtype_to_string (mp_array_get_dtype (array)), wanted);
          goto out;
        }
      if (mp_array_get_n_dims (array) != spec->n_dims)
        {
          _mp_invalid_state (error, "%s: has %u dimensions, expected %u", field,
                             mp_array_get_n_dims (array), spec->n_dims);
          goto out;
        }
      if ((spec->flags & MP_STATE_FLAG_EMPTY_ALLOWED) && mp_array_get_n_elements (array) == 0)
        continue;
      for (guint d = 0; d < spec->n_dims; d++)
        {
          MpSymbolRule rule;

          if (spec->dims[d] == NULL)
            continue;
          if (lookup (&table, spec->dims[d]) == NULL &&
              _mp_estimator_type_find_derivation (type, spec->dims[d], &rule) != NULL)
            {
              guint code = a << 4 | d;
              g_array_append_val (deferred, code);
              continue;
            }
          if (!check_dimension (&table, field, array, d, spec->dims[d], error))
            goto out;
        }
      if (counts_give_bound (&table, type, spec))
        bind_counts (&table, field, array, spec->bound);
    }

  /* Derived symbols, once what they derive from is known. */
  for (guint k = 0; k < deferred->len; k++)
    {
      guint code = g_array_index (deferred, guint, k);
      GParamSpec *pspec = g_ptr_array_index (arrays, code >> 4);
      const MpStateSpec *spec = _mp_param_spec_get_state_spec (pspec);
      const char *dim = spec->dims[code & 15];
      g_autoptr(MpArray) array = NULL;

      if (lookup (&table, dim) == NULL)
        {
          MpSymbolRule rule = NULL;
          const char *from = _mp_estimator_type_find_derivation (type, dim, &rule);
          Symbol *source = lookup (&table, from);

          if (source == NULL)
            {
              _mp_invalid_state (error, "%s: nothing in the fitted state gives %s (from %s)",
                                 mp_param_spec_get_display_name (pspec), dim, from);
              goto out;
            }
          bind (&table, dim, rule (source->value), source->source);
        }
      g_object_get (self, pspec->name, &array, NULL);
      if (!check_dimension (&table, mp_param_spec_get_display_name (pspec), array, code & 15, dim, error))
        goto out;
    }

  /* Elements. */
  for (guint a = 0; a < arrays->len; a++)
    {
      GParamSpec *pspec = g_ptr_array_index (arrays, a);
      g_autoptr(MpArray) array = NULL;

      g_object_get (self, pspec->name, &array, NULL);
      if (array != NULL &&
          !check_elements (&table, mp_param_spec_get_display_name (pspec), array,
                           _mp_param_spec_get_state_spec (pspec), error))
        goto out;
    }
  ok = TRUE;

out:
  g_array_unref (table.symbols);
  return ok;
}

/* ---- hyperparameters -------------------------------------------------------- */

static gboolean
in_interval (const MpParamConstraint *c,
             double                   v)
{
  if (isnan (v))
    return FALSE;
  if (!c->has_interval)
    return TRUE;
  if ((c->flags & MP_CONSTRAINT_MIN_EXCLUSIVE) ? !(v > c->minimum) : !(v >= c->minimum))
    return FALSE;
  if ((c->flags & MP_CONSTRAINT_MAX_EXCLUSIVE) ? !(v < c->maximum) : !(v <= c->maximum))
    return FALSE;
  return TRUE;
}

/* Parses all of @text as one finite decimal number, spaces around it
 * allowed, as Python's float() reads a literal. */
static gboolean
parse_number (const char *text,
              double     *out)
{
  gboolean integral;

  return _mp_pyrepr_parse_number (text, out, &integral);
}

/* The class's own check, its message prefixed with @field and its error
 * given @code. */
static gboolean
check_by_class (const char              *field,
                const MpParamConstraint *c,
                const GValue            *value,
                int                      code,
                GError                 **error)
{
  g_autoptr(GError) local = NULL;

  if (c->check (value, &local))
    return TRUE;
  g_set_error (error, MP_ERROR, code, "%s: %s", field, local != NULL ? local->message : "not allowed");
  return FALSE;
}

gboolean
_mp_constraint_check (const MpParamConstraint  *c,
                      const char               *field,
                      const GValue             *value,
                      int                       code,
                      GError                  **error)
{
  g_autofree char *shown = NULL;
  gboolean ok = TRUE;

  if (G_VALUE_HOLDS_STRING (value))
    {
      const char *text = g_value_get_string (value);
      double number;

      if (text == NULL)
        ok = (c->flags & MP_CONSTRAINT_NONE_ALLOWED) != 0;
      else if (c->words != NULL && g_strv_contains ((const char * const *) c->words, text))
        ok = TRUE;
      else if ((c->flags & MP_CONSTRAINT_NUMBER_ALLOWED) && parse_number (text, &number))
        ok = in_interval (c, number);
      else if (c->check != NULL)
        return check_by_class (field, c, value, code, error);
      else
        ok = FALSE;
      if (!ok)
        shown = text != NULL ? g_strdup_printf ("'%s'", text) : g_strdup ("None");
    }
  else
    {
      double v;

      if (G_VALUE_HOLDS_DOUBLE (value))
        v = g_value_get_double (value);
      else if (G_VALUE_HOLDS_FLOAT (value))
        v = g_value_get_float (value);
      else if (G_VALUE_HOLDS_INT (value))
        v = g_value_get_int (value);
      else if (G_VALUE_HOLDS_UINT (value))
        v = g_value_get_uint (value);
      else if (G_VALUE_HOLDS_INT64 (value))
        v = (double) g_value_get_int64 (value);
      else if (G_VALUE_HOLDS_UINT64 (value))
        v = (double) g_value_get_uint64 (value);
      else
        return TRUE;
      ok = ((c->flags & MP_CONSTRAINT_NONE_ALLOWED) && v == -1 && !G_VALUE_HOLDS_DOUBLE (value)) ||
           in_interval (c, v);
      if (!ok)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];
          shown = isnan (v) ? g_strdup ("nan") : g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.17g", v));
        }
    }

  if (!ok)
    {
      g_autofree char *wanted = _mp_constraint_describe (c, G_VALUE_TYPE (value));
      g_set_error (error, MP_ERROR, code, "%s: must be %s, got %s", field, wanted, shown);
    }
  return ok;
}

static gboolean
check_param (GObject                  *object,
             GParamSpec               *pspec,
             const MpParamConstraint  *c,
             int                       code,
             GError                  **error)
{
  g_auto(GValue) value = G_VALUE_INIT;

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  return _mp_constraint_check (c, mp_param_spec_get_display_name (pspec), &value, code, error);
}

/* A hyperparameter that needs another to be TRUE (oob_score needs
 * bootstrap) is checked for it when it is not at its default. */
static gboolean
check_requires (GObject     *object,
                GParamSpec  *pspec,
                int          code,
                GError     **error)
{
  const char *required = _mp_param_spec_get_requires (pspec);
  g_auto(GValue) value = G_VALUE_INIT;
  GParamSpec *other;
  gboolean enabled = FALSE;

  if (required == NULL)
    return TRUE;
  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, pspec->name, &value);
  if (g_param_value_defaults (pspec, &value))
    return TRUE;
  other = g_object_class_find_property (G_OBJECT_GET_CLASS (object), required);
  g_return_val_if_fail (other != NULL && other->value_type == G_TYPE_BOOLEAN, TRUE);
  g_object_get (object, required, &enabled, NULL);
  if (enabled)
    return TRUE;
  g_set_error (error, MP_ERROR, code, "%s: is set, which needs %s=True",
               mp_param_spec_get_display_name (pspec), mp_param_spec_get_display_name (other));
  return FALSE;
}

gboolean
_mp_object_check_declared_params (GObject  *object,
                                  int       code,
                                  GError  **error)
{
  g_autofree GParamSpec **all = NULL;
  guint n_all = 0;

  all = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_all);
  for (guint i = 0; i < n_all; i++)
    {
      const MpParamConstraint *c = _mp_param_spec_get_constraint (all[i]);

      if (mp_param_spec_get_role (all[i]) != MP_PROPERTY_ROLE_HYPERPARAMETER)
        continue;
      if (c != NULL && !check_param (object, all[i], c, code, error))
        return FALSE;
      if (!check_requires (object, all[i], code, error))
        return FALSE;
      if (MP_IS_ESTIMATOR (object) &&
          !_mp_estimator_check_children (MP_ESTIMATOR (object), all[i], code, error))
        return FALSE;
    }
  return TRUE;
}
