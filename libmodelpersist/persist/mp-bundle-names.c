/* mp-bundle-names.c: the names of a bundle's files, and which names
 * provably belong to which bundle
 *
 * A save may delete files, so it must know for certain which files are
 * its own. Everything here follows from one rule: the sidecar name of a
 * bundle is derived from the bundle's whole JSON file name, injectively,
 * so no two bundles in a directory can ever produce (or claim, when
 * cleaning up) the same sidecar name.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "mp-bundle-names-private.h"
#include "mp-format-private.h"
#include "mp-json-scan-private.h"

char *
_mp_bundle_sidecar_stem (const char *json_basename)
{
  /* "_" escapes a leading "." (no hidden sidecars) and, so that the
   * mapping stays one-to-one, a leading "_" too: ".m" -> "_.m",
   * "_m" -> "__m", "m" -> "m". */
  if (json_basename[0] == '.' || json_basename[0] == '_')
    return g_strconcat ("_", json_basename, NULL);
  return g_strdup (json_basename);
}

char *
_mp_bundle_sidecar_name (const char *json_basename,
                         const char *content_id)
{
  g_autofree char *stem = _mp_bundle_sidecar_stem (json_basename);

  return g_strdup_printf ("%s.%s.bin", stem, content_id);
}

static gboolean
is_content_id (const char *s)
{
  for (int i = 0; i < MP_BUNDLE_CONTENT_ID_LENGTH; i++)
    if (!g_ascii_isxdigit (s[i]) || g_ascii_isupper (s[i]))
      return FALSE;
  return TRUE;
}

/* TRUE if @name is exactly @stem, ".", 16 hex digits, ".bin". */
static gboolean
is_sidecar_of_stem (const char *name,
                    const char *stem)
{
  gsize n = strlen (stem);

  return strncmp (name, stem, n) == 0 && name[n] == '.' && is_content_id (name + n + 1) &&
         strcmp (name + n + 1 + MP_BUNDLE_CONTENT_ID_LENGTH, ".bin") == 0;
}

gboolean
_mp_bundle_is_own_sidecar (const char *name,
                           const char *json_basename)
{
  g_autofree char *stem = _mp_bundle_sidecar_stem (json_basename);

  return is_sidecar_of_stem (name, stem);
}

/* The stem the first 1.0 writers used: no leading dots, no ".json". */
static char *
legacy_stem (const char *json_basename)
{
  const char *start = json_basename;

  while (*start == '.')
    start++;
  if (g_str_has_suffix (start, ".json"))
    return g_strndup (start, strlen (start) - 5);
  return g_strdup (*start != '\0' ? start : "model");
}

gboolean
_mp_bundle_is_legacy_sidecar (const char *name,
                              const char *json_basename)
{
  g_autofree char *stem = legacy_stem (json_basename);

  return is_sidecar_of_stem (name, stem);
}

gboolean
_mp_bundle_shared_legacy_stem (const char *a,
                               const char *b)
{
  g_autofree char *stem_a = legacy_stem (a);
  g_autofree char *stem_b = legacy_stem (b);

  return strcmp (stem_a, stem_b) == 0;
}

/* ".BODY.XXXXXX.tmp": returns BODY's length, or 0 if @name is not of that
 * shape (the six characters are mkstemp's). */
static gsize
temp_body_length (const char *name)
{
  gsize n = strlen (name);

  if (n < 1 + 1 + 1 + 6 + 4 || name[0] != '.' || strcmp (name + n - 4, ".tmp") != 0 ||
      name[n - 11] != '.')
    return 0;
  return n - 12;
}

MpBundleTempKind
_mp_bundle_temp_kind (const char  *name,
                      const char  *json_basename,
                      char       **out_sidecar)
{
  gsize body = temp_body_length (name);
  g_autofree char *body_text = NULL;

  if (body == 0)
    return MP_BUNDLE_TEMP_NONE;
  body_text = g_strndup (name + 1, body);

  if (strcmp (body_text, json_basename) == 0)
    return MP_BUNDLE_TEMP_JSON;
  if (_mp_bundle_is_own_sidecar (body_text, json_basename))
    {
      if (out_sidecar != NULL)
        *out_sidecar = g_steal_pointer (&body_text);
      return MP_BUNDLE_TEMP_SIDECAR;
    }
  return MP_BUNDLE_TEMP_NONE;
}

/* ---- what an existing JSON names ---------------------------------------- */

/* A bundle's JSON this large is not one this library wrote with default
 * limits; its sidecar (if any) is left alone. */
#define MAX_REFERENCE_JSON_BYTES (64u * 1024 * 1024)
/* The `payload` member is two short fields. */
#define MAX_PAYLOAD_MEMBER_BYTES 4096

static const char *
skip_ws (const char *p,
         const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

/* Past the string starting at @p (which is '"'), or NULL. */
static const char *
skip_string (const char *p,
             const char *end)
{
  for (p++; p < end; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == '"')
        return p + 1;
    }
  return NULL;
}

/* Past the JSON value starting at @p, or NULL. Containers are skipped by
 * counting brackets (no recursion, no stack), so any nesting costs one
 * step per byte. */
static const char *
skip_value (const char *p,
            const char *end)
{
  gsize depth = 0;

  do
    {
      p = skip_ws (p, end);
      if (p >= end)
        return NULL;
      if (*p == '"')
        {
          p = skip_string (p, end);
          if (p == NULL)
            return NULL;
        }
      else if (*p == '{' || *p == '[')
        depth++, p++;
      else if (*p == '}' || *p == ']')
        {
          if (depth == 0)
            return NULL;
          depth--, p++;
        }
      else if (depth > 0 && (*p == ',' || *p == ':'))
        p++;
      else
        {
          /* a number, true, false or null */
          while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\n' &&
                 *p != '\t' && *p != '\r' && *p != ':')
            p++;
        }
    }
  while (depth > 0);
  return p;
}

/* The text of the top-level member @key of the object in @text, or FALSE.
 * Keys are compared as written (our writers never escape them). */
static gboolean
find_top_level_member (const char  *text,
                       gsize        length,
                       const char  *key,
                       const char **out_start,
                       const char **out_end)
{
  const char *end = text + length;
  const char *p = skip_ws (text, end);
  gsize key_length = strlen (key);

  if (p >= end || *p != '{')
    return FALSE;
  p++;
  for (;;)
    {
      const char *key_start, *key_end, *value_start;

      p = skip_ws (p, end);
      if (p >= end || *p != '"')
        return FALSE;
      key_start = p + 1;
      p = skip_string (p, end);
      if (p == NULL)
        return FALSE;
      key_end = p - 1;   /* the closing quote */
      p = skip_ws (p, end);
      if (p >= end || *p != ':')
        return FALSE;
      value_start = skip_ws (p + 1, end);
      p = skip_value (value_start, end);
      if (p == NULL)
        return FALSE;
      if ((gsize) (key_end - key_start) == key_length && memcmp (key_start, key, key_length) == 0)
        {
          *out_start = value_start;
          *out_end = p;
          return TRUE;
        }
      p = skip_ws (p, end);
      if (p >= end || *p != ',')
        return FALSE;
      p++;
    }
}

static char *
read_small_regular_file (const char *path,
                         gsize      *out_length)
{
  struct stat st;
  g_autofree char *data = NULL;
  gsize done = 0;
  int fd;

  /* No symbolic links, and never block on a FIFO planted at the path. */
  fd = open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK);
  if (fd < 0)
    return NULL;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size <= 0 ||
      (guint64) st.st_size > MAX_REFERENCE_JSON_BYTES)
    {
      close (fd);
      return NULL;
    }
  data = g_malloc ((gsize) st.st_size);
  while (done < (gsize) st.st_size)
    {
      ssize_t n = read (fd, data + done, (gsize) st.st_size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  close (fd);
  *out_length = done;
  return g_steal_pointer (&data);
}

char *
_mp_bundle_read_sidecar_reference (const char *path)
{
  g_autofree char *text = NULL;
  g_autoptr(JsonParser) parser = NULL;
  const char *start, *end;
  gsize length = 0;
  JsonNode *root;
  JsonObject *payload;
  const char *file;

  text = read_small_regular_file (path, &length);
  if (text == NULL || (length >= MP_STREAM_MAGIC_LEN &&
                       memcmp (text, MP_STREAM_MAGIC, MP_STREAM_MAGIC_LEN) == 0))
    return NULL;
  if (!find_top_level_member (text, length, "payload", &start, &end) ||
      (gsize) (end - start) > MAX_PAYLOAD_MEMBER_BYTES)
    return NULL;

  /* Only the small `payload` member reaches json-glib, after the bounded
   * scan has accepted it. */
  if (!_mp_json_scan (start, (gsize) (end - start), 4, MAX_PAYLOAD_MEMBER_BYTES, NULL, NULL))
    return NULL;
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, start, end - start, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  payload = json_node_get_object (root);
  if (!json_object_has_member (payload, "file") ||
      !JSON_NODE_HOLDS_VALUE (json_object_get_member (payload, "file")) ||
      json_node_get_value_type (json_object_get_member (payload, "file")) != G_TYPE_STRING)
    return NULL;
  file = json_object_get_string_member (payload, "file");
  if (file == NULL || *file == '\0' || strchr (file, '/') != NULL || file[0] == '.')
    return NULL;
  return g_strdup (file);
}
