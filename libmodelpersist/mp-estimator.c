/* mp-estimator.c: the base class of every estimator
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <math.h>
#include <string.h>

#include "mp-array-private.h"
#include "mp-builtin-types-private.h"
#include "mp-children-private.h"
#include "mp-error.h"
#include "mp-declarations-private.h"
#include "mp-estimator-list-private.h"
#include "mp-estimator-private.h"
#include "mp-property-table-private.h"
#include "mp-pyrepr-private.h"
#include "mp-validation-private.h"

/**
 * SECTION:mp-estimator
 * @Title: MpEstimator
 * @Short_description: the base class of every estimator
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * MpArray *x = mp_dataset_get_data (iris);
 * MpArray *y = mp_dataset_get_target (iris);
 * g_autoptr(MpEstimator) knn = mp_k_neighbors_classifier_new ();
 * g_auto(GValue) k = G_VALUE_INIT;
 * g_autoptr(MpArray) labels = NULL;
 * g_autofree char *description = NULL;
 * double accuracy = 0.0;
 *
 * g_object_set (knn, "n-neighbors", 3, NULL);      // a hyperparameter is a property
 * g_value_set_int (g_value_init (&k, G_TYPE_INT), 7);
 * if (mp_estimator_set_param (knn, "n_neighbors", &k, &error) &&   // or by scikit-learn's name
 *     mp_estimator_fit (knn, x, y, &error) &&
 *     mp_estimator_score (knn, x, y, &accuracy, &error))
 *   labels = mp_estimator_predict (knn, x, &error);
 * if (labels == NULL)
 *   g_warning ("%s", error->message);
 * description = mp_estimator_to_string (knn);      // "KNeighborsClassifier(n_neighbors=7)"
 * ]|
 *
 * #MpEstimator is the derivable base of every model in libmodelpersist.
 * Like a scikit-learn estimator it has fit(), predict() and score(); unlike
 * one, everything it knows is a #GObject property, so the serializer, the
 * string form, clone and the bindings all work from introspection alone.
 *
 * Each property of a subclass has a role (#MpPropertyRole): a hyperparameter
 * set before fit, or fitted state learnt by fit. Subclasses declare roles in
 * class_init with mp_estimator_class_set_property_role(); classes written
 * in Python or JavaScript call mp_estimator_type_set_property_role() once
 * their type exists. A role can carry a display name, the name Python users
 * know: sklearn's `C` is the property `c` (GJS cannot see upper-case
 * property names) shown as `C`; fitted state such as `support-vectors` is
 * shown as `support_vectors_`.
 *
 * The wrappers mp_estimator_fit() and mp_estimator_predict() check what
 * every estimator would otherwise check itself: the input is a non-empty
 * matrix of finite numbers, labels match the samples, predict is not called
 * before fit and sees as many features as fit did.
 *
 * Thread safety: a fitted estimator may predict in any number of threads
 * at once (mp_estimator_predict(), mp_estimator_score(),
 * mp_estimator_decision_function(), mp_estimator_predict_proba() read the
 * fitted state and allocate their own buffers), and an #MpArray, immutable
 * and atomically reference counted, may be shared freely. mp_estimator_fit()
 * and property setters may not run while anything else uses the
 * estimator. docs/security.md has the whole table.
 *
 * |[<!-- language="C" -->
 * static gpointer
 * predict_in_a_thread (gpointer data)
 * {
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(MpDataset) iris = mp_load_iris (&error);
 *   g_autoptr(MpArray) labels = mp_estimator_predict (data, mp_dataset_get_data (iris), &error);
 *
 *   if (labels == NULL)
 *     g_warning ("%s", error->message);
 *   return NULL;
 * }
 *
 * static void
 * predict_in_two_threads (void)
 * {
 *   g_autoptr(GError) error = NULL;
 *   g_autoptr(MpDataset) iris = mp_load_iris (&error);
 *   g_autoptr(MpEstimator) svc = mp_svc_new ();
 *   GThread *threads[2];
 *
 *   // fit first, in one thread; then any number of threads may predict
 *   if (!mp_estimator_fit (svc, mp_dataset_get_data (iris), mp_dataset_get_target (iris), &error))
 *     {
 *       g_warning ("%s", error->message);
 *       return;
 *     }
 *   for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
 *     threads[i] = g_thread_new ("predict", predict_in_a_thread, svc);
 *   for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
 *     g_thread_join (threads[i]);
 * }
 * ]|
 */

typedef struct
{
  guint    n_features_in;
  GStrv    feature_names_in;
  gboolean fitted;
  /* validate() accepted the current state; any change of a hyperparameter
   * or of fitted state (mp_estimator_notify) clears it, and every entry
   * point that reads fitted state validates again first. */
  gboolean checked;
  /* validate() runs for an entry point (predict...), not for the loader */
  gboolean validating_for_use;
  /* Grows with every change (forget_checked); a parent sums its
   * descendants' into children_stamp when it validates, and validates
   * again when the sum has moved: a refitted step invalidates its
   * pipeline without knowing it has one. */
  guint64  generation;
  guint64  children_stamp;
  /* validate() is running on this estimator: meeting it again among its
   * own descendants means it contains itself */
  gboolean validating;
} MpEstimatorPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (MpEstimator, mp_estimator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_N_FEATURES_IN,
  PROP_FEATURE_NAMES_IN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
forget_checked (MpEstimatorPrivate *priv)
{
  priv->checked = FALSE;
  priv->generation++;
}

/* Roles and display names live as qdata on each GParamSpec: any language
 * can set them through an introspectable call, which flag bits cannot do
 * from GJS. */
static GQuark
mp_property_role_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("mp-property-role"));
  return (GQuark) quark;
}

static GQuark
mp_property_display_name_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("mp-property-display-name"));
  return (GQuark) quark;
}

static GQuark
mp_estimator_kind_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("mp-estimator-kind"));
  return (GQuark) quark;
}

static MpEstimatorKind
mp_estimator_real_get_kind (MpEstimator *self)
{
  for (GType type = G_OBJECT_TYPE (self); type != MP_TYPE_ESTIMATOR; type = g_type_parent (type))
    {
      gpointer kind = g_type_get_qdata (type, mp_estimator_kind_quark ());

      if (kind != NULL)
        return GPOINTER_TO_INT (kind);
    }
  return MP_ESTIMATOR_KIND_UNKNOWN;
}

/* R², as sklearn.metrics.r2_score: 1 - residual / total sum of squares;
 * a constant target scores 1 if predicted exactly, 0 otherwise. */
static double
r2_score (MpArray *y,
          MpArray *predicted)
{
  gsize n = mp_array_get_n_elements (y);
  double mean = 0, residual = 0, total = 0;

  for (gsize i = 0; i < n; i++)
    mean += mp_array_get_double (y, i);
  mean /= (double) n;
  for (gsize i = 0; i < n; i++)
    {
      double t = mp_array_get_double (y, i);
      double d = t - mp_array_get_double (predicted, i);

      residual += d * d;
      total += (t - mean) * (t - mean);
    }
  if (total == 0)
    return residual == 0 ? 1.0 : 0.0;
  return 1.0 - residual / total;
}

static gboolean
mp_estimator_real_score (MpEstimator  *self,
                         MpArray      *x,
                         MpArray      *y,
                         gdouble      *score,
                         GError      **error)
{
  g_autoptr(MpArray) predicted = NULL;
  gsize n, correct = 0;

  predicted = mp_estimator_predict (self, x, error);
  if (predicted == NULL)
    return FALSE;

  n = mp_array_get_n_elements (y);
  if (mp_array_get_n_elements (predicted) != n)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                   "predict: returned %" G_GSIZE_FORMAT " values for %" G_GSIZE_FORMAT " samples",
                   mp_array_get_n_elements (predicted), n);
      return FALSE;
    }

  if (mp_estimator_get_kind (self) == MP_ESTIMATOR_KIND_REGRESSOR)
    {
      if (mp_array_get_dtype (y) == MP_DTYPE_STRING || mp_array_get_dtype (predicted) == MP_DTYPE_STRING)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT, "%s: R² needs numbers, got strings",
                       mp_array_get_dtype (y) == MP_DTYPE_STRING ? "y" : "predict");
          return FALSE;
        }
      *score = n > 0 ? r2_score (y, predicted) : 0.0;
      return TRUE;
    }

  /* Accuracy: text compares as text, and never equals a number. */
  for (gsize i = 0; i < n; i++)
    if (_mp_array_elements_equal (predicted, i, y, i))
      correct++;

  *score = n > 0 ? (gdouble) correct / (gdouble) n : 0.0;
  return TRUE;
}

static gboolean
mp_estimator_real_validate (MpEstimator  *self,
                            GError      **error)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  if (priv->fitted && priv->n_features_in == 0)
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                           "n_features_in_: a fitted estimator needs at least one feature");
      return FALSE;
    }

  if (priv->feature_names_in != NULL &&
      g_strv_length (priv->feature_names_in) != priv->n_features_in)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                   "feature_names_in_: %u names for %u features (n_features_in_)",
                   g_strv_length (priv->feature_names_in), priv->n_features_in);
      return FALSE;
    }

  return _mp_estimator_check_declared_state (self, error);
}

static void
mp_estimator_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MpEstimator *self = MP_ESTIMATOR (object);
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_N_FEATURES_IN:
      g_value_set_uint (value, priv->n_features_in);
      break;

    case PROP_FEATURE_NAMES_IN:
      g_value_set_boxed (value, priv->feature_names_in);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_estimator_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  MpEstimator *self = MP_ESTIMATOR (object);
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_N_FEATURES_IN:
      if (priv->n_features_in != g_value_get_uint (value))
        {
          priv->n_features_in = g_value_get_uint (value);
          forget_checked (priv);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_FEATURE_NAMES_IN:
      {
        const char * const *names = g_value_get_boxed (value);

        /* No names and an empty list are the same (bindings turn one into
         * the other: PyGObject reads NULL as []). */
        if (names != NULL && names[0] == NULL)
          names = NULL;
        if (names == NULL && priv->feature_names_in == NULL)
          break;
        if (names != NULL && priv->feature_names_in != NULL &&
            g_strv_equal (names, (const char * const *) priv->feature_names_in))
          break;
        g_strfreev (priv->feature_names_in);
        priv->feature_names_in = g_strdupv ((char **) names);
        forget_checked (priv);
        g_object_notify_by_pspec (object, pspec);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mp_estimator_finalize (GObject *object)
{
  MpEstimator *self = MP_ESTIMATOR (object);
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  _mp_object_free_table_fields (object);
  g_clear_pointer (&priv->feature_names_in, g_strfreev);

  G_OBJECT_CLASS (mp_estimator_parent_class)->finalize (object);
}

/* The one place that learns of every change to an estimator's state,
 * whichever class, language or setter made it: properties are the only
 * way to change state, and every change notifies. */
static void
mp_estimator_notify (GObject    *object,
                     GParamSpec *pspec)
{
  MpEstimator *self = MP_ESTIMATOR (object);
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  if (mp_param_spec_get_role (pspec) != MP_PROPERTY_ROLE_NONE)
    forget_checked (priv);

  /* A list an estimator holds never changes behind its back, whichever
   * setter stored it (a Python-defined class's too). */
  if (g_type_is_a (pspec->value_type, MP_TYPE_ESTIMATOR_LIST) && (pspec->flags & G_PARAM_READABLE))
    {
      g_autoptr(MpEstimatorList) list = NULL;

      g_object_get (object, pspec->name, &list, NULL);
      if (list != NULL)
        _mp_estimator_list_freeze (list);
    }

  if (G_OBJECT_CLASS (mp_estimator_parent_class)->notify != NULL)
    G_OBJECT_CLASS (mp_estimator_parent_class)->notify (object, pspec);
}

static void
mp_estimator_class_init (MpEstimatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = mp_estimator_get_property;
  object_class->set_property = mp_estimator_set_property;
  object_class->notify = mp_estimator_notify;
  object_class->finalize = mp_estimator_finalize;

  klass->score = mp_estimator_real_score;
  klass->validate = mp_estimator_real_validate;
  klass->get_kind = mp_estimator_real_get_kind;
  klass->get_capabilities = _mp_estimator_real_get_capabilities;

  /**
   * MpEstimator:n-features-in:
   *
   * The number of features (columns) seen in fit; 0 before fit. Shown to
   * Python users as `n_features_in_`.
   *
   * Since: 0.1
   */
  properties[PROP_N_FEATURES_IN] =
    g_param_spec_uint ("n-features-in", NULL, "n_features_in_: the number of features seen by fit",
                       0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * MpEstimator:feature-names-in:
   *
   * The names of the features seen in fit, in column order, when fit was
   * given them (the Python binding does for a pandas DataFrame with string
   * column names); %NULL otherwise. Shown to Python users as
   * `feature_names_in_`. Predicting on named columns that differ in names
   * or order is an error (mp_estimator_check_feature_names()).
   *
   * Since: 0.1
   */
  properties[PROP_FEATURE_NAMES_IN] =
    g_param_spec_boxed ("feature-names-in", NULL, "feature_names_in_: the column names seen by fit, if any", G_TYPE_STRV,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  mp_estimator_class_set_property_role (klass, "n-features-in",
                                        MP_PROPERTY_ROLE_FITTED, NULL);
  mp_estimator_class_set_property_role (klass, "feature-names-in",
                                        MP_PROPERTY_ROLE_FITTED, NULL);
  /* Files without names (and every file before names existed) omit it. */
  _mp_param_spec_declare_optional (properties[PROP_FEATURE_NAMES_IN]);
}

static void
mp_estimator_init (MpEstimator *self)
{
}

/**
 * mp_estimator_fit:
 * @self: an #MpEstimator
 * @x: the training samples, an n_samples x n_features matrix of any numeric
 *   dtype
 * @y: (nullable): the labels or targets, one per sample; %NULL only for
 *   estimators that learn without them
 * @error: return location for a #GError
 *
 * Fits @self to the training data, replacing any earlier fitted state.
 *
 * Returns: %TRUE on success; %FALSE with %MP_ERROR_INVALID_INPUT if @x is
 *   not a non-empty 2-D array of finite numbers or @y does not hold one
 *   value per sample, or with the error of the estimator's own fit
 *
 * Since: 0.1
 */
gboolean
mp_estimator_fit (MpEstimator  *self,
                  MpArray      *x,
                  MpArray      *y,
                  GError      **error)
{
  g_autoptr(MpArray) checked = NULL;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), FALSE);
  g_return_val_if_fail (x != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (MP_ESTIMATOR_GET_CLASS (self)->fit == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                   "%s does not implement fit", G_OBJECT_TYPE_NAME (self));
      return FALSE;
    }

  checked = _mp_estimator_prepare_fit (self, x, y, error);
  if (checked == NULL)
    return FALSE;

  if (!MP_ESTIMATOR_GET_CLASS (self)->fit (self, checked, y, error))
    return FALSE;

  _mp_estimator_finish_fit (self, x);
  return TRUE;
}

MpArray *
_mp_estimator_prepare_fit (MpEstimator  *self,
                           MpArray      *x,
                           MpArray      *y,
                           GError      **error)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);
  g_autoptr(MpArray) checked = NULL;

  checked = _mp_estimator_check_samples (self, x, error);
  if (checked == NULL)
    return NULL;

  if (y != NULL && !_mp_check_targets (y, mp_array_get_dim (x, 0), "y", error))
    return NULL;

  if (mp_array_get_dim (x, 1) > G_MAXUINT)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " features is more than supported",
                   mp_array_get_dim (x, 1));
      return NULL;
    }

  if (!_mp_object_check_declared_params (G_OBJECT (self), MP_ERROR_INVALID_ARGUMENT, error))
    return NULL;

  priv->fitted = FALSE;
  forget_checked (priv);
  return g_steal_pointer (&checked);
}

void
_mp_estimator_finish_fit (MpEstimator *self,
                          MpArray     *x)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);
  const char * const *names = mp_array_get_column_names (x);

  /* As scikit-learn: names belong to the data of the last fit, a named
   * table's column names or none (a caller with names of its own sets
   * them again afterwards). */
  if (priv->feature_names_in != NULL || names != NULL)
    {
      g_clear_pointer (&priv->feature_names_in, g_strfreev);
      priv->feature_names_in = g_strdupv ((char **) names);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEATURE_NAMES_IN]);
    }

  if (priv->n_features_in != mp_array_get_dim (x, 1))
    {
      priv->n_features_in = (guint) mp_array_get_dim (x, 1);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_FEATURES_IN]);
    }
  priv->fitted = TRUE;
}

gboolean
_mp_estimator_ensure_checked (MpEstimator  *self,
                              GError      **error)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  if (!priv->fitted)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_NOT_FITTED,
                   "This %s instance is not fitted yet; call fit first",
                   mp_estimator_get_display_name (self));
      return FALSE;
    }

  if (priv->checked && _mp_estimator_children_stamp (self) != priv->children_stamp)
    priv->checked = FALSE;

  if (!priv->checked)
    {
      priv->validating_for_use = TRUE;
      mp_estimator_validate (self, error);
      priv->validating_for_use = FALSE;
    }
  return priv->checked;
}

int
_mp_estimator_parameter_error_code (MpEstimator *self)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  return priv->validating_for_use ? MP_ERROR_INVALID_ARGUMENT : MP_ERROR_INVALID_STATE;
}

MpArray *
_mp_estimator_check_input (MpEstimator  *self,
                           MpArray      *x,
                           GError      **error)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  if (!_mp_estimator_ensure_checked (self, error))
    return NULL;

  if (mp_array_get_n_dims (x) == 2 && mp_array_get_dim (x, 1) != priv->n_features_in)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: has %" G_GSIZE_FORMAT " features, but %s was fitted with %u",
                   mp_array_get_dim (x, 1), mp_estimator_get_display_name (self),
                   priv->n_features_in);
      return NULL;
    }

  if (!mp_estimator_check_feature_names (self, mp_array_get_column_names (x), error))
    return NULL;

  return _mp_estimator_check_samples (self, x, error);
}

/**
 * mp_estimator_predict:
 * @self: an #MpEstimator
 * @x: the samples, an n_samples x n_features matrix
 * @error: return location for a #GError
 *
 * Predicts one label or target per row of @x.
 *
 * Returns: (transfer full): a 1-D array with one value per sample, or
 *   %NULL with %MP_ERROR_NOT_FITTED before fit, %MP_ERROR_INVALID_INPUT
 *   if @x is not a 2-D array of finite numbers with the fitted feature
 *   count, or %MP_ERROR_NOT_SUPPORTED if @self does not predict (a
 *   transformer)
 *
 * Since: 0.1
 */
MpArray *
mp_estimator_predict (MpEstimator  *self,
                      MpArray      *x,
                      GError      **error)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR (self), NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _mp_estimator_call_on_samples (self, MP_ESTIMATOR_CAN_PREDICT, x, error);
}

/**
 * mp_estimator_score:
 * @self: an #MpEstimator
 * @x: test samples, an n_samples x n_features matrix
 * @y: the true labels or targets of @x
 * @score: (out): the score; higher is better
 * @error: return location for a #GError
 *
 * Scores @self on test data: the mean accuracy for classifiers, R² for
 * regressors, as scikit-learn's score() does.
 *
 * Returns: %TRUE on success, %FALSE with the same errors as
 *   mp_estimator_predict(), or %MP_ERROR_INVALID_INPUT if @y does not hold
 *   one value per sample
 *
 * Since: 0.1
 */
gboolean
mp_estimator_score (MpEstimator  *self,
                    MpArray      *x,
                    MpArray      *y,
                    gdouble      *score,
                    GError      **error)
{
  g_autoptr(MpArray) checked = NULL;
  gdouble result = 0.0;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), FALSE);
  g_return_val_if_fail (x != NULL, FALSE);
  g_return_val_if_fail (y != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  checked = _mp_estimator_check_input (self, x, error);
  if (checked == NULL)
    return FALSE;

  if (!_mp_check_targets (y, mp_array_get_dim (checked, 0), "y", error))
    return FALSE;

  if (!MP_ESTIMATOR_GET_CLASS (self)->score (self, checked, y, &result, error))
    return FALSE;

  if (score != NULL)
    *score = result;
  return TRUE;
}

/* Children first: each child valid (validated again only if it changed
 * since), fitted where it is fitted state, and the declared facts of
 * every child property. The child reports errors as its parent would:
 * the caller's mistake for an entry point, the file's for the loader. */
static gboolean
validate_children (MpEstimator  *self,
                   GError      **error)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);
  g_autoptr(GArray) children = _mp_estimator_list_children (self, MP_PROPERTY_ROLE_NONE);

  for (guint i = 0; i < children->len; i++)
    {
      const MpChild *child = &g_array_index (children, MpChild, i);
      MpEstimatorPrivate *child_priv = mp_estimator_get_instance_private (child->estimator);
      gboolean fitted_state = mp_param_spec_get_role (child->pspec) == MP_PROPERTY_ROLE_FITTED;
      gboolean ok;

      if (child_priv->validating)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                       "%s: the estimator contains itself", child->path);
          return FALSE;
        }
      if (fitted_state && !child_priv->fitted)
        {
          g_set_error (error, MP_ERROR, MP_ERROR_INVALID_STATE,
                       "%s: must be a fitted %s", child->path,
                       mp_estimator_get_display_name (child->estimator));
          return FALSE;
        }
      if (child_priv->checked &&
          _mp_estimator_children_stamp (child->estimator) == child_priv->children_stamp)
        continue;

      child_priv->validating_for_use = priv->validating_for_use;
      ok = mp_estimator_validate (child->estimator, error);
      child_priv->validating_for_use = FALSE;
      if (!ok)
        {
          g_prefix_error (error, "%s%s%s%s: ", child->path,
                          child->name != NULL ? " ('" : "", child->name != NULL ? child->name : "",
                          child->name != NULL ? "')" : "");
          return FALSE;
        }
    }

  /* fitted children's declared facts (hyperparameters' are checked with
   * the other hyperparameters) */
  if (priv->fitted)
    {
      g_autofree GParamSpec **fitted = NULL;
      guint n_fitted = 0;

      fitted = mp_estimator_list_properties (self, MP_PROPERTY_ROLE_FITTED, &n_fitted);
      for (guint i = 0; i < n_fitted; i++)
        if (!_mp_estimator_check_children (self, fitted[i], MP_ERROR_INVALID_STATE, error))
          return FALSE;
    }
  return TRUE;
}

/**
 * mp_estimator_validate:
 * @self: an #MpEstimator
 * @error: return location for a #GError
 *
 * Checks that the hyperparameters of @self meet their declared constraints
 * and, if it is fitted, that its fitted state is consistent: every array
 * has the dtype and shape its declaration and the others imply, and every
 * index is in range (mp_estimator_type_declare_array()), then the class's
 * own invariants. The loader calls it on each estimator it builds, so
 * predict() is memory-safe on anything it accepted; every entry point
 * that reads fitted state calls it again after any change.
 *
 * Returns: %TRUE if the state is consistent; %FALSE with
 *   %MP_ERROR_INVALID_STATE naming the field at fault (or, when an entry
 *   point validates after a hyperparameter was changed,
 *   %MP_ERROR_INVALID_ARGUMENT naming the parameter)
 *
 * Since: 0.1
 */
gboolean
mp_estimator_validate (MpEstimator  *self,
                       GError      **error)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);
  gboolean children_valid;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_mp_object_check_declared_params (G_OBJECT (self), _mp_estimator_parameter_error_code (self), error))
    return FALSE;
  priv->validating = TRUE;
  children_valid = validate_children (self, error);
  priv->validating = FALSE;
  if (!children_valid)
    return FALSE;
  if (!priv->fitted)
    return TRUE;

  priv->checked = MP_ESTIMATOR_GET_CLASS (self)->validate (self, error);
  if (priv->checked)
    priv->children_stamp = _mp_estimator_children_stamp (self);
  return priv->checked;
}

/**
 * mp_estimator_is_fitted:
 * @self: an #MpEstimator
 *
 * Tells whether the estimator holds fitted state.
 *
 * Returns: %TRUE once fit() has succeeded, or for an estimator loaded with
 *   its fitted state
 *
 * Since: 0.1
 */
gboolean
mp_estimator_is_fitted (MpEstimator *self)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), FALSE);

  return priv->fitted;
}

/**
 * mp_estimator_mark_fitted:
 * @self: an #MpEstimator
 * @error: return location for a #GError
 *
 * Declares that the fitted-state properties already set on @self (each
 * property with the %MP_PROPERTY_ROLE_FITTED role, #MpEstimator:n-features-in
 * included) form a fitted model, for example one converted from another
 * library's attributes. The state is checked with mp_estimator_validate()
 * first, exactly as the loader checks a file, so predict() is memory-safe
 * on whatever this accepts.
 *
 * Returns: %TRUE if @self is now fitted; %FALSE with the error of
 *   mp_estimator_validate() (%MP_ERROR_INVALID_STATE naming the field),
 *   in which case @self is left unfitted
 *
 * Since: 0.1
 */
gboolean
mp_estimator_mark_fitted (MpEstimator  *self,
                          GError      **error)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  priv->fitted = TRUE;
  if (!mp_estimator_validate (self, error))
    {
      priv->fitted = FALSE;
      return FALSE;
    }

  return TRUE;
}

guint64
_mp_estimator_get_generation (MpEstimator *self)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  return priv->generation;
}

void
_mp_estimator_set_fitted (MpEstimator *self,
                          gboolean     fitted)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  priv->fitted = !!fitted;
  forget_checked (priv);
}

/**
 * mp_estimator_get_kind:
 * @self: an #MpEstimator
 *
 * Tells what @self is: a classifier, a regressor, a transformer or a
 * clusterer. The Python binding derives scikit-learn's `_estimator_type`
 * from it, and the default score follows it (accuracy for classifiers, R²
 * for regressors).
 *
 * Returns: the kind, %MP_ESTIMATOR_KIND_UNKNOWN if none was declared
 *
 * Since: 0.1
 */
MpEstimatorKind
mp_estimator_get_kind (MpEstimator *self)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR (self), MP_ESTIMATOR_KIND_UNKNOWN);

  return MP_ESTIMATOR_GET_CLASS (self)->get_kind (self);
}

/**
 * mp_estimator_class_set_kind:
 * @klass: an estimator class, in its class_init
 * @kind: what its instances are
 *
 * Declares the kind of an estimator class; subclasses inherit it.
 *
 * Since: 0.1
 */
void
mp_estimator_class_set_kind (MpEstimatorClass *klass,
                             MpEstimatorKind   kind)
{
  g_return_if_fail (MP_IS_ESTIMATOR_CLASS (klass));

  g_type_set_qdata (G_TYPE_FROM_CLASS (klass), mp_estimator_kind_quark (), GINT_TO_POINTER (kind));
}

/**
 * mp_estimator_type_set_kind:
 * @estimator_type: a subtype of #MpEstimator
 * @kind: what its instances are
 * @error: return location for a #GError
 *
 * Declares the kind of an estimator class from a language that defines
 * classes at run time (Python, JavaScript), once the type exists.
 *
 * Returns: %TRUE, or %FALSE with %MP_ERROR_INVALID_ARGUMENT if
 *   @estimator_type is not an #MpEstimator
 *
 * Since: 0.1
 */
gboolean
mp_estimator_type_set_kind (GType             estimator_type,
                            MpEstimatorKind   kind,
                            GError          **error)
{
  if (!g_type_is_a (estimator_type, MP_TYPE_ESTIMATOR) || estimator_type == MP_TYPE_ESTIMATOR)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "estimator_type: %s is not a subtype of MpEstimator", g_type_name (estimator_type));
      return FALSE;
    }
  g_type_set_qdata (estimator_type, mp_estimator_kind_quark (), GINT_TO_POINTER (kind));
  return TRUE;
}

void
_mp_estimator_invalidate (MpEstimator *self)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  forget_checked (priv);
}

static char *
names_not_in (const char * const *a,
              const char * const *b)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; a[i] != NULL; i++)
    if (!g_strv_contains (b, a[i]))
      g_string_append_printf (out, "\n- %s", a[i]);
  return g_string_free (out, FALSE);
}

/**
 * mp_estimator_check_feature_names:
 * @self: a fitted #MpEstimator
 * @names: (nullable) (array zero-terminated=1): the column names of the
 *   data about to be passed to predict (or another entry point), or %NULL
 *   if the data has none
 * @error: return location for a #GError
 *
 * Checks column names against #MpEstimator:feature-names-in as
 * scikit-learn does before predicting: if both the model and the data have
 * names, they must be the same names in the same order. Data without
 * names, or a model fitted without them, pass (scikit-learn warns there;
 * the Python binding does too).
 *
 * Returns: %TRUE if the names agree; %FALSE with %MP_ERROR_INVALID_INPUT
 *   listing the names unseen at fit time and those now missing, or saying
 *   that the order differs
 *
 * Since: 0.1
 */
gboolean
mp_estimator_check_feature_names (MpEstimator         *self,
                                  const char * const  *names,
                                  GError             **error)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);
  const char * const *fitted;
  g_autofree char *unseen = NULL;
  g_autofree char *missing = NULL;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fitted = (const char * const *) priv->feature_names_in;
  if (names == NULL || fitted == NULL || g_strv_equal (names, fitted))
    return TRUE;

  unseen = names_not_in (names, fitted);
  missing = names_not_in (fitted, names);
  if (*unseen == '\0' && *missing == '\0')
    g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                         "X: the feature names should match those that were passed during fit; "
                         "they must be in the same order as they were in fit");
  else
    g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                 "X: the feature names should match those that were passed during fit.%s%s%s%s",
                 *unseen != '\0' ? "\nFeature names unseen at fit time:" : "", unseen,
                 *missing != '\0' ? "\nFeature names seen at fit time, yet now missing:" : "", missing);
  return FALSE;
}

/**
 * mp_estimator_get_n_features_in:
 * @self: an #MpEstimator
 *
 * Reads the number of features seen in fit.
 *
 * Returns: the number of features seen in fit, 0 before fit
 *
 * Since: 0.1
 */
guint
mp_estimator_get_n_features_in (MpEstimator *self)
{
  MpEstimatorPrivate *priv = mp_estimator_get_instance_private (self);

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), 0);

  return priv->n_features_in;
}

/**
 * mp_estimator_get_display_name:
 * @self: an #MpEstimator
 *
 * The class name scikit-learn users know: `SVC` for #MpSVC. Types defined
 * in Python keep their class name without the module PyGObject prefixes.
 *
 * Returns: (transfer none): the display name of the type of @self
 *
 * Since: 0.1
 */
const char *
mp_estimator_get_display_name (MpEstimator *self)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR (self), NULL);

  return _mp_pyrepr_type_name (G_OBJECT_TYPE (self));
}

static GParamSpec *
class_find_property (GObjectClass *object_class,
                     const char   *property_name)
{
  GParamSpec *pspec = g_object_class_find_property (object_class, property_name);

  if (pspec == NULL)
    return NULL;

  /* A role belongs to the class that installed the property; roles are
   * never set on properties inherited from GObject itself. */
  if (!g_type_is_a (pspec->owner_type, MP_TYPE_ESTIMATOR))
    return NULL;

  return pspec;
}

void
_mp_param_spec_set_role (GParamSpec     *pspec,
                         MpPropertyRole  role,
                         const char     *display_name)
{
  g_autofree char *derived = NULL;

  g_param_spec_set_qdata (pspec, mp_property_role_quark (), GINT_TO_POINTER (role));

  if (display_name == NULL)
    {
      derived = g_strdup (pspec->name);
      g_strdelimit (derived, "-", '_');
      if (role == MP_PROPERTY_ROLE_FITTED)
        {
          char *with_suffix = g_strconcat (derived, "_", NULL);
          g_free (derived);
          derived = with_suffix;
        }
      display_name = derived;
    }

  g_param_spec_set_qdata_full (pspec, mp_property_display_name_quark (),
                               g_strdup (display_name), g_free);
}

/**
 * mp_estimator_class_set_property_role:
 * @klass: an #MpEstimatorClass
 * @property_name: the name of a property installed on @klass
 * @role: what the property means
 * @display_name: (nullable): the name Python users know, or %NULL for the
 *   property name with `-` as `_` (and a trailing `_` for fitted state)
 *
 * Declares the role of a property. Call it from class_init, after the
 * properties are installed. Setting a role on a property that does not
 * exist is a programming error.
 *
 * Since: 0.1
 */
void
mp_estimator_class_set_property_role (MpEstimatorClass *klass,
                                      const char       *property_name,
                                      MpPropertyRole    role,
                                      const char       *display_name)
{
  GParamSpec *pspec;

  g_return_if_fail (MP_IS_ESTIMATOR_CLASS (klass));
  g_return_if_fail (property_name != NULL);

  pspec = class_find_property (G_OBJECT_CLASS (klass), property_name);
  g_return_if_fail (pspec != NULL);

  _mp_param_spec_set_role (pspec, role, display_name);
}

/**
 * mp_estimator_type_set_property_role:
 * @estimator_type: a subtype of #MpEstimator
 * @property_name: the name of one of its properties
 * @role: what the property means
 * @display_name: (nullable): the name Python users know, or %NULL for the
 *   property name with `-` as `_` (and a trailing `_` for fitted state)
 * @error: return location for a #GError
 *
 * Declares the role of a property of an existing type. This is the form for
 * estimators written in Python or JavaScript, which cannot reach the class
 * structure during class initialisation:
 *
 * |[<!-- language="Python" -->
 * ModelPersist.Estimator.type_set_property_role(
 *     Ridge.__gtype__, "alpha", ModelPersist.PropertyRole.HYPERPARAMETER, None)
 * ]|
 *
 * Returns: %TRUE on success; %FALSE with %MP_ERROR_INVALID_ARGUMENT if
 *   @estimator_type is not an estimator type or has no such property
 *
 * Since: 0.1
 */
gboolean
mp_estimator_type_set_property_role (GType            estimator_type,
                                     const char      *property_name,
                                     MpPropertyRole   role,
                                     const char      *display_name,
                                     GError         **error)
{
  GObjectClass *klass;
  GParamSpec *pspec;

  g_return_val_if_fail (property_name != NULL, FALSE);

  if (!g_type_is_a (estimator_type, MP_TYPE_ESTIMATOR))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "estimator_type: %s is not an MpEstimator", g_type_name (estimator_type));
      return FALSE;
    }

  klass = g_type_class_ref (estimator_type);
  pspec = class_find_property (klass, property_name);
  if (pspec != NULL)
    _mp_param_spec_set_role (pspec, role, display_name);
  g_type_class_unref (klass);

  if (pspec == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "property_name: %s has no property '%s'",
                   g_type_name (estimator_type), property_name);
      return FALSE;
    }

  return TRUE;
}

/**
 * mp_param_spec_get_role:
 * @pspec: a property of an #MpEstimator subclass
 *
 * Reads the role declared for a property.
 *
 * Returns: the role declared for @pspec, %MP_PROPERTY_ROLE_NONE if none was
 *
 * Since: 0.1
 */
MpPropertyRole
mp_param_spec_get_role (GParamSpec *pspec)
{
  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), MP_PROPERTY_ROLE_NONE);

  return GPOINTER_TO_INT (g_param_spec_get_qdata (pspec, mp_property_role_quark ()));
}

/**
 * mp_param_spec_get_display_name:
 * @pspec: a property of an #MpEstimator subclass
 *
 * Reads the display name declared with the role of a property.
 *
 * Returns: (transfer none): the name Python users know for @pspec, or the
 *   property name if no role was declared
 *
 * Since: 0.1
 */
const char *
mp_param_spec_get_display_name (GParamSpec *pspec)
{
  const char *name;

  g_return_val_if_fail (G_IS_PARAM_SPEC (pspec), NULL);

  name = g_param_spec_get_qdata (pspec, mp_property_display_name_quark ());
  return name != NULL ? name : pspec->name;
}

static int
compare_display_names (gconstpointer a,
                       gconstpointer b)
{
  GParamSpec *pa = *(GParamSpec * const *) a;
  GParamSpec *pb = *(GParamSpec * const *) b;

  return strcmp (mp_param_spec_get_display_name (pa), mp_param_spec_get_display_name (pb));
}

/**
 * mp_estimator_list_properties:
 * @self: an #MpEstimator
 * @role: the role to list
 * @n_properties: (out): the number of properties returned
 *
 * Lists the properties of @self that have @role, sorted by display name,
 * the order of the string form and of the persistence format.
 *
 * Returns: (array length=n_properties) (transfer container): the matching
 *   properties
 *
 * Since: 0.1
 */
GParamSpec **
mp_estimator_list_properties (MpEstimator     *self,
                              MpPropertyRole   role,
                              guint           *n_properties)
{
  g_autofree GParamSpec **all = NULL;
  GPtrArray *matching;
  guint n_all = 0;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), NULL);
  g_return_val_if_fail (n_properties != NULL, NULL);

  all = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_all);
  matching = g_ptr_array_new ();
  for (guint i = 0; i < n_all; i++)
    if (mp_param_spec_get_role (all[i]) == role)
      g_ptr_array_add (matching, all[i]);

  g_ptr_array_sort (matching, compare_display_names);

  *n_properties = matching->len;
  g_ptr_array_add (matching, NULL);
  return (GParamSpec **) g_ptr_array_free (matching, FALSE);
}

/**
 * mp_estimator_find_param:
 * @self: an #MpEstimator
 * @display_name: a hyperparameter or fitted attribute name as Python users
 *   know it (`C`, `kernel`, `support_vectors_`) or a property name
 *
 * Looks up a property with a role by the name Python users know.
 *
 * Returns: (transfer none) (nullable): the property, or %NULL if @self has
 *   no property with a role by that name
 *
 * Since: 0.1
 */
GParamSpec *
mp_estimator_find_param (MpEstimator *self,
                         const char  *display_name)
{
  g_autofree GParamSpec **all = NULL;
  guint n_all = 0;
  GParamSpec *found = NULL;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  all = g_object_class_list_properties (G_OBJECT_GET_CLASS (self), &n_all);
  for (guint i = 0; i < n_all && found == NULL; i++)
    {
      if (mp_param_spec_get_role (all[i]) == MP_PROPERTY_ROLE_NONE)
        continue;
      if (strcmp (mp_param_spec_get_display_name (all[i]), display_name) == 0 ||
          strcmp (all[i]->name, display_name) == 0)
        found = all[i];
    }

  return found;
}

/**
 * mp_estimator_list_param_names:
 * @self: an #MpEstimator
 * @role: the role to list
 *
 * Lists the display names of the properties of @self that have @role, in
 * the order of mp_estimator_list_properties(). This is the form for
 * bindings that cannot pass a #GParamSpec back into a function (PyGObject
 * 3.42 hands out #GParamSpec wrappers that its own argument marshalling
 * refuses); mp_estimator_find_param() maps each name back to its property.
 *
 * Returns: (transfer full) (array zero-terminated=1): the display names
 *
 * Since: 0.1
 */
char **
mp_estimator_list_param_names (MpEstimator    *self,
                               MpPropertyRole  role)
{
  g_autofree GParamSpec **params = NULL;
  char **names;
  guint n_params = 0;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), NULL);

  params = mp_estimator_list_properties (self, role, &n_params);
  names = g_new0 (char *, n_params + 1);
  for (guint i = 0; i < n_params; i++)
    names[i] = g_strdup (mp_param_spec_get_display_name (params[i]));

  return names;
}

static void
append_estimator (GString     *out,
                  MpEstimator *estimator)
{
  g_autofree char *text = mp_estimator_to_string (estimator);

  g_string_append (out, text);
}

static void
append_value (GString      *out,
              const GValue *value)
{
  GType type = G_VALUE_TYPE (value);

  if (_mp_pyrepr_append_value (out, value))
    return;

  if (g_type_is_a (type, MP_TYPE_ESTIMATOR))
    {
      MpEstimator *child = g_value_get_object (value);
      if (child == NULL)
        g_string_append (out, "None");
      else
        append_estimator (out, child);
    }
  else if (g_type_is_a (type, MP_TYPE_ESTIMATOR_LIST) && g_value_get_object (value) != NULL)
    {
      /* scikit-learn's steps: [('scale', StandardScaler()), ('clf', SVC())] */
      MpEstimatorList *list = g_value_get_object (value);

      g_string_append_c (out, '[');
      for (guint i = 0; i < mp_estimator_list_get_n_items (list); i++)
        {
          const char *name = mp_estimator_list_get_name (list, i);
          MpEstimator *child = mp_estimator_list_get_estimator (list, i);

          if (i > 0)
            g_string_append (out, ", ");
          if (name != NULL)
            {
              g_string_append_c (out, '(');
              _mp_pyrepr_append_string (out, name);
              g_string_append (out, ", ");
            }
          if (child != NULL)
            append_estimator (out, child);
          else
            _mp_pyrepr_append_string (out, mp_estimator_list_get_word (list, i));
          if (name != NULL)
            g_string_append_c (out, ')');
        }
      g_string_append_c (out, ']');
    }
  else if (g_type_is_a (type, G_TYPE_LIST_MODEL) && g_value_get_object (value) != NULL)
    {
      GListModel *list = g_value_get_object (value);

      g_string_append_c (out, '[');
      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (list, i);

          if (i > 0)
            g_string_append (out, ", ");
          if (MP_IS_ESTIMATOR (item))
            append_estimator (out, MP_ESTIMATOR (item));
          else
            g_string_append (out, G_OBJECT_TYPE_NAME (item));
        }
      g_string_append_c (out, ']');
    }
  else if (type == MP_TYPE_ARRAY)
    {
      MpArray *array = g_value_get_boxed (value);
      if (array == NULL)
        g_string_append (out, "None");
      else
        {
          g_string_append (out, "array([");
          for (gsize i = 0; i < mp_array_get_n_elements (array); i++)
            {
              if (i > 0)
                g_string_append (out, ", ");
              if (mp_array_get_dtype (array) == MP_DTYPE_STRING)
                _mp_pyrepr_append_string (out, mp_array_get_string (array, i));
              else
                _mp_pyrepr_append_float (out, mp_array_get_double (array, i));
            }
          g_string_append (out, "])");
        }
    }
  else if (G_VALUE_HOLDS_OBJECT (value) && g_value_get_object (value) == NULL)
    g_string_append (out, "None");
  else if (G_VALUE_HOLDS_BOXED (value) && g_value_get_boxed (value) == NULL)
    g_string_append (out, "None");
  else
    {
      g_autofree char *contents = g_strdup_value_contents (value);
      g_string_append (out, contents);
    }
}

/**
 * mp_estimator_to_string:
 * @self: an #MpEstimator
 *
 * Formats @self as scikit-learn's repr does, listing every hyperparameter
 * sorted by name, in Python literal syntax:
 * `SVC(C=1.0, cache_size=200, class_weight=None, ...)`.
 *
 * Returns: (transfer full): the string form of @self
 *
 * Since: 0.1
 */
char *
mp_estimator_to_string (MpEstimator *self)
{
  MpEstimatorClass *klass;
  g_autofree GParamSpec **params = NULL;
  GString *out;
  guint n_params = 0;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), NULL);

  klass = MP_ESTIMATOR_GET_CLASS (self);
  params = mp_estimator_list_properties (self, MP_PROPERTY_ROLE_HYPERPARAMETER, &n_params);

  out = g_string_new (mp_estimator_get_display_name (self));
  g_string_append_c (out, '(');

  for (guint i = 0, n_shown = 0; i < n_params; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *custom = NULL;

      if (klass->format_param != NULL)
        custom = klass->format_param (self, params[i]);

      /* an empty text leaves the parameter out */
      if (custom != NULL && custom[0] == '\0')
        continue;

      if (n_shown++ > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s=", mp_param_spec_get_display_name (params[i]));

      if (custom != NULL)
        {
          g_string_append (out, custom);
          continue;
        }

      g_value_init (&value, params[i]->value_type);
      g_object_get_property (G_OBJECT (self), params[i]->name, &value);
      /* a declared None (random_state=-1) reads as Python's */
      if (_mp_param_spec_value_is_none (params[i], &value))
        g_string_append (out, "None");
      else
        append_value (out, &value);
    }

  g_string_append_c (out, ')');
  return g_string_free (out, FALSE);
}

/**
 * mp_estimator_clone:
 * @self: an #MpEstimator
 *
 * Makes a new, unfitted estimator of the same type with the same
 * hyperparameters, like sklearn.base.clone(). Child estimators held in
 * hyperparameters are cloned too, so the copy shares nothing mutable.
 *
 * Returns: (transfer full): a new unfitted estimator
 *
 * Since: 0.1
 */
MpEstimator *
mp_estimator_clone (MpEstimator *self)
{
  g_autofree GParamSpec **params = NULL;
  g_autoptr(GObject) copy = NULL;
  guint n_params = 0;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), NULL);

  params = mp_estimator_list_properties (self, MP_PROPERTY_ROLE_HYPERPARAMETER, &n_params);
  copy = g_object_new (G_OBJECT_TYPE (self), NULL);

  for (guint i = 0; i < n_params; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((params[i]->flags & G_PARAM_WRITABLE) == 0)
        continue;

      g_value_init (&value, params[i]->value_type);
      g_object_get_property (G_OBJECT (self), params[i]->name, &value);

      _mp_child_value_clone (&value);

      g_object_set_property (copy, params[i]->name, &value);
    }

  return MP_ESTIMATOR (g_steal_pointer (&copy));
}

/**
 * mp_builtin_estimator_types:
 * @n_types: (out): the number of types
 *
 * The estimator types libmodelpersist defines (the set a default load
 * trusts), registered by this call, in a stable order. A program can
 * offer them by name, as the `modelpersist train` command does.
 *
 * Returns: (transfer container) (array length=n_types): the types; free
 *   the array with g_free()
 *
 * Since: 0.1
 */
GType *
mp_builtin_estimator_types (guint *n_types)
{
  guint n = 0;
  const GType *types = _mp_builtin_estimator_types (&n);

  g_return_val_if_fail (n_types != NULL, NULL);

  *n_types = n;
  return g_memdup2 (types, n * sizeof (GType));
}
