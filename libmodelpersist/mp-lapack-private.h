/* mp-lapack-private.h: the LAPACK routines the library calls
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Debian's liblapack3 (the library scipy.linalg reaches on this system)
 * has no C header without LAPACKE, so the Fortran entry points are
 * declared here, as gfortran compiles them: every argument by reference
 * and, after the last one, the length of each character argument (a
 * size_t each, in order). Add a routine here, once, when an estimator
 * needs it; see docs/development.md.
 */

#pragma once

#include <stddef.h>

/* The leading dimension and sizes are Fortran INTEGERs (32 bits in
 * Debian's build); callers check that their dimensions fit before calling. */
typedef int mp_lapack_int;

/* Singular value decomposition by divide and conquer (scipy.linalg.svd's
 * default driver). */
void dgesdd_ (const char *jobz, const mp_lapack_int *m, const mp_lapack_int *n,
              double *a, const mp_lapack_int *lda, double *s,
              double *u, const mp_lapack_int *ldu, double *vt, const mp_lapack_int *ldvt,
              double *work, const mp_lapack_int *lwork, mp_lapack_int *iwork,
              mp_lapack_int *info, size_t jobz_len);

/* Minimum-norm least squares through the SVD (scipy.linalg.lstsq's
 * default driver). */
void dgelsd_ (const mp_lapack_int *m, const mp_lapack_int *n, const mp_lapack_int *nrhs,
              double *a, const mp_lapack_int *lda, double *b, const mp_lapack_int *ldb,
              double *s, const double *rcond, mp_lapack_int *rank,
              double *work, const mp_lapack_int *lwork, mp_lapack_int *iwork,
              mp_lapack_int *info);

/* Cholesky factorisation and solve of a symmetric positive definite
 * system (scipy.linalg.solve with assume_a="pos"). */
void dposv_ (const char *uplo, const mp_lapack_int *n, const mp_lapack_int *nrhs,
             double *a, const mp_lapack_int *lda, double *b, const mp_lapack_int *ldb,
             mp_lapack_int *info, size_t uplo_len);
