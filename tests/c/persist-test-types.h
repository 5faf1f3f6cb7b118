/* persist-test-types.h: estimators that exist only in the test binaries,
 * so the persistence tests exercise every property type and nesting
 * without depending on any particular library estimator
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <modelpersist.h>

G_BEGIN_DECLS

/* Hyperparameters of every scalar kind the format stores, and fitted
 * arrays of every dtype (plus an empty and a 0-d one). */
#define TEST_TYPE_KITCHEN_SINK (test_kitchen_sink_get_type ())
G_DECLARE_FINAL_TYPE (TestKitchenSink, test_kitchen_sink, TEST, KITCHEN_SINK, MpEstimator)

/* A composite: one child estimator and a list of them. */
#define TEST_TYPE_COMPOSITE (test_composite_get_type ())
G_DECLARE_FINAL_TYPE (TestComposite, test_composite, TEST, COMPOSITE, MpEstimator)

G_END_DECLS
