/* modelpersist.h: the one header applications include
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define __MODELPERSIST_INSIDE__

#include "mp-version.h"
#include "mp-version-macros.h"
#include "mp-enum-types.h"
#include "mp-error.h"
#include "mp-array.h"
#include "mp-estimator.h"
#include "mp-declarations.h"
#include "mp-dummy-classifier.h"
#include "mp-dataset.h"
#include "mp-splitter.h"
#include "mp-kfold.h"
#include "mp-stratified-kfold.h"
#include "mp-train-test-split.h"
#include "mp-cross-validation.h"
#include "mp-metrics.h"
#include "mp-svc.h"
#include "mp-load-options.h"
#include "mp-load-report.h"
#include "mp-persist.h"
#include "mp-model-info.h"
#include "mp-model-verification.h"
#include "mp-k-neighbors-classifier.h"

#undef __MODELPERSIST_INSIDE__
