/* fault-shim.c: make the Nth call of a system call fail (fault-shim.h)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* open() and open64() must stay two distinct symbols here. */
#undef _FILE_OFFSET_BITS
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

#include "fault-shim.h"

static FaultOp      armed_op;
static guint        armed_nth;
static int          armed_errno;
static guint        armed_count;
static gboolean     armed;
static pthread_t    armed_thread;

void
fault_arm (FaultOp op,
           guint   nth,
           int     error_number)
{
  armed_op = op;
  armed_nth = nth;
  armed_errno = error_number;
  armed_count = 0;
  armed_thread = pthread_self ();
  __atomic_store_n (&armed, TRUE, __ATOMIC_SEQ_CST);
}

guint
fault_disarm (void)
{
  __atomic_store_n (&armed, FALSE, __ATOMIC_SEQ_CST);
  return armed_count;
}

const char *
fault_op_name (FaultOp op)
{
  static const char *const names[] = { "write", "fsync", "rename", "open", "close" };
  return names[op];
}

/* TRUE if this call must fail (errno is then set). */
static gboolean
should_fail (FaultOp op)
{
  if (!__atomic_load_n (&armed, __ATOMIC_SEQ_CST) || op != armed_op ||
      !pthread_equal (pthread_self (), armed_thread))
    return FALSE;
  if (++armed_count != armed_nth)
    return FALSE;
  errno = armed_errno;
  return TRUE;
}

#define REAL(name) \
  static __typeof__ (&name) real_##name; \
  if (real_##name == NULL) \
    real_##name = (__typeof__ (&name)) dlsym (RTLD_NEXT, #name)

ssize_t write (int fd, const void *buf, size_t count);
int fsync (int fd);
int fdatasync (int fd);
int rename (const char *from, const char *to);
int open (const char *path, int flags, ...);
int open64 (const char *path, int flags, ...);
int openat (int dirfd, const char *path, int flags, ...);
int close (int fd);

ssize_t
write (int         fd,
       const void *buf,
       size_t      count)
{
  REAL (write);
  if (should_fail (FAULT_WRITE))
    return -1;
  return real_write (fd, buf, count);
}

int
fsync (int fd)
{
  REAL (fsync);
  if (should_fail (FAULT_FSYNC))
    return -1;
  return real_fsync (fd);
}

int
fdatasync (int fd)
{
  REAL (fdatasync);
  if (should_fail (FAULT_FSYNC))
    return -1;
  return real_fdatasync (fd);
}

int
rename (const char *from,
        const char *to)
{
  REAL (rename);
  if (should_fail (FAULT_RENAME))
    return -1;
  return real_rename (from, to);
}

static mode_t
mode_arg (int     flags,
          va_list ap)
{
  return (flags & (O_CREAT | __O_TMPFILE)) ? (mode_t) va_arg (ap, int) : 0;
}

int
open (const char *path,
      int         flags,
      ...)
{
  va_list ap;
  mode_t mode;
  REAL (open);

  va_start (ap, flags);
  mode = mode_arg (flags, ap);
  va_end (ap);
  if ((flags & O_CREAT) && should_fail (FAULT_OPEN))
    return -1;
  return real_open (path, flags, mode);
}

int
open64 (const char *path,
        int         flags,
        ...)
{
  va_list ap;
  mode_t mode;
  REAL (open64);

  va_start (ap, flags);
  mode = mode_arg (flags, ap);
  va_end (ap);
  if ((flags & O_CREAT) && should_fail (FAULT_OPEN))
    return -1;
  return real_open64 (path, flags, mode);
}

int
openat (int         dirfd,
        const char *path,
        int         flags,
        ...)
{
  va_list ap;
  mode_t mode;
  REAL (openat);

  va_start (ap, flags);
  mode = mode_arg (flags, ap);
  va_end (ap);
  if ((flags & O_CREAT) && should_fail (FAULT_OPEN))
    return -1;
  return real_openat (dirfd, path, flags, mode);
}

int
close (int fd)
{
  REAL (close);
  if (should_fail (FAULT_CLOSE))
    {
      /* Linux frees the descriptor even when close fails. */
      int saved = errno;
      real_close (fd);
      errno = saved;
      return -1;
    }
  return real_close (fd);
}
