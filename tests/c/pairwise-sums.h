/* pairwise-sums.h: numpy 1.24.2's sums of the values pairwise-sum.c
 * generates; written by make-pairwise-sums.py, do not edit.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

static const struct {
  gsize n;
  guint64 seed;
  double numpy_sum;
} numpy_sums[] = {
  { 0, 1000, 0x0.0p+0 },
  { 1, 1001, -0x1.660ff84061d00p+2 },
  { 2, 1002, 0x1.bbe8a775b26ccp+11 },
  { 7, 1007, -0x1.c5846f706f6a9p+8 },
  { 8, 1008, 0x1.c8d9dc1500e95p+12 },
  { 9, 1012, 0x1.a13e8bf143fddp+14 },
  { 15, 1017, -0x1.b9411a39cd872p+12 },
  { 16, 1017, -0x1.da7925c4915f4p+12 },
  { 17, 1017, -0x1.da7925cf2308fp+12 },
  { 100, 1100, 0x1.f3d8fea0794e9p+13 },
  { 127, 1127, -0x1.5d13f593366e4p+15 },
  { 128, 1128, 0x1.6dd28ae461a40p+10 },
  { 129, 1129, 0x1.e6ca910598d6dp+14 },
  { 136, 1136, 0x1.6a190116a8504p+14 },
  { 200, 1200, -0x1.43acac301eeadp+14 },
  { 255, 1255, 0x1.3209d35f8a19ap+16 },
  { 256, 1256, 0x1.8791e9613b970p+15 },
  { 257, 1257, 0x1.499a1d90a5ca8p+15 },
  { 1000, 2000, 0x1.41c5452cc1687p+18 },
  { 4097, 5097, 0x1.5f39faf3d5cb1p+18 },
  { 8191, 9191, 0x1.f43d1eb091c5ap+17 },
  { 8192, 9192, 0x1.c4561e91aad9cp+17 },
  { 8193, 9195, 0x1.5c05e1f60bd86p+16 },
  { 8200, 9201, -0x1.958329b125b50p+13 },
  { 16385, 17388, 0x1.1fb216437e42ap+15 },
  { 20000, 21000, 0x1.d56d6e31ec8f4p+19 },
  { 50001, 51001, -0x1.0d029718b0819p+19 },
};
