#!/usr/bin/env python3
"""Check that the version, the availability macros and `Since:` agree.

Run by the `versions` test (tests/meson.build):

  check-versions.py SOURCE_ROOT BUILD_ROOT CC... [-- CFLAGS...]

(without CFLAGS, those of pkg-config's gio-2.0 and json-glib-1.0)

1. Every declaration a public header marks MP_AVAILABLE_IN_X_Y has a
   gtk-doc comment whose `Since:` is X.Y, and every X.Y is at most the
   project's major.minor version (a symbol cannot come from the future).
2. mp-version-macros.h defines MP_VERSION_X_Y and MP_AVAILABLE_IN_X_Y for
   every version the headers use.
3. The macros work, compiled with the C compiler against the headers:
   MP_CHECK_VERSION agrees with the project version; a program limited by
   MP_VERSION_MAX_ALLOWED to the version before a symbol is warned
   ("Not available before X.Y"); MAX_ALLOWED below MIN_REQUIRED is an
   error.
"""

import os
import re
import subprocess
import sys
import tempfile

from mp_compile import compiler_and_flags


def project_version(root):
    with open(os.path.join(root, 'meson.build')) as f:
        m = re.search(r"version:\s*'(\d+)\.(\d+)\.(\d+)'", f.read())
    return tuple(int(x) for x in m.groups())


def public_headers(root):
    for folder, _dirs, files in os.walk(os.path.join(root, 'libmodelpersist')):
        for name in sorted(files):
            if name.endswith('.h') and not name.endswith('-private.h'):
                yield os.path.join(folder, name)


def declared_symbols(path):
    """(symbol, 'X.Y') for each MP_AVAILABLE_IN_X_Y declaration of a function."""
    with open(path) as f:
        text = f.read()
    for m in re.finditer(r'MP_AVAILABLE_IN_(\d+)_(\d+)\s*\n([^;]*?)\(', text):
        declaration = m.group(3)
        if declaration.lstrip().startswith('G_DECLARE_'):
            continue  # the type's get_type(); documented with the type
        name = re.findall(r'[A-Za-z_][A-Za-z0-9_]*', declaration)[-1]
        if name.endswith('_get_type'):
            continue  # documented with its type
        yield name, '%s.%s' % (m.group(1), m.group(2))


def since_by_symbol(root):
    """{symbol: 'X.Y' or None} from every gtk-doc comment in the sources."""
    found = {}
    for folder, _dirs, files in os.walk(os.path.join(root, 'libmodelpersist')):
        for name in files:
            if not name.endswith(('.c', '.h', '.in')):
                continue
            with open(os.path.join(folder, name)) as f:
                text = f.read()
            for m in re.finditer(r'/\*\*\n \* ([A-Za-z_][A-Za-z0-9_]*):.*?\*/', text, re.S):
                since = re.search(r'^ \* Since: (\S+)$', m.group(0), re.M)
                found[m.group(1)] = since.group(1) if since else None
    return found


def compile_snippet(cc, cflags, defines, body):
    """(succeeded, compiler output) of compiling @body against the headers."""
    source = '#include <modelpersist.h>\n' + body + '\n'
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, 'snippet.c')
        with open(path, 'w') as f:
            f.write(source)
        args = cc + cflags + ['-D%s=%s' % d for d in defines] + \
            ['-Wall', '-Werror=deprecated-declarations', '-fsyntax-only', path]
        run = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             universal_newlines=True)
    return run.returncode == 0, run.stdout


def main():
    root, build = sys.argv[1], sys.argv[2]
    cc, cflags = compiler_and_flags(root, build, sys.argv[3:])
    major, minor, micro = project_version(root)
    problems = []

    docs = since_by_symbol(root)
    versions = set()
    count = 0
    for header in public_headers(root):
        for symbol, version in declared_symbols(header):
            count += 1
            versions.add(version)
            where = os.path.relpath(header, root)
            if symbol not in docs:
                problems.append('%s: %s has no gtk-doc comment' % (where, symbol))
            elif docs[symbol] != version:
                problems.append('%s: %s is MP_AVAILABLE_IN_%s but its comment says Since: %s'
                                % (where, symbol, version.replace('.', '_'), docs[symbol]))
            if tuple(int(x) for x in version.split('.')) > (major, minor):
                problems.append('%s: %s is available in %s, after the project version %d.%d.%d'
                                % (where, symbol, version, major, minor, micro))
    for symbol, version in docs.items():
        if version is not None and tuple(int(x) for x in version.split('.')) > (major, minor):
            problems.append('%s says Since: %s, after the project version %d.%d'
                            % (symbol, version, major, minor))

    with open(os.path.join(root, 'libmodelpersist', 'mp-version-macros.h')) as f:
        macros = f.read()
    for version in sorted(versions):
        tag = version.replace('.', '_')
        for macro in ('MP_VERSION_' + tag, 'MP_AVAILABLE_IN_' + tag):
            if not re.search(r'#\s*define %s\b' % macro, macros):
                problems.append('mp-version-macros.h does not define %s' % macro)

    # The macros, as a program sees them.
    ok, out = compile_snippet(cc, cflags, [], '''
_Static_assert (MP_CHECK_VERSION (%d, %d, %d), "the version itself");
_Static_assert (!MP_CHECK_VERSION (%d, %d, 0), "the next minor version");
_Static_assert (!MP_CHECK_VERSION (%d, 0, 0), "the next major version");
''' % (major, minor, micro, major, minor + 1, major + 1))
    if not ok:
        problems.append('MP_CHECK_VERSION disagrees with %d.%d.%d:\n%s' % (major, minor, micro, out))

    newest = max(versions, key=lambda v: tuple(int(x) for x in v.split('.')))
    newest_tag = newest.replace('.', '_')
    symbol = next(s for h in public_headers(root) for s, v in declared_symbols(h) if v == newest)
    use = 'void *use (void) { return (void *) %s; }' % symbol
    limit = 'MP_VERSION_' + newest_tag
    ok, out = compile_snippet(cc, cflags, [('MP_VERSION_MIN_REQUIRED', limit),
                                           ('MP_VERSION_MAX_ALLOWED', limit)], use)
    if not ok:
        problems.append('%s does not build with MP_VERSION_MAX_ALLOWED=%s:\n%s' % (symbol, limit, out))

    n_major, n_minor = (int(x) for x in newest.split('.'))
    before = 'G_ENCODE_VERSION (%d, %d)' % ((n_major, n_minor - 1) if n_minor > 0 else (n_major - 1, 99))
    ok, out = compile_snippet(cc, cflags, [('MP_VERSION_MIN_REQUIRED', before),
                                           ('MP_VERSION_MAX_ALLOWED', before)], use)
    if ok or 'Not available before %s' % newest not in out:
        problems.append('using %s with MP_VERSION_MAX_ALLOWED before %s was not refused:\n%s'
                        % (symbol, newest, out))

    ok, out = compile_snippet(cc, cflags, [('MP_VERSION_MIN_REQUIRED', limit),
                                           ('MP_VERSION_MAX_ALLOWED', before)], '')
    if ok or 'MP_VERSION_MAX_ALLOWED must be >= MP_VERSION_MIN_REQUIRED' not in out:
        problems.append('MAX_ALLOWED below MIN_REQUIRED was not an error:\n%s' % out)

    for problem in problems:
        print('FAIL:', problem)
    print('%d declarations checked against Since:, versions %s, project %d.%d.%d: %d problems'
          % (count, ', '.join(sorted(versions)), major, minor, micro, len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
