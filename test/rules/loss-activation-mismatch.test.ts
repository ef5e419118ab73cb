import { rule } from '../../rules/loss-activation-mismatch';
import { runRuleTable } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's clean example: none of the output/loss/rate rules may report anything in it. */
const CLEAN_EXAMPLE = readFileSync(join(__dirname, '../../../examples/clean-classifier.ts'), 'utf8');

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const NAMED = "import {sequential, layers, losses} from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs');\n";
const NODE_ALIAS = "import * as tfn from '@tensorflow/tfjs-node';\n";

const seq = (units: number, activation: string, loss: string) =>
  `const model = tf.sequential({layers: [\n  tf.layers.dense({units: 16, inputShape: [4], activation: 'relu'}),\n  tf.layers.dense({units: ${units}, activation: '${activation}'}),\n]});\nmodel.compile({optimizer: 'adam', loss: ${loss}});`;

const MSE_SOFTMAX = "an error loss through softmax barely corrects a confidently wrong class and trains slower than cross-entropy (with sgd, far slower). Use loss 'categoricalCrossentropy'.";
const ONE_UNIT_SOFTMAX = "a softmax over 1 unit always outputs 1, whatever the input, so nothing is learned. Use activation 'sigmoid' with loss 'binaryCrossentropy'.";
const SIGMOID_CCE = "this trains (tfjs divides the outputs by their sum inside the loss), but predict's sigmoid outputs do not sum to 1, so they are not the class probabilities the loss was fitted on. Use activation 'softmax' if each example has exactly one class.";
const ONE_UNIT_CCE = 'categorical cross-entropy needs one-hot targets over 2 or more classes: with 1 unit, fit throws ("expects targets to be binary matrices").';

runRuleTable(rule, {
  valid: [
    { name: 'examples/clean-classifier.ts', code: CLEAN_EXAMPLE },
    { name: 'sigmoid + binaryCrossentropy (near miss)', code: NS + seq(1, 'sigmoid', "'binaryCrossentropy'") },
    { name: 'softmax + categoricalCrossentropy, named imports', code: NAMED + "const model = sequential({layers: [layers.dense({units: 10, inputShape: [784], activation: 'softmax'})]});\nmodel.compile({optimizer: 'sgd', loss: 'categoricalCrossentropy'});" },
    { name: 'softmax + sparseCategoricalCrossentropy, require', code: REQ + seq(3, 'softmax', "'sparseCategoricalCrossentropy'") },
    { name: 'two-unit softmax + categoricalCrossentropy', code: NS + seq(2, 'softmax', "'categoricalCrossentropy'") },
    { name: 'logits (linear) output with tf.losses.softmaxCrossEntropy, functional', code: NS + "const inp = tf.input({shape: [4]});\nconst logits = tf.layers.dense({units: 3}).apply(inp) as tf.SymbolicTensor;\nconst m = tf.model({inputs: inp, outputs: logits});\nm.compile({optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy});" },
    { name: 'one-unit sigmoid regression with MSE is not a classification mismatch', code: NS + seq(1, 'sigmoid', "'meanSquaredError'") },
    { name: 'relu regression output with MSE', code: NS + seq(1, 'relu', "'meanSquaredError'") },
    { name: 'custom loss function', code: NS + "function myLoss(y: tf.Tensor, p: tf.Tensor) { return tf.losses.meanSquaredError(y, p); }\n" + seq(3, 'softmax', 'myLoss') },
    { name: 'activation from a parameter', code: NS + "function build(act: string) {\n  const m = tf.sequential({layers: [tf.layers.dense({units: 3, inputShape: [4], activation: act})]});\n  m.compile({optimizer: 'adam', loss: 'meanSquaredError'});\n  return m;\n}" },
    { name: 'units from a parameter: binaryCrossentropy on softmax of unknown width', code: NS + "function build(n: number) {\n  const m = tf.sequential({layers: [tf.layers.dense({units: n, inputShape: [4], activation: 'softmax'})]});\n  m.compile({optimizer: 'adam', loss: 'binaryCrossentropy'});\n  return m;\n}" },
    { name: 'model handed to unknown code before compile (its last layer may change)', code: NS + "const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 1, inputShape: [4], activation: 'sigmoid'}));\naddHead(model);\nmodel.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});" },
    { name: 'multi-output model with a loss per output', code: NS + "const inp = tf.input({shape: [4]});\nconst cls = tf.layers.dense({units: 3, activation: 'softmax'}).apply(inp) as tf.SymbolicTensor;\nconst reg = tf.layers.dense({units: 1}).apply(inp) as tf.SymbolicTensor;\nconst m = tf.model({inputs: inp, outputs: [cls, reg]});\nm.compile({optimizer: 'adam', loss: ['categoricalCrossentropy', 'meanSquaredError']});" },
    { name: "'mse' is not a tfjs loss string (another matter): not judged here", code: NS + seq(3, 'softmax', "'mse'") },
    { name: 'multi-unit sigmoid (multi-label) + meanSquaredError trains as well as binaryCrossentropy (measured), require', code: REQ + seq(5, 'sigmoid', "'meanSquaredError'") },
    {
      name: 'a denoising autoencoder: sigmoid pixels out, meanSquaredError (targets in [0, 1])',
      code: `${NS}class Autoencoder {
  model: tf.Sequential;
  constructor() {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({units: 32, inputShape: [784], activation: 'relu'}));
    this.model.add(tf.layers.dense({units: 784, activation: 'sigmoid'}));
    this.model.compile({optimizer: 'adam', loss: 'meanSquaredError'});
  }
}
const model = tf.sequential();
model.add(tf.layers.dense({units: 32, inputShape: [784], activation: 'relu'}));
model.add(tf.layers.dense({units: 784, activation: 'sigmoid'}));
model.compile({optimizer: 'adam', loss: 'meanSquaredError'});`,
    },
    { name: 'two-unit softmax + binaryCrossentropy: equal to categoricalCrossentropy with one-hot labels', code: NS + seq(2, 'softmax', "'binaryCrossentropy'") },
    {
      name: 'two-unit softmax + binaryCrossentropy in a class, model in this.model, labels pushed as one-hot pairs',
      code: `${NS}export class SpamFilter {
  private model: tf.Sequential;
  constructor(private vocabSize: number) {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({units: 16, inputShape: [vocabSize], activation: 'relu'}));
    this.model.add(tf.layers.dense({units: 2, activation: 'softmax'}));
    this.model.compile({optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy']});
  }
  async train(rows: number[][], spam: boolean[]) {
    const labels: number[][] = [];
    for (const s of spam) labels.push(s ? [1, 0] : [0, 1]);
    await this.model.fit(tf.tensor2d(rows), tf.tensor2d(labels), {epochs: 10});
  }
}
const model = tf.sequential();
model.add(tf.layers.dense({units: 16, inputShape: [100], activation: 'relu'}));
model.add(tf.layers.dense({units: 2, activation: 'softmax'}));
model.compile({optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy', metrics: ['accuracy']});`,
    },
    { name: 'browser global: sigmoid multi-label with binaryCrossentropy', filename: 'page.js', code: seq(5, 'sigmoid', "'binaryCrossentropy'") },
  ],
  invalid: [
    {
      name: 'softmax + meanSquaredError, namespace import',
      code: NS + seq(3, 'softmax', "'meanSquaredError'"),
      errors: [{ message: `Output is dense 'softmax' with 3 units but the loss is 'meanSquaredError': ${MSE_SOFTMAX}`, line: 6, column: 41, endLine: 6, endColumn: 59 }],
      output: NS + seq(3, 'softmax', "'categoricalCrossentropy'"),
    },
    {
      name: 'softmax + meanAbsoluteError, named imports, model.add',
      code: NAMED + "const model = sequential();\nmodel.add(layers.dense({units: 16, inputShape: [4], activation: 'relu'}));\nmodel.add(layers.dense({units: 4, activation: 'softmax'}));\nmodel.compile({optimizer: 'adam', loss: 'meanAbsoluteError'});",
      errors: [{ message: `Output is dense 'softmax' with 4 units but the loss is 'meanAbsoluteError': ${MSE_SOFTMAX}`, line: 5, column: 41 }],
      output: NAMED + "const model = sequential();\nmodel.add(layers.dense({units: 16, inputShape: [4], activation: 'relu'}));\nmodel.add(layers.dense({units: 4, activation: 'softmax'}));\nmodel.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});",
    },
    {
      name: 'browser global: one-unit sigmoid + categoricalCrossentropy',
      filename: 'page.js',
      code: seq(1, 'sigmoid', "'categoricalCrossentropy'"),
      errors: [{ message: `Output is dense 'sigmoid' with 1 unit but the loss is 'categoricalCrossentropy': ${ONE_UNIT_CCE} Use loss 'binaryCrossentropy'.`, line: 5, column: 41 }],
      output: seq(1, 'sigmoid', "'binaryCrossentropy'"),
    },
    {
      name: 'tfjs-node alias, functional model: one-unit softmax + binaryCrossentropy',
      code: NODE_ALIAS + "const inp = tfn.input({shape: [4]});\nconst out = tfn.layers.dense({units: 1, activation: 'softmax'}).apply(inp) as tfn.SymbolicTensor;\nconst m = tfn.model({inputs: inp, outputs: out});\nm.compile({optimizer: 'adam', loss: 'binaryCrossentropy'});",
      errors: [{ message: `Output is dense 'softmax' with 1 unit but the loss is 'binaryCrossentropy': ${ONE_UNIT_SOFTMAX}`, line: 5, column: 37 }],
      output: NODE_ALIAS + "const inp = tfn.input({shape: [4]});\nconst out = tfn.layers.dense({units: 1, activation: 'sigmoid'}).apply(inp) as tfn.SymbolicTensor;\nconst m = tfn.model({inputs: inp, outputs: out});\nm.compile({optimizer: 'adam', loss: 'binaryCrossentropy'});",
    },
    {
      name: 'functional model: softmax output + tf.losses.softmaxCrossEntropy (takes logits)',
      code: NS + "const inp = tf.input({shape: [4]});\nconst h = tf.layers.dense({units: 8, activation: 'relu'}).apply(inp);\nconst probs = tf.layers.dense({units: 3, activation: 'softmax'}).apply(h) as tf.SymbolicTensor;\nconst m = tf.model({inputs: inp, outputs: probs});\nm.compile({optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy});",
      errors: [{ message: "Output is dense 'softmax' with 3 units but the loss is tf.losses.softmaxCrossEntropy: tf.losses.softmaxCrossEntropy applies softmax itself and expects logits, so the softmax is applied twice and the gradients shrink. Use activation 'linear' (apply softmax when predicting).", line: 6, column: 37 }],
      output: NS + "const inp = tf.input({shape: [4]});\nconst h = tf.layers.dense({units: 8, activation: 'relu'}).apply(inp);\nconst probs = tf.layers.dense({units: 3, activation: 'linear'}).apply(h) as tf.SymbolicTensor;\nconst m = tf.model({inputs: inp, outputs: probs});\nm.compile({optimizer: 'adam', loss: tf.losses.softmaxCrossEntropy});",
    },
    {
      name: 'named import of losses: sigmoid output + losses.sigmoidCrossEntropy',
      code: NAMED + "const model = sequential({layers: [layers.dense({units: 1, inputShape: [4], activation: 'sigmoid'})]});\nmodel.compile({optimizer: 'adam', loss: losses.sigmoidCrossEntropy});",
      errors: [{ message: /^Output is dense 'sigmoid' with 1 unit but the loss is tf\.losses\.sigmoidCrossEntropy: .*expects logits.* Use activation 'linear' \(apply sigmoid when predicting\)\.$/, line: 3, column: 41 }],
      output: NAMED + "const model = sequential({layers: [layers.dense({units: 1, inputShape: [4], activation: 'linear'})]});\nmodel.compile({optimizer: 'adam', loss: losses.sigmoidCrossEntropy});",
    },
    {
      name: 'sparseCategoricalCrossentropy on one (linear) unit: activation inserted, double quotes kept',
      code: NS + 'const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 8, inputShape: [2]}));\nmodel.add(tf.layers.dense({units: 1}));\nmodel.compile({optimizer: "adam", loss: "sparseCategoricalCrossentropy"});',
      errors: [{ message: /^Output is dense 'linear' with 1 unit but the loss is 'sparseCategoricalCrossentropy': .* Use activation 'sigmoid' with loss 'binaryCrossentropy'\.$/, line: 5, column: 41 }],
      output: NS + 'const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 8, inputShape: [2]}));\nmodel.add(tf.layers.dense({units: 1, activation: \'sigmoid\'}));\nmodel.compile({optimizer: "adam", loss: "binaryCrossentropy"});',
    },
    {
      name: 'binaryCrossentropy on a 3-unit softmax whose config is a spread constant',
      code: NS + "const head = {units: 3, activation: 'softmax'};\nconst model = tf.sequential({layers: [tf.layers.dense({...head, inputShape: [4]})]});\nmodel.compile({optimizer: 'adam', loss: 'binaryCrossentropy'});",
      errors: [{ message: "Output is dense 'softmax' with 3 units but the loss is 'binaryCrossentropy': binary cross-entropy averages 3 independent yes/no terms, so the gradient is about 1/3 of categorical cross-entropy's (far slower with sgd), and the 'accuracy' metric becomes per-unit binary accuracy (high even when every class is wrong). Use loss 'categoricalCrossentropy'.", line: 4, column: 41 }],
      output: NS + "const head = {units: 3, activation: 'softmax'};\nconst model = tf.sequential({layers: [tf.layers.dense({...head, inputShape: [4]})]});\nmodel.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});",
    },
    {
      name: 'one-unit softmax written in a config shared by two models: reported, no fix',
      code: NS + "const OUT = {units: 1, activation: 'softmax'};\nconst a = tf.sequential({layers: [tf.layers.dense({...OUT, inputShape: [4]})]});\nconst b = tf.sequential({layers: [tf.layers.dense({...OUT, inputShape: [8]})]});\na.compile({optimizer: 'adam', loss: 'binaryCrossentropy'});\nb.compile({optimizer: 'adam', loss: 'binaryCrossentropy'});",
      errors: [
        { message: `Output is dense 'softmax' with 1 unit but the loss is 'binaryCrossentropy': ${ONE_UNIT_SOFTMAX}`, line: 5, column: 37 },
        { message: `Output is dense 'softmax' with 1 unit but the loss is 'binaryCrossentropy': ${ONE_UNIT_SOFTMAX}`, line: 6, column: 37 },
      ],
      output: null,
    },
    {
      name: 'helper that builds and returns the model: 3-unit sigmoid + categoricalCrossentropy',
      code: NS + "function buildClassifier() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 3, inputShape: [4], activation: 'sigmoid'}));\n  m.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\n  return m;\n}",
      errors: [{ message: `Output is dense 'sigmoid' with 3 units but the loss is 'categoricalCrossentropy': ${SIGMOID_CCE}`, line: 5, column: 39, severity: 'info' }],
      output: NS + "function buildClassifier() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 3, inputShape: [4], activation: 'softmax'}));\n  m.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});\n  return m;\n}",
    },
    {
      name: 'loss in a constant, shorthand property',
      code: NS + "const loss = 'categoricalCrossentropy';\nconst model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [4], activation: 'sigmoid'})]});\nmodel.compile({optimizer: 'adam', loss});",
      errors: [{ message: `Output is dense 'sigmoid' with 1 unit but the loss is 'categoricalCrossentropy': ${ONE_UNIT_CCE} Use loss 'binaryCrossentropy'.`, line: 4, column: 35 }],
      output: NS + "const loss = 'categoricalCrossentropy';\nconst model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [4], activation: 'sigmoid'})]});\nmodel.compile({optimizer: 'adam', loss: 'binaryCrossentropy'});",
    },
    {
      name: 'compile config in a variable, loss is tf.metrics.meanSquaredError',
      code: NS + "const model = tf.sequential({layers: [tf.layers.dense({units: 10, inputShape: [64], activation: 'softmax'})]});\nconst trainingConfig = {optimizer: 'sgd', loss: tf.metrics.meanSquaredError};\nmodel.compile(trainingConfig);",
      errors: [{ message: `Output is dense 'softmax' with 10 units but the loss is tf.metrics.meanSquaredError: ${MSE_SOFTMAX}`, line: 3, column: 49 }],
      output: NS + "const model = tf.sequential({layers: [tf.layers.dense({units: 10, inputShape: [64], activation: 'softmax'})]});\nconst trainingConfig = {optimizer: 'sgd', loss: 'categoricalCrossentropy'};\nmodel.compile(trainingConfig);",
    },
    {
      name: 'a final activation layer (softmax) after dense, with meanSquaredError',
      code: NS + "const model = tf.sequential({layers: [\n  tf.layers.dense({units: 3, inputShape: [4]}),\n  tf.layers.activation({activation: 'softmax'}),\n]});\nmodel.compile({optimizer: 'adam', loss: 'meanSquaredError'});",
      errors: [{ message: `Output is activation 'softmax' but the loss is 'meanSquaredError': ${MSE_SOFTMAX}`, line: 6, column: 41 }],
      output: NS + "const model = tf.sequential({layers: [\n  tf.layers.dense({units: 3, inputShape: [4]}),\n  tf.layers.activation({activation: 'softmax'}),\n]});\nmodel.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});",
    },
  ],
});
