/* hostile-cost.c: loads one model and optionally predicts with it, for
 * bench/costly_models.py, which runs it under /usr/bin/time -v.
 *
 *   hostile-cost load FILE
 *   hostile-cost predict FILE ROWS
 *   hostile-cost proba FILE ROWS
 *
 * The queries are ROWS rows of the model's feature count, each value
 * (row * 31 + column) % 17 / 2. Prints "OK" or the error's code and
 * message on its last line; exits 0 either way.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include <modelpersist.h>

static void
print_error (const GError *error)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MP_TYPE_ERROR);
  GEnumValue *value = g_enum_get_value (klass, error->code);

  printf ("%s: %.200s\n", value != NULL ? value->value_nick : "?", error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(MpArray) x = NULL;
  g_autoptr(MpArray) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree gdouble *values = NULL;
  guint64 rows = 0;
  gsize shape[2];

  if (argc < 3 || (strcmp (argv[1], "load") != 0 && argc < 4))
    {
      fprintf (stderr, "usage: %s load|predict|proba FILE [ROWS]\n", argv[0]);
      return 2;
    }

  estimator = mp_load (argv[2], &error);
  if (estimator == NULL)
    {
      print_error (error);
      return 0;
    }
  if (strcmp (argv[1], "load") == 0)
    {
      printf ("OK\n");
      return 0;
    }

  rows = g_ascii_strtoull (argv[3], NULL, 10);
  shape[0] = (gsize) rows;
  shape[1] = mp_estimator_get_n_features_in (estimator);
  values = g_new (gdouble, shape[0] * shape[1]);
  for (gsize i = 0; i < shape[0]; i++)
    for (gsize j = 0; j < shape[1]; j++)
      values[i * shape[1] + j] = (gdouble) ((i * 31 + j) % 17) / 2.0;
  x = mp_array_new_float64 (values, shape[0] * shape[1], shape, 2, &error);
  g_assert_no_error (error);

  if (strcmp (argv[1], "predict") == 0)
    result = mp_estimator_predict (estimator, x, &error);
  else
    result = mp_k_neighbors_classifier_predict_proba (MP_K_NEIGHBORS_CLASSIFIER (estimator),
                                                      x, &error);
  if (result == NULL)
    print_error (error);
  else
    printf ("OK\n");
  return 0;
}
