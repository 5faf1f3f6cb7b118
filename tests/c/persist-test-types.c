/* persist-test-types.c: estimators that exist only in the test binaries
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <math.h>

#include "persist-test-types.h"

/* One array property per dtype, plus an empty one and a 0-d one. */
#define SINK_N_ARRAYS 9

struct _TestKitchenSink
{
  MpEstimator  parent_instance;

  gint         count;
  guint        size;
  gint64       big;
  guint64      huge;
  gdouble      alpha;
  gfloat       beta;
  gboolean     flag;
  char        *label;
  MpDummyStrategy strategy;
  GBindingFlags binding;
  GStrv        names;
  MpArray     *arrays[SINK_N_ARRAYS];
};

G_DEFINE_FINAL_TYPE (TestKitchenSink, test_kitchen_sink, MP_TYPE_ESTIMATOR)

enum {
  SINK_PROP_0,
  SINK_PROP_COUNT,
  SINK_PROP_SIZE,
  SINK_PROP_BIG,
  SINK_PROP_HUGE,
  SINK_PROP_ALPHA,
  SINK_PROP_BETA,
  SINK_PROP_FLAG,
  SINK_PROP_LABEL,
  SINK_PROP_STRATEGY,
  SINK_PROP_BINDING,
  SINK_PROP_NAMES,
  SINK_PROP_ARRAY_FIRST,
  SINK_N_PROPS = SINK_PROP_ARRAY_FIRST + SINK_N_ARRAYS
};

static const char * const array_names[SINK_N_ARRAYS] = {
  "f64", "f32", "i64", "i32", "u8", "b", "empty", "scalar", "str",
};

static void
test_kitchen_sink_finalize (GObject *object)
{
  TestKitchenSink *self = TEST_KITCHEN_SINK (object);

  g_free (self->label);
  g_strfreev (self->names);
  for (guint i = 0; i < SINK_N_ARRAYS; i++)
    g_clear_pointer (&self->arrays[i], mp_array_unref);

  G_OBJECT_CLASS (test_kitchen_sink_parent_class)->finalize (object);
}

static void
test_kitchen_sink_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TestKitchenSink *self = TEST_KITCHEN_SINK (object);

  switch (prop_id)
    {
    case SINK_PROP_COUNT: g_value_set_int (value, self->count); break;
    case SINK_PROP_SIZE: g_value_set_uint (value, self->size); break;
    case SINK_PROP_BIG: g_value_set_int64 (value, self->big); break;
    case SINK_PROP_HUGE: g_value_set_uint64 (value, self->huge); break;
    case SINK_PROP_ALPHA: g_value_set_double (value, self->alpha); break;
    case SINK_PROP_BETA: g_value_set_float (value, self->beta); break;
    case SINK_PROP_FLAG: g_value_set_boolean (value, self->flag); break;
    case SINK_PROP_LABEL: g_value_set_string (value, self->label); break;
    case SINK_PROP_STRATEGY: g_value_set_enum (value, self->strategy); break;
    case SINK_PROP_BINDING: g_value_set_flags (value, self->binding); break;
    case SINK_PROP_NAMES: g_value_set_boxed (value, self->names); break;
    default:
      if (prop_id >= SINK_PROP_ARRAY_FIRST && prop_id < SINK_N_PROPS)
        g_value_set_boxed (value, self->arrays[prop_id - SINK_PROP_ARRAY_FIRST]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_kitchen_sink_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TestKitchenSink *self = TEST_KITCHEN_SINK (object);

  switch (prop_id)
    {
    case SINK_PROP_COUNT: self->count = g_value_get_int (value); break;
    case SINK_PROP_SIZE: self->size = g_value_get_uint (value); break;
    case SINK_PROP_BIG: self->big = g_value_get_int64 (value); break;
    case SINK_PROP_HUGE: self->huge = g_value_get_uint64 (value); break;
    case SINK_PROP_ALPHA: self->alpha = g_value_get_double (value); break;
    case SINK_PROP_BETA: self->beta = g_value_get_float (value); break;
    case SINK_PROP_FLAG: self->flag = g_value_get_boolean (value); break;
    case SINK_PROP_LABEL:
      g_free (self->label);
      self->label = g_value_dup_string (value);
      break;
    case SINK_PROP_STRATEGY: self->strategy = g_value_get_enum (value); break;
    case SINK_PROP_BINDING: self->binding = g_value_get_flags (value); break;
    case SINK_PROP_NAMES:
      g_strfreev (self->names);
      self->names = g_value_dup_boxed (value);
      break;
    default:
      if (prop_id >= SINK_PROP_ARRAY_FIRST && prop_id < SINK_N_PROPS)
        {
          MpArray **slot = &self->arrays[prop_id - SINK_PROP_ARRAY_FIRST];
          g_clear_pointer (slot, mp_array_unref);
          *slot = g_value_dup_boxed (value);
        }
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
}

static void
test_kitchen_sink_class_init (TestKitchenSinkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;
  GParamSpec *props[SINK_N_PROPS] = { NULL, };

  object_class->finalize = test_kitchen_sink_finalize;
  object_class->get_property = test_kitchen_sink_get_property;
  object_class->set_property = test_kitchen_sink_set_property;

  props[SINK_PROP_COUNT] = g_param_spec_int ("count", NULL, NULL, -100, 100, 0, flags);
  props[SINK_PROP_SIZE] = g_param_spec_uint ("size", NULL, NULL, 0, G_MAXUINT, 0, flags);
  props[SINK_PROP_BIG] = g_param_spec_int64 ("big", NULL, NULL, G_MININT64, G_MAXINT64, 0, flags);
  props[SINK_PROP_HUGE] = g_param_spec_uint64 ("huge", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  props[SINK_PROP_ALPHA] = g_param_spec_double ("alpha", NULL, NULL, -INFINITY, INFINITY, 0, flags);
  props[SINK_PROP_BETA] = g_param_spec_float ("beta", NULL, NULL, -INFINITY, INFINITY, 0, flags);
  props[SINK_PROP_FLAG] = g_param_spec_boolean ("flag", NULL, NULL, FALSE, flags);
  props[SINK_PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, flags);
  props[SINK_PROP_STRATEGY] = g_param_spec_enum ("strategy", NULL, NULL, MP_TYPE_DUMMY_STRATEGY,
                                                 MP_DUMMY_STRATEGY_PRIOR, flags);
  props[SINK_PROP_BINDING] = g_param_spec_flags ("binding", NULL, NULL, G_TYPE_BINDING_FLAGS,
                                                 0, flags);
  props[SINK_PROP_NAMES] = g_param_spec_boxed ("names", NULL, NULL, G_TYPE_STRV, flags);
  for (guint i = 0; i < SINK_N_ARRAYS; i++)
    props[SINK_PROP_ARRAY_FIRST + i] = g_param_spec_boxed (array_names[i], NULL, NULL,
                                                           MP_TYPE_ARRAY, flags);

  g_object_class_install_properties (object_class, SINK_N_PROPS, props);

  for (guint i = SINK_PROP_COUNT; i <= SINK_PROP_NAMES; i++)
    mp_estimator_class_set_property_role (estimator_class, props[i]->name,
                                          MP_PROPERTY_ROLE_HYPERPARAMETER, NULL);
  for (guint i = 0; i < SINK_N_ARRAYS; i++)
    mp_estimator_class_set_property_role (estimator_class, array_names[i],
                                          MP_PROPERTY_ROLE_FITTED, NULL);
}

static void
test_kitchen_sink_init (TestKitchenSink *self)
{
}

struct _TestComposite
{
  MpEstimator  parent_instance;

  MpEstimator *base;
  GListModel  *steps;
  gdouble      weight;
};

G_DEFINE_FINAL_TYPE (TestComposite, test_composite, MP_TYPE_ESTIMATOR)

enum {
  COMP_PROP_0,
  COMP_PROP_BASE,
  COMP_PROP_STEPS,
  COMP_PROP_WEIGHT,
  COMP_N_PROPS
};

static void
test_composite_dispose (GObject *object)
{
  TestComposite *self = TEST_COMPOSITE (object);

  g_clear_object (&self->base);
  g_clear_object (&self->steps);

  G_OBJECT_CLASS (test_composite_parent_class)->dispose (object);
}

static void
test_composite_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TestComposite *self = TEST_COMPOSITE (object);

  switch (prop_id)
    {
    case COMP_PROP_BASE: g_value_set_object (value, self->base); break;
    case COMP_PROP_STEPS: g_value_set_object (value, self->steps); break;
    case COMP_PROP_WEIGHT: g_value_set_double (value, self->weight); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_composite_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TestComposite *self = TEST_COMPOSITE (object);

  switch (prop_id)
    {
    case COMP_PROP_BASE: g_set_object (&self->base, g_value_get_object (value)); break;
    case COMP_PROP_STEPS: g_set_object (&self->steps, g_value_get_object (value)); break;
    case COMP_PROP_WEIGHT: self->weight = g_value_get_double (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_composite_class_init (TestCompositeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  MpEstimatorClass *estimator_class = MP_ESTIMATOR_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = test_composite_dispose;
  object_class->get_property = test_composite_get_property;
  object_class->set_property = test_composite_set_property;

  g_object_class_install_property (object_class, COMP_PROP_BASE,
                                   g_param_spec_object ("base", NULL, NULL, MP_TYPE_ESTIMATOR, flags));
  g_object_class_install_property (object_class, COMP_PROP_STEPS,
                                   g_param_spec_object ("steps", NULL, NULL, G_TYPE_LIST_MODEL, flags));
  g_object_class_install_property (object_class, COMP_PROP_WEIGHT,
                                   g_param_spec_double ("weight", NULL, NULL, 0, 1, 0.5, flags));

  mp_estimator_class_set_property_role (estimator_class, "base", MP_PROPERTY_ROLE_HYPERPARAMETER, NULL);
  mp_estimator_class_set_property_role (estimator_class, "steps", MP_PROPERTY_ROLE_HYPERPARAMETER, NULL);
  mp_estimator_class_set_property_role (estimator_class, "weight", MP_PROPERTY_ROLE_HYPERPARAMETER, NULL);
}

static void
test_composite_init (TestComposite *self)
{
  self->weight = 0.5;
}
