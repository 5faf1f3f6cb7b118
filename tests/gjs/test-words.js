// test-words.js: word-valued hyperparameters from GJS. GJS turns a string
// given to an enum property into member 0, so `kernel: 'rbf'` used to give
// a linear kernel; these properties are strings whose allowed words are
// declared. Every hyperparameter with declared words of every estimator
// class in the namespace is found by walking the typelib and the
// declarations, so new ones are covered without editing this file.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import ModelPersist from 'gi://ModelPersist?version=1.0';

let count = 0;
function ok(condition, what) {
    count++;
    if (!condition)
        throw new Error(`not ok ${count} - ${what}`);
    print(`ok ${count} - ${what}`);
}

// The MP_ERROR @call throws, or null if it does not throw.
function refusal(call) {
    try {
        call();
    } catch (e) {
        if (e instanceof GLib.Error && e.domain === ModelPersist.error_quark())
            return e;
        throw e;
    }
    return null;
}

const iris = ModelPersist.load_iris();
const Role = ModelPersist.PropertyRole;

// The issue's own example.
const svc = new ModelPersist.SVC({kernel: 'rbf'});
ok(svc.kernel === 'rbf', "new SVC({kernel: 'rbf'}) reads back 'rbf'");
svc.kernel = 'poly';
ok(svc.kernel === 'poly' && svc.to_string().includes("kernel='poly'"), "svc.kernel = 'poly'");

const estimatorClasses = Object.keys(ModelPersist)
    .map(name => [name, ModelPersist[name]])
    .filter(([, klass]) => typeof klass === 'function' && klass.$gtype &&
        GObject.type_is_a(klass.$gtype, ModelPersist.Estimator.$gtype) &&
        !GObject.type_test_flags(klass.$gtype, GObject.TypeFlags.ABSTRACT));

// An estimator of the class that fit accepts: a composite gets its
// declared example members.
function example(Klass, jsName, word) {
    const est = ModelPersist.Estimator.type_new_example(Klass.$gtype);
    if (jsName !== undefined)
        est[jsName] = word;
    return est;
}

let nWordParams = 0;
for (const [className, Klass] of estimatorClasses) {
    for (const pspec of new Klass().list_properties(Role.HYPERPARAMETER)) {
        const words = ModelPersist.Estimator.type_list_words(Klass.$gtype, pspec.name);
        if (!words || words.length === 0)
            continue;
        nWordParams++;
        const jsName = pspec.name.replace(/-/g, '_');
        const display = ModelPersist.param_spec_get_display_name(pspec);
        const where = `${className}.${jsName}`;

        ok(pspec.value_type === GObject.TYPE_STRING, `${where}: a string property`);

        // Each allowed word round-trips: constructor, attribute, fit, a file.
        for (const word of words) {
            const est = example(Klass, jsName, word);
            ok(est[jsName] === word, `${where}: '${word}' reads back '${word}'`);
            const built = new Klass({[jsName]: word});
            ok(built[jsName] === word, `${where}: constructor with '${word}' reads back '${word}'`);
            const other = example(Klass);
            other[jsName] = word;
            ok(other[jsName] === word, `${where}: attribute set to '${word}'`);
            est.fit(iris.data, iris.target);
            const loaded = ModelPersist.loads(ModelPersist.dumps(est));
            ok(loaded[jsName] === word, `${where}: '${word}' fits and survives a file`);
        }

        // A word that is not allowed reads back as set, and fit refuses it.
        const wrong = words[0].toUpperCase();
        const est = example(Klass, jsName, wrong);
        ok(est[jsName] === wrong, `${where}: '${wrong}' reads back unchanged`);
        est[jsName] = wrong;
        ok(est[jsName] === wrong, `${where}: set as an attribute, '${wrong}' reads back unchanged`);
        const error = refusal(() => est.fit(iris.data, iris.target));
        ok(error !== null && error.code === ModelPersist.Error.INVALID_ARGUMENT,
            `${where}: fit refuses '${wrong}' with INVALID_ARGUMENT`);
        ok(error.message.startsWith(`${display}: `) && error.message.includes(`'${wrong}'`),
            `${where}: the error names the parameter and the word: ${error.message}`);
        ok(words.every(w => error.message.includes(`'${w}'`)),
            `${where}: the error lists the allowed words`);
        ok(!est.is_fitted(), `${where}: not fitted after the refusal`);
    }
}
ok(nWordParams >= 1, `found ${nWordParams} word-valued hyperparameters`);

print(`1..${count}`);
