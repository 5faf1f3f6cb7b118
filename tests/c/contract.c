/* contract.c: every declared fact about every estimator is enforced
 *
 * In the spirit of scikit-learn's check_estimator, but for persistence:
 * for each built-in estimator type and each fitted array it declares
 * (mp-declarations.h), each way of breaking the declaration (a missing
 * array, a wrong dtype, a wrong number of dimensions, each dimension off
 * by one, NaN or infinity where finite is declared, an index out of range,
 * unsorted or repeated values where increasing is declared, a prior that
 * does not sum to 1...) must be refused with MP_ERROR_INVALID_STATE naming
 * the field, both
 *   - set through the property on a fitted model, then predict, and
 *   - saved to a single stream (checksums valid) and loaded.
 * An element check declared MP_STATE_FLAG_CHECKED_ON_USE (an index or a
 * count that validate leaves to predict, so that loading stays
 * constant-time) must instead let the file load and make predict on the
 * loaded model refuse it, with the same error.
 * Every hyperparameter with declared words (kernel, strategy, gamma...)
 * takes each of them, through fit and a file, and a word it does not
 * allow is kept as given, refused by fit and by predict after a change
 * with MP_ERROR_INVALID_ARGUMENT, and in a file with
 * MP_ERROR_INVALID_STATE, each naming the parameter (and fit's listing the
 * allowed words).
 * The cases come from the declarations alone: a new estimator, or a new
 * declared array or hyperparameter, is covered without touching this file.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>
#include <string.h>

#include <modelpersist.h>

#include "mp-builtin-types-private.h"
#include "mp-children-private.h"
#include "mp-declarations-private.h"

typedef enum {
  BREAK_MISSING,
  BREAK_DTYPE,
  BREAK_EXTRA_DIMENSION,
  BREAK_DIMENSION,        /* one dimension one longer */
  BREAK_NAN,
  BREAK_INFINITY,
  BREAK_NEGATIVE,
  BREAK_INDEX,            /* an element equal to the bound */
  BREAK_UNSORTED,
  BREAK_REPEATED,
  BREAK_SUM,              /* a distribution or counts that sum to too much */
  BREAK_ZERO,             /* a zero where only positive values are allowed */
} Breakage;

static const char * const breakage_names[] = {
  "missing", "dtype", "extra-dimension", "dimension", "nan", "infinity", "negative",
  "index", "unsorted", "repeated", "sum", "zero",
};

typedef struct {
  GType        type;
  GParamSpec  *pspec;
  Breakage     breakage;
  guint        dimension;
} Case;

static MpDataset *
iris (void)
{
  static MpDataset *dataset;

  if (dataset == NULL)
    {
      g_autoptr(GError) error = NULL;
      dataset = mp_load_iris (&error);
      g_assert_no_error (error);
    }
  return dataset;
}

/* Fits @model to iris: with its labels, except for a transformer, which
 * learns from the samples alone. */
static gboolean
fit_iris (MpEstimator  *model,
          GError      **error)
{
  MpArray *y = mp_estimator_get_kind (model) == MP_ESTIMATOR_KIND_TRANSFORMER
             ? NULL : mp_dataset_get_target (iris ());

  return mp_estimator_fit (model, mp_dataset_get_data (iris ()), y, error);
}

/* What @model makes of iris, through the first entry point that reads
 * the fitted state it offers: predict, or transform for a transformer. */
static MpArray *
use_on_iris (MpEstimator  *model,
             GError      **error)
{
  if (mp_estimator_get_capabilities (model) & MP_ESTIMATOR_CAN_PREDICT)
    return mp_estimator_predict (model, mp_dataset_get_data (iris ()), error);
  return mp_estimator_transform (model, mp_dataset_get_data (iris ()), error);
}

static MpEstimator *
fitted (GType type)
{
  g_autoptr(GError) error = NULL;
  MpEstimator *model = _mp_estimator_type_new_example (type);

  g_assert_true (fit_iris (model, &error));
  g_assert_no_error (error);
  return model;
}

/* An array of @like's dtype with @shape and the given values. */
static MpArray *
array_like (MpArray      *like,
            const double *values,
            const gsize  *shape,
            guint         n_dims)
{
  gsize n = 1;
  g_autoptr(MpArray) f64 = NULL;
  g_autoptr(GError) error = NULL;
  MpArray *out;

  for (guint d = 0; d < n_dims; d++)
    n *= shape[d];
  f64 = mp_array_new_float64 (values, n, shape, n_dims, &error);
  g_assert_no_error (error);
  if (mp_array_get_dtype (like) == MP_DTYPE_FLOAT64)
    return g_steal_pointer (&f64);
  out = mp_array_convert (f64, mp_array_get_dtype (like), &error);
  g_assert_no_error (error);
  return out;
}

static double *
values_of (MpArray *array,
           gsize    extra)
{
  gsize n = mp_array_get_n_elements (array);
  double *values = g_new0 (double, n + extra + 1);

  for (gsize i = 0; i < n; i++)
    values[i] = mp_array_get_double (array, i);
  return values;
}

static gboolean
is_integer (MpArray *array)
{
  MpDType dtype = mp_array_get_dtype (array);

  return dtype != MP_DTYPE_FLOAT64 && dtype != MP_DTYPE_FLOAT32;
}

/* Whether @breakage changes an element (rather than the array's shape,
 * dtype or presence). */
static gboolean
breaks_an_element (Breakage breakage)
{
  return breakage >= BREAK_NAN;
}

/* Whether predict, not validate, finds @breakage of an array declared
 * with @spec: the index and count checks of MP_STATE_FLAG_CHECKED_ON_USE,
 * unless another declared flag makes validate see the same breakage. */
static gboolean
checked_where_read (const MpStateSpec *spec,
                    Breakage           breakage)
{
  if (!(spec->flags & MP_STATE_FLAG_CHECKED_ON_USE))
    return FALSE;
  switch (breakage)
    {
    case BREAK_NEGATIVE:
      return !(spec->flags & (MP_STATE_FLAG_NON_NEGATIVE | MP_STATE_FLAG_POSITIVE |
                              MP_STATE_FLAG_DISTRIBUTION));
    case BREAK_INDEX:
      return TRUE;
    case BREAK_SUM:
      return !(spec->flags & MP_STATE_FLAG_DISTRIBUTION);
    default:
      return FALSE;
    }
}

/* The broken replacement for @original, or NULL for "missing". */
static MpArray *
break_array (MpArray           *original,
             const MpStateSpec *spec,
             const Case        *c,
             guint64            bound)
{
  guint n_dims = mp_array_get_n_dims (original);
  gsize n = mp_array_get_n_elements (original);
  gsize shape[MP_ARRAY_MAX_DIMS + 1];
  g_autofree double *values = NULL;
  g_autoptr(GError) error = NULL;

  memcpy (shape, mp_array_get_shape (original, NULL), n_dims * sizeof (gsize));
  switch (c->breakage)
    {
    case BREAK_MISSING:
      return NULL;

    case BREAK_DTYPE:
      for (MpDType t = MP_DTYPE_FLOAT64; t <= MP_DTYPE_BOOL; t++)
        if ((spec->dtypes & (1u << t)) == 0)
          {
            g_autoptr(MpArray) zeros = NULL;
            gsize n_bytes = n * mp_dtype_get_item_size (t);
            g_autofree guint8 *data = g_malloc0 (MAX (n_bytes, 1));

            zeros = mp_array_new_from_data (t, shape, n_dims, data, n_bytes, &error);
            g_assert_no_error (error);
            return g_steal_pointer (&zeros);
          }
      g_assert_not_reached ();

    case BREAK_EXTRA_DIMENSION:
      values = values_of (original, 0);
      shape[n_dims] = 1;
      return array_like (original, values, shape, n_dims + 1);

    case BREAK_DIMENSION:
      {
        gsize grown = 1;

        /* one more slice along the dimension, zeros (1 for a row of a
         * distribution would break it differently); sized from the new
         * shape, which an empty array's count would not give */
        shape[c->dimension]++;
        for (guint d = 0; d < n_dims; d++)
          grown *= shape[d];
        values = g_new0 (double, MAX (grown, n) + 1);
        /* keep the original values in place for 1-D, zeros otherwise */
        if (n_dims == 1)
          for (gsize i = 0; i < n; i++)
            values[i] = mp_array_get_double (original, i);
        return array_like (original, values, shape, n_dims);
      }

    case BREAK_NAN:
    case BREAK_INFINITY:
      values = values_of (original, 0);
      values[n / 2] = c->breakage == BREAK_NAN ? NAN : INFINITY;
      /* integer labels hold no NaN; the declaration allows float64 too */
      if (mp_array_get_dtype (original) != MP_DTYPE_FLOAT32)
        return mp_array_new_float64 (values, n, shape, n_dims, NULL);
      return array_like (original, values, shape, n_dims);

    case BREAK_NEGATIVE:
      values = values_of (original, 0);
      values[0] = is_integer (original) ? -1 : -0.5;
      return array_like (original, values, shape, n_dims);

    case BREAK_INDEX:
      values = values_of (original, 0);
      values[n - 1] = (double) bound;
      return array_like (original, values, shape, n_dims);

    case BREAK_ZERO:
      values = values_of (original, 0);
      values[0] = 0;
      return array_like (original, values, shape, n_dims);

    case BREAK_UNSORTED:
      values = values_of (original, 0);
      {
        double first = values[0];
        values[0] = values[1];
        values[1] = first;
      }
      return array_like (original, values, shape, n_dims);

    case BREAK_REPEATED:
      values = values_of (original, 0);
      values[1] = values[0];
      return array_like (original, values, shape, n_dims);

    case BREAK_SUM:
      values = values_of (original, 0);
      values[0] += 1;
      return array_like (original, values, shape, n_dims);

    default:
      g_assert_not_reached ();
    }
}

/* The value of @symbol in a fitted model, found as validate would. */
static guint64
symbol_value (MpEstimator *model,
              const char  *symbol)
{
  g_autofree GParamSpec **all = NULL;
  guint n_all = 0;

  if (g_ascii_isdigit (symbol[0]))
    return g_ascii_strtoull (symbol, NULL, 10);
  if (strcmp (symbol, "n_features_in") == 0)
    return mp_estimator_get_n_features_in (model);
  all = g_object_class_list_properties (G_OBJECT_GET_CLASS (model), &n_all);
  for (guint i = 0; i < n_all; i++)
    {
      const MpStateSpec *spec = _mp_param_spec_get_state_spec (all[i]);
      const char *own = _mp_param_spec_get_symbol (all[i]);

      if (own != NULL && strcmp (own, symbol) == 0)
        {
          GValue v = G_VALUE_INIT;
          guint64 out;

          g_value_init (&v, G_TYPE_UINT64);
          g_object_get_property (G_OBJECT (model), all[i]->name, &v);
          out = g_value_get_uint64 (&v);
          return out;
        }
      for (guint d = 0; spec != NULL && d < spec->n_dims; d++)
        if (spec->dims[d] != NULL && strcmp (spec->dims[d], symbol) == 0)
          {
            g_autoptr(MpArray) array = NULL;

            g_object_get (model, all[i]->name, &array, NULL);
            if (array != NULL)
              return mp_array_get_dim (array, d);
          }
    }
  g_error ("no value for symbol %s", symbol);
}

static void
assert_refused (const GError *error,
                const Case   *c,
                const char   *how)
{
  const char *field = mp_param_spec_get_display_name (c->pspec);

  if (error == NULL)
    g_error ("%s.%s, %s %s: accepted", g_type_name (c->type), field, breakage_names[c->breakage], how);
  if (!g_error_matches (error, MP_ERROR, MP_ERROR_INVALID_STATE) || strstr (error->message, field) == NULL)
    g_error ("%s.%s, %s %s: \"%s\" (code %d) is not INVALID_STATE naming %s", g_type_name (c->type),
             field, breakage_names[c->breakage], how, error->message, error->code, field);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  const MpStateSpec *spec = _mp_param_spec_get_state_spec (c->pspec);
  g_autoptr(MpEstimator) model = fitted (c->type);
  g_autoptr(MpArray) original = NULL;
  g_autoptr(MpArray) broken = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(MpEstimator) loaded = NULL;
  guint64 bound = spec->bound != NULL ? symbol_value (model, spec->bound) : 0;

  g_object_get (model, c->pspec->name, &original, NULL);
  if (original == NULL && (spec->flags & MP_STATE_FLAG_OPTIONAL))
    {
      /* SimpleImputer's indicator_features_ without add_indicator=True */
      g_test_skip ("optional and unset when fitted with the defaults: nothing to break");
      return;
    }
  g_assert_nonnull (original);
  if (breaks_an_element (c->breakage) && mp_array_get_n_elements (original) == 0)
    {
      /* SVC's probA_ without probability=True */
      g_test_skip ("empty when fitted with the defaults: no element to break");
      return;
    }
  broken = break_array (original, spec, c, bound);

  /* Through the property, then predict. */
  g_object_set (model, c->pspec->name, broken, NULL);
  predicted = use_on_iris (model, &error);
  g_assert_null (predicted);
  assert_refused (error, c, "through the property");
  g_clear_error (&error);

  /* Saved (checksums computed by the writer) and loaded. */
  bytes = mp_dumps (model, &error);
  g_assert_no_error (error);
  loaded = mp_loads (bytes, &error);
  if (!checked_where_read (spec, c->breakage))
    {
      g_assert_null (loaded);
      assert_refused (error, c, "from a file");
      return;
    }

  /* Loading did not scan the elements; predict reads them. */
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  predicted = use_on_iris (loaded, &error);
  g_assert_null (predicted);
  assert_refused (error, c, "from a file, at predict");
}

/* Whether another declaration (or n_features_in, or a symbol property)
 * fixes @symbol, so that a dimension naming it can disagree; a derived
 * symbol is fixed where the one it derives from is. */
static gboolean
symbol_pinned_elsewhere (GType        type,
                         GParamSpec **all,
                         guint        n_all,
                         GParamSpec  *self,
                         const char  *symbol)
{
  MpSymbolRule rule;
  const char *from = _mp_estimator_type_find_derivation (type, symbol, &rule);

  if (g_ascii_isdigit (symbol[0]) || strcmp (symbol, "n_features_in") == 0)
    return TRUE;
  if (from != NULL)
    return symbol_pinned_elsewhere (type, all, n_all, self, from);
  for (guint i = 0; i < n_all; i++)
    {
      const MpStateSpec *spec = _mp_param_spec_get_state_spec (all[i]);
      const char *own = _mp_param_spec_get_symbol (all[i]);

      if (own != NULL && strcmp (own, symbol) == 0)
        return TRUE;
      if (all[i] == self || spec == NULL || (spec->flags & MP_STATE_FLAG_OPTIONAL))
        continue;
      for (guint d = 0; d < spec->n_dims; d++)
        if (spec->dims[d] != NULL && strcmp (spec->dims[d], symbol) == 0)
          return TRUE;
      if (spec->bound != NULL && strcmp (spec->bound, symbol) == 0)
        return TRUE;
    }
  return FALSE;
}

static guint n_cases;

static void
add_case (GType       type,
          GParamSpec *pspec,
          Breakage    breakage,
          guint       dimension)
{
  Case *c = g_new0 (Case, 1);
  g_autofree char *path = NULL;

  c->type = type;
  c->pspec = pspec;
  c->breakage = breakage;
  c->dimension = dimension;
  if (breakage == BREAK_DIMENSION)
    path = g_strdup_printf ("/contract/%s/%s/dimension-%u", g_type_name (type),
                            mp_param_spec_get_display_name (pspec), dimension);
  else
    path = g_strdup_printf ("/contract/%s/%s/%s", g_type_name (type),
                            mp_param_spec_get_display_name (pspec), breakage_names[breakage]);
  g_test_add_data_func_full (path, c, test_case, g_free);
  n_cases++;
}

static void
add_cases_for (GType type)
{
  GObjectClass *klass = g_type_class_ref (type);
  g_autofree GParamSpec **all = NULL;
  guint n_all = 0;

  all = g_object_class_list_properties (klass, &n_all);
  for (guint i = 0; i < n_all; i++)
    {
      const MpStateSpec *spec = _mp_param_spec_get_state_spec (all[i]);
      gboolean floating = (spec != NULL) &&
                          (spec->dtypes & ((1u << MP_DTYPE_FLOAT64) | (1u << MP_DTYPE_FLOAT32))) != 0;

      if (spec == NULL)
        continue;
      if (!(spec->flags & MP_STATE_FLAG_OPTIONAL))
        add_case (type, all[i], BREAK_MISSING, 0);
      add_case (type, all[i], BREAK_DTYPE, 0);
      add_case (type, all[i], BREAK_EXTRA_DIMENSION, 0);
      for (guint d = 0; d < spec->n_dims; d++)
        if (spec->dims[d] != NULL && symbol_pinned_elsewhere (type, all, n_all, all[i], spec->dims[d]))
          add_case (type, all[i], BREAK_DIMENSION, d);
      if (floating && (spec->flags & (MP_STATE_FLAG_FINITE | MP_STATE_FLAG_DISTRIBUTION |
                                      MP_STATE_FLAG_INCREASING)))
        {
          add_case (type, all[i], BREAK_NAN, 0);
          add_case (type, all[i], BREAK_INFINITY, 0);
        }
      if (spec->flags & (MP_STATE_FLAG_NON_NEGATIVE | MP_STATE_FLAG_POSITIVE | MP_STATE_FLAG_DISTRIBUTION |
                         MP_STATE_FLAG_INDEX | MP_STATE_FLAG_COUNTS))
        add_case (type, all[i], BREAK_NEGATIVE, 0);
      if (spec->flags & MP_STATE_FLAG_INDEX)
        add_case (type, all[i], BREAK_INDEX, 0);
      if (spec->flags & MP_STATE_FLAG_POSITIVE)
        add_case (type, all[i], BREAK_ZERO, 0);
      if (spec->flags & MP_STATE_FLAG_INCREASING)
        {
          add_case (type, all[i], BREAK_UNSORTED, 0);
          add_case (type, all[i], BREAK_REPEATED, 0);
        }
      if (spec->flags & (MP_STATE_FLAG_DISTRIBUTION | MP_STATE_FLAG_COUNTS))
        add_case (type, all[i], BREAK_SUM, 0);
    }
  g_type_class_unref (klass);
}

/* ---- word-valued hyperparameters ---------------------------------------- */

typedef struct {
  GType        type;
  GParamSpec  *pspec;
} WordCase;

static char *
get_word (gpointer    object,
          GParamSpec *pspec)
{
  char *word = NULL;

  g_object_get (object, pspec->name, &word, NULL);
  return word;
}

/* Each declared word: stored, fitted with, saved and loaded as itself. */
/* The example of @type (children included) with @property set to @word. */
static MpEstimator *
example_with (GType       type,
              const char *property,
              const char *word)
{
  MpEstimator *model = _mp_estimator_type_new_example (type);

  g_object_set (model, property, word, NULL);
  return model;
}

static void
test_words_allowed (gconstpointer data)
{
  const WordCase *c = data;
  g_auto(GStrv) words = mp_estimator_type_list_words (c->type, c->pspec->name);

  g_assert_nonnull (words);
  for (guint w = 0; words[w] != NULL; w++)
    {
      g_autoptr(MpEstimator) model = example_with (c->type, c->pspec->name, words[w]);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(MpEstimator) loaded = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *back = get_word (model, c->pspec);
      g_autofree char *loaded_back = NULL;

      g_assert_cmpstr (back, ==, words[w]);
      if (!fit_iris (model, &error))
        g_error ("%s %s=%s: fit: %s", g_type_name (c->type), c->pspec->name, words[w], error->message);
      bytes = mp_dumps (model, &error);
      g_assert_no_error (error);
      loaded = mp_loads (bytes, &error);
      g_assert_no_error (error);
      loaded_back = get_word (loaded, c->pspec);
      g_assert_cmpstr (loaded_back, ==, words[w]);
    }
}

/* A word nobody declared: the first declared word in capitals, as a
 * caller who guessed the enum's spelling might write it. */
static char *
undeclared_word (const WordCase *c)
{
  g_auto(GStrv) words = mp_estimator_type_list_words (c->type, c->pspec->name);

  return g_ascii_strup (words[0], -1);
}

static void
assert_names_param (const GError   *error,
                    const WordCase *c,
                    int             code,
                    const char     *how)
{
  const char *field = mp_param_spec_get_display_name (c->pspec);
  g_autofree char *named = g_strconcat (field, ": ", NULL);
  g_autofree char *named_at_path = g_strconcat (": ", field, ": ", NULL);

  if (error == NULL)
    g_error ("%s.%s, undeclared word %s: accepted", g_type_name (c->type), field, how);
  /* "kernel: must be ..." or, from the loader, "$.estimator: kernel: ..." */
  if (!g_error_matches (error, MP_ERROR, code) ||
      !(g_str_has_prefix (error->message, named) || strstr (error->message, named_at_path) != NULL))
    g_error ("%s.%s, undeclared word %s: \"%s\" (code %d) does not name %s with code %d", g_type_name (c->type),
             field, how, error->message, error->code, field, code);
}

static void
test_words_refused (gconstpointer data)
{
  const WordCase *c = data;
  g_autofree char *word = undeclared_word (c);
  g_auto(GStrv) words = mp_estimator_type_list_words (c->type, c->pspec->name);
  g_autoptr(MpEstimator) model = example_with (c->type, c->pspec->name, word);
  g_autoptr(MpEstimator) fitted_model = fitted (c->type);
  g_autoptr(MpEstimator) loaded = NULL;
  g_autoptr(MpArray) predicted = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *back = get_word (model, c->pspec);

  /* kept as given, never replaced by a declared word */
  g_assert_cmpstr (back, ==, word);

  /* fit: the caller's mistake, with what is allowed */
  g_assert_false (fit_iris (model, &error));
  assert_names_param (error, c, MP_ERROR_INVALID_ARGUMENT, "at fit");
  g_assert_nonnull (strstr (error->message, word));
  for (guint w = 0; words[w] != NULL; w++)
    {
      g_autofree char *quoted = g_strdup_printf ("'%s'", words[w]);

      if (strstr (error->message, quoted) == NULL)
        g_error ("%s: \"%s\" does not list %s", g_type_name (c->type), error->message, quoted);
    }
  g_assert_false (mp_estimator_is_fitted (model));
  g_clear_error (&error);

  /* changed on a fitted model: the next predict refuses it */
  g_object_set (fitted_model, c->pspec->name, word, NULL);
  predicted = use_on_iris (fitted_model, &error);
  g_assert_null (predicted);
  assert_names_param (error, c, MP_ERROR_INVALID_ARGUMENT, "at predict");
  g_clear_error (&error);

  /* in a file: the file's mistake */
  bytes = mp_dumps (fitted_model, &error);
  g_assert_no_error (error);
  loaded = mp_loads (bytes, &error);
  g_assert_null (loaded);
  assert_names_param (error, c, MP_ERROR_INVALID_STATE, "from a file");
}

static guint
add_word_cases_for (GType type)
{
  g_autoptr(MpEstimator) model = _mp_estimator_type_new_example (type);
  g_autofree GParamSpec **params = NULL;
  guint n_params = 0, n_added = 0;

  params = mp_estimator_list_properties (model, MP_PROPERTY_ROLE_HYPERPARAMETER, &n_params);
  for (guint i = 0; i < n_params; i++)
    {
      g_auto(GStrv) words = mp_estimator_type_list_words (type, params[i]->name);
      const char *field = mp_param_spec_get_display_name (params[i]);
      g_autofree char *allowed = g_strdup_printf ("/contract/%s/%s/words-allowed", g_type_name (type), field);
      g_autofree char *refused = g_strdup_printf ("/contract/%s/%s/word-refused", g_type_name (type), field);
      WordCase c = { type, params[i] };

      /* no words, or none but None (PCA's n_components: None or a
       * number): no word to refuse */
      if (words == NULL || words[0] == NULL)
        continue;
      /* GLib frees each case's data once it has run */
      g_test_add_data_func_full (allowed, g_memdup2 (&c, sizeof c), test_words_allowed, g_free);
      g_test_add_data_func_full (refused, g_memdup2 (&c, sizeof c), test_words_refused, g_free);
      n_added++;
    }
  return n_added;
}

int
main (int   argc,
      char *argv[])
{
  guint n_types = 0, n_word_params = 0;
  const GType *types;

  g_test_init (&argc, &argv, NULL);
  types = _mp_builtin_estimator_types (&n_types);

  for (guint t = 0; t < n_types; t++)
    {
      add_cases_for (types[t]);
      n_word_params += add_word_cases_for (types[t]);
    }
  g_assert_cmpuint (n_cases, >, 0);
  g_assert_cmpuint (n_word_params, >, 0);
  return g_test_run ();
}
