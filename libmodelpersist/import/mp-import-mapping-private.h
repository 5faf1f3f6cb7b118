/* mp-import-mapping-private.h: scikit-learn's pickled state as our
 * estimators
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "mp-error.h"
#include "mp-estimator.h"
#include "mp-estimator-list.h"
#include "mp-pickle-value-private.h"

G_BEGIN_DECLS

/* What one import carries from estimator to estimator. */
typedef struct {
  guint   depth;
  guint   max_depth;
  guint64 max_bytes;         /* for what the mapping makes (dense copies) */
  char   *sklearn_version;   /* the first _sklearn_version seen */
  /* Estimators imported so far, and the bound (0: none): one pickled
   * estimator may be referred to from several places (the memo), so a
   * small pickle could otherwise describe an exponential tree. */
  guint64 n_estimators;
  guint64 max_estimators;
  /* The feature count a composite knows for the member it imports next
   * (0: none), for estimators that record none (DummyClassifier). Set by
   * the composite before _mp_import_estimator(); each estimator takes it
   * at entry (children see 0 unless their parent sets it again) and finds
   * its own here in its adapt_state. */
  guint   n_features_in_hint;
} MpImportContext;

/* Whether the estimator imported so far into @model is fitted, for a
 * class whose fitted state is its children's (a pipeline): called after
 * the hyperparameters and adapt_params. */
typedef gboolean (*MpImportFittedFunc) (MpImportContext  *context,
                                        MpPickleValue    *state,
                                        MpEstimator      *model);

typedef gboolean (*MpImportAdaptFunc) (MpImportContext  *context,
                                       MpPickleValue    *state,
                                       MpEstimator      *model,
                                       const char       *path,
                                       GError          **error);

/* A property whose pickled key is not its own name. */
typedef struct {
  const char *ours;      /* our display name ("n_support_") */
  const char *theirs;    /* scikit-learn's key ("_n_support") */
} MpImportKey;

/* One scikit-learn class and the estimator it becomes: the only place
 * that says how scikit-learn's attributes map to ours. Everything else
 * is generic: each of our hyperparameters and fitted attributes reads
 * the key of its own display name (or the renamed one), converted as its
 * declaration says (mp-import-values.c); then the class's adapt
 * functions do what no rename can, and the ordinary validation runs. */
typedef struct {
  const char         *sklearn;      /* the public path: "sklearn.svm.SVC" */
  const char         *pickled;      /* the class as pickles name it, canonical:
                                     * "sklearn.svm.classes.SVC" */
  GType             (*get_type) (void);
  const MpImportKey  *keys;         /* {NULL} terminated, or NULL */
  /* scikit-learn hyperparameters we lack: "name" when no value changes
   * the model (n_jobs), "name=default" when only the default is ours. */
  const char *const  *lacking;
  /* State keys read by an adapt function rather than the generic pass. */
  const char *const  *skipped;
  MpImportAdaptFunc   adapt_params;
  MpImportAdaptFunc   adapt_state;
  /* NULL: fitted when the state has a fitted-looking key (scikit-learn's
   * check_is_fitted). */
  MpImportFittedFunc  is_fitted;
} MpImportConversion;

/* The families' tables, each ended by an entry whose sklearn is NULL,
 * and the helper classes their pickles hold (NULL-terminated). */
extern const MpImportConversion _mp_import_classic_conversions[];
extern const char *const        _mp_import_classic_helpers[];
extern const MpImportConversion _mp_import_trees_conversions[];
extern const char *const        _mp_import_trees_helpers[];
extern const MpImportConversion _mp_import_composites_conversions[];
extern const char *const        _mp_import_composites_helpers[];

/* The classes the importer maps, and the helper classes found inside
 * their pickles (mp-import-conversions.c). */
const MpImportConversion *_mp_import_find_conversion (const char *module,
                                                      const char *name);
gboolean                  _mp_import_class_is_known  (const char *module,
                                                      const char *name,
                                                      gpointer    unused);
char                     *_mp_import_list_supported  (void);

/* The estimator the instance record @value describes. */
MpEstimator *_mp_import_estimator (MpImportContext  *context,
                                   MpPickleValue    *value,
                                   const char       *path,
                                   GError          **error);

/* One member of a composite as scikit-learn holds it: an estimator (in
 * @estimator, imported at @path) or a word (in @word: 'drop',
 * 'passthrough', and None as a pipeline reads it, 'passthrough'). */
gboolean     _mp_import_member    (MpImportContext  *context,
                                   MpPickleValue    *value,
                                   const char       *path,
                                   MpEstimator     **estimator,
                                   const char      **word,
                                   GError          **error);

/* scikit-learn's list of (name, member) pairs, or of estimators, as an
 * MpEstimatorList; items at "@path[i]". */
MpEstimatorList *_mp_import_estimator_list (MpImportContext  *context,
                                            MpPickleValue    *value,
                                            const char       *path,
                                            GError          **error);

/* For adapt functions: set our property @name (display name) from a
 * pickled value, converted as the generic pass converts. */
gboolean     _mp_import_set       (MpEstimator      *model,
                                   const char       *name,
                                   MpPickleValue    *value,
                                   const char       *path,
                                   GError          **error);

/* Whether @value is a pickled scipy.sparse csr_matrix, and the dense
 * float64 array of its values (mp-import-sparse.c), within
 * @context's byte budget. */
gboolean     _mp_import_is_csr_matrix  (MpPickleValue    *value);
MpArray     *_mp_import_dense_from_csr (MpImportContext  *context,
                                        MpPickleValue    *value,
                                        const char       *field,
                                        GError          **error);

/* Sets @error to @code with "@path: message"; returns FALSE. */
gboolean     _mp_import_error     (GError          **error,
                                   MpError           code,
                                   const char       *path,
                                   const char       *format,
                                   ...) G_GNUC_PRINTF (4, 5);

/* state[key], or NULL with MP_ERROR_INVALID_STATE naming it. */
MpPickleValue *_mp_import_require (MpPickleValue  *state,
                                   const char     *key,
                                   const char     *path,
                                   GError        **error);

G_END_DECLS
