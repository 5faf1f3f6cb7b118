// test-properties.js: every hyperparameter and fitted attribute of every
// estimator class in the namespace is a plain lower-case attribute in GJS.
// The classes and their properties are found by walking the typelib, so
// estimators added later are covered without editing this file.
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import GObject from 'gi://GObject';
import ModelPersist from 'gi://ModelPersist?version=1.0';

let count = 0;
function ok(condition, what) {
    count++;
    if (!condition)
        throw new Error(`not ok ${count} - ${what}`);
    print(`ok ${count} - ${what}`);
}

const Role = ModelPersist.PropertyRole;

// A value of the same type as `value` that differs from it, or undefined
// when there is no obvious one (objects, boxed values). Enums are handled
// by trying every member.
function anotherValue(pspec, value) {
    const type = pspec.value_type;
    if (type === GObject.TYPE_BOOLEAN)
        return !value;
    if (type === GObject.TYPE_DOUBLE || type === GObject.TYPE_FLOAT ||
        type === GObject.TYPE_INT || type === GObject.TYPE_UINT ||
        type === GObject.TYPE_INT64 || type === GObject.TYPE_UINT64 ||
        type === GObject.TYPE_LONG || type === GObject.TYPE_ULONG) {
        const candidate = value + 1 <= pspec.maximum ? value + 1 : value - 1;
        return candidate >= pspec.minimum ? candidate : undefined;
    }
    if (type === GObject.TYPE_STRING)
        return value === 'modelpersist' ? 'persist' : 'modelpersist';
    return undefined;
}

// Enum members, found from the enum's JS object by value.
function enumMembers(pspec) {
    const name = GObject.type_name(pspec.value_type);
    for (const key of Object.keys(ModelPersist)) {
        const candidate = ModelPersist[key];
        if (candidate?.$gtype && GObject.type_name(candidate.$gtype) === name)
            return Object.values(candidate).filter(v => typeof v === 'number');
    }
    return [];
}

const estimatorClasses = Object.keys(ModelPersist)
    .map(name => [name, ModelPersist[name]])
    .filter(([, klass]) => typeof klass === 'function' && klass.$gtype &&
        GObject.type_is_a(klass.$gtype, ModelPersist.Estimator.$gtype) &&
        !GObject.type_test_flags(klass.$gtype, GObject.TypeFlags.ABSTRACT));

ok(estimatorClasses.length >= 1, `found ${estimatorClasses.length} estimator classes`);

for (const [className, Klass] of estimatorClasses) {
    const est = new Klass();
    for (const role of [Role.HYPERPARAMETER, Role.FITTED]) {
        for (const pspec of est.list_properties(role)) {
            const jsName = pspec.name.replace(/-/g, '_');
            const display = ModelPersist.param_spec_get_display_name(pspec);
            const where = `${className}.${jsName} (${display})`;

            ok(pspec.name === pspec.name.toLowerCase(), `${where}: property name is lower-case`);
            ok(est.find_param(display) === pspec || est.find_param(display)?.name === pspec.name,
                `${where}: find_param maps the display name back`);
            ok(jsName in est, `${where}: reachable as an attribute`);

            const value = est[jsName];
            ok(value !== undefined, `${where}: readable (${value})`);
            ok(typeof value !== 'function', `${where}: not shadowed by a method of the same name`);
            if (!(pspec.flags & GObject.ParamFlags.WRITABLE) || role !== Role.HYPERPARAMETER)
                continue;

            // Writable through the attribute and through the constructor.
            const members = GObject.type_is_a(pspec.value_type, GObject.TYPE_ENUM)
                ? enumMembers(pspec) : [anotherValue(pspec, value)];
            for (const other of members.filter(v => v !== undefined)) {
                est[jsName] = other;
                ok(est[jsName] === other, `${where}: attribute set to ${other}`);
                const built = new Klass({[jsName]: other});
                ok(built[jsName] === other, `${where}: constructor dictionary with ${other}`);
            }
            est[jsName] = value;
            ok(est[jsName] === value, `${where}: restored`);
        }
    }
}

print(`1..${count}`);
