// test-composite.js: a composite estimator from GJS: an EstimatorList of
// members, VotingClassifier, parameter paths with plain JS numbers, the
// string form, and a save and load.
import ModelPersist from 'gi://ModelPersist?version=1.0';

function assert(condition, what) {
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

const members = ModelPersist.EstimatorList.new();
members.append('dummy', new ModelPersist.DummyClassifier());
members.append('knn', new ModelPersist.KNeighborsClassifier({n_neighbors: 1}));
members.append_word('off', 'drop');
const vote = new ModelPersist.VotingClassifier({estimators: members, voting: 'soft'});
assert(members.is_frozen(), 'the list is frozen once held');
assert(vote.to_string().startsWith("VotingClassifier(estimators=[('dummy', DummyClassifier("),
    'string form shows the members');

// A JS number for an integer parameter two levels down.
vote.set_param('knn__n_neighbors', 3);
const [found, k] = vote.get_param('knn__n_neighbors');
assert(found && k === 3, `knn__n_neighbors is ${k}`);
let refused = null;
try {
    vote.set_param('knn__n_neighbors', 2.5);
} catch (e) {
    refused = e;
}
assert(refused !== null && refused.matches(ModelPersist.error_quark(), ModelPersist.Error.INVALID_ARGUMENT) &&
    refused.message.includes('knn__n_neighbors: expected an integer, got 2.5'), 'a fraction is refused');

// Points 0, 1, 2 are class 5, points 10, 11 class 8.
const x = ModelPersist.Array.new_float64([0, 1, 2, 10, 11], [5, 1]);
const y = ModelPersist.Array.new_int64([5, 5, 5, 8, 8], [5]);
vote.fit(x, y);
assert(vote.fitted_estimators.get_n_items() === 2, 'two fitted members');
const proba = vote.predict_proba(x);
assert(proba.get_dim(0) === 5 && proba.get_dim(1) === 2, 'probabilities');

const loaded = ModelPersist.loads(ModelPersist.dumps(vote));
assert(loaded.to_string() === vote.to_string(), 'same string form after loading');
assert(loaded.estimators.get_word(2) === 'drop', 'the word entry survives');
const again = loaded.predict(x);
const before = vote.predict(x);
for (let i = 0; i < 5; i++)
    assert(again.get_double(i) === before.get_double(i), `prediction ${i}`);

// A pipeline is what its last step is, and offers what it offers.
const steps = ModelPersist.EstimatorList.new();
steps.append_word('skip', 'passthrough');
steps.append('knn', new ModelPersist.KNeighborsClassifier({n_neighbors: 1}));
const pipe = new ModelPersist.Pipeline({steps});
assert(pipe.get_kind() === ModelPersist.EstimatorKind.CLASSIFIER, 'a pipeline ending in a classifier is one');
pipe.fit(x, y);
const piped = pipe.predict(x);
assert(piped.get_double(0) === 5 && piped.get_double(4) === 8, 'the pipeline predicts through its steps');
assert(!(pipe.get_capabilities() & ModelPersist.EstimatorCapabilities.TRANSFORM), 'no transform: KNN has none');

print('1..1');
print('ok 1 - gjs composite');
