/* fuzz-common.c: what the libFuzzer harnesses share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  /* A g_return_if_fail(), g_critical() or g_warning() reached from any
   * input is a bug the fuzzer must report, not a line on stderr. */
  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    {
      g_log_writer_standard_streams (log_level, fields, n_fields, user_data);
      abort ();
    }
  /* Loading a document from another library version logs a message;
   * thousands of them per second would drown libFuzzer's output. */
  return G_LOG_WRITER_HANDLED;
}

void
fuzz_init (void)
{
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

void
fuzz_split (const guint8  *data,
            gsize          size,
            const guint8 **json,
            gsize         *json_length,
            const guint8 **rest,
            gsize         *rest_length)
{
  const guint8 *sep = memmem (data, size, FUZZ_SEPARATOR, FUZZ_SEPARATOR_LEN);

  *json = data;
  if (sep == NULL)
    {
      *json_length = size;
      *rest = data + size;
      *rest_length = 0;
      return;
    }
  *json_length = (gsize) (sep - data);
  *rest = sep + FUZZ_SEPARATOR_LEN;
  *rest_length = size - *json_length - FUZZ_SEPARATOR_LEN;
}

GBytes *
fuzz_make_stream (const guint8 *json,
                  gsize         json_length,
                  const guint8 *payload,
                  gsize         payload_length)
{
  gsize offset = (64 + json_length + 63) / 64 * 64;
  guint8 *data = g_malloc0 (offset + payload_length);
  guint64 v;

  memcpy (data, "\x89MPERSI\n", 8);
  data[8] = 1;
  v = GUINT64_TO_LE ((guint64) json_length);
  memcpy (data + 16, &v, 8);
  v = GUINT64_TO_LE ((guint64) offset);
  memcpy (data + 24, &v, 8);
  v = GUINT64_TO_LE ((guint64) payload_length);
  memcpy (data + 32, &v, 8);
  if (json_length > 0)
    memcpy (data + 64, json, json_length);
  if (payload_length > 0)
    memcpy (data + offset, payload, payload_length);
  return g_bytes_new_take (data, offset + payload_length);
}

/* Values that probe kernels and distances: zeros, signs, tiny and huge
 * magnitudes (overflowing squares), a subnormal. */
static const double probe_values[] = {
  0.0, 1.0, -1.0, 5.1, 3.5, 1.4, 0.2, 1e300, -1e300, 4.9e-324, 13.0, -0.0, 2.5, 100.0,
};

static MpArray *
probe_input (gsize n_rows,
             gsize n_cols)
{
  gsize shape[2] = { n_rows, n_cols };
  double *x = g_new (double, MAX (n_rows * n_cols, 1));

  for (gsize i = 0; i < n_rows * n_cols; i++)
    x[i] = probe_values[(i * 7 + i / 3) % G_N_ELEMENTS (probe_values)];
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, x);
}

static void
check_error (GError *error)
{
  /* Every failure the library reports on a loaded model is an MP_ERROR
   * with a message. */
  if (error->domain != MP_ERROR || error->message == NULL || error->message[0] == '\0')
    {
      g_printerr ("unexpected error %s %d: %s\n", g_quark_to_string (error->domain),
                  error->code, error->message);
      abort ();
    }
}

static void
try_array_result (MpArray *result,
                  GError  *error,
                  gsize    n_rows)
{
  if (result == NULL)
    {
      if (error == NULL)
        abort ();
      check_error (error);
      return;
    }
  if (error != NULL || mp_array_get_n_dims (result) < 1 || mp_array_get_dim (result, 0) != n_rows)
    abort ();
  /* Touch every byte so that a result built from out-of-range reads is
   * caught by the sanitizers here rather than later. */
  if (mp_array_get_dtype (result) == MP_DTYPE_STRING)
    {
      /* Text labels: every element, terminator included, must be readable
       * and valid UTF-8. */
      for (gsize i = 0; i < mp_array_get_n_elements (result); i++)
        if (!g_utf8_validate (mp_array_get_string (result, i), -1, NULL))
          abort ();
      return;
    }
  {
    gsize n;
    const guint8 *p = mp_array_get_data (result, &n);
    volatile guint8 sum = 0;
    for (gsize i = 0; i < n; i++)
      sum ^= p[i];
    (void) sum;
  }
}

static void
exercise_type_specific (MpEstimator *estimator,
                        MpArray     *x,
                        gsize        n_rows)
{
  if (MP_IS_SVC (estimator))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MpArray) dec = mp_svc_decision_function (MP_SVC (estimator), x, &error);
      g_autoptr(MpArray) proba = NULL;

      try_array_result (dec, error, n_rows);
      g_clear_error (&error);
      proba = mp_svc_predict_proba (MP_SVC (estimator), x, &error);
      try_array_result (proba, error, n_rows);
    }
  else if (MP_IS_K_NEIGHBORS_CLASSIFIER (estimator))
    {
      MpKNeighborsClassifier *knn = MP_K_NEIGHBORS_CLASSIFIER (estimator);
      g_autoptr(GError) error = NULL;
      g_autoptr(MpArray) proba = mp_k_neighbors_classifier_predict_proba (knn, x, &error);

      try_array_result (proba, error, n_rows);
      for (guint k = 1; k <= 3; k += 2)
        {
          g_autoptr(MpArray) distances = NULL;
          g_autoptr(MpArray) indices = NULL;

          g_clear_error (&error);
          if (mp_k_neighbors_classifier_kneighbors (knn, x, k, &distances, &indices, &error))
            {
              try_array_result (distances, NULL, n_rows);
              try_array_result (indices, NULL, n_rows);
            }
          else
            check_error (error);
        }
    }
}

/* transform, and inverse_transform of its result, wherever offered. */
static void
exercise_transforms (MpEstimator *estimator,
                     MpArray     *x,
                     gsize        n_rows)
{
  MpEstimatorCapabilities can = mp_estimator_get_capabilities (estimator);
  g_autoptr(GError) error = NULL;
  g_autoptr(MpArray) xt = NULL;
  g_autoptr(MpArray) back = NULL;

  if (!(can & MP_ESTIMATOR_CAN_TRANSFORM))
    return;
  xt = mp_estimator_transform (estimator, x, &error);
  try_array_result (xt, error, n_rows);
  if (xt == NULL || !(can & MP_ESTIMATOR_CAN_INVERSE_TRANSFORM))
    return;
  back = mp_estimator_inverse_transform (estimator, xt, &error);
  try_array_result (back, error, n_rows);
}

static void
check_redump (MpEstimator   *estimator,
              MpLoadOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = mp_dumps (estimator, &error);
  g_autoptr(GBytes) second = NULL;
  g_autoptr(MpEstimator) again = NULL;

  /* Anything the loader accepted can be saved, and loads back to an
   * estimator that saves to the same bytes. */
  if (first == NULL)
    {
      g_printerr ("an accepted model does not save: %s\n", error->message);
      abort ();
    }
  again = mp_loads_full (first, options, NULL, &error);
  if (again == NULL)
    {
      g_printerr ("an accepted model, saved again, does not load: %s\n", error->message);
      abort ();
    }
  second = mp_dumps (again, &error);
  if (second == NULL || !g_bytes_equal (first, second))
    {
      g_printerr ("a saved model changes when loaded and saved again\n");
      abort ();
    }
}

void
fuzz_exercise (MpEstimator   *estimator,
               MpLoadOptions *options)
{
  g_autofree char *repr = mp_estimator_to_string (estimator);
  g_autoptr(MpEstimator) clone = mp_estimator_clone (estimator);
  g_autoptr(GError) error = NULL;
  guint n_features;

  if (repr == NULL || clone == NULL)
    abort ();

  check_redump (estimator, options);

  if (!mp_estimator_is_fitted (estimator))
    return;

  n_features = mp_estimator_get_n_features_in (estimator);

  /* The right width (unless the file claims an absurd one, which only
   * costs the harness memory), then a wrong one. */
  if (n_features <= 4096)
    {
      const gsize n_rows = 5;
      g_autoptr(MpArray) x = probe_input (n_rows, n_features);
      g_autoptr(MpArray) y = mp_estimator_predict (estimator, x, &error);
      double score = 0;

      try_array_result (y, error, n_rows);
      g_clear_error (&error);
      if (y != NULL)
        {
          if (!mp_estimator_score (estimator, x, y, &score, &error))
            check_error (error);
          else if (!(score >= 0.0 && score <= 1.0))
            {
              g_printerr ("score of a model on its own predictions: %g\n", score);
              abort ();
            }
          g_clear_error (&error);
        }
      exercise_type_specific (estimator, x, n_rows);
      exercise_transforms (estimator, x, n_rows);
    }

  if (n_features < 4096)
  {
    g_autoptr(MpArray) wrong = probe_input (2, (gsize) n_features + 1);
    g_autoptr(MpArray) y = mp_estimator_predict (estimator, wrong, &error);

    if (y != NULL || error == NULL)
      {
        g_printerr ("predict accepted %u columns for n_features_in_ = %u\n",
                    n_features + 1, n_features);
        abort ();
      }
    check_error (error);
  }
}
