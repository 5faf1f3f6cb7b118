#!/usr/bin/python3
# python_api_overhead.py: what the Python override's error conversion and
# version recording cost (issue 14, part 2).
#
#   cd build && meson devenv -C . /usr/bin/python3 ../bench/python_api_overhead.py [--rounds 7]
#
# In one process, alternating: a call through the converting wrapper
# against the same introspected function unwrapped (its __wrapped__), for
# loads_full of the iris SVC and for Estimator.predict of one row; medians
# of per-call times. set_producer_field, which does almost nothing, shows
# the wrapper's own cost. With --import-only, prints the seconds one import of
# the override takes (run it in fresh processes, see docs/benchmarks.md).
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import argparse
import statistics
import sys
import time

import gi

gi.require_version('ModelPersist', '1.0')

parser = argparse.ArgumentParser()
parser.add_argument('--rounds', type=int, default=7)
parser.add_argument('--calls', type=int, default=2000)
parser.add_argument('--import-only', action='store_true')
args = parser.parse_args()

if args.import_only:
    start = time.perf_counter()
    from gi.repository import ModelPersist  # noqa: E402
    print('%.6f' % (time.perf_counter() - start))
    sys.exit(0)

from gi.repository import GLib, ModelPersist  # noqa: E402
from gi.module import get_introspection_module  # noqa: E402

raw = get_introspection_module('ModelPersist')
X, y = ModelPersist.load_iris(return_X_y=True)
svc = ModelPersist.SVC().fit(X, y)
data = GLib.Bytes.new(ModelPersist.dumps(svc))
row = ModelPersist.as_array(X[:1])


def per_call(function, *call_args):
    start = time.perf_counter()
    for _ in range(args.calls):
        function(*call_args)
    return (time.perf_counter() - start) / args.calls * 1e6


cases = {
    # a throwing function that does almost nothing: the wrapper's own cost
    'set_producer_field': (raw.set_producer_field, raw.set_producer_field.__wrapped__,
                           ('bench_key', 'value')),
    'loads_full': (raw.loads_full, raw.loads_full.__wrapped__, (data, None, None)),
    'Estimator.predict': (lambda x: raw.Estimator.predict(svc, x),
                          lambda x: raw.Estimator.predict.__wrapped__(svc, x), (row,)),
}
for name, (wrapped, unwrapped, call_args) in cases.items():
    with_wrapper, without = [], []
    for _ in range(args.rounds):
        with_wrapper.append(per_call(wrapped, *call_args))
        without.append(per_call(unwrapped, *call_args))
    a, b = statistics.median(with_wrapper), statistics.median(without)
    print('%-18s converting %.2f us, unwrapped %.2f us, +%.2f us (%.3fx)' % (name, a, b, a - b, a / b))
