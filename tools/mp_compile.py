"""How the tools/check-*.py tests compile against the library's headers.

  compiler_and_flags(root, build, argv) -> (cc, cflags)

@argv is `CC... [-- CFLAGS...]` as tests/meson.build passes them; without
CFLAGS, pkg-config's for gio-2.0 and json-glib-1.0. Every folder of the
library is added to the include path, in the source tree and (for the
generated headers) the build tree, as the build itself sees them.
"""

import os
import subprocess

DEPENDENCIES = ['gio-2.0', 'json-glib-1.0']


def pkg_config(*args):
    return subprocess.run(['pkg-config'] + list(args) + DEPENDENCIES, stdout=subprocess.PIPE,
                          universal_newlines=True, check=True).stdout.split()


def compiler_and_flags(root, build, argv):
    split = argv.index('--') if '--' in argv else len(argv)
    cc, cflags = argv[:split], argv[split + 1:]
    if not cflags:
        cflags = pkg_config('--cflags')
    for tree in (build, root):
        for folder, _dirs, _files in os.walk(os.path.join(tree, 'libmodelpersist')):
            if '.p' not in folder and 'meson-' not in folder:
                cflags.append('-I' + folder)
    return cc, cflags
