/* mp-error.h: the MP_ERROR domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib.h>

#include "mp-version-macros.h"

G_BEGIN_DECLS

/**
 * MP_ERROR:
 *
 * The error domain of libmodelpersist. Errors in this domain carry an
 * #MpError code.
 */
#define MP_ERROR (mp_error_quark ())

/**
 * MpError:
 * @MP_ERROR_FAILED: a failure that fits no other code
 * @MP_ERROR_INVALID_ARGUMENT: a caller passed a value the API does not accept
 *   (a wrong dtype, a shape that does not match its buffer, an unknown enum nick)
 * @MP_ERROR_INVALID_INPUT: data given to fit, predict or score has the wrong
 *   shape, dtype or values (for example NaN or a feature count that differs
 *   from the one seen in fit)
 * @MP_ERROR_NOT_FITTED: predict, score or a fitted attribute was used before fit
 * @MP_ERROR_IO: reading or writing a file or stream failed; the message carries
 *   the operating system's text
 * @MP_ERROR_LIMIT_EXCEEDED: a document exceeds a load limit (size, nesting
 *   depth, array count or total bytes)
 * @MP_ERROR_MALFORMED: a document is not well-formed (bad JSON, a bad header,
 *   a missing or mistyped field)
 * @MP_ERROR_DUPLICATE_KEY: a JSON object repeats a key
 * @MP_ERROR_UNSUPPORTED_VERSION: the document uses a format version this
 *   library cannot read
 * @MP_ERROR_UNKNOWN_TYPE: a type name in the document does not name a
 *   registered estimator type
 * @MP_ERROR_UNTRUSTED_TYPE: a type name in the document names a registered
 *   type that is not in the trusted set
 * @MP_ERROR_INVALID_VALUE: a value in the document is out of range, not
 *   finite, of the wrong JSON type or an unknown enum nick
 * @MP_ERROR_INVALID_ARRAY: an array descriptor is inconsistent (dtype, shape,
 *   offset, length, alignment or overlap)
 * @MP_ERROR_CHECKSUM_MISMATCH: an array's bytes do not match its checksum
 * @MP_ERROR_INVALID_SIDECAR: a bundle's sidecar name is not a bare file name
 *   in the bundle's directory, or the sidecar is missing
 * @MP_ERROR_INVALID_STATE: an estimator's fitted state is inconsistent (shapes
 *   disagree, indices out of range), so predict would not be safe
 * @MP_ERROR_CONVERGENCE: an iterative fit stopped before converging where the
 *   caller asked for an error in that case
 * @MP_ERROR_NOT_SUPPORTED: the estimator does not offer the method called,
 *   at least not in its current configuration (an SVC's predict_proba with
 *   `probability=False`); see mp_estimator_get_capabilities()
 *
 * Error codes of the %MP_ERROR domain.
 *
 * Since: 0.1
 */
typedef enum {
  MP_ERROR_FAILED,
  MP_ERROR_INVALID_ARGUMENT,
  MP_ERROR_INVALID_INPUT,
  MP_ERROR_NOT_FITTED,
  MP_ERROR_IO,
  MP_ERROR_LIMIT_EXCEEDED,
  MP_ERROR_MALFORMED,
  MP_ERROR_DUPLICATE_KEY,
  MP_ERROR_UNSUPPORTED_VERSION,
  MP_ERROR_UNKNOWN_TYPE,
  MP_ERROR_UNTRUSTED_TYPE,
  MP_ERROR_INVALID_VALUE,
  MP_ERROR_INVALID_ARRAY,
  MP_ERROR_CHECKSUM_MISMATCH,
  MP_ERROR_INVALID_SIDECAR,
  MP_ERROR_INVALID_STATE,
  MP_ERROR_CONVERGENCE,
  MP_ERROR_NOT_SUPPORTED,
} MpError;

/* The error domain of every MpError code. */
MP_AVAILABLE_IN_0_1
GQuark mp_error_quark (void);

G_END_DECLS
