#!/usr/bin/env python3
"""Check that every section page of the reference has a C example, and that
the examples compile, link and run.

Run by the `doc-examples` test (tests/meson.build, suite 'docs'):

  check-doc-examples.py SOURCE_ROOT BUILD_ROOT LIBRARY CC... [-- CFLAGS...]

(without CFLAGS, those of pkg-config's gio-2.0 and json-glib-1.0; LIBRARY
is the built shared libmodelpersist)

1. Every `SECTION:` comment in libmodelpersist (the .c files and
   mp-version.h.in) holds at least one `|[<!-- language="C" -->` block;
   a section without one fails, named.
2. Each block becomes one C file that includes <modelpersist.h>: a block
   of statements is wrapped in `static void example_N (void) { ... }`; a
   block that defines functions at top level (a line that is a lone `{`
   in column 0 opens a function body) is kept as it is, and the last
   function it defines taking `(void)` is the one run. Each file is
   compiled with -Wall -Werror (implicit declarations are errors; unused
   variables and functions are not, an example may show a value without
   using it) and a failure names the section and the line in it.
3. The objects are linked with a main() that runs every example, against
   LIBRARY, and the program is run with G_DEBUG=fatal-criticals (a wrong
   property name or a failed g_return_if_fail() aborts it; so does the
   g_warning() an example gives when a call fails) from inside a
   temporary directory (under $MP_DOC_EXAMPLES_WRAPPER, e.g. valgrind,
   when set).
"""

import os
import re
import subprocess
import sys
import tempfile

from mp_compile import compiler_and_flags, pkg_config

OPEN = '|[<!-- language="C" -->'
CLOSE = ']|'

WARNINGS = ['-Wall', '-Werror', '-Wno-unused-variable', '-Wno-unused-function',
            '-Wno-unused-but-set-variable', '-Werror=implicit-function-declaration',
            '-std=gnu11']


def section_comments(root):
    """(relative path, section name, first line number, comment lines)."""
    for folder, _dirs, files in os.walk(os.path.join(root, 'libmodelpersist')):
        for name in sorted(files):
            if not name.endswith(('.c', '.h.in')):
                continue
            path = os.path.join(folder, name)
            with open(path) as f:
                text = f.read()
            for m in re.finditer(r'/\*\*\n \* SECTION:(\S+)\n(.*?)\*/', text, re.S):
                line = text.count('\n', 0, m.start()) + 1
                yield (os.path.relpath(path, root), m.group(1), line,
                       m.group(0).split('\n'))


def c_blocks(lines):
    """(offset of the block's first line in the comment, code lines) for each C block."""
    blocks = []
    code = None
    for i, raw in enumerate(lines):
        text = re.sub(r'^ \* ?', '', raw)
        if code is None:
            if text.strip() == OPEN:
                code, start = [], i + 1
        elif text.strip() == CLOSE:
            blocks.append((start, code))
            code = None
        else:
            code.append(text)
    return blocks


def top_level_functions(code):
    """Names of the functions a block defines at top level, in order."""
    names = []
    for i, line in enumerate(code):
        if line.rstrip() == '{' and i > 0:
            # GNOME style: `type\nname (args)\n{`; the name opens the line
            # that starts the declarator (arguments may continue below).
            j = i - 1
            while j > 0 and not re.match(r'^[A-Za-z_]\w*\s*\(', code[j]):
                j -= 1
            m = re.match(r'^([A-Za-z_]\w*)\s*\((.*)', code[j])
            if m:
                args = ' '.join([m.group(2)] + code[j + 1:i])
                names.append((m.group(1), re.match(r'\s*void\s*\)', args) is not None))
    return names


def main():
    root, build = sys.argv[1], sys.argv[2]
    library = os.path.abspath(sys.argv[3])
    cc, cflags = compiler_and_flags(root, build, sys.argv[4:])
    libs = pkg_config('--libs')

    problems = []
    n_sections = 0
    examples = []   # (section, where, entry point)
    with tempfile.TemporaryDirectory(prefix='mp-doc-examples-') as tmp:
        objects = []
        for where, section, first_line, lines in section_comments(root):
            n_sections += 1
            blocks = c_blocks(lines)
            if not blocks:
                problems.append('%s:%d: section %s has no %s block' % (where, first_line, section, OPEN))
                continue
            for offset, code in blocks:
                n = len(examples)
                block_line = first_line + offset
                functions = top_level_functions(code)
                # #line makes the compiler's messages point into the comment.
                source = ['#include <modelpersist.h>', '#line %d "%s"' % (block_line, where)]
                if functions:
                    runnable = [name for name, takes_void in functions if takes_void]
                    if not runnable:
                        problems.append('%s:%d: section %s: the example defines functions but '
                                        'none taking (void) to run' % (where, block_line, section))
                        continue
                    source += code + ['', 'void run_example_%d (void);' % n,
                                      'void run_example_%d (void) { %s (); }' % (n, runnable[-1])]
                else:
                    source[1:1] = ['static void example_%d (void);' % n,
                                   'static void example_%d (void)' % n, '{']
                    source += code + ['}', 'void run_example_%d (void);' % n,
                                      'void run_example_%d (void) { example_%d (); }' % (n, n)]
                path = os.path.join(tmp, 'example-%d.c' % n)
                with open(path, 'w') as f:
                    f.write('\n'.join(source) + '\n')
                obj = path[:-2] + '.o'
                run = subprocess.run(cc + cflags + WARNINGS + ['-c', path, '-o', obj],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     universal_newlines=True)
                if run.returncode != 0:
                    problems.append('section %s, example at %s:%d does not compile:\n%s'
                                    % (section, where, block_line, run.stdout))
                    continue
                objects.append(obj)
                examples.append((section, '%s:%d' % (where, block_line), n))

        if examples:   # also when some failed to compile: report every failure at once
            main_c = os.path.join(tmp, 'main.c')
            with open(main_c, 'w') as f:
                f.write('#include <stdio.h>\n')
                for _section, _where, n in examples:
                    f.write('void run_example_%d (void);\n' % n)
                f.write('int\nmain (void)\n{\n')
                for section, where, n in examples:
                    f.write('  printf ("# %s (%s)\\n"); fflush (stdout);\n' % (section, where))
                    f.write('  run_example_%d ();\n' % n)
                f.write('  return 0;\n}\n')
            program = os.path.join(tmp, 'doc-examples')
            run = subprocess.run(cc + cflags + WARNINGS + [main_c] + objects +
                                 [library, '-Wl,-rpath,' + os.path.dirname(library)] +
                                 libs + ['-o', program],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                 universal_newlines=True)
            if run.returncode != 0:
                problems.append('the examples do not link:\n' + run.stdout)
            else:
                env = dict(os.environ)
                debug = [d for d in env.get('G_DEBUG', '').split(',') if d]
                env['G_DEBUG'] = ','.join(debug + ['fatal-warnings', 'fatal-criticals'])
                workdir = os.path.join(tmp, 'run')
                os.mkdir(workdir)
                # MP_DOC_EXAMPLES_WRAPPER runs the program under a tool, for
                # example "valgrind --error-exitcode=1 --leak-check=full".
                wrapper = os.environ.get('MP_DOC_EXAMPLES_WRAPPER', '').split()
                run = subprocess.run(wrapper + [program], cwd=workdir, env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                     universal_newlines=True)
                if run.returncode != 0:
                    ran = re.findall(r'^# (.*)$', run.stdout, re.M)
                    problems.append('the examples failed (exit status %d) in %s:\n%s'
                                    % (run.returncode, ran[-1] if ran else '?', run.stdout))
                else:
                    print(run.stdout, end='')   # what the examples printed, in the test log
                if run.returncode == 0 and os.listdir(workdir):
                    problems.append('the examples left files behind: %s'
                                    % ', '.join(sorted(os.listdir(workdir))))

    for problem in problems:
        print('FAIL:', problem)
    print('%d sections, %d C examples checked (compiled, linked and run): %d problems'
          % (n_sections, len(examples), len(problems)))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main())
