# python_array_copies.py: what moving arrays between numpy and ModelPersist costs.
#
# Run from the build tree:
#   meson devenv -C build /usr/bin/python3 ../bench/python_array_copies.py [MB]
#
# Each case runs in a fresh child process so that the peak resident set size
# (ru_maxrss) it reports belongs to that case alone: peak minus the size of
# the source array tells how many extra copies were alive at once.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import resource
import subprocess
import sys
import time

CASES = {
    'GLib.Bytes.new(memoryview)': 'GLib.Bytes.new(memoryview(x).cast("B"))',
    'GLib.Bytes.new(x.tobytes())': 'GLib.Bytes.new(x.tobytes())',
    'Array(x) native': 'ModelPersist.Array(x)',
    'Array(x) portable': 'override._native = None; ModelPersist.Array(x)',
    'Array(x.T) native (F order)': 'ModelPersist.Array(x2.T)',
    'Array(x.T) portable': 'override._native = None; ModelPersist.Array(x2.T)',
    'asarray(a) native': 'np.asarray(a)',
    'asarray(a) portable': 'override._native = None; np.asarray(a)',
}

CHILD = r'''
import resource, sys, time
import gi
gi.require_version("ModelPersist", "1.0")
from gi.repository import GLib, ModelPersist
import numpy as np
override = sys.modules["gi.overrides.ModelPersist"]
n = int(sys.argv[1]) * 1024 * 1024 // 8
x = np.random.default_rng(0).random(n)
x2 = x.reshape(-1, 8)
a = ModelPersist.Array(x) if "asarray" in sys.argv[2] else None
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start = time.perf_counter()
exec(sys.argv[3])
elapsed = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print("%.3f %.1f" % (elapsed, (peak - base) / 1024))
'''


def main():
    mb = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print('%d MB of float64; time and extra peak memory (MB) per conversion' % mb)
    for name, statement in CASES.items():
        if 'memoryview' in name and mb > 50:
            size = 50
        else:
            size = mb
        out = subprocess.run([sys.executable, '-c', CHILD, str(size), name, statement],
                             capture_output=True, text=True)
        if out.returncode != 0:
            print('%-30s failed: %s' % (name, out.stderr.strip().splitlines()[-1]))
            continue
        seconds, extra = out.stdout.split()
        print('%-30s %4d MB  %8s s  +%7s MB' % (name, size, seconds, extra))


if __name__ == '__main__':
    main()
