import { rule } from '../../rules/ignored-config';
import { runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs-node');\n";
const MODEL = "const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [3]})]});\n";

runRuleTable(rule, {
  valid: [
    { name: 'the tfjs spellings', code: NS + MODEL + "model.compile({optimizer: tf.train.adam(0.01), loss: 'meanSquaredError', metrics: ['mse', 'accuracy']});\nawait model.fit(xs, ys, {epochs: 50, batchSize: 16, validationSplit: 0.2, shuffle: true});" },
    { name: 'fitDataset keys', code: NS + MODEL + "model.compile({optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['acc']});\nawait model.fitDataset(ds, {epochs: 5, batchesPerEpoch: 10, validationData: vds, validationBatches: 2});" },
    { name: 'spread config: keys unknown', code: NS + MODEL + "const base = {epochs: 10};\nawait model.fit(xs, ys, {...base, batch_size: 32});" },
    { name: 'config from a parameter', code: NS + "export async function train(model, xs, ys, config) {\n  await model.fit(xs, ys, config);\n}" },
    { name: 'fit of another library (no tfjs key, unknown receiver)', filename: 'knn.js', code: REQ + "const knn = new KNN();\nknn.fit(points, labels, {k: 3, distance: 'euclidean'});" },
    { name: 'a custom loss function and a tf.metrics function', code: NS + MODEL + "model.compile({optimizer: 'sgd', loss: (yt, yp) => tf.losses.meanSquaredError(yt, yp), metrics: [tf.metrics.binaryAccuracy]});" },
    { name: 'camelCase layer keys and a known activation', code: NS + "const m = tf.sequential();\nm.add(tf.layers.conv2d({inputShape: [28, 28, 1], kernelSize: 3, filters: 8, activation: 'relu', kernelInitializer: 'varianceScaling'}));\nm.add(tf.layers.dense({units: 10, activation: 'softmax', useBias: true}));" },
    { name: 'earlyStopping with tfjs keys and restoreBestWeights false', code: NS + "const cb = tf.callbacks.earlyStopping({monitor: 'val_loss', patience: 5, minDelta: 0.001, restoreBestWeights: false});" },
    { name: 'a layer key with an underscore that is no tfjs key', code: NS + "const l = tf.layers.dense({units: 4, my_tag: 'x'});" },
    { name: 'compile of something else with no tfjs key (a template engine)', filename: 'view.js', code: REQ + "const t = handlebars.compile({strict: true, lr: 2});" },
    { name: 'optimizers given numbers, and a config object to a non-tfjs train()', code: NS + "const a = tf.train.adam(0.001, 0.9, 0.999);\nconst r = tf.train.rmsprop(0.0008, 6e-8);\nconst opts = {learningRate: 0.01};\nconst m = tf.train.momentum(0.1, 0.9);\nconst job = trainer.train({learningRate: 0.01});" },
    { name: 'an optimizer rate from a config field (a number)', code: NS + "const config = {learningRate: 0.01};\nconst opt = tf.train.adam(config.learningRate);" },
    { name: 'activation from a parameter', code: NS + "export function block(units, act) {\n  return tf.layers.dense({units, activation: act});\n}" },
  ],
  invalid: [
    {
      name: 'lr in compile with a string optimizer (Keras habit): unsafe fix to tf.train.adam(rate)',
      code: NS + MODEL + "model.compile({optimizer: 'adam', loss: 'meanSquaredError', lr: 0.01});",
      errors: [{ message: "compile() has no `lr` option: tfjs ignores it and the 'adam' optimizer keeps its default rate of 0.001. Pass tf.train.adam(0.01) as the optimizer.", line: 3, column: 61 }],
      output: NS + MODEL + "model.compile({optimizer: tf.train.adam(0.01), loss: 'meanSquaredError'});",
    },
    {
      name: 'epoch and batch_size in fit, class method on this.model',
      filename: 'trainer.js',
      code: "class Trainer {\n  async train(xs, ys) {\n    await this.model.fit(xs, ys, {epoch: 100, batch_size: 8});\n  }\n}\nconst tfRef = tf;",
      errors: [
        { message: 'fit() has no `epoch` option: tfjs ignores it, so training runs 1 epoch (the default). Did you mean `epochs`?', line: 3, column: 35 },
        { message: 'fit() has no `batch_size` option: tfjs ignores it, so batches stay at 32 examples (the default). Did you mean `batchSize`?', line: 3, column: 47 },
      ],
      output: "class Trainer {\n  async train(xs, ys) {\n    await this.model.fit(xs, ys, {epochs: 100, batchSize: 8});\n  }\n}\nconst tfRef = tf;",
    },
    {
      name: 'validation_split in a config const, require',
      code: REQ + MODEL + "const trainConfig = {epochs: 20, validation_split: 0.1};\nmodel.fit(xs, ys, trainConfig).then(() => console.log('done'));",
      errors: [{ message: /has no `validation_split` option: tfjs ignores it, so no data is held out for validation\. Did you mean `validationSplit`\?/, line: 3, column: 34 }],
      output: REQ + MODEL + "const trainConfig = {epochs: 20, validationSplit: 0.1};\nmodel.fit(xs, ys, trainConfig).then(() => console.log('done'));",
    },
    {
      name: 'onEpochEnd directly in the fit config: moved into callbacks',
      code: NS + MODEL + "await model.fit(xs, ys, {epochs: 5, onEpochEnd: (e, logs) => console.log(logs.loss)});",
      errors: [{ message: 'fit() has no `onEpochEnd` option: tfjs ignores it, so the hook never runs. Pass it inside `callbacks`: {callbacks: {onEpochEnd: ...}}.', line: 3, column: 37 }],
      output: NS + MODEL + "await model.fit(xs, ys, {epochs: 5, callbacks: {onEpochEnd: (e, logs) => console.log(logs.loss)}});",
    },
    {
      name: 'classWeight in compile (tfjs-examples intent-classifier): it is a fit option; no fix',
      code: NS + "function getModel(numLabels, weights) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({units: numLabels, inputShape: [8], activation: 'softmax'}));\n  model.compile({\n    optimizer: 'adam',\n    loss: 'categoricalCrossentropy',\n    metrics: ['accuracy'],\n    classWeight: weights,\n  });\n  return model;\n}",
      errors: [{ message: 'compile() has no `classWeight` option: tfjs ignores it, so training never sees it: `classWeight` is a fit() option.', line: 9, column: 5 }],
      output: null,
    },
    {
      name: 'tf.train.adam({learningRate: this.lr}) in an RL agent class: positional fix',
      filename: 'agent.js',
      code: NS + "class Agent {\n  build() {\n    const model = tf.sequential();\n    model.add(tf.layers.dense({units: 4, inputShape: [8], activation: 'softmax'}));\n    model.compile({optimizer: tf.train.adam({learningRate: this.lr}), loss: 'meanSquaredError'});\n    return model;\n  }\n}",
      errors: [{ message: 'tf.train.adam() takes numbers, not a config object: tfjs uses the object itself as the learning rate, so the loss turns NaN after the first step (or the step throws). Pass the numbers in order: tf.train.adam(this.lr).', line: 6, column: 45 }],
      output: NS + "class Agent {\n  build() {\n    const model = tf.sequential();\n    model.add(tf.layers.dense({units: 4, inputShape: [8], activation: 'softmax'}));\n    model.compile({optimizer: tf.train.adam(this.lr), loss: 'meanSquaredError'});\n    return model;\n  }\n}",
    },
    {
      name: 'adam with learningRate and epsilon: the gap before epsilon is filled with undefined (its default)',
      code: NS + "const optimizer = tf.train.adam({learningRate: 0.001, epsilon: 0.0001});",
      errors: [{ message: /Pass the numbers in order: tf\.train\.adam\(0\.001, undefined, undefined, 0\.0001\)\.$/, line: 2, column: 33 }],
      output: NS + "const optimizer = tf.train.adam(0.001, undefined, undefined, 0.0001);",
    },
    {
      name: 'rmsprop with lr and decay (Keras names) in a GAN, global tf',
      filename: 'gan.js',
      code: "const optimizer = tf.train.rmsprop({lr: 0.0008, decay: 6e-8});\nconst d = tf.sequential();",
      errors: [{ message: /^tf\.train\.rmsprop\(\) takes numbers, not a config object.*tf\.train\.rmsprop\(0\.0008, 6e-8\)\.$/, line: 1, column: 36 }],
      output: "const optimizer = tf.train.rmsprop(0.0008, 6e-8);\nconst d = tf.sequential();",
    },
    {
      name: 'a key the factory has no parameter for (beta_1): the parameter order instead, no fix',
      code: NS + "const opt = tf.train.adam({learningRate: 0.0002, beta_1: 0.5});",
      errors: [{ message: /Pass the numbers in order: tf\.train\.adam\(learningRate, beta1, beta2, epsilon\)\.$/, line: 2, column: 27 }],
      output: null,
    },
    {
      name: 'the config object in a const: reported at the argument, no fix (the values may not be in scope)',
      code: NS + "const optConfig = {learningRate: 0.05};\nconst opt = tf.train.sgd(optConfig);",
      errors: [{ message: /^tf\.train\.sgd\(\) takes numbers, not a config object/, line: 3, column: 26 }],
      output: null,
    },
    {
      name: 'an unknown fit key with no likely spelling: no fix',
      code: NS + MODEL + "await model.fit(xs, ys, {epochs: 5, steps: 10});",
      errors: [{ message: 'fit() has no `steps` option: tfjs ignores it.', line: 3, column: 37 }],
      output: null,
    },
    {
      name: "loss 'mse' throws: a metric name, not a loss",
      code: NS + MODEL + "model.compile({optimizer: 'sgd', loss: 'mse'});",
      errors: [{ message: `'mse' is not a loss tfjs knows ('mse' names a metric in tfjs, not a loss): the call throws "Unknown loss mse". Use 'meanSquaredError'.`, line: 3, column: 40 }],
      output: NS + MODEL + "model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});",
    },
    {
      name: 'Keras snake_case loss and metric, browser global tf',
      filename: 'app.js',
      code: MODEL + "model.compile({optimizer: 'adam', loss: 'categorical_crossentropy', metrics: ['accuracy', 'sparse_categorical_accuracy']});",
      errors: [
        { message: /'categorical_crossentropy' is not a loss tfjs knows: the call throws "Unknown loss categorical_crossentropy"\. Use 'categoricalCrossentropy'\./, line: 2, column: 41 },
        { message: /'sparse_categorical_accuracy' is not a metric tfjs knows: the call throws "Unknown metric sparse_categorical_accuracy"\.$/, line: 2, column: 91 },
      ],
      output: MODEL + "model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy', 'sparse_categorical_accuracy']});",
    },
    {
      name: 'unknown optimizer strings: a case slip is fixed, nadam is not',
      code: NS + MODEL + "model.compile({optimizer: 'Sgd', loss: 'meanSquaredError'});\nconst m2 = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [3]})]});\nm2.compile({optimizer: 'nadam', loss: 'meanSquaredError'});",
      errors: [
        { message: /'Sgd' is not an optimizer tfjs knows: the call throws "Unknown Optimizer Sgd"\. Use 'sgd'\./, line: 3, column: 27 },
        { message: /'nadam' .* Use one of 'adagrad', 'adadelta', 'adam', 'adamax', 'rmsprop', 'sgd', or a tf\.train optimizer\./, line: 5, column: 24 },
      ],
      output: NS + MODEL + "model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});\nconst m2 = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [3]})]});\nm2.compile({optimizer: 'nadam', loss: 'meanSquaredError'});",
    },
    {
      name: 'input_shape and an unknown activation in layers',
      code: NS + "const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 16, input_shape: [4], activation: 'leaky_relu'}));\nmodel.add(tf.layers.dense({units: 1, activation: 'hard_sigmoid'}));",
      errors: [
        { message: 'tf.layers.dense() has no `input_shape` option: tfjs ignores it. Did you mean `inputShape`?', line: 3, column: 39 },
        { message: /'leaky_relu' is not an activation tfjs knows: the call throws "Unknown activation: leaky_relu"\.$/, line: 3, column: 69 },
        { message: /'hard_sigmoid' .* Use 'hardSigmoid'\./, line: 4, column: 50 },
      ],
      output: NS + "const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 16, inputShape: [4], activation: 'leaky_relu'}));\nmodel.add(tf.layers.dense({units: 1, activation: 'hardSigmoid'}));",
    },
    {
      name: 'restoreBestWeights: true throws; unsafe removal',
      code: NS + "const stop = tf.callbacks.earlyStopping({monitor: 'val_loss', patience: 3, restoreBestWeights: true});",
      errors: [{ message: /throws "restoreBestWeights = True is not implemented in EarlyStopping yet\."/, line: 2, column: 76 }],
      output: NS + "const stop = tf.callbacks.earlyStopping({monitor: 'val_loss', patience: 3});",
    },
    {
      name: 'min_delta in earlyStopping',
      code: NS + "const stop = tf.callbacks.earlyStopping({min_delta: 0.01, patience: 3});",
      errors: [{ message: /earlyStopping\(\) has no `min_delta` option.* Did you mean `minDelta`\?/, line: 2, column: 42 }],
      output: NS + "const stop = tf.callbacks.earlyStopping({minDelta: 0.01, patience: 3});",
    },
    {
      name: 'batch_size when batchSize is already set: no rename',
      code: NS + MODEL + "await model.fit(xs, ys, {epochs: 3, batchSize: 32, batch_size: 64});",
      errors: [{ message: /has no `batch_size` option: .* \(`batchSize` is already set\)$/, line: 3, column: 52 }],
      output: null,
    },
  ],
});
