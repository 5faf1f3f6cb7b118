/* mp-declarations.c: facts about an estimator's properties, declared once
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "mp-declarations-private.h"
#include "mp-error.h"

/**
 * SECTION:mp-declarations
 * @Title: Declarations
 * @Short_description: what an estimator's properties may hold
 *
 * |[<!-- language="C" -->
 * g_autofree char *constraint = mp_estimator_type_describe_constraint (MP_TYPE_SVC, "c");
 * g_auto(GStrv) kernels = mp_estimator_type_list_words (MP_TYPE_SVC, "kernel");
 * g_autofree char *state = mp_estimator_type_describe_state (MP_TYPE_SVC, "support-vectors");
 *
 * // constraint: what C accepts; kernels: "linear", "poly", "rbf", "sigmoid";
 * // state: the dtype and shape of the fitted support vectors
 * g_print ("C: %s; kernel: %s; support vectors: %s\n",
 *          constraint, kernels[0], state != NULL ? state : "-");
 * ]|
 *
 * Every fact about an estimator is declared once, on its #GParamSpec, and
 * everything else is derived from it: validation of loaded and changed
 * state, the hyperparameter checks at fit, the documentation tables and
 * the contract test.
 *
 * A fitted array declares its dtypes and its shape in terms of named
 * symbols, `"(n_SV, n_features_in)"`: a symbol takes its value from the
 * first array (in declaration order) whose dimension names it (or, for
 * %MP_STATE_FLAG_COUNTS, whose counts sum to it), or from an integer
 * property declared with mp_estimator_type_declare_symbol();
 * `n_features_in` is always the #MpEstimator:n-features-in property.
 * Every later dimension that names the symbol must agree. #MpStateFlags
 * add element checks: finite, increasing, an index below a symbol...
 *
 * A hyperparameter declares an interval (mp_estimator_type_declare_interval())
 * or a list of words (mp_estimator_type_declare_words()), the way
 * scikit-learn's `_parameter_constraints` does; fit refuses a value outside
 * it with %MP_ERROR_INVALID_ARGUMENT, and so does an entry point that finds
 * it changed after fit, while the loader refuses one in a file with
 * %MP_ERROR_INVALID_STATE.
 *
 * The library's own estimators declare from their class tables; classes
 * written in Python or JavaScript call these functions once their type is
 * registered, with the same effect.
 */

static GQuark
state_spec_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("mp-state-spec"));
  return (GQuark) quark;
}

static GQuark
symbol_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("mp-state-symbol"));
  return (GQuark) quark;
}

static GQuark
requires_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("mp-param-requires"));
  return (GQuark) quark;
}

static GQuark
constraint_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("mp-param-constraint"));
  return (GQuark) quark;
}

static void
state_spec_free (gpointer data)
{
  MpStateSpec *spec = data;

  for (guint d = 0; d < spec->n_dims; d++)
    g_free (spec->dims[d]);
  g_free (spec->bound);
  g_free (spec);
}

static void
constraint_free (gpointer data)
{
  MpParamConstraint *constraint = data;

  g_strfreev (constraint->words);
  g_free (constraint->check_text);
  g_free (constraint);
}

const MpStateSpec *
_mp_param_spec_get_state_spec (GParamSpec *pspec)
{
  return g_param_spec_get_qdata (pspec, state_spec_quark ());
}

const char *
_mp_param_spec_get_symbol (GParamSpec *pspec)
{
  return g_param_spec_get_qdata (pspec, symbol_quark ());
}

const MpParamConstraint *
_mp_param_spec_get_constraint (GParamSpec *pspec)
{
  return g_param_spec_get_qdata (pspec, constraint_quark ());
}

static gboolean
parse_dtypes (const char  *text,
              guint       *out,
              GError     **error)
{
  g_auto(GStrv) names = g_strsplit (text, "|", -1);

  *out = 0;
  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      MpDType dtype;

      if (!mp_dtype_from_string (name, &dtype))
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "dtypes: \"%s\" is not a dtype (float64, float32, int64, int32, uint8, bool, str)",
                       name);
          return FALSE;
        }
      *out |= 1u << dtype;
    }
  return TRUE;
}

static gboolean
is_symbol_or_length (const char *text)
{
  if (strcmp (text, "*") == 0)
    return TRUE;
  if (g_ascii_isdigit (text[0]))
    {
      for (const char *p = text; *p != '\0'; p++)
        if (!g_ascii_isdigit (*p))
          return FALSE;
      return strlen (text) < 10;
    }
  if (!g_ascii_isalpha (text[0]) && text[0] != '_')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

/* "(a, b)", "(a,)" or "()" */
static gboolean
parse_shape (const char   *text,
             MpStateSpec  *spec,
             GError      **error)
{
  g_autofree char *inner = NULL;
  g_auto(GStrv) parts = NULL;
  gsize n = strlen (text);

  if (n < 2 || text[0] != '(' || text[n - 1] != ')')
    goto malformed;
  inner = g_strndup (text + 1, n - 2);
  g_strstrip (inner);
  if (*inner == '\0')
    return TRUE;
  if (g_str_has_suffix (inner, ","))
    inner[strlen (inner) - 1] = '\0';
  parts = g_strsplit (inner, ",", -1);
  if (g_strv_length (parts) > MP_ARRAY_MAX_DIMS)
    goto malformed;
  for (guint d = 0; parts[d] != NULL; d++)
    {
      const char *part = g_strstrip (parts[d]);

      if (!is_symbol_or_length (part))
        goto malformed;
      spec->dims[d] = strcmp (part, "*") == 0 ? NULL : g_strdup (part);
      spec->n_dims = d + 1;
    }
  return TRUE;

malformed:
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "shape: \"%s\" is not a shape such as \"(n_classes,)\" or \"(n_SV, n_features_in)\"",
               text);
  return FALSE;
}

gboolean
_mp_param_spec_declare_array (GParamSpec    *pspec,
                              const char    *dtypes,
                              const char    *shape,
                              MpStateFlags   flags,
                              const char    *bound,
                              GError       **error)
{
  static guint next_order;
  g_autofree MpStateSpec *spec = g_new0 (MpStateSpec, 1);

  if (pspec->value_type != MP_TYPE_ARRAY)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "property_name: %s is not an MpArray property", pspec->name);
      return FALSE;
    }
  if (!parse_dtypes (dtypes, &spec->dtypes, error))
    return FALSE;
  if (!parse_shape (shape, spec, error))
    {
      for (guint d = 0; d < spec->n_dims; d++)
        g_free (spec->dims[d]);
      return FALSE;
    }
  if ((flags & (MP_STATE_FLAG_INDEX | MP_STATE_FLAG_COUNTS)) != 0 &&
      (bound == NULL || !is_symbol_or_length (bound) || strcmp (bound, "*") == 0))
    {
      for (guint d = 0; d < spec->n_dims; d++)
        g_free (spec->dims[d]);
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "bound: INDEX and COUNTS need a symbol to count against");
      return FALSE;
    }
  /* Strings have an order (classes_ is sorted) but no value: checks that
   * read elements as numbers cannot apply to them. */
  if ((spec->dtypes & (1u << MP_DTYPE_STRING)) &&
      (flags & (MP_STATE_FLAG_NON_NEGATIVE | MP_STATE_FLAG_POSITIVE | MP_STATE_FLAG_DISTRIBUTION |
                MP_STATE_FLAG_INDEX | MP_STATE_FLAG_COUNTS)) != 0)
    {
      for (guint d = 0; d < spec->n_dims; d++)
        g_free (spec->dims[d]);
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                           "flags: NON_NEGATIVE, POSITIVE, DISTRIBUTION, INDEX and COUNTS read numbers; "
                           "a str array allows none of them");
      return FALSE;
    }
  spec->flags = flags;
  spec->bound = g_strdup (bound);
  spec->order = g_atomic_int_add (&next_order, 1);
  g_param_spec_set_qdata_full (pspec, state_spec_quark (), g_steal_pointer (&spec), state_spec_free);
  return TRUE;
}

void
_mp_param_spec_declare_symbol (GParamSpec *pspec,
                               const char *symbol)
{
  g_param_spec_set_qdata_full (pspec, symbol_quark (), g_strdup (symbol), g_free);
}

static GQuark
optional_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("mp-optional"));
  return (GQuark) quark;
}

void
_mp_param_spec_declare_optional (GParamSpec *pspec)
{
  g_param_spec_set_qdata (pspec, optional_quark (), GINT_TO_POINTER (TRUE));
}

gboolean
_mp_param_spec_is_optional (GParamSpec *pspec)
{
  const MpStateSpec *spec = _mp_param_spec_get_state_spec (pspec);

  return g_param_spec_get_qdata (pspec, optional_quark ()) != NULL ||
         (spec != NULL && (spec->flags & MP_STATE_FLAG_OPTIONAL));
}

static MpParamConstraint *
ensure_constraint (GParamSpec *pspec)
{
  MpParamConstraint *constraint = g_param_spec_get_qdata (pspec, constraint_quark ());

  if (constraint == NULL)
    {
      constraint = g_new0 (MpParamConstraint, 1);
      g_param_spec_set_qdata_full (pspec, constraint_quark (), constraint, constraint_free);
    }
  return constraint;
}

void
_mp_param_spec_declare_interval (GParamSpec        *pspec,
                                 gdouble            minimum,
                                 gdouble            maximum,
                                 MpConstraintFlags  flags)
{
  MpParamConstraint *constraint = ensure_constraint (pspec);

  constraint->has_interval = TRUE;
  constraint->minimum = minimum;
  constraint->maximum = maximum;
  constraint->flags |= flags;
}

void
_mp_param_spec_declare_words (GParamSpec         *pspec,
                              const char * const *words,
                              MpConstraintFlags   flags)
{
  MpParamConstraint *constraint = ensure_constraint (pspec);

  g_strfreev (constraint->words);
  constraint->words = g_strdupv ((char **) words);
  constraint->flags |= flags;
}

void
_mp_param_spec_declare_check (GParamSpec   *pspec,
                              MpParamCheck  check,
                              const char   *check_text)
{
  MpParamConstraint *constraint = ensure_constraint (pspec);

  constraint->check = check;
  g_free (constraint->check_text);
  constraint->check_text = g_strdup (check_text);
}

void
_mp_param_spec_declare_requires (GParamSpec *pspec,
                                 const char *property_name)
{
  g_param_spec_set_qdata_full (pspec, requires_quark (), g_strdup (property_name), g_free);
}

const char *
_mp_param_spec_get_requires (GParamSpec *pspec)
{
  return g_param_spec_get_qdata (pspec, requires_quark ());
}

GParamSpec *
_mp_find_estimator_property (GType        estimator_type,
                             const char  *property_name,
                             GError     **error)
{
  GObjectClass *klass;
  GParamSpec *pspec = NULL;

  if (!g_type_is_a (estimator_type, MP_TYPE_ESTIMATOR))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "estimator_type: %s is not an MpEstimator", g_type_name (estimator_type));
      return NULL;
    }
  klass = g_type_class_ref (estimator_type);
  pspec = g_object_class_find_property (klass, property_name);
  g_type_class_unref (klass);
  if (pspec == NULL || !g_type_is_a (pspec->owner_type, MP_TYPE_ESTIMATOR))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "property_name: %s has no property '%s'", g_type_name (estimator_type),
                   property_name);
      return NULL;
    }
  return pspec;
}

/**
 * mp_estimator_type_declare_array:
 * @estimator_type: a subtype of #MpEstimator
 * @property_name: the name of one of its #MpArray properties, a fitted one
 * @dtypes: the dtypes it may hold, such as `"float64"` or `"int64|float64"`
 * @shape: its shape in symbols and lengths, such as `"(n_SV, n_features_in)"`,
 *   `"(n_classes,)"`, `"(2,)"`; `*` allows any length
 * @flags: the element checks
 * @bound: (nullable): the symbol that %MP_STATE_FLAG_INDEX elements stay
 *   below and %MP_STATE_FLAG_COUNTS elements sum to; %NULL otherwise
 * @error: return location for a #GError
 *
 * Declares what a fitted array holds. Validation of every loaded or
 * changed model of @estimator_type then checks it and refuses a
 * disagreement with %MP_ERROR_INVALID_STATE naming the property.
 *
 * Returns: %TRUE, or %FALSE with %MP_ERROR_INVALID_ARGUMENT if the property
 *   does not exist, is not an #MpArray, or @dtypes or @shape do not parse
 *
 * Since: 0.1
 */
gboolean
mp_estimator_type_declare_array (GType          estimator_type,
                                 const char    *property_name,
                                 const char    *dtypes,
                                 const char    *shape,
                                 MpStateFlags   flags,
                                 const char    *bound,
                                 GError       **error)
{
  GParamSpec *pspec;

  g_return_val_if_fail (property_name != NULL, FALSE);
  g_return_val_if_fail (dtypes != NULL, FALSE);
  g_return_val_if_fail (shape != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pspec = _mp_find_estimator_property (estimator_type, property_name, error);
  return pspec != NULL && _mp_param_spec_declare_array (pspec, dtypes, shape, flags, bound, error);
}

/**
 * mp_estimator_type_declare_symbol:
 * @estimator_type: a subtype of #MpEstimator
 * @property_name: the name of one of its integer properties, a fitted one
 * @symbol: the shape symbol it gives a value to, such as `"n_samples_fit"`
 * @error: return location for a #GError
 *
 * Makes a fitted integer property the source of a shape symbol: arrays
 * declared with that symbol in their shape must agree with it.
 *
 * Returns: %TRUE, or %FALSE with %MP_ERROR_INVALID_ARGUMENT if the property
 *   does not exist or is not an integer
 *
 * Since: 0.1
 */
gboolean
mp_estimator_type_declare_symbol (GType        estimator_type,
                                  const char  *property_name,
                                  const char  *symbol,
                                  GError     **error)
{
  GParamSpec *pspec;
  GType type;

  g_return_val_if_fail (property_name != NULL, FALSE);
  g_return_val_if_fail (symbol != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pspec = _mp_find_estimator_property (estimator_type, property_name, error);
  if (pspec == NULL)
    return FALSE;
  type = pspec->value_type;
  if (type != G_TYPE_INT && type != G_TYPE_UINT && type != G_TYPE_INT64 && type != G_TYPE_UINT64)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "property_name: %s is not an integer property", property_name);
      return FALSE;
    }
  if (!is_symbol_or_length (symbol) || g_ascii_isdigit (symbol[0]) || strcmp (symbol, "*") == 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "symbol: \"%s\" is not a name", symbol);
      return FALSE;
    }
  _mp_param_spec_declare_symbol (pspec, symbol);
  return TRUE;
}

static gboolean
is_number_property (GParamSpec *pspec)
{
  GType type = pspec->value_type;

  return type == G_TYPE_DOUBLE || type == G_TYPE_FLOAT || type == G_TYPE_INT ||
         type == G_TYPE_UINT || type == G_TYPE_INT64 || type == G_TYPE_UINT64;
}

/**
 * mp_estimator_type_declare_interval:
 * @estimator_type: a subtype of #MpEstimator
 * @property_name: one of its number properties, or a string property that
 *   takes numbers (%MP_CONSTRAINT_NUMBER_ALLOWED)
 * @minimum: the smallest value allowed (`-G_MAXDOUBLE` or `-INFINITY` for none)
 * @maximum: the largest value allowed
 * @flags: whether the ends are excluded, and whether `None` is allowed
 * @error: return location for a #GError
 *
 * Declares the interval a hyperparameter must lie in, as scikit-learn's
 * `Interval(Real, 0, None, closed="neither")` does. NaN is never inside an
 * interval.
 *
 * Returns: %TRUE, or %FALSE with %MP_ERROR_INVALID_ARGUMENT if the property
 *   does not exist or holds neither numbers nor text
 *
 * Since: 0.1
 */
gboolean
mp_estimator_type_declare_interval (GType               estimator_type,
                                    const char         *property_name,
                                    gdouble             minimum,
                                    gdouble             maximum,
                                    MpConstraintFlags   flags,
                                    GError            **error)
{
  GParamSpec *pspec;

  g_return_val_if_fail (property_name != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pspec = _mp_find_estimator_property (estimator_type, property_name, error);
  if (pspec == NULL)
    return FALSE;
  if (!is_number_property (pspec) && pspec->value_type != G_TYPE_STRING)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "property_name: %s holds neither numbers nor text", property_name);
      return FALSE;
    }
  _mp_param_spec_declare_interval (pspec, minimum, maximum, flags);
  return TRUE;
}

/**
 * mp_estimator_type_declare_words:
 * @estimator_type: a subtype of #MpEstimator
 * @property_name: one of its string properties
 * @words: (array zero-terminated=1): the values allowed
 * @flags: %MP_CONSTRAINT_NONE_ALLOWED to allow %NULL (`None`),
 *   %MP_CONSTRAINT_NUMBER_ALLOWED to allow numbers too (within the interval
 *   declared with mp_estimator_type_declare_interval(), if any)
 * @error: return location for a #GError
 *
 * Declares the words a string hyperparameter may hold, as scikit-learn's
 * `StrOptions({"scale", "auto"})` does.
 *
 * Returns: %TRUE, or %FALSE with %MP_ERROR_INVALID_ARGUMENT if the property
 *   does not exist or is not a string
 *
 * Since: 0.1
 */
gboolean
mp_estimator_type_declare_words (GType                estimator_type,
                                 const char          *property_name,
                                 const char * const  *words,
                                 MpConstraintFlags    flags,
                                 GError             **error)
{
  GParamSpec *pspec;

  g_return_val_if_fail (property_name != NULL, FALSE);
  g_return_val_if_fail (words != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  pspec = _mp_find_estimator_property (estimator_type, property_name, error);
  if (pspec == NULL)
    return FALSE;
  if (pspec->value_type != G_TYPE_STRING)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "property_name: %s is not a string property", property_name);
      return FALSE;
    }
  _mp_param_spec_declare_words (pspec, words, flags);
  return TRUE;
}

/* ---- derived symbols ----------------------------------------------------- */

typedef struct {
  char         *symbol;
  char         *from;
  MpSymbolRule  rule;
} Derivation;

static GQuark
derivations_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("mp-derived-symbols"));
  return (GQuark) quark;
}

void
_mp_estimator_class_derive_symbol (MpEstimatorClass *klass,
                                   const char       *symbol,
                                   const char       *from,
                                   MpSymbolRule      rule)
{
  GType type = G_TYPE_FROM_CLASS (klass);
  GArray *list = g_type_get_qdata (type, derivations_quark ());
  Derivation d = { g_strdup (symbol), g_strdup (from), rule };

  /* Lives as long as the type: types are never unregistered. */
  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (Derivation));
      g_type_set_qdata (type, derivations_quark (), list);
    }
  g_array_append_val (list, d);
}

guint64
_mp_symbol_rule_pairs (guint64 n)
{
  /* halve the even factor first: no overflow below 2^32 classes */
  return n % 2 == 0 ? n / 2 * (n - 1) : (n - 1) / 2 * n;
}

guint64
_mp_symbol_rule_minus_one (guint64 n)
{
  return n > 0 ? n - 1 : 0;
}

const char *
_mp_estimator_type_find_derivation (GType          type,
                                    const char    *symbol,
                                    MpSymbolRule  *rule)
{
  for (; type != 0 && g_type_is_a (type, MP_TYPE_ESTIMATOR); type = g_type_parent (type))
    {
      GArray *list = g_type_get_qdata (type, derivations_quark ());

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          Derivation *d = &g_array_index (list, Derivation, i);

          if (strcmp (d->symbol, symbol) == 0)
            {
              *rule = d->rule;
              return d->from;
            }
        }
    }
  return NULL;
}

/* ---- descriptions, for the documentation and the bindings --------------- */

char *
_mp_param_spec_describe_state (GParamSpec *pspec)
{
  const MpStateSpec *spec;
  const char *symbol;
  GString *out;
  static const struct { MpStateFlags flag; const char *text; } flag_texts[] = {
    { MP_STATE_FLAG_FINITE, "finite" },
    { MP_STATE_FLAG_INCREASING, "strictly increasing" },
    { MP_STATE_FLAG_NON_NEGATIVE, ">= 0" },
    { MP_STATE_FLAG_POSITIVE, "> 0" },
    { MP_STATE_FLAG_DISTRIBUTION, "sums to 1" },
    { MP_STATE_FLAG_NON_EMPTY, "not empty" },
    { MP_STATE_FLAG_OPTIONAL, "optional" },
    { MP_STATE_FLAG_CHECKED_ON_USE, "checked where read" },
    { MP_STATE_FLAG_EMPTY_ALLOWED, "or empty" },
  };

  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), NULL);

  symbol = _mp_param_spec_get_symbol (pspec);
  if (symbol != NULL)
    return g_strdup_printf ("defines %s", symbol);
  spec = _mp_param_spec_get_state_spec (pspec);
  if (spec == NULL)
    return NULL;

  out = g_string_new (NULL);
  for (guint t = 0; t < 32; t++)
    if (spec->dtypes & (1u << t))
      g_string_append_printf (out, "%s%s", out->len > 0 ? "|" : "", mp_dtype_to_string ((MpDType) t));
  g_string_append (out, " (");
  for (guint d = 0; d < spec->n_dims; d++)
    g_string_append_printf (out, "%s%s", d > 0 ? ", " : "", spec->dims[d] != NULL ? spec->dims[d] : "*");
  g_string_append (out, spec->n_dims == 1 ? ",)" : ")");
  if (spec->flags & MP_STATE_FLAG_INDEX)
    g_string_append_printf (out, ", indices below %s", spec->bound);
  if (spec->flags & MP_STATE_FLAG_COUNTS)
    g_string_append_printf (out, ", counts summing to %s", spec->bound);
  for (guint f = 0; f < G_N_ELEMENTS (flag_texts); f++)
    if (spec->flags & flag_texts[f].flag)
      g_string_append_printf (out, ", %s", flag_texts[f].text);
  return g_string_free (out, FALSE);
}

static void
append_bound (GString    *out,
              const char *op,
              gdouble     value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, "%s %s", op, g_ascii_formatd (buffer, sizeof buffer, "%.17g", value));
}

/* Whether the end of an interval keeps its side's infinity out: a finite
 * bound, +-G_MAXDOUBLE, or an excluded infinity. */
static gboolean
excludes_infinity (gdouble  end,
                   gboolean excluded)
{
  return !isinf (end) || excluded;
}

char *
_mp_constraint_describe (const MpParamConstraint *c,
                         GType                    value_type)
{
  GString *out;
  gboolean lower, upper, finite;
  const char *noun = NULL;

  out = g_string_new (NULL);
  /* words alone read as a choice: "one of 'linear', 'poly', 'rbf', 'sigmoid'" */
  if (c->words != NULL && g_strv_length (c->words) > 1 && !c->has_interval && c->check_text == NULL &&
      (c->flags & (MP_CONSTRAINT_NONE_ALLOWED | MP_CONSTRAINT_NUMBER_ALLOWED)) == 0)
    g_string_append (out, "one of ");
  if (c->flags & MP_CONSTRAINT_NONE_ALLOWED)
    g_string_append (out, "None");
  for (guint w = 0; c->words != NULL && c->words[w] != NULL; w++)
    g_string_append_printf (out, "%s'%s'", w > 0 || (c->flags & MP_CONSTRAINT_NONE_ALLOWED) ? ", " : "",
                            c->words[w]);

  lower = c->has_interval && isfinite (c->minimum) && c->minimum > -G_MAXDOUBLE;
  upper = c->has_interval && isfinite (c->maximum) && c->maximum < G_MAXDOUBLE;
  /* Whether neither infinity is inside, though a bound is not shown:
   * C is in (0, inf), "a finite number > 0". */
  finite = c->has_interval && !(lower && upper) &&
           excludes_infinity (c->minimum, c->flags & MP_CONSTRAINT_MIN_EXCLUSIVE) &&
           excludes_infinity (c->maximum, c->flags & MP_CONSTRAINT_MAX_EXCLUSIVE);
  if (value_type == G_TYPE_STRING)
    noun = "a number";
  else if (finite && (value_type == G_TYPE_DOUBLE || value_type == G_TYPE_FLOAT))
    noun = "a finite number";

  if (c->has_interval || (c->flags & MP_CONSTRAINT_NUMBER_ALLOWED))
    {
      if (out->len > 0)
        g_string_append (out, " or ");
      if (noun != NULL)
        g_string_append (out, noun);
      if (lower)
        {
          if (noun != NULL)
            g_string_append_c (out, ' ');
          append_bound (out, (c->flags & MP_CONSTRAINT_MIN_EXCLUSIVE) ? ">" : ">=", c->minimum);
        }
      if (upper)
        {
          if (lower)
            g_string_append (out, " and ");
          else if (noun != NULL)
            g_string_append_c (out, ' ');
          append_bound (out, (c->flags & MP_CONSTRAINT_MAX_EXCLUSIVE) ? "<" : "<=", c->maximum);
        }
      if (!lower && !upper && noun == NULL)
        g_string_append (out, "a number");
    }
  if (c->check_text != NULL)
    g_string_append_printf (out, "%s%s", out->len > 0 ? " or " : "", c->check_text);
  return g_string_free (out, FALSE);
}

char *
_mp_param_spec_describe_constraint (GParamSpec *pspec)
{
  const MpParamConstraint *c;

  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), NULL);

  c = _mp_param_spec_get_constraint (pspec);
  return c != NULL ? _mp_constraint_describe (c, pspec->value_type) : NULL;
}

gboolean
_mp_param_spec_allows_none (GParamSpec *pspec)
{
  const MpParamConstraint *c = _mp_param_spec_get_constraint (pspec);

  if (c != NULL)
    return (c->flags & MP_CONSTRAINT_NONE_ALLOWED) != 0;
  /* undeclared: the convention of hand-written integer properties */
  if (G_IS_PARAM_SPEC_INT (pspec))
    return G_PARAM_SPEC_INT (pspec)->minimum == -1;
  if (G_IS_PARAM_SPEC_INT64 (pspec))
    return G_PARAM_SPEC_INT64 (pspec)->minimum == -1;
  if (G_IS_PARAM_SPEC_LONG (pspec))
    return G_PARAM_SPEC_LONG (pspec)->minimum == -1;
  return FALSE;
}

gboolean
_mp_param_spec_value_is_none (GParamSpec   *pspec,
                              const GValue *value)
{
  if (!_mp_param_spec_allows_none (pspec))
    return FALSE;
  if (G_VALUE_HOLDS_INT (value))
    return g_value_get_int (value) == -1;
  if (G_VALUE_HOLDS_INT64 (value))
    return g_value_get_int64 (value) == -1;
  if (G_VALUE_HOLDS_LONG (value))
    return g_value_get_long (value) == -1;
  if (G_VALUE_HOLDS_STRING (value))
    return g_value_get_string (value) == NULL;
  return FALSE;
}

/**
 * mp_estimator_type_describe_state:
 * @estimator_type: a subtype of #MpEstimator
 * @property_name: one of its fitted properties
 *
 * Describes what a fitted property was declared to hold, for
 * documentation tables and tools: `"float64 (n_SV, n_features_in), finite"`,
 * or for an integer that gives a symbol its value, `"defines n_samples_fit"`.
 *
 * Returns: (transfer full) (nullable): the description, or %NULL if the
 *   property does not exist or nothing was declared
 *
 * Since: 0.1
 */
char *
mp_estimator_type_describe_state (GType       estimator_type,
                                  const char *property_name)
{
  GParamSpec *pspec;

  g_return_val_if_fail (property_name != NULL, NULL);

  pspec = _mp_find_estimator_property (estimator_type, property_name, NULL);
  return pspec != NULL ? _mp_param_spec_describe_state (pspec) : NULL;
}

/**
 * mp_estimator_type_describe_constraint:
 * @estimator_type: a subtype of #MpEstimator
 * @property_name: one of its hyperparameters
 *
 * Describes the values a hyperparameter was declared to take, in the words
 * of scikit-learn's error messages: `"> 0"`, `"'scale', 'auto' or a number
 * >= 0"`, `"None or >= 0"`.
 *
 * Returns: (transfer full) (nullable): the description, or %NULL if the
 *   property does not exist or nothing was declared
 *
 * Since: 0.1
 */
char *
mp_estimator_type_describe_constraint (GType       estimator_type,
                                       const char *property_name)
{
  GParamSpec *pspec;

  g_return_val_if_fail (property_name != NULL, NULL);

  pspec = _mp_find_estimator_property (estimator_type, property_name, NULL);
  return pspec != NULL ? _mp_param_spec_describe_constraint (pspec) : NULL;
}

/**
 * mp_estimator_type_list_words:
 * @estimator_type: a subtype of #MpEstimator
 * @property_name: one of its hyperparameters
 *
 * Lists the words a hyperparameter was declared to take, in declaration
 * order: scikit-learn's spellings, such as `linear`, `poly`, `rbf` and
 * `sigmoid` for #MpSVC:kernel. Bindings and tools use it to offer the
 * choices (a combo box, a test that tries each); a word-valued property
 * may allow more than its words (None, numbers), which
 * mp_estimator_type_describe_constraint() tells.
 *
 * Returns: (transfer full) (array zero-terminated=1) (nullable): the words,
 *   or %NULL if the property does not exist or declares none
 *
 * Since: 0.1
 */
char **
mp_estimator_type_list_words (GType       estimator_type,
                              const char *property_name)
{
  GParamSpec *pspec;
  const MpParamConstraint *c;

  g_return_val_if_fail (property_name != NULL, NULL);

  pspec = _mp_find_estimator_property (estimator_type, property_name, NULL);
  c = pspec != NULL ? _mp_param_spec_get_constraint (pspec) : NULL;
  return c != NULL && c->words != NULL ? g_strdupv (c->words) : NULL;
}
