// test-data-model-selection.js: datasets and model selection as GJS users
// see them.
import ModelPersist from 'gi://ModelPersist?version=1.0';

let n = 0;
function check(condition, what) {
    n++;
    print(`${condition ? 'ok' : 'not ok'} ${n} - ${what}`);
    if (!condition)
        throw new Error(`assertion failed: ${what}`);
}

print('1..9');

const iris = ModelPersist.load_iris();
const x = iris.data;
const y = iris.target;
check(x.get_dim(0) === 150 && x.get_dim(1) === 4, 'iris data is 150 x 4');
check(iris.feature_names[0] === 'sepal length (cm)', 'feature names are a string array');
check(iris.get_target_names().join(',') === 'setosa,versicolor,virginica', 'target names');
check(iris.description.includes('Fisher'), 'description credits Fisher');

// Splitter hyperparameters are plain attributes.
const kfold = new ModelPersist.KFold({n_splits: 3, shuffle: true, random_state: 42});
check(kfold.to_string() === 'KFold(n_splits=3, random_state=42, shuffle=True)', 'string form');

// split returns every fold at once as arrays of MpArray.
const [, train, test] = kfold.split(150, null);
check(train.length === 3 && test.length === 3, 'three train/test pairs');
const sizes = test.map(t => t.get_n_elements());
check(sizes.join(',') === '50,50,50', 'test folds of 50');

const [, xTrain, xTest, yTrain, yTest] = ModelPersist.train_test_split(x, y, 0.25, 0, y);
check(xTest.get_dim(0) === 38 && yTrain.get_n_elements() === 112, 'train_test_split sizes');

const scores = ModelPersist.cross_val_score(new ModelPersist.DummyClassifier(), x, y, null, null);
check(scores.get_n_elements() === 5 && Math.abs(scores.get_double(0) - 1 / 3) < 1e-15,
    'cross_val_score of the dummy on iris');
