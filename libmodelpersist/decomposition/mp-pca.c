/* mp-pca.c: principal component analysis
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <cblas.h>
#include <math.h>
#include <string.h>

#include "mp-array-private.h"
#include "mp-count-or-fraction-private.h"
#include "mp-error.h"
#include "mp-estimator-private.h"
#include "mp-lapack-private.h"
#include "mp-pairwise-sum-private.h"
#include "mp-pca.h"
#include "mp-property-table-private.h"
#include "mp-pyrepr-private.h"

/**
 * SECTION:mp-pca
 * @Title: MpPCA
 * @Short_description: principal component analysis
 *
 * |[<!-- language="C" -->
 * g_autoptr(GError) error = NULL;
 * g_autoptr(MpDataset) iris = mp_load_iris (&error);
 * g_autoptr(MpEstimator) pca = g_object_new (MP_TYPE_PCA,
 *                                            "n-components", "2",
 *                                            "whiten", TRUE,
 *                                            NULL);
 * g_autoptr(MpArray) projected = NULL;
 *
 * // 150 x 2: the samples on the two directions of largest variance
 * projected = mp_estimator_fit_transform (pca, mp_dataset_get_data (iris), NULL, &error);
 * if (projected == NULL)
 *   g_warning ("PCA: %s", error->message);
 * ]|
 *
 * #MpPCA is scikit-learn's `PCA` with the `full` solver: fit centres the
 * samples on their mean (`mean_`) and takes the singular value
 * decomposition of the result with LAPACK's `dgesdd` (scipy.linalg.svd's
 * driver), makes the largest entry of each left singular vector positive
 * (scikit-learn's `svd_flip`), and keeps the first
 * #MpPCA:n-components right singular vectors as `components_`, with the
 * variance each explains. mp_estimator_transform() projects samples onto
 * them, `(x - mean_) components_^T`, divided by the square root of each
 * component's variance with #MpPCA:whiten; and
 * mp_estimator_inverse_transform() maps projections back.
 *
 * #MpPCA:n-components is %NULL (`None`: as many components as
 * `min(n_samples, n_features)`), the text of an integer >= 1, or of a
 * fraction in (0, 1): the fewest components whose explained variance
 * ratios add up to more than it. #MpPCA:svd-solver is `auto` or `full`;
 * `auto` is refused where scikit-learn 1.2 would pick its randomized
 * solver (more than 500 samples or features and an integer
 * #MpPCA:n-components below 80% of the smaller of the two). The
 * randomized solver's hyperparameters (#MpPCA:tol, #MpPCA:iterated-power,
 * #MpPCA:n-oversamples, #MpPCA:power-iteration-normalizer,
 * #MpPCA:random-state) are kept so that scikit-learn's models convert and
 * print the same; they change nothing here. See docs/decomposition.md.
 */

struct _MpPCA
{
  MpEstimator      parent_instance;

  char            *n_components;
  gboolean         copy;
  gboolean         whiten;
  char            *svd_solver;
  double           tol;
  char            *iterated_power;
  int              n_oversamples;
  char            *power_iteration_normalizer;
  gint64           random_state;

  MpArray         *components;
  MpArray         *explained_variance;
  MpArray         *explained_variance_ratio;
  MpArray         *singular_values;
  MpArray         *mean;
  guint64          fitted_n_components;
  guint64          n_samples;
  double           noise_variance;
};

G_DEFINE_FINAL_TYPE (MpPCA, mp_pca, MP_TYPE_ESTIMATOR)

#define FIELD(member) G_STRUCT_OFFSET (MpPCA, member)

static const char * const svd_solver_words[] = { "auto", "full", NULL };
static const char * const auto_words[] = { "auto", NULL };
/* no word, only None (the flags a table entry declares go with its words) */
static const char * const no_words[] = { NULL };
static const char * const normalizer_words[] = { "auto", "QR", "LU", "none", NULL };

/* n_components: an integer >= 1 or a fraction in (0, 1) (None is
 * declared); 'mle' and 0, which scikit-learn also takes, are not
 * implemented. */
static gboolean
check_n_components (const GValue  *value,
                    GError       **error)
{
  const char *text = g_value_get_string (value);
  double number;
  gboolean integral;

  if (_mp_pyrepr_parse_number (text, &number, &integral) &&
      (integral ? number >= 1 : (number > 0 && number < 1)))
    return TRUE;
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "must be None, an integer >= 1 or a fraction in (0, 1), got '%s'", text);
  return FALSE;
}

/* svd_solver: the solvers this class does not implement, named with the
 * way out ('auto' and 'full' are declared words). */
static gboolean
check_svd_solver (const GValue  *value,
                  GError       **error)
{
  const char *text = g_value_get_string (value);

  if (g_strcmp0 (text, "arpack") == 0 || g_strcmp0 (text, "randomized") == 0)
    g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                 "'%s' is not implemented; use svd_solver='full'", text);
  else
    g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                 "must be 'auto' or 'full', got '%s'", text);
  return FALSE;
}

/* iterated_power: an integer >= 0 ('auto' is declared). */
static gboolean
check_iterated_power (const GValue  *value,
                      GError       **error)
{
  const char *text = g_value_get_string (value);
  double number;
  gboolean integral;

  if (_mp_pyrepr_parse_number (text, &number, &integral) && integral && number >= 0)
    return TRUE;
  g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
               "must be 'auto' or an integer >= 0, got '%s'", text);
  return FALSE;
}

static const MpPropertyDecl properties[] = {
  /**
   * MpPCA:n-components:
   *
   * How many components fit keeps: %NULL (`None`, the default: all of
   * them, `min(n_samples, n_features)`), the text of an integer >= 1 (at
   * most that minimum, which fit checks), or of a fraction in (0, 1): the
   * fewest components whose explained variance ratios add up to more than
   * it. The string form prints a number unquoted (`n_components=2`).
   *
   * Since: 0.1
   */
  { .name = "n-components", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (n_components), .words = no_words, .constraint = MP_CONSTRAINT_NONE_ALLOWED,
    .check = check_n_components, .check_text = "an integer >= 1 or a fraction in (0, 1)" },
  /**
   * MpPCA:copy:
   *
   * scikit-learn's `copy` (default %TRUE), kept so that its models
   * convert and print the same. It changes nothing here: fit and
   * transform never write to their input.
   *
   * Since: 0.1
   */
  { .name = "copy", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (copy), .default_number = TRUE },
  /**
   * MpPCA:whiten:
   *
   * Whether transform divides each projection by the square root of its
   * component's explained variance (`whiten`, default %FALSE), so that
   * the outputs have unit variance on the training samples.
   *
   * Since: 0.1
   */
  { .name = "whiten", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_BOOLEAN,
    .offset = FIELD (whiten), .default_number = FALSE },
  /**
   * MpPCA:svd-solver:
   *
   * The solver: `auto` (the default) or `full`, LAPACK's full SVD.
   * scikit-learn's `arpack` and `randomized` are refused (use `full`), and
   * so is `auto` on data where scikit-learn 1.2 would pick `randomized`.
   *
   * Since: 0.1
   */
  { .name = "svd-solver", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (svd_solver), .default_string = "auto", .words = svd_solver_words,
    .check = check_svd_solver, .check_text = "('arpack' and 'randomized' are not implemented)" },
  /**
   * MpPCA:tol:
   *
   * The `arpack` solver's tolerance (`tol`, default 0, >= 0), kept for
   * conversion; the full solver does not read it.
   *
   * Since: 0.1
   */
  { .name = "tol", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_DOUBLE,
    .offset = FIELD (tol), .default_number = 0,
    .interval = TRUE, .minimum = 0, .maximum = INFINITY, .constraint = MP_CONSTRAINT_MAX_EXCLUSIVE },
  /**
   * MpPCA:iterated-power:
   *
   * The `randomized` solver's number of power iterations: `auto` (the
   * default) or the text of an integer >= 0, kept for conversion.
   *
   * Since: 0.1
   */
  { .name = "iterated-power", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_STRING,
    .offset = FIELD (iterated_power), .default_string = "auto", .words = auto_words,
    .check = check_iterated_power, .check_text = "an integer >= 0" },
  /**
   * MpPCA:n-oversamples:
   *
   * The `randomized` solver's extra random vectors (`n_oversamples`,
   * default 10, >= 1), kept for conversion.
   *
   * Since: 0.1
   */
  { .name = "n-oversamples", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT,
    .offset = FIELD (n_oversamples), .default_number = 10,
    .interval = TRUE, .minimum = 1, .maximum = G_MAXINT },
  /**
   * MpPCA:power-iteration-normalizer:
   *
   * The `randomized` solver's normalizer: `auto` (the default), `QR`,
   * `LU` or `none`, kept for conversion.
   *
   * Since: 0.1
   */
  { .name = "power-iteration-normalizer", .role = MP_PROPERTY_ROLE_HYPERPARAMETER,
    .kind = MP_FIELD_STRING, .offset = FIELD (power_iteration_normalizer),
    .default_string = "auto", .words = normalizer_words },
  /**
   * MpPCA:random-state:
   *
   * The `arpack` and `randomized` solvers' seed, in [0, 2^32 - 1], or -1
   * (`None`, the default); kept for conversion.
   *
   * Since: 0.1
   */
  { .name = "random-state", .role = MP_PROPERTY_ROLE_HYPERPARAMETER, .kind = MP_FIELD_INT64,
    .offset = FIELD (random_state), .default_number = -1,
    .interval = TRUE, .maximum = G_MAXUINT32, .constraint = MP_CONSTRAINT_NONE_ALLOWED },
  /**
   * MpPCA:components:
   *
   * The principal axes (`components_`), one per row, by decreasing
   * explained variance: float64 `(n_components, n_features_in)`.
   *
   * Since: 0.1
   */
  { .name = "components", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (components), .dtypes = "float64", .shape = "(n_components, n_features_in)",
    .state = MP_STATE_FLAG_FINITE },
  /**
   * MpPCA:explained-variance:
   *
   * The variance of the training samples along each component
   * (`explained_variance_`): its singular value squared over
   * `n_samples - 1`; float64 `(n_components,)`, >= 0.
   *
   * Since: 0.1
   */
  { .name = "explained-variance", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (explained_variance), .dtypes = "float64", .shape = "(n_components,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_NEGATIVE },
  /**
   * MpPCA:explained-variance-ratio:
   *
   * Each component's share of the total variance
   * (`explained_variance_ratio_`), float64 `(n_components,)`, >= 0.
   *
   * Since: 0.1
   */
  { .name = "explained-variance-ratio", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (explained_variance_ratio), .dtypes = "float64", .shape = "(n_components,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_NEGATIVE },
  /**
   * MpPCA:singular-values:
   *
   * The singular values of the centred training samples that go with
   * the components (`singular_values_`), float64 `(n_components,)`, >= 0.
   *
   * Since: 0.1
   */
  { .name = "singular-values", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (singular_values), .dtypes = "float64", .shape = "(n_components,)",
    .state = MP_STATE_FLAG_FINITE | MP_STATE_FLAG_NON_NEGATIVE },
  /**
   * MpPCA:mean:
   *
   * The mean of each feature over the training samples (`mean_`),
   * float64 `(n_features_in,)`.
   *
   * Since: 0.1
   */
  { .name = "mean", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_ARRAY,
    .offset = FIELD (mean), .dtypes = "float64", .shape = "(n_features_in,)",
    .state = MP_STATE_FLAG_FINITE },
  /**
   * MpPCA:fitted-n-components:
   *
   * How many components fit kept (`n_components_`), at least 1 and at
   * most `min(n_samples_, n_features_in_)`.
   *
   * Since: 0.1
   */
  { .name = "fitted-n-components", .display_name = "n_components_", .role = MP_PROPERTY_ROLE_FITTED,
    .kind = MP_FIELD_UINT64, .offset = FIELD (fitted_n_components), .symbol = "n_components",
    .interval = TRUE, .minimum = 1, .maximum = INFINITY },
  /**
   * MpPCA:n-samples:
   *
   * The number of training samples (`n_samples_`), at least 2.
   *
   * Since: 0.1
   */
  { .name = "n-samples", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_UINT64,
    .offset = FIELD (n_samples), .interval = TRUE, .minimum = 2, .maximum = INFINITY },
  /**
   * MpPCA:noise-variance:
   *
   * The probabilistic PCA model's noise variance (`noise_variance_`): the
   * mean explained variance of the components fit left out, 0 when it
   * kept them all; finite and >= 0.
   *
   * Since: 0.1
   */
  { .name = "noise-variance", .role = MP_PROPERTY_ROLE_FITTED, .kind = MP_FIELD_DOUBLE,
    .offset = FIELD (noise_variance), .interval = TRUE, .minimum = 0, .maximum = INFINITY,
    .constraint = MP_CONSTRAINT_MAX_EXCLUSIVE },
};

/* What fit computes: the fitted state, and the flipped left singular
 * vectors fit_transform returns the projections from. */
typedef struct {
  gsize   n_components;
  double *u;       /* n_samples x k, column-major */
  double *s;       /* k */
} Svd;

static gboolean
too_large (gsize n_rows,
           gsize n_cols)
{
  return n_rows > G_MAXINT || n_cols > G_MAXINT || n_rows > G_MAXSIZE / sizeof (double) / n_cols;
}

/* The centred samples as the column-major matrix LAPACK reads (as scipy
 * copies a C-ordered array into Fortran order), and their SVD with
 * dgesdd, jobz 'S' (scipy.linalg.svd with full_matrices=False), with the
 * workspace its query asks for. */
static gboolean
centred_svd (const double  *data,
             const double  *mean,
             gsize          n_rows,
             gsize          n_cols,
             double        *s,
             double        *u,
             double        *vt,
             GError       **error)
{
  mp_lapack_int m = (mp_lapack_int) n_rows;
  mp_lapack_int n = (mp_lapack_int) n_cols;
  mp_lapack_int k = MIN (m, n);
  mp_lapack_int lwork = -1;
  mp_lapack_int info = 0;
  double query = 0;
  g_autofree double *a = g_new (double, n_rows * n_cols);
  g_autofree double *work = NULL;
  g_autofree mp_lapack_int *iwork = g_new (mp_lapack_int, 8 * (gsize) k);

  for (gsize i = 0; i < n_rows; i++)
    for (gsize j = 0; j < n_cols; j++)
      a[i + j * n_rows] = data[i * n_cols + j] - mean[j];

  dgesdd_ ("S", &m, &n, a, &m, s, u, &m, vt, &k, &query, &lwork, iwork, &info, 1);
  if (info == 0 && !(query >= 1 && query <= G_MAXINT))
    info = -12;
  if (info != 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " x %" G_GSIZE_FORMAT " is too large for LAPACK's SVD "
                   "(workspace query: info %d)", n_rows, n_cols, (int) info);
      return FALSE;
    }
  lwork = (mp_lapack_int) query;
  work = g_new (double, (gsize) lwork);
  dgesdd_ ("S", &m, &n, a, &m, s, u, &m, vt, &k, work, &lwork, iwork, &info, 1);
  if (info != 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_FAILED,
                   "X: LAPACK's SVD (dgesdd) did not converge (info %d)", (int) info);
      return FALSE;
    }
  return TRUE;
}

/* How many components a fraction keeps: one more than the number of
 * cumulated ratios (summed in order, numpy's cumsum) that do not exceed
 * it (np.searchsorted(..., side='right') + 1), at most all of them. */
static gsize
components_for_fraction (const double *ratio,
                         gsize         k,
                         double        fraction)
{
  double cumulated = 0;
  gsize count = 0;

  for (gsize c = 0; c < k; c++)
    {
      cumulated += ratio[c];
      if (cumulated <= fraction)
        count = c + 1;
    }
  return MIN (count + 1, k);
}

static gboolean
pca_fit (MpPCA    *self,
         MpArray  *x,
         Svd      *out,
         GError  **error)
{
  const double *data = mp_array_get_float64_data (x);
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_cols = mp_array_get_dim (x, 1);
  gsize k = MIN (n_rows, n_cols);
  gsize kept;
  double requested = 0;
  gboolean integral = TRUE;
  g_autofree double *mean = NULL;
  g_autofree double *s = NULL;
  g_autofree double *u = NULL;
  g_autofree double *vt = NULL;
  g_autofree double *variance = NULL;
  g_autofree double *ratio = NULL;
  g_autofree double *components = NULL;
  g_autoptr(MpArray) components_array = NULL;
  g_autoptr(MpArray) variance_array = NULL;
  g_autoptr(MpArray) ratio_array = NULL;
  g_autoptr(MpArray) singular_array = NULL;
  g_autoptr(MpArray) mean_array = NULL;
  double total, noise = 0;

  if (n_rows < 2)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: PCA needs at least 2 samples, got %" G_GSIZE_FORMAT, n_rows);
      return FALSE;
    }
  if (too_large (n_rows, n_cols))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " x %" G_GSIZE_FORMAT " is too large for LAPACK's SVD",
                   n_rows, n_cols);
      return FALSE;
    }

  /* the declared check has let only None, an integer >= 1 or a fraction
   * through */
  if (self->n_components != NULL &&
      !_mp_pyrepr_parse_number (self->n_components, &requested, &integral))
    g_return_val_if_reached (FALSE);

  /* scikit-learn 1.2's choice for 'auto': the full SVD for small data or
   * a fraction, else the randomized one for fewer than 80% of the
   * components. */
  if (g_strcmp0 (self->svd_solver, "auto") == 0 && MAX (n_rows, n_cols) > 500 &&
      self->n_components != NULL && integral && requested < 0.8 * (double) k)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_NOT_SUPPORTED,
                   "svd_solver: 'auto' picks scikit-learn's 'randomized' solver for %" G_GSIZE_FORMAT
                   " samples, %" G_GSIZE_FORMAT " features and n_components=%s, which is not "
                   "implemented; use svd_solver='full'", n_rows, n_cols, self->n_components);
      return FALSE;
    }
  if (self->n_components != NULL && integral && requested > (double) k)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "n_components: %s must be at most min(n_samples, n_features) = %" G_GSIZE_FORMAT
                   " with svd_solver='full'", self->n_components, k);
      return FALSE;
    }

  /* the mean of each column, the rows added in order (numpy's reduction
   * over the first axis of a C-ordered matrix) */
  mean = g_new0 (double, n_cols);
  for (gsize i = 0; i < n_rows; i++)
    for (gsize j = 0; j < n_cols; j++)
      mean[j] += data[i * n_cols + j];
  for (gsize j = 0; j < n_cols; j++)
    mean[j] /= (double) n_rows;

  s = g_new (double, k);
  u = g_new (double, n_rows * k);
  vt = g_new (double, k * n_cols);
  if (!centred_svd (data, mean, n_rows, n_cols, s, u, vt, error))
    return FALSE;

  /* svd_flip, based on U: the entry of largest magnitude (the first of
   * them) of each left singular vector is made positive, and the right
   * singular vector follows it */
  for (gsize c = 0; c < k; c++)
    {
      double *column = u + c * n_rows;
      gsize largest = 0;

      for (gsize i = 1; i < n_rows; i++)
        if (fabs (column[i]) > fabs (column[largest]))
          largest = i;
      if (column[largest] < 0)
        {
          for (gsize i = 0; i < n_rows; i++)
            column[i] = -column[i];
          for (gsize j = 0; j < n_cols; j++)
            vt[c + j * k] = -vt[c + j * k];
        }
    }

  variance = g_new (double, k);
  ratio = g_new (double, k);
  for (gsize c = 0; c < k; c++)
    variance[c] = s[c] * s[c] / (double) (n_rows - 1);
  total = _mp_pairwise_sum (variance, k);
  if (!(total > 0))
    {
      g_set_error_literal (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                           "X: every feature is constant, so there is no variance for PCA to explain");
      return FALSE;
    }
  for (gsize c = 0; c < k; c++)
    ratio[c] = variance[c] / total;

  if (self->n_components == NULL)
    kept = k;
  else if (integral)
    kept = (gsize) requested;
  else
    kept = components_for_fraction (ratio, k, requested);

  /* the probabilistic PCA model's noise: the mean variance left out */
  if (kept < k)
    noise = _mp_pairwise_sum (variance + kept, k - kept) / (double) (k - kept);

  components = g_new (double, kept * n_cols);
  for (gsize c = 0; c < kept; c++)
    for (gsize j = 0; j < n_cols; j++)
      components[c * n_cols + j] = vt[c + j * k];

  {
    gsize shape[2] = { kept, n_cols };

    components_array = mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, g_steal_pointer (&components));
  }
  variance_array = mp_array_new_take (MP_DTYPE_FLOAT64, &kept, 1, g_memdup2 (variance, kept * sizeof (double)));
  ratio_array = mp_array_new_take (MP_DTYPE_FLOAT64, &kept, 1, g_memdup2 (ratio, kept * sizeof (double)));
  singular_array = mp_array_new_take (MP_DTYPE_FLOAT64, &kept, 1, g_memdup2 (s, kept * sizeof (double)));
  mean_array = mp_array_new_take (MP_DTYPE_FLOAT64, &n_cols, 1, g_steal_pointer (&mean));
  g_object_set (self,
                "components", components_array,
                "explained-variance", variance_array,
                "explained-variance-ratio", ratio_array,
                "singular-values", singular_array,
                "mean", mean_array,
                "fitted-n-components", (guint64) kept,
                "n-samples", (guint64) n_rows,
                "noise-variance", noise,
                NULL);

  if (out != NULL)
    {
      out->n_components = kept;
      out->u = g_steal_pointer (&u);
      out->s = g_steal_pointer (&s);
    }
  return TRUE;
}

static gboolean
mp_pca_fit (MpEstimator  *estimator,
            MpArray      *x,
            MpArray      *y,
            GError      **error)
{
  return pca_fit (MP_PCA (estimator), x, NULL, error);
}

/* scikit-learn's fit_transform returns the projections from the SVD
 * itself, U S (or U sqrt(n_samples - 1) when whitening), which differ
 * from transform's (x - mean_) components_^T by rounding only. */
static MpArray *
mp_pca_fit_transform (MpEstimator  *estimator,
                      MpArray      *x,
                      MpArray      *y,
                      GError      **error)
{
  MpPCA *self = MP_PCA (estimator);
  gsize n_rows = mp_array_get_dim (x, 0);
  Svd svd = { 0, NULL, NULL };
  gsize shape[2];
  double *out;

  if (!pca_fit (self, x, &svd, error))
    return NULL;
  shape[0] = n_rows;
  shape[1] = svd.n_components;
  out = _mp_array_alloc_elements (n_rows * svd.n_components, sizeof (double));
  for (gsize c = 0; c < svd.n_components; c++)
    {
      double factor = self->whiten ? sqrt ((double) (n_rows - 1)) : svd.s[c];

      for (gsize i = 0; i < n_rows; i++)
        out[i * svd.n_components + c] = svd.u[i + c * n_rows] * factor;
    }
  g_free (svd.u);
  g_free (svd.s);
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, out);
}

static MpArray *
mp_pca_transform (MpEstimator  *estimator,
                  MpArray      *x,
                  GError      **error)
{
  MpPCA *self = MP_PCA (estimator);
  const double *data = mp_array_get_float64_data (x);
  const double *mean = mp_array_get_float64_data (self->mean);
  const double *variance = mp_array_get_float64_data (self->explained_variance);
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize n_cols = mp_array_get_dim (x, 1);
  gsize kept = mp_array_get_dim (self->components, 0);
  gsize shape[2] = { n_rows, kept };
  g_autofree double *centred = NULL;
  double *out;

  if (too_large (n_rows, MAX (n_cols, kept)))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " samples are too many for one BLAS call", n_rows);
      return NULL;
    }
  centred = g_new (double, n_rows * n_cols);
  for (gsize i = 0; i < n_rows; i++)
    for (gsize j = 0; j < n_cols; j++)
      centred[i * n_cols + j] = data[i * n_cols + j] - mean[j];

  /* np.dot (X - mean_, components_.T) */
  out = _mp_array_alloc_elements (n_rows * kept, sizeof (double));
  cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasTrans, (int) n_rows, (int) kept, (int) n_cols,
               1.0, centred, (int) n_cols, mp_array_get_float64_data (self->components), (int) n_cols,
               0.0, out, (int) kept);
  if (self->whiten)
    for (gsize i = 0; i < n_rows; i++)
      for (gsize c = 0; c < kept; c++)
        out[i * kept + c] /= sqrt (variance[c]);
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, out);
}

static MpArray *
mp_pca_inverse_transform (MpEstimator  *estimator,
                          MpArray      *x,
                          GError      **error)
{
  MpPCA *self = MP_PCA (estimator);
  const double *mean = mp_array_get_float64_data (self->mean);
  const double *variance = mp_array_get_float64_data (self->explained_variance);
  const double *components = mp_array_get_float64_data (self->components);
  gsize n_rows = mp_array_get_dim (x, 0);
  gsize kept = mp_array_get_dim (self->components, 0);
  gsize n_features = mp_array_get_dim (self->components, 1);
  gsize shape[2] = { n_rows, n_features };
  g_autofree double *scaled = NULL;
  double *out;

  if (mp_array_get_dim (x, 1) != kept)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: has %" G_GSIZE_FORMAT " features, but PCA's inverse_transform takes its "
                   "%" G_GSIZE_FORMAT " components", mp_array_get_dim (x, 1), kept);
      return NULL;
    }
  if (too_large (n_rows, MAX (n_features, kept)))
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_INPUT,
                   "X: %" G_GSIZE_FORMAT " samples are too many for one BLAS call", n_rows);
      return NULL;
    }

  /* with whiten: np.sqrt (explained_variance_[:, None]) * components_ */
  if (self->whiten)
    {
      scaled = g_new (double, kept * n_features);
      for (gsize c = 0; c < kept; c++)
        for (gsize j = 0; j < n_features; j++)
          scaled[c * n_features + j] = sqrt (variance[c]) * components[c * n_features + j];
      components = scaled;
    }

  /* np.dot (X, ...) + mean_ */
  out = _mp_array_alloc_elements (n_rows * n_features, sizeof (double));
  cblas_dgemm (CblasRowMajor, CblasNoTrans, CblasNoTrans, (int) n_rows, (int) n_features, (int) kept,
               1.0, mp_array_get_float64_data (x), (int) kept, components, (int) n_features,
               0.0, out, (int) n_features);
  for (gsize i = 0; i < n_rows; i++)
    for (gsize j = 0; j < n_features; j++)
      out[i * n_features + j] += mean[j];
  return mp_array_new_take (MP_DTYPE_FLOAT64, shape, 2, out);
}

/* n_components_ against the two sizes it is the smaller of, which no
 * declaration relates. */
static gboolean
mp_pca_validate (MpEstimator  *estimator,
                 GError      **error)
{
  MpPCA *self = MP_PCA (estimator);
  guint64 limit;

  if (!MP_ESTIMATOR_CLASS (mp_pca_parent_class)->validate (estimator, error))
    return FALSE;
  if (!mp_estimator_is_fitted (estimator))
    return TRUE;
  limit = MIN (self->n_samples, (guint64) mp_estimator_get_n_features_in (estimator));
  if (self->fitted_n_components > limit)
    return _mp_invalid_state (error, "n_components_: %" G_GUINT64_FORMAT " is more than "
                              "min(n_samples_, n_features_in_) = %" G_GUINT64_FORMAT,
                              self->fitted_n_components, limit);
  return TRUE;
}

/* Numbers as numbers (`n_components=2`, `iterated_power=3`), and
 * random_state -1 as None, so that Python reads them back as
 * scikit-learn holds them. */
static char *
mp_pca_format_param (MpEstimator *estimator,
                     GParamSpec  *pspec)
{
  MpPCA *self = MP_PCA (estimator);

  if (strcmp (pspec->name, "n-components") == 0)
    return _mp_count_or_fraction_format (self->n_components);
  if (strcmp (pspec->name, "iterated-power") == 0)
    return _mp_count_or_fraction_format (self->iterated_power);
  return NULL;  /* None, a word or invalid text: as any string */
}

static void
mp_pca_class_init (MpPCAClass *klass)
{
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);

  estimator_class->fit = mp_pca_fit;
  estimator_class->fit_transform = mp_pca_fit_transform;
  estimator_class->transform = mp_pca_transform;
  estimator_class->inverse_transform = mp_pca_inverse_transform;
  estimator_class->validate = mp_pca_validate;
  estimator_class->format_param = mp_pca_format_param;

  _mp_estimator_class_install_table (estimator_class, properties, G_N_ELEMENTS (properties));
  mp_estimator_class_set_kind (estimator_class, MP_ESTIMATOR_KIND_TRANSFORMER);
}

static void
mp_pca_init (MpPCA *self)
{
}

/**
 * mp_pca_new:
 *
 * Creates a #MpPCA that keeps every component (scikit-learn's defaults).
 *
 * Returns: (transfer full): a new #MpPCA
 *
 * Since: 0.1
 */
MpEstimator *
mp_pca_new (void)
{
  return g_object_new (MP_TYPE_PCA, NULL);
}
