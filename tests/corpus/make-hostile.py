#!/usr/bin/python3
# make-hostile.py: regenerates tests/corpus/hostile/, the hostile-input
# corpus of the loader. Each case is a bundle JSON (or a single-stream
# .mpk file) plus a line in MANIFEST naming the MP_ERROR code a load must
# fail with, and optional load-option overrides. Run it from anywhere;
# the files it writes are committed so the corpus is plain data.
#
# Checksums are computed with the system libxxhash through ctypes, so no
# Python package beyond the standard library is needed.
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import copy
import hashlib
import ctypes
import json
import os
import struct

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hostile")

_xxh = ctypes.CDLL("libxxhash.so.0")
_xxh.XXH3_64bits.restype = ctypes.c_uint64
_xxh.XXH3_64bits.argtypes = [ctypes.c_char_p, ctypes.c_size_t]


def checksum(data):
    return "xxh3-64:%016x" % _xxh.XXH3_64bits(data, len(data))


def pad64(data):
    return data + b"\0" * (-len(data) % 64)


# The payload of the base model: classes_ [1, 2, 3] at 0, class_prior_
# [0.5, 0.25, 0.25] at 64, then a bool array holding a 2 at 128 for the
# bool case.
CLASSES = struct.pack("<3q", 1, 2, 3)
PRIOR = struct.pack("<3d", 0.5, 0.25, 0.25)
BAD_BOOL = bytes([0, 1, 2])
PAYLOAD = pad64(CLASSES) + pad64(PRIOR) + BAD_BOOL


def descriptor(dtype, shape, offset, data):
    return {"checksum": checksum(data), "dtype": dtype, "nbytes": len(data),
            "offset": offset, "shape": shape}


# A KNeighborsClassifier of six samples of one feature in two classes, in
# its own sidecar: _fit_X at 0, _y at 64, classes_ at 128, then seven
# classes at 192 for the case with more classes than samples.
KNN_X = struct.pack("<6d", 0, 1, 2, 10, 11, 12)
KNN_Y = struct.pack("<6i", 0, 0, 1, 1, 1, 0)
KNN_CLASSES = struct.pack("<2q", 4, 9)
KNN_CLASSES_7 = struct.pack("<7q", *range(7))
KNN_PAYLOAD = pad64(KNN_X) + pad64(KNN_Y) + pad64(KNN_CLASSES) + KNN_CLASSES_7

BASE = {
    "estimator": {
        "fitted": True,
        "params": {"strategy": "prior"},
        "state": {
            "class_prior_": descriptor("<f8", [3], 64, PRIOR),
            "classes_": descriptor("<i8", [3], 0, CLASSES),
            "n_features_in_": 2,
        },
        "type": "MpDummyClassifier",
    },
    "format": "libmodelpersist",
    "format_version": "1.0",
    "payload": {"file": "base.bin", "nbytes": len(PAYLOAD)},
    "producer": {"arch": "x86_64", "byte_order": "little", "glib_version": "2.74.6",
                 "json_glib_version": "1.6.6", "library": "libmodelpersist",
                 "library_version": "0.1.0", "os": "linux", "xxhash_version": "0.8.1"},
}

KNN = dict(BASE, estimator={
    "fitted": True,
    "params": {"algorithm": "brute", "n_neighbors": 3, "p": 2, "weights": "uniform"},
    "state": {
        "_fit_X": descriptor("<f8", [6, 1], 0, KNN_X),
        "_y": descriptor("<i4", [6], 64, KNN_Y),
        "classes_": descriptor("<i8", [2], 128, KNN_CLASSES),
        "n_features_in_": 1,
        "n_samples_fit_": 6,
    },
    "type": "MpKNeighborsClassifier",
}, payload={"file": "knn.bin", "nbytes": len(KNN_PAYLOAD)})

# A complete "metadata" object (docs/metadata.md).
_SCORES = [0.9, 1.0]
_MEAN = sum(_SCORES) / len(_SCORES)
_STD = (sum((x - _MEAN) ** 2 for x in _SCORES) / len(_SCORES)) ** 0.5
_SOURCE = "print('trained')\n"
META = {
    "annotations": {"dataset": "iris"},
    "cross_validation": {
        "mean": _MEAN, "scores": _SCORES, "scoring": "accuracy", "std": _STD,
        "splitter": {"params": {"n_splits": 2, "random_state": 0, "shuffle": True},
                     "type": "MpStratifiedKFold"},
    },
    "source": {"file": {"name": "train.py", "sha256": hashlib.sha256(_SOURCE.encode()).hexdigest(),
                        "text": _SOURCE},
               "program": "train", "vcs_revision": "0123abcd"},
    "training_data": {
        "snapshot_uri": "https://data.example/iris?version=3",
        "x": {"checksum": checksum(b"x" * 32), "dtype": "<f8", "shape": [2, 2]},
        "y": {"checksum": checksum(b"y" * 16), "dtype": "<i8", "shape": [2]},
    },
}

# An SVC fitted on two samples of each class, whose shape_fit_ claims the
# most training samples SVC accepts (MAX_SAMPLES in svm/mp-svc.c); its
# arrays, with a few variants of support_ and shape_fit_, are in svc.bin.
# Linear kernel: the decision function is x0 + x1 - 1.
SVC_MAX_SAMPLES = (2 ** 31 - 1) // 8
SVC_ARRAYS = {
    "class_weight_": ("<f8", [2], struct.pack("<2d", 1.0, 1.0)),
    "classes_": ("<i8", [2], struct.pack("<2q", 0, 1)),
    "dual_coef_": ("<f8", [1, 2], struct.pack("<2d", -1.0, 1.0)),
    "intercept_": ("<f8", [1], struct.pack("<d", -1.0)),
    "n_iter_": ("<i4", [1], struct.pack("<i", 1)),
    "n_support_": ("<i4", [2], struct.pack("<2i", 1, 1)),
    "shape_fit_": ("<i8", [2], struct.pack("<2q", SVC_MAX_SAMPLES, 2)),
    "support_": ("<i4", [2], struct.pack("<2i", 0, SVC_MAX_SAMPLES - 1)),
    "support_vectors_": ("<f8", [2, 2], struct.pack("<4d", 0.0, 0.0, 1.0, 1.0)),
    # variants
    "shape_fit_over_limit": ("<i8", [2], struct.pack("<2q", SVC_MAX_SAMPLES + 1, 2)),
    "support_past_shape_fit": ("<i4", [2], struct.pack("<2i", 0, SVC_MAX_SAMPLES)),
    "support_repeated": ("<i4", [2], struct.pack("<2i", SVC_MAX_SAMPLES - 1, SVC_MAX_SAMPLES - 1)),
}


def svc_payload():
    payload, descriptors = b"", {}
    for name, (dtype, shape, data) in SVC_ARRAYS.items():
        descriptors[name] = descriptor(dtype, shape, len(payload), data)
        payload += pad64(data)
    return payload, descriptors


SVC_PAYLOAD, SVC_DESCRIPTORS = svc_payload()
SVC_BASE = copy.deepcopy(BASE)
SVC_BASE["estimator"] = {
    "fitted": True,
    "params": {"C": 1.0, "break_ties": False, "cache_size": 200.0, "class_weight": None,
               "coef0": 0.0, "decision_function_shape": "ovr", "degree": 3, "gamma": "scale",
               "kernel": "linear", "max_iter": -1, "probability": False, "random_state": -1,
               "shrinking": True, "tol": 0.001, "verbose": False},
    "state": dict({name: d for name, d in SVC_DESCRIPTORS.items() if name.endswith("_")},
                  _gamma=0.5, fit_status_=0, n_features_in_=2,
                  probA_=descriptor("<f8", [0], 0, b""), probB_=descriptor("<f8", [0], 0, b"")),
    "type": "MpSVC",
}
SVC_BASE["payload"] = {"file": "svc.bin", "nbytes": len(SVC_PAYLOAD)}

manifest = []


def text(doc):
    return json.dumps(doc, sort_keys=True, indent=2) + "\n"


def emit(name, code, content, options=""):
    mode = "wb" if isinstance(content, bytes) else "w"
    with open(os.path.join(HERE, name), mode) as f:
        f.write(content)
    manifest.append(("%s %s %s" % (name, code, options)).rstrip())


def case(name, code, mutate, options="", base=BASE):
    doc = copy.deepcopy(base)
    mutate(doc)
    emit(name, code, text(doc), options)


def state(doc):
    return doc["estimator"]["state"]


def set_in(path, value):
    def mutate(doc):
        node = doc
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
    return mutate


def delete(path):
    def mutate(doc):
        node = doc
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
    return mutate


def colliding_key(i, blocks=5):
    # "aB" and "b!" have the same g_str_hash() value (h * 33 + c), and so
    # have all strings made of the same number of them.
    return "".join("aB" if i >> b & 1 else "b!" for b in range(blocks))


def svc_case(name, code, drop=(), **state):
    """An SVC case: each keyword names a fitted attribute and the array of
    SVC_ARRAYS it takes; @drop names state members left out. With code
    None the file is written but not listed in MANIFEST (tests/c/svc.c
    loads it)."""
    doc = copy.deepcopy(SVC_BASE)
    for key, array in state.items():
        doc["estimator"]["state"][key] = SVC_DESCRIPTORS[array]
    for key in drop:
        del doc["estimator"]["state"][key]
    if code is None:
        with open(os.path.join(HERE, name), "w") as f:
            f.write(text(doc))
    else:
        emit(name, code, text(doc))


def stream(doc, payload, version=1, json_length=None, reserved=0, truncate=None):
    body = json.dumps(doc, sort_keys=True).encode()
    offset = (64 + len(body) + 63) // 64 * 64
    announced = len(body) if json_length is None else json_length
    header = b"\x89MPERSI\n" + struct.pack("<II", version, reserved)
    header += struct.pack("<QQQ", announced, (64 + announced + 63) // 64 * 64, len(payload))
    header += b"\0" * 24
    data = pad64(header + body) + payload
    return data[:truncate] if truncate is not None else data


def main():
    os.makedirs(HERE, exist_ok=True)
    for old in os.listdir(HERE):
        os.unlink(os.path.join(HERE, old))

    with open(os.path.join(HERE, "base.bin"), "wb") as f:
        f.write(PAYLOAD)
    with open(os.path.join(HERE, "svc.bin"), "wb") as f:
        f.write(SVC_PAYLOAD)
    with open(os.path.join(HERE, "knn.bin"), "wb") as f:
        f.write(KNN_PAYLOAD)

    # The control: the unmodified base loads.
    case("valid-base.json", "OK", lambda d: None)

    # Syntax and structure.
    emit("not-json.json", "MALFORMED", "hello\n")
    emit("truncated-json.json", "MALFORMED", text(BASE)[:200])
    emit("root-array.json", "MALFORMED", "[]\n")
    emit("trailing-garbage.json", "MALFORMED", text(BASE) + "}\n")
    emit("invalid-utf8.json", "MALFORMED",
         text(BASE).encode().replace(b'"prior"', b'"pr\xffior"'))
    emit("nul-escape-in-key.json", "MALFORMED",
         text(BASE).replace('"strategy"', '"stra\\u0000tegy"'))
    emit("lone-surrogate.json", "MALFORMED",
         text(BASE).replace('"prior"', '"\\ud800prior"'))
    emit("control-char-in-string.json", "MALFORMED",
         text(BASE).replace('"prior"', '"pri\u0001or"'))
    case("wrong-format-name.json", "MALFORMED", set_in(["format"], "pickle"))
    case("missing-format-version.json", "MALFORMED", delete(["format_version"]))
    case("bad-format-version.json", "MALFORMED", set_in(["format_version"], "one"))
    case("missing-estimator.json", "MALFORMED", delete(["estimator"]))
    case("missing-producer.json", "MALFORMED", delete(["producer"]))
    case("missing-payload.json", "MALFORMED", delete(["payload"]))
    case("unknown-top-level-member.json", "MALFORMED", set_in(["pickle"], "cos\nsystem\n"))
    case("estimator-unknown-member.json", "MALFORMED",
         set_in(["estimator", "__reduce__"], "os.system"))
    case("estimator-type-not-string.json", "MALFORMED", set_in(["estimator", "type"], 5))
    case("fitted-not-boolean.json", "MALFORMED", set_in(["estimator", "fitted"], "yes"))
    case("params-not-object.json", "MALFORMED", set_in(["estimator", "params"], []))
    case("unfitted-with-state.json", "MALFORMED", set_in(["estimator", "fitted"], False))
    case("metadata-not-object.json", "MALFORMED", set_in(["metadata"], "x"))
    case("object-value-unknown-kind.json", "MALFORMED",
         set_in(["estimator", "params", "strategy"], {"eval": "1"}))
    case("nested-lists.json", "MALFORMED",
         set_in(["estimator", "params", "strategy"], [["prior"]]))

    # Lists and objects where the format has only scalars: the pre-parse
    # scan refuses them before json-glib builds a tree of them.
    case("producer-list.json", "MALFORMED", set_in(["producer", "extra"], [0] * 1000))
    case("producer-object.json", "MALFORMED", set_in(["producer", "extra"], {"a": "b"}))
    case("format-version-list.json", "MALFORMED", set_in(["format_version"], ["1", "0"]))
    case("payload-nbytes-list.json", "MALFORMED", set_in(["payload", "nbytes"], [len(PAYLOAD)]))
    case("estimator-list.json", "MALFORMED", set_in(["estimator"], [0] * 1000))
    case("estimator-type-list.json", "MALFORMED",
         set_in(["estimator", "type"], ["MpDummyClassifier"]))
    case("estimator-unknown-member-list.json", "MALFORMED",
         set_in(["estimator", "__dict__"], [0] * 1000))
    case("state-is-list.json", "MALFORMED", set_in(["estimator", "state"], [0] * 1000))
    case("list-holds-list.json", "MALFORMED",
         set_in(["estimator", "params", "strategy"], ["prior", [0] * 1000]))
    case("list-holds-non-estimator.json", "MALFORMED",
         set_in(["estimator", "params", "strategy"], [{"x": [0] * 1000}]))
    case("descriptor-shape-object.json", "INVALID_ARRAY",
         set_in(["estimator", "state", "classes_", "shape"], {"0": 3}))
    case("descriptor-shape-huge.json", "INVALID_ARRAY",
         set_in(["estimator", "state", "classes_", "shape"], [1] * 1000))
    case("nested-estimator-type-list.json", "MALFORMED",
         set_in(["estimator", "params", "strategy"],
                {"fitted": False, "params": {}, "state": {}, "type": ["MpDummyClassifier"]}))
    case("object-value-unknown-kind-list.json", "MALFORMED",
         set_in(["estimator", "params", "strategy"], {"eval": [0] * 1000}))

    # Duplicate keys.
    emit("duplicate-top-level-key.json", "DUPLICATE_KEY",
         text(BASE).replace('"format": "libmodelpersist",',
                            '"format": "libmodelpersist",\n  "format": "libmodelpersist",'))
    emit("duplicate-param-key.json", "DUPLICATE_KEY",
         text(BASE).replace('"strategy": "prior"',
                            '"strategy": "prior", "strategy": "most_frequent"'))
    emit("duplicate-key-escaped.json", "DUPLICATE_KEY",
         text(BASE).replace('"strategy": "prior"',
                            '"strategy": "prior", "str\\u0061tegy": "most_frequent"'))

    # Versions.
    case("newer-major-version.json", "UNSUPPORTED_VERSION", set_in(["format_version"], "2.0"))
    case("major-version-zero.json", "UNSUPPORTED_VERSION", set_in(["format_version"], "0.9"))
    emit("stream-container-version-2.mpk", "UNSUPPORTED_VERSION",
         stream(dict(BASE, payload={"nbytes": len(PAYLOAD)}), PAYLOAD, version=2))

    # Types: unknown names, and registered names that are not trusted.
    case("unknown-type.json", "UNKNOWN_TYPE",
         set_in(["estimator", "type"], "MpNoSuchEstimator"))
    case("unknown-type-python-path.json", "UNKNOWN_TYPE",
         set_in(["estimator", "type"], "sklearn.svm._classes.SVC"))
    case("untrusted-gsubprocess.json", "UNTRUSTED_TYPE",
         set_in(["estimator", "type"], "GSubprocess"))
    case("untrusted-gobject.json", "UNTRUSTED_TYPE", set_in(["estimator", "type"], "GObject"))
    case("untrusted-abstract-mpestimator.json", "UNTRUSTED_TYPE",
         set_in(["estimator", "type"], "MpEstimator"))
    case("untrusted-mp-non-estimator.json", "UNTRUSTED_TYPE",
         set_in(["estimator", "type"], "MpLoadOptions"))
    case("untrusted-builtin-disabled.json", "UNTRUSTED_TYPE", lambda d: None,
         "trust_builtin=0")

    # Values.
    case("param-wrong-json-type.json", "INVALID_VALUE",
         set_in(["estimator", "params", "strategy"], 1))
    # A word-valued hyperparameter is a string checked against its
    # declared words, like every hyperparameter, once the estimator is
    # built: validate refuses a word it does not allow, and None.
    case("word-unknown.json", "INVALID_STATE",
         set_in(["estimator", "params", "strategy"], "stratified"))
    case("word-null.json", "INVALID_STATE",
         set_in(["estimator", "params", "strategy"], None))
    case("uint-negative.json", "INVALID_VALUE",
         set_in(["estimator", "state", "n_features_in_"], -1))
    case("uint-out-of-range.json", "INVALID_VALUE",
         set_in(["estimator", "state", "n_features_in_"], 1 << 40))
    case("uint-given-float.json", "INVALID_VALUE",
         set_in(["estimator", "state", "n_features_in_"], 2.5))
    case("uint-given-inf-string.json", "INVALID_VALUE",
         set_in(["estimator", "state", "n_features_in_"], "inf"))
    emit("integer-literal-overflow.json", "INVALID_VALUE",
         text(BASE).replace('"n_features_in_": 2', '"n_features_in_": 99999999999999999999'))
    emit("float-literal-overflow.json", "INVALID_VALUE",
         text(BASE).replace('"n_features_in_": 2', '"n_features_in_": 1e999'))
    case("unknown-hyperparameter.json", "INVALID_VALUE",
         set_in(["estimator", "params", "gamma"], 1))
    case("unknown-fitted-attribute.json", "INVALID_VALUE",
         set_in(["estimator", "state", "dual_coef_"], 1))
    case("descriptor-where-scalar.json", "INVALID_VALUE",
         lambda d: d["estimator"]["params"].__setitem__(
             "strategy", d["estimator"]["state"].pop("classes_")))
    case("scalar-where-array.json", "INVALID_VALUE",
         set_in(["estimator", "state", "classes_"], [1, 2, 3]))

    # Array descriptors.
    def desc(key, member, value):
        return set_in(["estimator", "state", key, member], value)

    case("shape-negative.json", "INVALID_ARRAY", desc("classes_", "shape", [-3]))
    case("shape-overflow.json", "INVALID_ARRAY",
         desc("classes_", "shape", [1 << 62, 1 << 62]))
    case("shape-huge-bytes.json", "INVALID_ARRAY", desc("classes_", "shape", [1 << 61]))
    case("shape-too-many-dims.json", "INVALID_ARRAY", desc("classes_", "shape", [1] * 9))
    case("shape-not-list.json", "INVALID_ARRAY", desc("classes_", "shape", 3))
    case("nbytes-mismatch.json", "INVALID_ARRAY", desc("classes_", "nbytes", 16))
    case("offset-past-end.json", "INVALID_ARRAY", desc("class_prior_", "offset", 1 << 20))
    case("offset-end-overflows.json", "INVALID_ARRAY",
         desc("class_prior_", "offset", (1 << 63) - 64))
    case("offset-negative.json", "INVALID_ARRAY", desc("class_prior_", "offset", -64))
    case("overlapping-arrays.json", "INVALID_ARRAY", desc("class_prior_", "offset", 0))
    case("misaligned-offset.json", "INVALID_ARRAY", desc("class_prior_", "offset", 8))
    case("dtype-big-endian.json", "INVALID_ARRAY", desc("classes_", "dtype", ">i8"))
    case("dtype-numpy-name.json", "INVALID_ARRAY", desc("classes_", "dtype", "int64"))
    case("dtype-object.json", "INVALID_ARRAY", desc("classes_", "dtype", "|O"))
    case("checksum-bad-algorithm.json", "INVALID_ARRAY",
         desc("classes_", "checksum", "md5:0123456789abcdef"))
    case("descriptor-unknown-member.json", "INVALID_ARRAY", desc("classes_", "strides", [8]))
    case("bool-array-holds-2.json", "INVALID_ARRAY",
         set_in(["estimator", "state", "classes_"], descriptor("|b1", [3], 128, BAD_BOOL)))

    # Sidecars.
    def sidecar(name):
        return set_in(["payload", "file"], name)

    case("sidecar-with-slash.json", "INVALID_SIDECAR", sidecar("sub/base.bin"))
    case("sidecar-dotdot.json", "INVALID_SIDECAR", sidecar("../hostile/base.bin"))
    case("sidecar-absolute.json", "INVALID_SIDECAR", sidecar("/etc/passwd"))
    case("sidecar-backslash.json", "INVALID_SIDECAR", sidecar("..\\base.bin"))
    case("sidecar-hidden.json", "INVALID_SIDECAR", sidecar(".base.bin"))
    case("sidecar-missing.json", "INVALID_SIDECAR", sidecar("nothere.bin"))
    case("sidecar-not-named.json", "INVALID_SIDECAR", delete(["payload", "file"]))
    case("sidecar-size-mismatch.json", "INVALID_SIDECAR",
         set_in(["payload", "nbytes"], len(PAYLOAD) + 64))

    # Checksums.
    case("checksum-mismatch.json", "CHECKSUM_MISMATCH",
         desc("classes_", "checksum", checksum(CLASSES[:-1] + b"\1")))
    corrupt = bytearray(PAYLOAD)
    corrupt[70] ^= 0x40
    emit("stream-checksum-mismatch.mpk", "CHECKSUM_MISMATCH",
         stream(dict(BASE, payload={"nbytes": len(PAYLOAD)}), bytes(corrupt)))

    # States that validate() refuses.
    case("prior-length-mismatch.json", "INVALID_STATE",
         set_in(["estimator", "state", "class_prior_"], descriptor("<f8", [2], 64, PRIOR[:16])))
    case("classes-missing.json", "INVALID_STATE", delete(["estimator", "state", "classes_"]))
    case("fitted-without-features.json", "INVALID_STATE",
         set_in(["estimator", "state", "n_features_in_"], 0))
    case("classes-wrong-dtype.json", "INVALID_STATE",
         set_in(["estimator", "state", "classes_"], descriptor("|u1", [3], 128, BAD_BOOL)))

    # SVC: shape_fit_ is 16 bytes that must not size an allocation. The
    # valid case, 268,435,455 training samples and two support vectors,
    # loads and predicts in bounded memory (/svc/load/shape-fit-huge).
    svc_case("svc-shape-fit-huge.json", None)
    svc_case("svc-shape-fit-over-limit.json", "INVALID_STATE", shape_fit_="shape_fit_over_limit")
    svc_case("svc-support-past-shape-fit.json", "INVALID_STATE",
             support_="support_past_shape_fit")
    svc_case("svc-support-repeated.json", "INVALID_STATE", support_="support_repeated")
    # A fitted member missing from the file is refused, not left at a
    # default the file never said (an SVC without _gamma predicted with 0).
    svc_case("svc-gamma-missing.json", "INVALID_STATE", drop=("_gamma",))
    svc_case("svc-fit-status-missing.json", "INVALID_STATE", drop=("fit_status_",))

    # KNeighborsClassifier states that cost more than the file's size.
    case("knn-valid.json", "OK", lambda d: None, base=KNN)
    case("knn-more-classes-than-samples.json", "INVALID_STATE",
         set_in(["estimator", "state", "classes_"],
                descriptor("<i8", [7], 192, KNN_CLASSES_7)), base=KNN)

    # Metadata (the MpModelInfo schema, docs/metadata.md).
    case("metadata-valid.json", "OK", set_in(["metadata"], META))
    case("metadata-newer-minor-unknown-member.json", "OK",
         lambda d: (d.__setitem__("format_version", "1.9"),
                    d.__setitem__("metadata", dict(META, lineage={"parent": "x"}))))

    def meta(path, value):
        def mutate(doc):
            doc["metadata"] = copy.deepcopy(META)
            set_in(["metadata"] + path, value)(doc)
        return mutate

    def meta_delete(path):
        def mutate(doc):
            doc["metadata"] = copy.deepcopy(META)
            delete(["metadata"] + path)(doc)
        return mutate

    case("metadata-unknown-member.json", "MALFORMED", meta(["pickle"], "cos\nsystem\n"))
    case("metadata-source-not-object.json", "MALFORMED", meta(["source"], "train.py"))
    case("metadata-training-data-missing-x.json", "MALFORMED",
         meta_delete(["training_data", "x"]))
    case("metadata-fingerprint-unknown-member.json", "MALFORMED",
         meta(["training_data", "x", "strides"], [32, 8]))
    case("metadata-fingerprint-bad-checksum.json", "INVALID_VALUE",
         meta(["training_data", "x", "checksum"], "md5:0123456789abcdef"))
    case("metadata-fingerprint-bad-dtype.json", "INVALID_VALUE",
         meta(["training_data", "y", "dtype"], "|O"))
    case("metadata-fingerprint-negative-shape.json", "INVALID_VALUE",
         meta(["training_data", "x", "shape"], [150, -4]))
    case("metadata-fingerprint-shape-overflow.json", "INVALID_VALUE",
         meta(["training_data", "x", "shape"], [1 << 62, 1 << 62]))
    case("metadata-snapshot-uri-relative.json", "INVALID_VALUE",
         meta(["training_data", "snapshot_uri"], "../data/iris.csv"))
    case("metadata-source-text-hash-mismatch.json", "INVALID_VALUE",
         meta(["source", "file", "text"], "import os\nos.system('rm -rf /')\n"))
    case("metadata-source-sha256-short.json", "INVALID_VALUE",
         meta(["source", "file", "sha256"], "abc"))
    case("metadata-annotation-not-string.json", "INVALID_VALUE",
         meta(["annotations", "dataset"], {"eval": "1"}))
    case("metadata-cv-splitter-untrusted.json", "UNTRUSTED_TYPE",
         meta(["cross_validation", "splitter", "type"], "GObject"))
    case("metadata-cv-splitter-abstract.json", "UNTRUSTED_TYPE",
         meta(["cross_validation", "splitter", "type"], "MpSplitter"))
    case("metadata-cv-splitter-unknown.json", "UNKNOWN_TYPE",
         meta(["cross_validation", "splitter", "type"], "os.system"))
    case("metadata-cv-param-unknown.json", "INVALID_VALUE",
         meta(["cross_validation", "splitter", "params", "callback"], "exec"))
    case("metadata-cv-param-wrong-type.json", "INVALID_VALUE",
         meta(["cross_validation", "splitter", "params", "shuffle"], "yes"))
    case("metadata-cv-seed-out-of-range.json", "INVALID_VALUE",
         meta(["cross_validation", "splitter", "params", "random_state"], 1 << 40))
    case("metadata-cv-scoring-unknown.json", "INVALID_VALUE",
         meta(["cross_validation", "scoring"], "__import__('os')"))
    case("metadata-cv-scores-empty.json", "INVALID_VALUE",
         meta(["cross_validation", "scores"], []))
    case("metadata-cv-score-not-number.json", "INVALID_VALUE",
         meta(["cross_validation", "scores"], [0.9, "high"]))
    case("metadata-cv-mean-disagrees.json", "INVALID_VALUE",
         meta(["cross_validation", "mean"], 0.99))
    case("metadata-cv-missing-std.json", "MALFORMED", meta_delete(["cross_validation", "std"]))

    # Limits.
    deep = copy.deepcopy(BASE)
    nested = {}
    for _ in range(70):
        nested = {"n": nested}
    deep["metadata"] = nested
    emit("nesting-70-deep.json", "LIMIT_EXCEEDED", text(deep))
    case("limit-array-count.json", "LIMIT_EXCEEDED", lambda d: None, "max_arrays=1")
    case("limit-total-bytes.json", "LIMIT_EXCEEDED", lambda d: None, "max_total_bytes=100")
    case("limit-json-bytes.json", "LIMIT_EXCEEDED", lambda d: None, "max_json_bytes=512")
    # The base model has 36 JSON values.
    case("limit-json-nodes.json", "LIMIT_EXCEEDED", lambda d: None, "max_json_nodes=35")
    case("limit-json-nodes-at-limit.json", "OK", lambda d: None, "max_json_nodes=36")
    case("limit-json-nodes-metadata-list.json", "LIMIT_EXCEEDED",
         meta(["annotations", "dataset"], [0] * 2000), "max_json_nodes=1000")
    case("colliding-keys.json", "LIMIT_EXCEEDED",
         meta(["annotations"], {colliding_key(i): "v" for i in range(17)}))
    case("colliding-keys-16.json", "OK",
         meta(["annotations"], {colliding_key(i): "v" for i in range(16)}))
    emit("stream-json-length-huge.mpk", "LIMIT_EXCEEDED",
         stream(dict(BASE, payload={"nbytes": len(PAYLOAD)}), PAYLOAD, json_length=1 << 40))

    # Single-stream damage.
    good_stream = dict(BASE, payload={"nbytes": len(PAYLOAD)})
    emit("stream-valid.mpk", "OK", stream(good_stream, PAYLOAD))
    emit("stream-truncated-header.mpk", "MALFORMED", stream(good_stream, PAYLOAD, truncate=20))
    emit("stream-truncated-payload.mpk", "MALFORMED",
         stream(good_stream, PAYLOAD, truncate=-10))
    emit("stream-reserved-nonzero.mpk", "MALFORMED", stream(good_stream, PAYLOAD, reserved=7))
    emit("stream-names-a-file.mpk", "MALFORMED", stream(BASE, PAYLOAD))
    emit("stream-payload-length-disagrees.mpk", "MALFORMED",
         stream(dict(BASE, payload={"nbytes": 1024}), PAYLOAD))

    with open(os.path.join(HERE, "MANIFEST"), "w") as f:
        f.write("# Generated by tests/corpus/make-hostile.py; one case per line:\n")
        f.write("# FILE EXPECTED-MP_ERROR-CODE (or OK) [OPTION=VALUE ...]\n")
        f.write("\n".join(manifest) + "\n")


if __name__ == "__main__":
    main()
