/* mp-class-weight-private.h: scikit-learn's class_weight hyperparameter
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

#include "mp-array.h"

G_BEGIN_DECLS

/* A class_weight is held as text: NULL (None), "balanced", or a
 * dictionary literal such as "{0: 1.0, 2: 3.5}" mapping class labels to
 * weights: braces, decimal number keys and values, ':' and ',', an
 * optional trailing comma, spaces. Keys are distinct, weights >= 0. */

/* The declared check (an MpParamCheck) for what is neither None nor
 * 'balanced': a valid dictionary. Its messages do not name the
 * parameter. */
gboolean  _mp_class_weight_check   (const GValue  *value,
                                    GError       **error);

/* A valid dictionary as the string form prints it (as written, without
 * the spaces around it), or NULL for anything else. */
char     *_mp_class_weight_format  (const char    *text);

/* scikit-learn's compute_class_weight(): the weight of each of @classes,
 * given each sample's class index. Errors are MP_ERROR_INVALID_ARGUMENT
 * naming class_weight. */
gboolean  _mp_class_weight_compute (const char    *text,
                                    MpArray       *classes,
                                    const gint32  *indices,
                                    gsize          n_samples,
                                    double       **weights,
                                    GError       **error);

G_END_DECLS
