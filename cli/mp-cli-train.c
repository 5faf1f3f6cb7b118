/* mp-cli-train.c: `modelpersist train`, an estimator fitted on a bundled
 * data set and saved with how it was made
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <stdio.h>
#include <string.h>

#include "mp-cli.h"

/* The URI recorded for a bundled data set: `modelpersist verify` reloads
 * the data from it to re-run the recorded cross-validation. */
#define DATASET_URI_PREFIX "modelpersist-dataset:"

typedef struct {
  MpEstimator *estimator;
  MpModelInfo *info;
  MpDataset   *dataset;
  MpSplitter  *cv;
  const char  *scoring;
  MpArray     *scores;
} TrainJob;

/* Cross-validation first (it fits clones), then the fit on all the data:
 * the saved model is the one the recorded scores describe. */
static gpointer
train_work (gpointer   data,
            GError   **error)
{
  TrainJob *job = data;
  MpArray *x = mp_dataset_get_data (job->dataset);
  MpArray *y = mp_dataset_get_target (job->dataset);

  job->scores = mp_model_info_record_cross_validation (job->info, job->estimator, x, y,
                                                       job->cv, job->scoring, error);
  if (job->scores == NULL || !mp_estimator_fit (job->estimator, x, y, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

int
mp_cli_train (MpCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *dataset_name = NULL, *estimator_name = NULL, *output = NULL;
  g_autofree char *format = NULL, *scoring = NULL, *uri = NULL;
  g_auto(GStrv) assignments = NULL;
  gboolean list = FALSE;
  int folds = 5, compress = 0;
  GOptionEntry entries[] = {
    { "dataset", 'd', 0, G_OPTION_ARG_STRING, &dataset_name, "The data set: iris, wine, breast_cancer or digits", "NAME" },
    { "estimator", 'e', 0, G_OPTION_ARG_STRING, &estimator_name, "The estimator, by its scikit-learn name (svc, RandomForestClassifier, ...)", "NAME" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &assignments, "A hyperparameter, by its scikit-learn name (C=10, gamma=scale); repeatable", "NAME=VALUE" },
    { "cv", 0, 0, G_OPTION_ARG_INT, &folds, "Folds of the recorded cross-validation (default 5; stratified for classifiers)", "N" },
    { "scoring", 0, 0, G_OPTION_ARG_STRING, &scoring, "accuracy or r2 (default: accuracy for classifiers, r2 for regressors)", "NAME" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Where to save: NAME.json is a bundle, anything else a single stream, - is standard output", "FILE" },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, "bundle or stream, whatever the file name says", "FORMAT" },
    { "compress", 0, 0, G_OPTION_ARG_INT, &compress, MP_CLI_COMPRESS_HELP, "N" },
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, "List the estimators and exit", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- fit an estimator on a data set and save it");
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(MpModelInfo) info = NULL;
  g_autoptr(MpDataset) dataset = NULL;
  g_autoptr(MpSplitter) cv = NULL;
  g_autoptr(MpArray) scores = NULL;
  g_autoptr(GError) error = NULL;
  TrainJob job = { 0 };
  GType type;
  int status;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context,
      "Example:\n  modelpersist train --dataset iris --estimator svc --set C=10 -o iris-svc.json\n");
  if (!mp_cli_parse (context, &argc, &argv, &status))
    return status;

  if (list)
    {
      g_autofree char *names = mp_cli_list_estimators ();
      fputs (names, stdout);
      return MP_CLI_EXIT_OK;
    }
  if (argc > 1)
    return mp_cli_fail (MP_CLI_EXIT_USAGE, "train: unexpected argument \"%s\" (see --help)", argv[1]);
  if (dataset_name == NULL || estimator_name == NULL || output == NULL)
    return mp_cli_fail (MP_CLI_EXIT_USAGE, "train: --dataset, --estimator and --output are required (see --help)");
  if (folds < 2)
    return mp_cli_fail (MP_CLI_EXIT_USAGE, "train: --cv %d: at least 2 folds are needed", folds);
  if (!mp_cli_check_compress (compress, &error))
    return mp_cli_fail_error ("train", error);

  type = mp_cli_find_estimator_type (estimator_name, &error);
  if (type == G_TYPE_INVALID)
    return mp_cli_fail_error ("train", error);
  estimator = g_object_new (type, NULL);
  for (guint i = 0; assignments != NULL && assignments[i] != NULL; i++)
    if (!mp_cli_set_param (estimator, assignments[i], &error))
      return mp_cli_fail (MP_CLI_EXIT_USAGE, "train: %s", error->message);

  dataset = mp_cli_load_dataset (dataset_name, &error);
  if (dataset == NULL)
    return mp_cli_fail_error ("train", error);

  /* scikit-learn's defaults for cross_val_score, written down so the
   * record says what was measured. */
  if (mp_estimator_get_kind (estimator) == MP_ESTIMATOR_KIND_CLASSIFIER)
    {
      cv = mp_stratified_kfold_new ((guint) folds, FALSE, -1);
      if (scoring == NULL)
        scoring = g_strdup ("accuracy");
    }
  else
    {
      cv = mp_kfold_new ((guint) folds, FALSE, -1);
      if (scoring == NULL && mp_estimator_get_kind (estimator) == MP_ESTIMATOR_KIND_REGRESSOR)
        scoring = g_strdup ("r2");
    }

  info = mp_model_info_new ();
  mp_model_info_set_program (info, cli->program);
  uri = g_strconcat (DATASET_URI_PREFIX, dataset_name, NULL);
  if (!mp_model_info_set_training_data (info, mp_dataset_get_data (dataset),
                                        mp_dataset_get_target (dataset), uri, &error))
    return mp_cli_fail_error ("train", error);

  job = (TrainJob) { .estimator = estimator, .info = info, .dataset = dataset, .cv = cv, .scoring = scoring };
  if (mp_cli_with_progress (cli, "training", train_work, &job, &error) == NULL)
    {
      g_clear_pointer (&job.scores, mp_array_unref);
      return mp_cli_fail_error ("train", error);
    }
  scores = g_steal_pointer (&job.scores);

  if (!mp_cli_save_model (cli, estimator, info, output, format, compress, &error))
    return mp_cli_fail_error (output, error);

  if (!cli->quiet)
    {
      const gsize *shape = mp_array_get_shape (mp_dataset_get_data (dataset), NULL);

      fprintf (stderr, "%s on %s (%" G_GSIZE_FORMAT " samples, %" G_GSIZE_FORMAT " features): "
               "%d-fold %s %.4f +/- %.4f; saved to %s\n",
               g_type_name (type) + 2, dataset_name, shape[0], shape[1], folds,
               mp_model_info_get_scoring (info) != NULL ? mp_model_info_get_scoring (info) : "score",
               mp_model_info_get_cv_mean (info),
               mp_model_info_get_cv_std (info), output);
    }
  return MP_CLI_EXIT_OK;
}
