/* fault-shim.h: make the Nth call of a system call fail, for the save
 * protocol's fault-injection tests
 *
 * The shim defines write(), fsync(), fdatasync(), rename(), open() and
 * close() in the test executable itself, which is linked with
 * --export-dynamic: the dynamic linker then binds the library's (and
 * GLib's) calls to these definitions first, exactly as it would for an
 * LD_PRELOAD library, and they forward to the C library's through
 * dlsym(RTLD_NEXT). Only calls made by the thread that armed the shim are
 * counted or failed.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  FAULT_WRITE,
  FAULT_FSYNC,      /* fsync() and fdatasync() */
  FAULT_RENAME,
  FAULT_OPEN,       /* open() and openat(), with O_CREAT only */
  FAULT_CLOSE,
  FAULT_N_OPS
} FaultOp;

/* From now on, calls of @op made by this thread are counted, and the
 * @nth one (1-based) fails with @error_number without doing anything. */
void         fault_arm        (FaultOp  op,
                               guint    nth,
                               int      error_number);
/* Stops counting; returns how many calls of the armed op were made. */
guint        fault_disarm     (void);
const char  *fault_op_name    (FaultOp  op);

G_END_DECLS
