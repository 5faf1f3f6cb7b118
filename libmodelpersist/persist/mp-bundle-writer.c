/* mp-bundle-writer.c: NAME.json plus one sidecar, saved so that a failure
 * at any point leaves the previous model loadable
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "mp-bundle-names-private.h"
#include "mp-bundle-writer-private.h"
#include "mp-document-private.h"
#include "mp-error.h"
#include "mp-fd-output-stream-private.h"

/* The protocol (docs/format.md, "Saving a bundle"):
 *
 * 1. Both files are written to temporary names in the destination
 *    directory (".NAME.XXXXXX.tmp" and ".SIDECAR.XXXXXX.tmp", created with
 *    O_EXCL), flushed and fsync()ed. Each writer holds an exclusive
 *    flock() on its temporary files until its save ends; the kernel drops
 *    it when the process dies, so a temporary file whose lock is free was
 *    left by a dead writer.
 * 2. Under a flock() on the directory (concurrent saves of one NAME take
 *    turns), the writer reads which sidecar the current NAME names, and
 *    if it will delete that one afterwards, first gives it a second,
 *    locked, temporary name (a hard link): its "release" mark.
 * 3. The new sidecar gets its final name, SIDECAR = STEM.<content id>.bin,
 *    as a hard link to its temporary file. The name carries a hash of the
 *    content, so this never touches the sidecar the current NAME refers
 *    to (unless it is the same content).
 * 4. NAME is renamed over the old one: the atomic switch. The directory
 *    is fsync()ed.
 * 5. The previous sidecar, the release mark and the temporary names are
 *    unlinked; then temporary files of NAME left by dead writers.
 *
 * Why the hard links: a writer killed between 3 and 5 leaves a stale
 * temporary file that is the same inode as a sidecar of NAME. That proves
 * the sidecar is this bundle's own (made or marked by a save of NAME), so
 * the next save deletes it unless the current NAME refers to it. Nothing
 * else is ever deleted: not a file another bundle wrote (the sidecar stem
 * is the whole JSON file name, mp-bundle-names.c), not a sidecar that the
 * file being replaced did not name. On a file system without hard links
 * the writer renames instead, and a crash there can leave an unreferenced
 * sidecar behind. */

static gboolean
set_io_error (GError     **error,
              int          saved_errno,
              const char  *what,
              const char  *path)
{
  g_set_error (error, MP_ERROR, MP_ERROR_IO, "%s %s: %s", what, path, g_strerror (saved_errno));
  return FALSE;
}

static void
propagate_stream_error (GError     **error,
                        GError      *local,
                        const char  *path)
{
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED) || local->domain == MP_ERROR)
    g_propagate_error (error, local);
  else
    {
      g_set_error (error, MP_ERROR, MP_ERROR_IO, "writing %s: %s", path, local->message);
      g_error_free (local);
    }
}

typedef gboolean (*WriteContents) (MpSerialized  *serialized,
                                   GString       *json,
                                   GOutputStream *stream,
                                   GCancellable  *cancellable,
                                   GError       **error);

static gboolean
write_payload (MpSerialized  *serialized,
               GString       *json,
               GOutputStream *stream,
               GCancellable  *cancellable,
               GError       **error)
{
  return _mp_document_write_payload (serialized, stream, cancellable, error);
}

static gboolean
write_json (MpSerialized  *serialized,
            GString       *json,
            GOutputStream *stream,
            GCancellable  *cancellable,
            GError       **error)
{
  return g_output_stream_write_all (stream, json->str, json->len, NULL, cancellable, error);
}

/* Creates a temporary file for @final_basename in @dir and takes an
 * exclusive flock() on it, which tells a concurrent clean-up
 * (remove_stale_temps) that its writer is alive. A clean-up that took
 * the lock between the creation and the flock() here has unlinked the
 * file: then try again with a new name. */
static int
create_locked_temp (const char  *dir,
                    const char  *final_basename,
                    char       **out_path,
                    GError     **error)
{
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *tmpl = g_strdup_printf ("%s%c.%s.XXXXXX.tmp", dir, G_DIR_SEPARATOR,
                                               final_basename);
      struct stat st;
      int fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, 0666);

      if (fd < 0)
        {
          set_io_error (error, errno, "creating a temporary file in", dir);
          return -1;
        }
      while (flock (fd, LOCK_EX) != 0)
        if (errno != EINTR)
          {
            set_io_error (error, errno, "locking", tmpl);
            g_unlink (tmpl);
            close (fd);
            return -1;
          }
      if (fstat (fd, &st) == 0 && st.st_nlink > 0)
        {
          *out_path = g_steal_pointer (&tmpl);
          return fd;
        }
      close (fd);
    }
  g_set_error (error, MP_ERROR, MP_ERROR_IO,
               "creating a temporary file in %s: removed by another process each time", dir);
  return -1;
}

/* Writes a temporary file next to @final_path, flushed and synced; returns
 * its name and, in @out_fd, its descriptor, still open and locked until
 * the save ends. On failure nothing is left behind. */
static char *
write_temp (const char       *dir,
            const char       *final_basename,
            MpSerialized     *serialized,
            GString          *json,
            WriteContents     contents,
            MpStreamWrapFunc  wrap,
            gpointer          wrap_data,
            int              *out_fd,
            GCancellable     *cancellable,
            GError          **error)
{
  g_autofree char *tmpl = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  gboolean ok;
  int fd;

  fd = create_locked_temp (dir, final_basename, &tmpl, error);
  if (fd < 0)
    return NULL;

  stream = _mp_fd_output_stream_new (fd);
  if (wrap != NULL)
    {
      GOutputStream *wrapped = wrap (stream, wrap_data);
      g_object_unref (stream);
      stream = wrapped;
    }

  ok = contents (serialized, json, stream, cancellable, &local) &&
       g_output_stream_close (stream, cancellable, &local);

  if (ok && fsync (fd) != 0)
    {
      set_io_error (error, errno, "syncing", tmpl);
      ok = FALSE;
    }
  else if (!ok)
    propagate_stream_error (error, g_steal_pointer (&local), tmpl);

  if (!ok)
    {
      g_unlink (tmpl);
      close (fd);
      return NULL;
    }

  *out_fd = fd;
  return g_steal_pointer (&tmpl);
}

/* Closes a temporary file's descriptor, which also drops its lock. Its
 * data is already on disk (fsync succeeded), so an error from close(2)
 * changes nothing. */
static void
release_temp (int *fd)
{
  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}

static void
sync_directory (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  /* Best effort: the rename already happened, and some file systems
   * refuse fsync on directories. */
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
}

/* Removes the temporary files of saves of @json_basename whose writers
 * died (killed, crashed, powered off): those whose lock is free. A dead
 * writer's sidecar temporary file that is the same inode as its final
 * sidecar name also proves that sidecar its own (a new sidecar before the
 * switch, or a release mark on an old one): it goes too, unless it is
 * @current_sidecar, the one the bundle now refers to. */
static void
remove_stale_temps (const char *dir,
                    const char *json_basename,
                    const char *current_sidecar)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *sidecar = NULL;
      MpBundleTempKind kind = _mp_bundle_temp_kind (name, json_basename, &sidecar);
      struct stat temp_st, sidecar_st;
      int fd;

      if (kind == MP_BUNDLE_TEMP_NONE)
        continue;
      path = g_build_filename (dir, name, NULL);
      fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
      if (fd < 0)
        continue;
      /* Unlinked while locked: a writer that locks it next sees no link
       * and starts over (create_locked_temp). */
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        {
          if (kind == MP_BUNDLE_TEMP_SIDECAR && g_strcmp0 (sidecar, current_sidecar) != 0 &&
              fstat (fd, &temp_st) == 0)
            {
              g_autofree char *sidecar_path = g_build_filename (dir, sidecar, NULL);

              if (lstat (sidecar_path, &sidecar_st) == 0 && S_ISREG (sidecar_st.st_mode) &&
                  sidecar_st.st_dev == temp_st.st_dev && sidecar_st.st_ino == temp_st.st_ino)
                g_unlink (sidecar_path);
            }
          g_unlink (path);
        }
      close (fd);
    }
}

/* Whether another file in @dir that a first 1.0 writer could have given
 * the sidecar @sidecar (those writers derived sidecar names from a stem
 * that several JSON names shared) names it. */
static gboolean
referenced_by_another_bundle (const char *dir,
                              const char *json_basename,
                              const char *sidecar)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  if (listing == NULL)
    return TRUE;  /* cannot tell: keep it */
  while ((name = g_dir_read_name (listing)) != NULL)
    if (strcmp (name, json_basename) != 0 && _mp_bundle_is_legacy_sidecar (sidecar, name))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_autofree char *named = _mp_bundle_read_sidecar_reference (path);

        if (g_strcmp0 (named, sidecar) == 0)
          return TRUE;
      }
  return FALSE;
}

/* The sidecar that the bundle at @path refers to now, if the save that
 * replaces it with one referring to @new_sidecar may delete it: only a
 * sidecar of this bundle's own name, and one named by a first 1.0 writer
 * only when no other bundle of the directory shares it. */
static char *
previous_sidecar_to_remove (const char *dir,
                            const char *json_basename,
                            const char *path,
                            const char *new_sidecar)
{
  g_autofree char *previous = _mp_bundle_read_sidecar_reference (path);

  if (previous == NULL || g_strcmp0 (previous, new_sidecar) == 0)
    return NULL;
  if (!_mp_bundle_is_own_sidecar (previous, json_basename) &&
      !_mp_bundle_is_legacy_sidecar (previous, json_basename))
    return NULL;
  if (referenced_by_another_bundle (dir, json_basename, previous))
    return NULL;
  return g_steal_pointer (&previous);
}

/* Gives @sidecar_path a second name, a locked temporary file of the
 * bundle, so that if this process dies before it deletes the sidecar the
 * next save can tell the sidecar was this bundle's (remove_stale_temps).
 * Returns the mark's path and its descriptor in @out_fd, or NULL where
 * the file system has no hard links (then the sidecar is deleted without
 * a mark). */
static char *
mark_for_release (const char *dir,
                  const char *sidecar,
                  int        *out_fd)
{
  g_autofree char *sidecar_path = g_build_filename (dir, sidecar, NULL);
  static const char letters[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      char suffix[7];
      g_autofree char *mark = NULL;
      int fd;

      for (int i = 0; i < 6; i++)
        suffix[i] = letters[g_random_int_range (0, sizeof letters - 1)];
      suffix[6] = '\0';
      mark = g_strdup_printf ("%s%c.%s.%s.tmp", dir, G_DIR_SEPARATOR, sidecar, suffix);
      if (link (sidecar_path, mark) != 0)
        {
          if (errno == EEXIST)
            continue;
          return NULL;
        }
      fd = open (mark, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
      if (fd < 0 || flock (fd, LOCK_EX) != 0)
        {
          if (fd >= 0)
            close (fd);
          g_unlink (mark);
          return NULL;
        }
      *out_fd = fd;
      return g_steal_pointer (&mark);
    }
  return NULL;
}

/* Step 3: the new sidecar's final name, as a hard link to its temporary
 * file; @out_linked says whether the temporary name still exists. A
 * sidecar of that name has the same content: it is replaced (a fresh copy
 * is never worse). A file system without hard links gets a rename. */
static gboolean
publish_sidecar (const char  *tmp_path,
                 const char  *final_path,
                 gboolean    *out_linked,
                 gboolean    *out_existed,
                 GError     **error)
{
  *out_linked = FALSE;
  *out_existed = FALSE;
  if (link (tmp_path, final_path) == 0)
    {
      *out_linked = TRUE;
      return TRUE;
    }
  if (errno == EEXIST)
    *out_existed = TRUE;
  else if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP && errno != EMLINK &&
           errno != ENOSYS && errno != EXDEV)
    return set_io_error (error, errno, "linking the sidecar to", final_path);
  else
    *out_existed = g_file_test (final_path, G_FILE_TEST_EXISTS);
  if (g_rename (tmp_path, final_path) != 0)
    return set_io_error (error, errno, "renaming the sidecar to", final_path);
  return TRUE;
}

/* Serialises the renames and clean-ups of saves into one directory. */
static int
lock_directory (const char *dir)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return -1;
  while (flock (fd, LOCK_EX) != 0)
    if (errno != EINTR)
      {
        /* A file system without flock: go on unserialised. */
        close (fd);
        return -1;
      }
  return fd;
}

gboolean
_mp_bundle_write (MpSerialized     *serialized,
                  JsonNode         *metadata,
                  const char       *path,
                  MpStreamWrapFunc  wrap,
                  gpointer          wrap_data,
                  GCancellable     *cancellable,
                  GError          **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *content_id = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *sidecar_path = NULL;
  g_autoptr(GString) json = NULL;
  g_autofree char *tmp_sidecar = NULL;
  g_autofree char *tmp_json = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *release_mark = NULL;
  gboolean sidecar_existed = FALSE;
  gboolean sidecar_linked = FALSE;
  gboolean ok = FALSE;
  int sidecar_fd = -1, json_fd = -1, dir_fd = -1, release_fd = -1;

  if (*base == '\0' || strcmp (base, G_DIR_SEPARATOR_S) == 0 || strcmp (base, ".") == 0 ||
      strcmp (base, "..") == 0)
    {
      g_set_error (error, MP_ERROR, MP_ERROR_INVALID_ARGUMENT,
                   "path: \"%s\" does not name a file", path);
      return FALSE;
    }

  _mp_serialized_compute_checksums (serialized);
  content_id = _mp_document_content_id (serialized, metadata);
  if (serialized->payload_length > 0)
    {
      sidecar = _mp_bundle_sidecar_name (base, content_id);
      sidecar_path = g_build_filename (dir, sidecar, NULL);
    }
  json = _mp_document_to_json (serialized, metadata, sidecar);

  if (sidecar != NULL)
    {
      tmp_sidecar = write_temp (dir, sidecar, serialized, json, write_payload,
                                wrap, wrap_data, &sidecar_fd, cancellable, error);
      if (tmp_sidecar == NULL)
        return FALSE;
    }

  tmp_json = write_temp (dir, base, serialized, json, write_json,
                         wrap, wrap_data, &json_fd, cancellable, error);
  if (tmp_json == NULL)
    goto out;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;

  dir_fd = lock_directory (dir);
  previous = previous_sidecar_to_remove (dir, base, path, sidecar);
  if (previous != NULL && _mp_bundle_is_own_sidecar (previous, base))
    release_mark = mark_for_release (dir, previous, &release_fd);

  if (sidecar != NULL)
    {
      if (!publish_sidecar (tmp_sidecar, sidecar_path, &sidecar_linked, &sidecar_existed, error))
        goto out;
      if (!sidecar_linked)
        g_clear_pointer (&tmp_sidecar, g_free);
    }

  if (g_rename (tmp_json, path) != 0)
    {
      set_io_error (error, errno, "renaming the JSON to", path);
      if (sidecar != NULL && !sidecar_existed)
        g_unlink (sidecar_path);
      goto out;
    }
  g_clear_pointer (&tmp_json, g_free);
  ok = TRUE;

  /* The switch is on disk before anything the old JSON needed goes. */
  sync_directory (dir);
  if (previous != NULL)
    {
      g_autofree char *previous_path = g_build_filename (dir, previous, NULL);
      g_unlink (previous_path);
    }

out:
  if (release_mark != NULL)
    g_unlink (release_mark);
  if (tmp_sidecar != NULL)
    g_unlink (tmp_sidecar);
  if (tmp_json != NULL)
    g_unlink (tmp_json);
  release_temp (&release_fd);
  release_temp (&sidecar_fd);
  release_temp (&json_fd);
  /* Last, so that our own temporary files are no longer locked... and no
   * longer there: only dead writers' files are left to remove. */
  if (ok)
    remove_stale_temps (dir, base, sidecar);
  if (dir_fd >= 0)
    close (dir_fd);
  return ok;
}
