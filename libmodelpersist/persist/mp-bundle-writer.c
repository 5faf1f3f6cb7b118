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

#include "mp-bundle-writer-private.h"
#include "mp-document-private.h"
#include "mp-error.h"
#include "mp-fd-output-stream-private.h"

/* The protocol (docs/format.md, "Saving"):
 *
 * 1. Both files are written to temporary names in the destination
 *    directory (".NAME.json.XXXXXX.tmp", created with O_EXCL), flushed and
 *    fsync()ed.
 * 2. The sidecar's final name carries a hash of the model's content
 *    (NAME.0123456789abcdef.bin), so renaming it into place never touches
 *    the sidecar the current NAME.json points at: until step 3 the old
 *    JSON still finds its old, unchanged sidecar.
 * 3. NAME.json is renamed over the old one: the atomic switch.
 * 4. The directory is fsync()ed, then sidecars of earlier saves
 *    (NAME.<16 hex digits>.bin other than the new one) are removed.
 *
 * A failure before step 3 removes the temporary files and the new sidecar
 * (unless an identical one was already there), leaving the directory as
 * it was. A crash between steps 2 and 3 can leave an unreferenced sidecar
 * behind; the next successful save of the same NAME removes it.
 *
 * A process killed during a save cannot remove its temporary files. Each
 * writer holds an exclusive flock() on its temporary files from creation
 * until its save ends, and the kernel drops the lock when the process
 * dies; so the next save of the same NAME removes every temporary file of
 * that NAME whose lock it can take: exactly the ones left by dead
 * processes. Steps 2-4 and that clean-up run under a flock() on the
 * directory, so that concurrent saves of one NAME (in threads or
 * processes) never delete each other's sidecar: the last rename wins and
 * its sidecar stays. */

char *
_mp_bundle_sidecar_name (const char *json_basename,
                         const char *content_id)
{
  g_autofree char *stem = NULL;
  const char *start = json_basename;

  while (*start == '.')
    start++;
  stem = g_str_has_suffix (start, ".json") ? g_strndup (start, strlen (start) - 5)
                                           : g_strdup (start);
  if (*stem == '\0')
    {
      g_free (stem);
      stem = g_strdup ("model");
    }
  return g_strdup_printf ("%s.%s.bin", stem, content_id);
}

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
                                   const char    *json,
                                   GOutputStream *stream,
                                   GCancellable  *cancellable,
                                   GError       **error);

static gboolean
write_payload (MpSerialized  *serialized,
               const char    *json,
               GOutputStream *stream,
               GCancellable  *cancellable,
               GError       **error)
{
  return _mp_document_write_payload (serialized, stream, cancellable, error);
}

static gboolean
write_json (MpSerialized  *serialized,
            const char    *json,
            GOutputStream *stream,
            GCancellable  *cancellable,
            GError       **error)
{
  return g_output_stream_write_all (stream, json, strlen (json), NULL, cancellable, error);
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
            const char       *json,
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

static gboolean
is_old_sidecar (const char *name,
                const char *stem_with_dot,
                const char *keep)
{
  gsize n = strlen (stem_with_dot);

  if (strcmp (name, keep) == 0 || strncmp (name, stem_with_dot, n) != 0)
    return FALSE;
  name += n;
  for (int i = 0; i < 16; i++)
    if (!g_ascii_isxdigit (name[i]) || g_ascii_isupper (name[i]))
      return FALSE;
  return strcmp (name + 16, ".bin") == 0;
}

static void
remove_old_sidecars (const char *dir,
                     const char *json_basename,
                     const char *keep)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *probe = _mp_bundle_sidecar_name (json_basename, "0000000000000000");
  g_autofree char *stem_with_dot = g_strndup (probe, strlen (probe) - strlen ("0000000000000000.bin"));
  const char *name;

  if (listing == NULL)
    return;

  while ((name = g_dir_read_name (listing)) != NULL)
    if (is_old_sidecar (name, stem_with_dot, keep != NULL ? keep : ""))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        g_unlink (path);
      }
}

/* ".NAME.json.XXXXXX.tmp" or ".STEM.<16 hex>.bin.XXXXXX.tmp": a temporary
 * file of a save of @json_basename (see write_temp). */
static gboolean
is_temp_of (const char *name,
            const char *json_basename,
            const char *stem_with_dot)
{
  gsize n = strlen (name);
  const char *rest;

  if (n < 12 || name[0] != '.' || strcmp (name + n - 4, ".tmp") != 0)
    return FALSE;
  /* the XXXXXX part: six characters, then ".tmp" */
  if (name[n - 11] != '.')
    return FALSE;

  rest = name + 1;
  if (strncmp (rest, json_basename, strlen (json_basename)) == 0 &&
      rest + strlen (json_basename) == name + n - 11)
    return TRUE;

  if (strncmp (rest, stem_with_dot, strlen (stem_with_dot)) != 0)
    return FALSE;
  rest += strlen (stem_with_dot);
  for (int i = 0; i < 16; i++)
    if (!g_ascii_isxdigit (rest[i]) || g_ascii_isupper (rest[i]))
      return FALSE;
  return strncmp (rest + 16, ".bin", 4) == 0 && rest + 20 == name + n - 11;
}

/* Removes the temporary files of saves of @json_basename whose writers
 * died (killed, crashed, powered off): those whose lock is free. */
static void
remove_stale_temps (const char *dir,
                    const char *json_basename)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autofree char *probe = _mp_bundle_sidecar_name (json_basename, "0000000000000000");
  g_autofree char *stem_with_dot = g_strndup (probe, strlen (probe) - strlen ("0000000000000000.bin"));
  const char *name;

  if (listing == NULL)
    return;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      int fd;

      if (!is_temp_of (name, json_basename, stem_with_dot))
        continue;
      path = g_build_filename (dir, name, NULL);
      fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
      if (fd < 0)
        continue;
      /* Unlinked while locked: a writer that locks it next sees no link
       * and starts over (create_locked_temp). */
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        g_unlink (path);
      close (fd);
    }
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
  g_autofree char *json = NULL;
  g_autofree char *tmp_sidecar = NULL;
  g_autofree char *tmp_json = NULL;
  gboolean sidecar_existed = FALSE;
  gboolean ok = FALSE;
  int sidecar_fd = -1, json_fd = -1, dir_fd = -1;

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

  if (sidecar != NULL)
    {
      /* Same name means same content: replacing it changes nothing the
       * current JSON could see. */
      sidecar_existed = g_file_test (sidecar_path, G_FILE_TEST_EXISTS);
      if (g_rename (tmp_sidecar, sidecar_path) != 0)
        {
          set_io_error (error, errno, "renaming the sidecar to", sidecar_path);
          goto out;
        }
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

  sync_directory (dir);
  remove_old_sidecars (dir, base, sidecar);

out:
  if (tmp_sidecar != NULL)
    g_unlink (tmp_sidecar);
  if (tmp_json != NULL)
    g_unlink (tmp_json);
  release_temp (&sidecar_fd);
  release_temp (&json_fd);
  /* Last, so that our own temporary files are no longer locked... and no
   * longer there: only dead writers' files are left to remove. */
  if (ok)
    remove_stale_temps (dir, base);
  if (dir_fd >= 0)
    close (dir_fd);
  return ok;
}
