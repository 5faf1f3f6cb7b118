/* mp-count-or-fraction-private.h: hyperparameters that are a count or a
 * fraction of a total
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* scikit-learn reads an int and a float differently in some parameters:
 * min_samples_split=2 is two samples, min_samples_split=0.5 half of them,
 * and max_features=1 is one feature where max_features=1.0 is all of them.
 * A GObject double would lose the difference, so these parameters are
 * strings holding the text Python gives (str() of an int, repr() of a
 * float), and these helpers read them: the declaration's check, the string
 * form and fit all go through _mp_count_or_fraction_parse(). */

/* Reads @text: an integer literal (@is_fraction FALSE) or any other
 * number (TRUE). FALSE for NULL, a word or text that is not a number. */
gboolean  _mp_count_or_fraction_parse  (const char  *text,
                                        gboolean    *is_fraction,
                                        double      *value);

/* The check of a declaration: TRUE for an integer >= @min_count or a
 * fraction in (0, @max_fraction] (or (0, @max_fraction) when
 * @max_exclusive), else FALSE with a message saying what is allowed,
 * starting with @other_values (the declaration's words and None, as
 * "None, 'sqrt', 'log2'"; or NULL). */
gboolean  _mp_count_or_fraction_check  (const char  *text,
                                        const char  *other_values,
                                        gint64       min_count,
                                        double       max_fraction,
                                        gboolean     max_exclusive,
                                        GError     **error);

/* What the string form prints: the integer as given, a fraction as
 * Python's repr() of the float; NULL for anything else (a word, None),
 * which the caller prints as any string. */
char     *_mp_count_or_fraction_format (const char  *text);

G_END_DECLS
