/* mp-load-options.h: what a loader accepts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(__MODELPERSIST_INSIDE__) && !defined(MODELPERSIST_COMPILATION)
#error "Only <modelpersist.h> can be included directly."
#endif

#include <glib-object.h>

#include "mp-version-macros.h"

G_BEGIN_DECLS

/**
 * MP_LOAD_DEFAULT_MAX_JSON_BYTES:
 *
 * The default #MpLoadOptions:max-json-bytes, 64 MiB.
 *
 * Since: 0.1
 */
#define MP_LOAD_DEFAULT_MAX_JSON_BYTES (G_GUINT64_CONSTANT (64) << 20)

/**
 * MP_LOAD_DEFAULT_MAX_DEPTH:
 *
 * The default #MpLoadOptions:max-depth: 64 nested JSON containers, room for
 * about twenty levels of nested estimators.
 *
 * Since: 0.1
 */
#define MP_LOAD_DEFAULT_MAX_DEPTH 64

/**
 * MP_LOAD_DEFAULT_MAX_JSON_NODES:
 *
 * The default #MpLoadOptions:max-json-nodes, 2097152 (2 Mi): one JSON
 * value for every 32 bytes of a document of the default
 * %MP_LOAD_DEFAULT_MAX_JSON_BYTES. A model's bulk data is in its payload,
 * so its JSON grows with the number of arrays and estimators, not with
 * their size: an array descriptor is 7 values plus one per dimension, an
 * estimator 6 plus its hyperparameters and fitted scalars. A
 * #MpKNeighborsClassifier of iris has 48 values; an ensemble of 65536
 * estimators (the default #MpLoadOptions:max-arrays) each holding one 2-D
 * array and three hyperparameters has 1.1 Mi. At the limit,
 * json-glib's tree takes about 170 MB for list elements and about four
 * times as much for object members.
 *
 * Since: 0.1
 */
#define MP_LOAD_DEFAULT_MAX_JSON_NODES ((guint) (MP_LOAD_DEFAULT_MAX_JSON_BYTES / 32))

/**
 * MP_LOAD_DEFAULT_MAX_ARRAYS:
 *
 * The default #MpLoadOptions:max-arrays, 65536.
 *
 * Since: 0.1
 */
#define MP_LOAD_DEFAULT_MAX_ARRAYS 65536

/**
 * MP_LOAD_DEFAULT_MAX_TOTAL_BYTES:
 *
 * The default #MpLoadOptions:max-total-bytes, 16 GiB.
 *
 * Since: 0.1
 */
#define MP_LOAD_DEFAULT_MAX_TOTAL_BYTES (G_GUINT64_CONSTANT (16) << 30)

/**
 * MP_LOAD_DEFAULT_MAX_STRING_ELEMENTS:
 *
 * The default #MpLoadOptions:max-string-elements, 16777216 (16 Mi): far
 * more class labels or categories than any model has, and at most 128 MiB
 * of offsets in a file. At the limit the loader's copy takes 9 bytes per
 * element plus the text, and Python's `str` objects about 50 bytes each.
 *
 * Since: 0.1
 */
#define MP_LOAD_DEFAULT_MAX_STRING_ELEMENTS (G_GUINT64_CONSTANT (16) << 20)

/**
 * MP_TYPE_LOAD_OPTIONS:
 *
 * The #GType of the type this header declares.
 */
#define MP_TYPE_LOAD_OPTIONS (mp_load_options_get_type ())

/**
 * MpLoadOptions:
 *
 * An opaque instance; use the functions and properties below.
 *
 * Since: 0.1
 */
MP_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (MpLoadOptions, mp_load_options, MP, LOAD_OPTIONS, GObject)

/* Options with the defaults of docs/security.md. */
MP_AVAILABLE_IN_0_1
MpLoadOptions *mp_load_options_new                  (void);

/* Which estimator types a load may instantiate. */
MP_AVAILABLE_IN_0_1
void           mp_load_options_trust_type           (MpLoadOptions *self,
                                                     GType          estimator_type);
MP_AVAILABLE_IN_0_1
gboolean       mp_load_options_is_type_trusted      (MpLoadOptions *self,
                                                     GType          type);

/* The limits and checks of a load, one getter and setter each. */
MP_AVAILABLE_IN_0_1
gboolean       mp_load_options_get_trust_builtin    (MpLoadOptions *self);
MP_AVAILABLE_IN_0_1
void           mp_load_options_set_trust_builtin    (MpLoadOptions *self,
                                                     gboolean       trust_builtin);
MP_AVAILABLE_IN_0_1
guint64        mp_load_options_get_max_json_bytes   (MpLoadOptions *self);
MP_AVAILABLE_IN_0_1
void           mp_load_options_set_max_json_bytes   (MpLoadOptions *self,
                                                     guint64        max_json_bytes);
MP_AVAILABLE_IN_0_1
guint          mp_load_options_get_max_depth        (MpLoadOptions *self);
MP_AVAILABLE_IN_0_1
void           mp_load_options_set_max_depth        (MpLoadOptions *self,
                                                     guint          max_depth);
MP_AVAILABLE_IN_0_1
guint          mp_load_options_get_max_json_nodes   (MpLoadOptions *self);
MP_AVAILABLE_IN_0_1
void           mp_load_options_set_max_json_nodes   (MpLoadOptions *self,
                                                     guint          max_json_nodes);
MP_AVAILABLE_IN_0_1
guint          mp_load_options_get_max_arrays       (MpLoadOptions *self);
MP_AVAILABLE_IN_0_1
void           mp_load_options_set_max_arrays       (MpLoadOptions *self,
                                                     guint          max_arrays);
MP_AVAILABLE_IN_0_1
guint64        mp_load_options_get_max_total_bytes  (MpLoadOptions *self);
MP_AVAILABLE_IN_0_1
void           mp_load_options_set_max_total_bytes  (MpLoadOptions *self,
                                                     guint64        max_total_bytes);
MP_AVAILABLE_IN_0_1
guint64        mp_load_options_get_max_string_elements (MpLoadOptions *self);
MP_AVAILABLE_IN_0_1
void           mp_load_options_set_max_string_elements (MpLoadOptions *self,
                                                        guint64        max_string_elements);
MP_AVAILABLE_IN_0_1
gboolean       mp_load_options_get_verify_checksums (MpLoadOptions *self);
MP_AVAILABLE_IN_0_1
void           mp_load_options_set_verify_checksums (MpLoadOptions *self,
                                                     gboolean       verify_checksums);
MP_AVAILABLE_IN_0_1
gboolean       mp_load_options_get_map_payload      (MpLoadOptions *self);
MP_AVAILABLE_IN_0_1
void           mp_load_options_set_map_payload      (MpLoadOptions *self,
                                                     gboolean       map_payload);

G_END_DECLS
