// test-docs.js: run every ```js block of docs/javascript.md, in order, as
// one module written to a temporary file, and check the outputs the page
// shows in its comments.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';

const here = GLib.path_get_dirname(GLib.filename_from_uri(import.meta.url)[0]);
const root = GLib.build_filenamev([here, '..', '..']);
const docPath = GLib.build_filenamev([root, 'docs', 'javascript.md']);

const [, raw] = GLib.file_get_contents(docPath);
const text = new TextDecoder().decode(raw);
const blocks = [...text.matchAll(/^```js\n([\s\S]*?)^```$/gm)].map(m => m[1]);
if (blocks.length < 5)
    throw new Error(`docs/javascript.md has only ${blocks.length} js blocks`);

// What the page promises each print() shows: `print(...);  // TEXT`, where
// TEXT ends at two spaces (what follows is an aside), and comment-only lines
// that directly follow a line that prints (the output of a loop).
const expected = [];
for (const block of blocks) {
    let afterPrint = false;
    for (const line of block.split('\n')) {
        const inline = line.match(/print\(.*\);\s*\/\/ (.*)$/);
        const alone = line.match(/^\/\/ (.*)$/);
        if (inline)
            expected.push(inline[1].split('  ')[0].trim());
        else if (alone && afterPrint)
            expected.push(alone[1].trim());
        afterPrint = /print\(/.test(line) || (alone !== null && afterPrint);
    }
}

// The page imports the helpers by their resource URI, as any script does;
// the temporary file is outside the source tree.
const source = blocks.join('\n');
const [file, stream] = (await import('gi://Gio')).default.File.new_tmp('modelpersist-docs-XXXXXX.js');
stream.get_output_stream().write_all(new TextEncoder().encode(source), null);
stream.close(null);

const printed = [];
const realPrint = globalThis.print;
globalThis.print = (...args) => printed.push(args.join(' '));
try {
    await import(file.get_uri());
} finally {
    globalThis.print = realPrint;
    file.delete(null);
}

let count = 0;
for (const want of expected) {
    count++;
    if (!printed.includes(want))
        throw new Error(`not ok ${count} - docs/javascript.md promises "${want}"; printed:\n${printed.join('\n')}`);
    print(`ok ${count} - prints "${want}"`);
}
if (expected.length < 8)
    throw new Error(`only ${expected.length} promised outputs found`);
print(`1..${count}`);
