/* validation-policy.c: one validation policy for every estimator
 *
 * Fitted state is validated once and again after any change, whichever
 * property changed (the base class's n_features_in_ included) and whichever
 * entry point reads the state next. Before this policy, SVC kept its own
 * "checked" flag that only its own setters reset, so setting
 * n_features_in_ = 1 on a fitted SVC made predict read past the end of
 * its input; KNN's predict_proba and kneighbors never validated at all.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include <modelpersist.h>

typedef MpArray *(*EntryPoint) (MpEstimator  *model,
                                MpArray      *x,
                                GError      **error);

static MpArray *
call_predict (MpEstimator *model, MpArray *x, GError **error)
{
  return mp_estimator_predict (model, x, error);
}

static MpArray *
call_score (MpEstimator *model, MpArray *x, GError **error)
{
  gsize n = mp_array_get_dim (x, 0);
  g_autofree gint64 *labels = g_new0 (gint64, n);
  g_autoptr(MpArray) y = mp_array_new_int64 (labels, n, &n, 1, NULL);
  double score;

  if (!mp_estimator_score (model, x, y, &score, error))
    return NULL;
  return mp_array_new_float64 (&score, 1, NULL, 0, NULL);
}

static MpArray *
call_svc_decision_function (MpEstimator *model, MpArray *x, GError **error)
{
  return mp_svc_decision_function (MP_SVC (model), x, error);
}

static MpArray *
call_svc_predict_proba (MpEstimator *model, MpArray *x, GError **error)
{
  return mp_svc_predict_proba (MP_SVC (model), x, error);
}

static MpArray *
call_knn_predict_proba (MpEstimator *model, MpArray *x, GError **error)
{
  return mp_k_neighbors_classifier_predict_proba (MP_K_NEIGHBORS_CLASSIFIER (model), x, error);
}

static MpArray *
call_knn_kneighbors (MpEstimator *model, MpArray *x, GError **error)
{
  MpArray *indices = NULL;

  if (!mp_k_neighbors_classifier_kneighbors (MP_K_NEIGHBORS_CLASSIFIER (model), x, 1, NULL,
                                             &indices, error))
    return NULL;
  return indices;
}

typedef struct {
  const char  *name;
  MpEstimator *(*make) (void);
  EntryPoint   entry_points[5];
  /* a fitted array and a replacement with one row too few */
  const char  *array_property;
  const char  *array_field;
  /* a fitted array has a dimension of n_features_in (Dummy's has none) */
  gboolean     state_has_features;
} Case;

static MpEstimator *
make_svc (void)
{
  return g_object_new (MP_TYPE_SVC, "probability", TRUE, "random-state", 0, NULL);
}

static MpEstimator *
make_knn (void)
{
  return mp_k_neighbors_classifier_new ();
}

static MpEstimator *
make_dummy (void)
{
  return mp_dummy_classifier_new ();
}

static const Case cases[] = {
  { "SVC", make_svc,
    { call_predict, call_score, call_svc_decision_function, call_svc_predict_proba, NULL },
    "support-vectors", "support_vectors_", TRUE },
  { "KNeighborsClassifier", make_knn,
    { call_predict, call_score, call_knn_predict_proba, call_knn_kneighbors, NULL },
    "fit-x", "_fit_X", TRUE },
  { "DummyClassifier", make_dummy,
    { call_predict, call_score, NULL },
    "class-prior", "class_prior_", FALSE },
};

static MpArray *
first_columns (MpArray *x,
               gsize    n_rows,
               gsize    n_cols)
{
  const double *data = mp_array_get_float64_data (x);
  gsize stride = mp_array_get_dim (x, 1);
  gsize shape[2] = { n_rows, n_cols };
  g_autofree double *out = g_new (double, MAX (n_rows * n_cols, 1));

  for (gsize i = 0; i < n_rows; i++)
    for (gsize j = 0; j < n_cols; j++)
      out[i * n_cols + j] = data[i * stride + j];
  return mp_array_new_float64 (out, n_rows * n_cols, shape, 2, NULL);
}

/* The same array without its last row (or last element, for 1-D). */
static MpArray *
one_row_short (MpArray *array)
{
  gsize shape[2] = { mp_array_get_dim (array, 0) - 1, 1 };
  guint n_dims = mp_array_get_n_dims (array);
  gsize row = 1;

  if (n_dims == 2)
    shape[1] = mp_array_get_dim (array, 1);
  for (guint d = 1; d < n_dims; d++)
    row *= mp_array_get_dim (array, d);
  return mp_array_new_from_data (mp_array_get_dtype (array), shape, n_dims,
                                 mp_array_get_data (array, NULL),
                                 shape[0] * row * mp_dtype_get_item_size (mp_array_get_dtype (array)), NULL);
}

/* Refused with MP_ERROR_INVALID_STATE naming @field or, for a
 * disagreement between two fields, @other. */
static void
assert_all_refused (const Case  *c,
                    MpEstimator *model,
                    MpArray     *x,
                    const char  *field,
                    const char  *other)
{
  for (guint e = 0; c->entry_points[e] != NULL; e++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MpArray) out = c->entry_points[e] (model, x, &error);

      g_assert_null (out);
      g_assert_error (error, MP_ERROR, MP_ERROR_INVALID_STATE);
      if (strstr (error->message, field) == NULL && strstr (error->message, other) == NULL)
        g_error ("%s, entry point %u: \"%s\" names neither %s nor %s", c->name, e,
                 error->message, field, other);
    }
}

static void
assert_all_answer (const Case  *c,
                   MpEstimator *model,
                   MpArray     *x)
{
  for (guint e = 0; c->entry_points[e] != NULL; e++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MpArray) out = c->entry_points[e] (model, x, &error);

      g_assert_no_error (error);
      g_assert_nonnull (out);
    }
}

static void
test_policy (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(MpDataset) iris = mp_load_iris (&error);
  g_autoptr(MpEstimator) model = c->make ();
  g_autoptr(MpArray) narrow = NULL;
  g_autoptr(MpArray) original = NULL;
  g_autoptr(MpArray) shorter = NULL;
  MpArray *x, *y;

  g_assert_no_error (error);
  x = mp_dataset_get_data (iris);
  y = mp_dataset_get_target (iris);
  g_assert_true (mp_estimator_fit (model, x, y, &error));
  g_assert_no_error (error);
  assert_all_answer (c, model, x);

  /* The inherited n_features_in_: refused, not followed past the input;
   * even with notifications frozen, the change is seen at once. */
  narrow = first_columns (x, 3, 1);
  if (c->state_has_features)
    {
      g_object_set (model, "n-features-in", 1, NULL);
      assert_all_refused (c, model, narrow, "n_features_in_", c->array_field);
      g_object_set (model, "n-features-in", 4, NULL);
      assert_all_answer (c, model, x);
      g_object_freeze_notify (G_OBJECT (model));
      g_object_set (model, "n-features-in", 1, NULL);
      assert_all_refused (c, model, narrow, "n_features_in_", c->array_field);
      g_object_set (model, "n-features-in", 4, NULL);
      g_object_thaw_notify (G_OBJECT (model));
      assert_all_answer (c, model, x);
    }

  /* A fitted array replaced by one that disagrees with the rest. */
  g_object_get (model, c->array_property, &original, NULL);
  shorter = one_row_short (original);
  g_object_set (model, c->array_property, shorter, NULL);
  assert_all_refused (c, model, x, c->array_field, c->array_field);
  g_object_set (model, c->array_property, original, NULL);
  assert_all_answer (c, model, x);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/validation-policy/%s", cases[i].name);
      g_test_add_data_func (path, &cases[i], test_policy);
    }
  return g_test_run ();
}
