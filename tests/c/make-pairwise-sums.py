#!/usr/bin/python3
# make-pairwise-sums.py: regenerates pairwise-sums.h, the sums numpy
# computes for the values pairwise-sum.c generates. Run it with a Python
# that has numpy (/usr/bin/python3); the header it writes is committed.
#
# The values come from a 64-bit integer generator (splitmix64) turned into
# doubles exactly (a 53-bit signed integer times a power of two), so C and
# Python get the same bits on every host. Their magnitudes span 2^-16 to
# 2^16, so the rounding of a sum depends on the order of its additions.
# For each length the script takes the first seed for which a sum in
# another order (one by one; beyond 8192 values, pairwise without numpy's
# 8192-value blocks) gives other bits than numpy's, so every case with 8
# or more values fails if the order changes.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import math
import os
import sys

import numpy

MASK = (1 << 64) - 1
LENGTHS = [0, 1, 2, 7, 8, 9, 15, 16, 17, 100, 127, 128, 129, 136, 200,
           255, 256, 257, 1000, 4097, 8191, 8192, 8193, 8200, 16385,
           20000, 50001]
# Lengths below this add the same way one by one as pairwise.
SEQUENTIAL_BELOW = 8


def splitmix64(state):
    state = (state + 0x9E3779B97F4A7C15) & MASK
    z = state
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return state, z ^ (z >> 31)


def values(seed, n):
    state = seed
    out = []
    for _ in range(n):
        state, bits = splitmix64(state)
        mantissa = (bits >> 11) - (1 << 52)   # -2^52 .. 2^52 - 1, exact
        exponent = (bits & 0x3F) % 33 - 68    # 2^-68 .. 2^-36 times 2^52
        out.append(math.ldexp(float(mantissa), exponent))
    return out


def pairwise(a):
    n = len(a)
    if n < 8:
        s = 0.0
        for v in a:
            s += v
        return s
    if n <= 128:
        r = list(a[:8])
        i = 8
        while i < n - n % 8:
            for j in range(8):
                r[j] += a[i + j]
            i += 8
        s = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
        for v in a[i:]:
            s += v
        return s
    half = n // 2
    half -= half % 8
    return pairwise(a[:half]) + pairwise(a[half:])


def discriminates(a, expected):
    sequential = 0.0
    for v in a:
        sequential += v
    if sequential == expected:
        return False
    return len(a) <= 8192 or pairwise(a) != expected


def main():
    lines = []
    for n in LENGTHS:
        for seed in range(1000 + n, 1100 + n):
            a = values(seed, n)
            expected = float(numpy.sum(numpy.array(a, dtype=numpy.float64)))
            if n < SEQUENTIAL_BELOW or discriminates(a, expected):
                break
        else:
            sys.exit("n=%d: no seed tells numpy's order from others" % n)
        lines.append("  { %d, %d, %s }," % (n, seed, expected.hex()))

    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "pairwise-sums.h"), "w") as f:
        f.write("/* pairwise-sums.h: numpy %s's sums of the values pairwise-sum.c\n"
                " * generates; written by make-pairwise-sums.py, do not edit.\n"
                " *\n * SPDX-License-Identifier: LGPL-2.1-or-later\n */\n\n"
                % numpy.__version__)
        f.write("static const struct {\n  gsize n;\n  guint64 seed;\n  double numpy_sum;\n"
                "} numpy_sums[] = {\n")
        f.write("\n".join(lines) + "\n};\n")


if __name__ == "__main__":
    main()
