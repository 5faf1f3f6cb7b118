/* mp-estimator-capabilities.c: the methods beyond predict, as base-class
 * virtuals behind one checked entry point each
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-validation-private.h"

/* Every optional method, once: its name as users call it, the capability
 * that offers it, and where its virtual function sits in the class. The
 * default capabilities, the "not offered" errors and the entry points
 * below all read this table. */
typedef struct {
  const char              *name;
  MpEstimatorCapabilities  capability;
  gsize                    vfunc_offset;
} OptionalMethod;

static const OptionalMethod optional_methods[] = {
  { "predict", MP_ESTIMATOR_CAN_PREDICT,
    G_STRUCT_OFFSET (MpEstimatorClass, predict) },
  { "predict_proba", MP_ESTIMATOR_CAN_PREDICT_PROBA,
    G_STRUCT_OFFSET (MpEstimatorClass, predict_proba) },
  { "decision_function", MP_ESTIMATOR_CAN_DECISION_FUNCTION,
    G_STRUCT_OFFSET (MpEstimatorClass, decision_function) },
  { "transform", MP_ESTIMATOR_CAN_TRANSFORM,
    G_STRUCT_OFFSET (MpEstimatorClass, transform) },
  { "inverse_transform", MP_ESTIMATOR_CAN_INVERSE_TRANSFORM,
    G_STRUCT_OFFSET (MpEstimatorClass, inverse_transform) },
};

static gboolean
has_vfunc (MpEstimatorClass     *klass,
           const OptionalMethod *method)
{
  return G_STRUCT_MEMBER (gpointer, klass, method->vfunc_offset) != NULL;
}

MpEstimatorCapabilities
_mp_estimator_real_get_capabilities (MpEstimator *self)
{
  MpEstimatorClass *klass = MP_ESTIMATOR_GET_CLASS (self);
  MpEstimatorCapabilities capabilities = MP_ESTIMATOR_CAN_NONE;

  for (gsize i = 0; i < G_N_ELEMENTS (optional_methods); i++)
    if (has_vfunc (klass, &optional_methods[i]))
      capabilities |= optional_methods[i].capability;

  return capabilities;
}

/**
 * mp_estimator_get_capabilities:
 * @self: an #MpEstimator
 *
 * Says which of predict, predict_proba, decision_function, transform and
 * inverse_transform @self offers in its current configuration. Calling
 * one it does not offer fails with %MP_ERROR_NOT_SUPPORTED.
 *
 * Returns: the methods @self offers
 *
 * Since: 0.1
 */
MpEstimatorCapabilities
mp_estimator_get_capabilities (MpEstimator *self)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR (self), MP_ESTIMATOR_CAN_NONE);

  return MP_ESTIMATOR_GET_CLASS (self)->get_capabilities (self);
}

static const OptionalMethod *
find_method (MpEstimatorCapabilities capability)
{
  for (gsize i = 0; i < G_N_ELEMENTS (optional_methods); i++)
    if (optional_methods[i].capability == capability)
      return &optional_methods[i];
  g_assert_not_reached ();
}

/* NULL with NOT_SUPPORTED unless @self offers @capability; otherwise its
 * virtual function. */
static gpointer
offered_vfunc (MpEstimator              *self,
               MpEstimatorCapabilities   capability,
               GError                  **error)
{
  MpEstimatorClass *klass = MP_ESTIMATOR_GET_CLASS (self);
  const OptionalMethod *method = find_method (capability);

  if (!has_vfunc (klass, method))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_NOT_SUPPORTED,
                   "%s: %s does not implement it",
                   method->name, mp_estimator_get_display_name (self));
      return NULL;
    }
  if ((mp_estimator_get_capabilities (self) & capability) == 0)
    {
      g_autofree char *text = mp_estimator_to_string (self);
      g_set_error (error, MP_ERROR, MP_ERROR_NOT_SUPPORTED,
                   "%s: not available for %s", method->name, text);
      return NULL;
    }
  return G_STRUCT_MEMBER (gpointer, klass, method->vfunc_offset);
}

typedef MpArray *(*ArrayMethod) (MpEstimator  *self,
                                 MpArray      *x,
                                 GError      **error);

MpArray *
_mp_estimator_call_on_samples (MpEstimator              *self,
                 MpEstimatorCapabilities   capability,
                 MpArray                  *x,
                 GError                  **error)
{
  ArrayMethod method;
  g_autoptr(MpArray) checked = NULL;

  method = (ArrayMethod) offered_vfunc (self, capability, error);
  if (method == NULL)
    return NULL;

  checked = _mp_estimator_check_input (self, x, error);
  if (checked == NULL)
    return NULL;

  return method (self, checked, error);
}

/**
 * mp_estimator_predict_proba:
 * @self: an #MpEstimator
 * @x: the samples, an n_samples x n_features matrix
 * @error: return location for a #GError
 *
 * Estimates the probability of each class for each row of @x, as
 * scikit-learn's `predict_proba`.
 *
 * Returns: (transfer full): an n_samples x n_classes matrix whose columns
 *   follow `classes_`, or %NULL with %MP_ERROR_NOT_SUPPORTED if @self does
 *   not offer it, or the errors of mp_estimator_predict()
 *
 * Since: 0.1
 */
MpArray *
mp_estimator_predict_proba (MpEstimator  *self,
                            MpArray      *x,
                            GError      **error)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR (self), NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _mp_estimator_call_on_samples (self, MP_ESTIMATOR_CAN_PREDICT_PROBA, x, error);
}

/**
 * mp_estimator_decision_function:
 * @self: an #MpEstimator
 * @x: the samples, an n_samples x n_features matrix
 * @error: return location for a #GError
 *
 * Computes the confidence scores of each row of @x, as scikit-learn's
 * `decision_function`: one column for two classes, otherwise one per class
 * (or per pair of classes, as the estimator documents).
 *
 * Returns: (transfer full): the scores, or %NULL with
 *   %MP_ERROR_NOT_SUPPORTED if @self does not offer them, or the errors of
 *   mp_estimator_predict()
 *
 * Since: 0.1
 */
MpArray *
mp_estimator_decision_function (MpEstimator  *self,
                                MpArray      *x,
                                GError      **error)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR (self), NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _mp_estimator_call_on_samples (self, MP_ESTIMATOR_CAN_DECISION_FUNCTION, x, error);
}

/**
 * mp_estimator_transform:
 * @self: an #MpEstimator
 * @x: the samples, an n_samples x n_features matrix
 * @error: return location for a #GError
 *
 * Transforms @x with what fit learnt (scaled, encoded, projected...).
 *
 * Returns: (transfer full): the transformed samples, one row per row of
 *   @x, or %NULL with %MP_ERROR_NOT_SUPPORTED if @self is not a
 *   transformer, or the errors of mp_estimator_predict()
 *
 * Since: 0.1
 */
MpArray *
mp_estimator_transform (MpEstimator  *self,
                        MpArray      *x,
                        GError      **error)
{
  g_return_val_if_fail (MP_IS_ESTIMATOR (self), NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _mp_estimator_call_on_samples (self, MP_ESTIMATOR_CAN_TRANSFORM, x, error);
}

/**
 * mp_estimator_fit_transform:
 * @self: an #MpEstimator
 * @x: the training samples, an n_samples x n_features matrix
 * @y: (nullable): one target per sample, or %NULL for unsupervised
 *   transformers
 * @error: return location for a #GError
 *
 * Fits @self to @x (and @y) and returns @x transformed, in one pass where
 * the estimator can (its fit_transform virtual function), otherwise as
 * mp_estimator_fit() followed by mp_estimator_transform().
 *
 * Returns: (transfer full): the transformed training samples, or %NULL with
 *   %MP_ERROR_NOT_SUPPORTED if @self is not a transformer, or the errors
 *   of mp_estimator_fit()
 *
 * Since: 0.1
 */
MpArray *
mp_estimator_fit_transform (MpEstimator  *self,
                            MpArray      *x,
                            MpArray      *y,
                            GError      **error)
{
  MpEstimatorClass *klass;
  g_autoptr(MpArray) checked = NULL;
  g_autoptr(MpArray) result = NULL;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  klass = MP_ESTIMATOR_GET_CLASS (self);
  if (offered_vfunc (self, MP_ESTIMATOR_CAN_TRANSFORM, error) == NULL)
    return NULL;

  if (klass->fit_transform == NULL)
    {
      if (!mp_estimator_fit (self, x, y, error))
        return NULL;
      return mp_estimator_transform (self, x, error);
    }

  checked = _mp_estimator_prepare_fit (self, x, y, error);
  if (checked == NULL)
    return NULL;

  result = klass->fit_transform (self, checked, y, error);
  if (result == NULL)
    return NULL;

  _mp_estimator_finish_fit (self, x);
  return g_steal_pointer (&result);
}

/**
 * mp_estimator_inverse_transform:
 * @self: an #MpEstimator
 * @x: transformed samples, an n_samples x n_outputs matrix
 * @error: return location for a #GError
 *
 * Maps transformed samples back to the space fit saw, as scikit-learn's
 * `inverse_transform`.
 *
 * Returns: (transfer full): n_samples x n_features_in samples, or %NULL
 *   with %MP_ERROR_NOT_SUPPORTED if @self cannot invert its transform,
 *   %MP_ERROR_NOT_FITTED before fit, or %MP_ERROR_INVALID_INPUT if @x is
 *   not a 2-D matrix of finite numbers of the width transform() returns
 *
 * Since: 0.1
 */
MpArray *
mp_estimator_inverse_transform (MpEstimator  *self,
                                MpArray      *x,
                                GError      **error)
{
  ArrayMethod method;
  g_autoptr(MpArray) checked = NULL;

  g_return_val_if_fail (MP_IS_ESTIMATOR (self), NULL);
  g_return_val_if_fail (x != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  method = (ArrayMethod) offered_vfunc (self, MP_ESTIMATOR_CAN_INVERSE_TRANSFORM, error);
  if (method == NULL)
    return NULL;

  /* The width is the transform's output, which only the class knows. */
  if (!_mp_estimator_ensure_checked (self, error))
    return NULL;
  checked = _mp_estimator_check_samples (self, x, error);
  if (checked == NULL)
    return NULL;

  return method (self, checked, error);
}
