/* mp-dataset-loaders.c: the data sets bundled inside the library
 *
 * The numbers are scikit-learn 1.2.1's own CSV files (see data/README.md),
 * compiled in as a GResource and read with a strict parser, so the loaders
 * return exactly what sklearn.datasets returns.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "mp-csv-private.h"
#include "mp-dataset.h"
#include "mp-datasets-resources.h"
#include "mp-error.h"

#define RESOURCE_PREFIX "/org/gnome/ModelPersist/datasets/"

typedef struct
{
  MpCsvLayout         layout;
  const char * const *feature_names;   /* NULL: generated (digits) */
  const char * const *target_names;    /* NULL: read from the header */
  const char         *description;
} BundledSet;

static const char * const iris_features[] = {
  "sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)",
  NULL
};

static const char * const wine_features[] = {
  "alcohol", "malic_acid", "ash", "alcalinity_of_ash", "magnesium",
  "total_phenols", "flavanoids", "nonflavanoid_phenols", "proanthocyanins",
  "color_intensity", "hue", "od280/od315_of_diluted_wines", "proline",
  NULL
};

static const char * const breast_cancer_features[] = {
  "mean radius", "mean texture", "mean perimeter", "mean area",
  "mean smoothness", "mean compactness", "mean concavity",
  "mean concave points", "mean symmetry", "mean fractal dimension",
  "radius error", "texture error", "perimeter error", "area error",
  "smoothness error", "compactness error", "concavity error",
  "concave points error", "symmetry error", "fractal dimension error",
  "worst radius", "worst texture", "worst perimeter", "worst area",
  "worst smoothness", "worst compactness", "worst concavity",
  "worst concave points", "worst symmetry", "worst fractal dimension",
  NULL
};

static const char * const digit_names[] = {
  "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", NULL
};

#define LICENCE_NOTE \
  "The UCI Machine Learning Repository distributes it under the Creative " \
  "Commons Attribution 4.0 licence (CC BY 4.0), which asks for this credit. " \
  "The copy inside libmodelpersist is the CSV file shipped by scikit-learn " \
  "1.2.1 (BSD 3-Clause licence) in Debian's python3-sklearn package, so the " \
  "numbers are exactly those of sklearn.datasets."

static const BundledSet iris_set = {
  { "iris.csv", TRUE, 150, 4, 3 },
  iris_features, NULL,
  "Iris plants\n\n"
  "150 flowers, 50 from each of three species (setosa, versicolor, "
  "virginica), each described by four measurements in centimetres: sepal "
  "length and width, petal length and width. Setosa separates from the "
  "others linearly; versicolor and virginica overlap a little.\n\n"
  "The measurements were taken by Edgar Anderson and published by R. A. "
  "Fisher in \"The use of multiple measurements in taxonomic problems\", "
  "Annals of Eugenics 7 (1936). The UCI Machine Learning Repository "
  "distributes the set (donated by Michael Marshall); this copy follows "
  "Fisher's paper, which differs from the UCI file in samples 35 and 38.\n\n"
  LICENCE_NOTE
};

static const BundledSet wine_set = {
  { "wine_data.csv", TRUE, 178, 13, 3 },
  wine_features, NULL,
  "Wine recognition\n\n"
  "178 wines grown in the same region of Italy from three cultivars "
  "(class_0: 59, class_1: 71, class_2: 48), each described by 13 results of "
  "a chemical analysis, from alcohol and malic acid to colour intensity, hue "
  "and proline.\n\n"
  "The analysis is by M. Forina et al., PARVUS, Genoa; the set comes from "
  "the UCI Machine Learning Repository (\"Wine\").\n\n"
  LICENCE_NOTE
};

static const BundledSet breast_cancer_set = {
  { "breast_cancer.csv", TRUE, 569, 30, 2 },
  breast_cancer_features, NULL,
  "Breast cancer Wisconsin (diagnostic)\n\n"
  "569 breast masses (212 malignant, 357 benign), each described by 30 "
  "features of the cell nuclei seen in a digitised image of a fine needle "
  "aspirate: the mean, standard error and worst value of ten measurements "
  "such as radius, texture, concavity and symmetry.\n\n"
  "The data are by W. H. Wolberg, W. N. Street and O. L. Mangasarian, "
  "University of Wisconsin, and come from the UCI Machine Learning "
  "Repository (\"Breast Cancer Wisconsin (Diagnostic)\").\n\n"
  LICENCE_NOTE
};

static const BundledSet digits_set = {
  { "digits.csv", FALSE, 1797, 64, 10 },
  NULL, digit_names,
  "Optical recognition of handwritten digits\n\n"
  "1797 images of handwritten digits 0 to 9, each 8x8 pixels whose values "
  "(0 to 16) count the inked pixels in a 4x4 block of the original 32x32 "
  "bitmap; feature pixel_r_c is row r, column c.\n\n"
  "The data are by E. Alpaydin and C. Kaynak, Bogazici University, and come "
  "from the UCI Machine Learning Repository (\"Optical Recognition of "
  "Handwritten Digits\"); this is the part scikit-learn ships, written by "
  "people other than those of the UCI training part.\n\n"
  LICENCE_NOTE
};

static GResource *
bundled_resource (void)
{
  static gsize registered = 0;

  /* The bundle is registered on first use rather than by a constructor
   * when the library is loaded. */
  if (g_once_init_enter (&registered))
    {
      _mp_datasets_register_resource ();
      g_once_init_leave (&registered, 1);
    }

  return _mp_datasets_get_resource ();
}

static char **
digit_feature_names (void)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  char **names;

  for (guint row = 0; row < 8; row++)
    for (guint col = 0; col < 8; col++)
      {
        g_autofree char *name = g_strdup_printf ("pixel_%u_%u", row, col);
        g_strv_builder_add (builder, name);
      }

  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

static MpDataset *
load_bundled (const BundledSet  *set,
              GError           **error)
{
  const MpCsvLayout *layout = &set->layout;
  g_autofree char *path = g_strconcat (RESOURCE_PREFIX, layout->file_name, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(MpArray) data = NULL;
  g_autoptr(MpArray) target = NULL;
  g_auto(GStrv) generated_features = NULL;
  MpCsvTable table;
  const char * const *feature_names = set->feature_names;
  const char * const *target_names = set->target_names;
  const gsize data_shape[] = { layout->n_samples, layout->n_features };
  const gsize target_shape[] = { layout->n_samples };
  MpDataset *dataset;
  gsize length = 0;
  const char *text;

  bytes = g_resource_lookup_data (bundled_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_IO,
                   "%s: cannot read the bundled data: %s",
                   layout->file_name, local_error->message);
      return NULL;
    }

  text = g_bytes_get_data (bytes, &length);
  if (!_mp_csv_parse (layout, text, length, &table, error))
    return NULL;

  if (feature_names == NULL)
    {
      generated_features = digit_feature_names ();
      feature_names = (const char * const *) generated_features;
    }
  if (target_names == NULL)
    target_names = (const char * const *) table.target_names;

  data = mp_array_new_take (MP_DTYPE_FLOAT64, data_shape, 2, g_steal_pointer (&table.data));
  target = mp_array_new_take (MP_DTYPE_INT64, target_shape, 1, g_steal_pointer (&table.target));

  dataset = g_object_new (MP_TYPE_DATASET,
                          "data", data,
                          "target", target,
                          "feature-names", feature_names,
                          "target-names", target_names,
                          "description", set->description,
                          NULL);

  _mp_csv_table_clear (&table);
  return dataset;
}

/**
 * mp_load_iris:
 * @error: return location for a #GError
 *
 * Loads Fisher's iris data set: 150 samples, 4 features (sepal and petal
 * length and width in cm), 3 classes (`setosa`, `versicolor`,
 * `virginica`), identical to scikit-learn's `load_iris`.
 *
 * Returns: (transfer full): a new #MpDataset, or %NULL with
 *   %MP_ERROR_MALFORMED if the bundled copy is damaged
 *
 * Since: 0.1
 */
MpDataset *
mp_load_iris (GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_bundled (&iris_set, error);
}

/**
 * mp_load_wine:
 * @error: return location for a #GError
 *
 * Loads the UCI wine recognition data set: 178 samples, 13 features from a
 * chemical analysis, 3 classes (`class_0` to `class_2`), identical to
 * scikit-learn's `load_wine`.
 *
 * Returns: (transfer full): a new #MpDataset, or %NULL with
 *   %MP_ERROR_MALFORMED if the bundled copy is damaged
 *
 * Since: 0.1
 */
MpDataset *
mp_load_wine (GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_bundled (&wine_set, error);
}

/**
 * mp_load_breast_cancer:
 * @error: return location for a #GError
 *
 * Loads the Wisconsin diagnostic breast cancer data set: 569 samples, 30
 * features, 2 classes (`malignant` = 0, `benign` = 1), identical to
 * scikit-learn's `load_breast_cancer`.
 *
 * Returns: (transfer full): a new #MpDataset, or %NULL with
 *   %MP_ERROR_MALFORMED if the bundled copy is damaged
 *
 * Since: 0.1
 */
MpDataset *
mp_load_breast_cancer (GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_bundled (&breast_cancer_set, error);
}

/**
 * mp_load_digits:
 * @error: return location for a #GError
 *
 * Loads the UCI optical recognition of handwritten digits data set: 1797
 * samples of 8x8 images flattened to 64 features (`pixel_0_0` to
 * `pixel_7_7`, values 0 to 16), 10 classes named `0` to `9`, identical to
 * scikit-learn's `load_digits`.
 *
 * Returns: (transfer full): a new #MpDataset, or %NULL with
 *   %MP_ERROR_MALFORMED if the bundled copy is damaged
 *
 * Since: 0.1
 */
MpDataset *
mp_load_digits (GError **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_bundled (&digits_set, error);
}
