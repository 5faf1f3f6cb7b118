// table-predict.js: loads a saved model and predicts on a table, printing
// one label per line: the GJS side of the end-to-end tabular test
// (tests/python/test_tabular_model.py runs it in a fresh process).
//
//   gjs -m table-predict.js MODEL TABLE
//
// TABLE is tab-separated: column names, column types (number or text),
// then one line per row.
import GLib from 'gi://GLib';
import ModelPersist from 'gi://ModelPersist?version=1.0';
import System from 'system';

const [modelPath, tablePath] = ARGV;
const [, contents] = GLib.file_get_contents(tablePath);
const lines = new TextDecoder().decode(contents).trimEnd().split('\n');
const names = lines[0].split('\t');
const types = lines[1].split('\t');
const rows = lines.slice(2).map(line => line.split('\t'));
const columns = names.map((_, j) => types[j] === 'text'
    ? ModelPersist.Array.new_strings(rows.map(r => r[j]), [rows.length])
    : ModelPersist.Array.new_float64(rows.map(r => Number(r[j])), [rows.length]));
const table = ModelPersist.Array.new_columns(columns, names);

// A bundle or a single-stream file: load() reads either.
const model = ModelPersist.load(modelPath);
const labels = model.predict(table);
const out = [];
for (let i = 0; i < labels.get_n_elements(); i++)
    out.push(labels.get_dtype() === ModelPersist.DType.STRING ? labels.get_string(i) : String(labels.get_double(i)));
print(out.join('\n'));
System.exit(0);
