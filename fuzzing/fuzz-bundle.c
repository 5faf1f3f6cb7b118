/* fuzz-bundle.c: mp_load() on a bundle in a directory
 *
 * The input is the JSON text, FUZZ_SEPARATOR, then the sidecar's bytes.
 * The JSON goes to DIR/model.json; the sidecar is written under the name
 * the JSON gives in "payload": {"file": ...} when that is a plain name,
 * so the fuzzer can reach every check of the sidecar. Each input is
 * loaded twice, copying and mapping the sidecar.
 *
 * The bundle's directory also holds link.bin, a symbolic link to a file
 * outside it (secret.bin, 4096 zero bytes), which the dictionary names,
 * so that documents pointing at it are among the inputs; the hostile
 * corpus test checks deterministically that such a link is refused.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "fuzz-common.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static char *top_dir;     /* holds secret.bin */
static char *bundle_dir;  /* top_dir/bundle: model.json, the sidecar, link.bin */
static char *json_path;

static void
remove_dir_contents (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      if (g_unlink (path) != 0)
        g_rmdir (path);
    }
}

static void
cleanup (void)
{
  remove_dir_contents (bundle_dir);
  g_rmdir (bundle_dir);
  remove_dir_contents (top_dir);
  g_rmdir (top_dir);
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autofree char *secret = NULL;
  g_autofree char *link = NULL;
  guint8 block[4096];

  fuzz_init ();
  top_dir = g_dir_make_tmp ("mp-fuzz-bundle-XXXXXX", NULL);
  if (top_dir == NULL)
    abort ();
  bundle_dir = g_build_filename (top_dir, "bundle", NULL);
  json_path = g_build_filename (bundle_dir, "model.json", NULL);
  secret = g_build_filename (top_dir, "secret.bin", NULL);
  link = g_build_filename (bundle_dir, "link.bin", NULL);
  if (g_mkdir (bundle_dir, 0700) != 0)
    abort ();
  memset (block, 0, sizeof block);
  if (!g_file_set_contents (secret, (const char *) block, sizeof block, NULL) ||
      symlink (secret, link) != 0)
    abort ();
  atexit (cleanup);
  return 0;
}

/* The sidecar name the document asks for, if it is one this harness can
 * create (the loader's own checks decide whether it is acceptable). */
static char *
requested_sidecar (const guint8 *json,
                   gsize         length)
{
  static const char key[] = "\"file\": \"";
  const guint8 *at = memmem (json, length, key, sizeof key - 1);
  const guint8 *start, *end;
  char *name;

  if (at == NULL)
    return NULL;
  start = at + sizeof key - 1;
  end = memchr (start, '"', length - (gsize) (start - json));
  if (end == NULL || end == start || end - start > 200)
    return NULL;
  name = g_strndup ((const char *) start, (gsize) (end - start));
  if (strchr (name, '/') != NULL || strchr (name, '\\') != NULL || name[0] == '.' ||
      strcmp (name, "link.bin") == 0 || strcmp (name, "model.json") == 0 ||
      !g_utf8_validate (name, -1, NULL))
    {
      g_free (name);
      return NULL;
    }
  return name;
}

static void
load_once (gboolean map)
{
  g_autoptr(MpLoadOptions) options = mp_load_options_new ();
  g_autoptr(MpEstimator) estimator = NULL;
  g_autoptr(GError) error = NULL;

  mp_load_options_set_map_payload (options, map);
  estimator = mp_load_full (json_path, options, NULL, &error);
  if ((estimator == NULL) == (error == NULL))
    abort ();
  if (error != NULL && (error->domain != MP_ERROR || error->message[0] == '\0'))
    abort ();
  if (estimator != NULL)
    fuzz_exercise (estimator, options);
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  const guint8 *json, *sidecar;
  gsize json_length, sidecar_length;
  g_autofree char *name = NULL;
  g_autofree char *sidecar_path = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_split (data, size, &json, &json_length, &sidecar, &sidecar_length);

  if (!g_file_set_contents (json_path, (const char *) json, (gssize) json_length, &error))
    abort ();
  name = requested_sidecar (json, json_length);
  if (name != NULL)
    {
      sidecar_path = g_build_filename (bundle_dir, name, NULL);
      if (!g_file_set_contents (sidecar_path, (const char *) sidecar, (gssize) sidecar_length, NULL))
        g_clear_pointer (&sidecar_path, g_free);
    }

  load_once (FALSE);
  load_once (TRUE);

  if (sidecar_path != NULL)
    g_unlink (sidecar_path);
  g_unlink (json_path);
  return 0;
}
