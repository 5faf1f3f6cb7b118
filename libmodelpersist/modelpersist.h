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
#include "mp-dummy-classifier.h"
#include "mp-k-neighbors-classifier.h"

#undef __MODELPERSIST_INSIDE__
