import { rule } from '../../rules/extreme-learning-rate';
import { runRuleTable } from '../harness/rule-tester';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The repository's clean example: none of the output/loss/rate rules may report anything in it. */
const CLEAN_EXAMPLE = readFileSync(join(__dirname, '../../../examples/clean-classifier.ts'), 'utf8');

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const NAMED = "import {sequential, layers, train} from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs');\n";
const NODE_ALIAS = "import * as tensorflow from '@tensorflow/tfjs-node';\n";
const MODEL = "const model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});\n";

const HIGH = (shown: string, name: string, ceiling: string, usual: string) =>
  `Learning rate ${shown} for tf.train.${name} is above the ceiling of ${ceiling} for ${name}: updates overshoot, weights run to Infinity and the loss turns NaN. Use ${usual}, the usual rate for ${name}.`;
const LOW = (shown: string, name: string, floor: string, usual: string) =>
  `Learning rate ${shown} for tf.train.${name} is at or below the floor of ${floor}: the weights barely move and the loss stays where it started. Use ${usual}, the usual rate for ${name}.`;

runRuleTable(rule, {
  valid: [
    { name: 'examples/clean-classifier.ts', code: CLEAN_EXAMPLE },
    { name: 'adam at its default 0.001', code: NS + MODEL + "model.compile({optimizer: tf.train.adam(0.001), loss: 'meanSquaredError'});" },
    { name: 'sgd exactly at its ceiling 1 (the ceiling is exclusive)', code: NS + 'const opt = tf.train.sgd(1);' },
    { name: 'adam exactly at its ceiling 0.1', code: NS + 'const opt = tf.train.adam(0.1);' },
    { name: 'just above the floor', code: NS + 'const opt = tf.train.rmsprop(2e-6);' },
    { name: 'rate from a function parameter, even when called with a huge value', code: NS + 'function makeOptimizer(lr: number) {\n  return tf.train.adam(lr);\n}\nconst opt = makeOptimizer(1e9);' },
    { name: 'rate from a schedule (a reassigned variable)', code: NS + 'let lr = 10;\nfor (let epoch = 0; epoch < 5; epoch++) lr *= 0.001;\nconst opt = tf.train.sgd(lr);' },
    { name: 'Math.random() rate', code: REQ + 'const opt = tf.train.sgd(Math.random() * 100);' },
    { name: "compile's string optimizer has no rate", code: NS + MODEL + "model.compile({optimizer: 'sgd', loss: 'meanSquaredError'});" },
    { name: 'optimizer with its own default rate', code: NAMED + 'const opt = train.adam();' },
    { name: 'a train.sgd that is not tfjs', code: NS + 'const train = {sgd: (lr: number) => lr};\nconst opt = train.sgd(1e9);' },
    { name: 'rate read from the environment', code: NS + "const opt = tf.train.adam(Number(process.env.LR ?? '0.001'));" },
    { name: 'ceiling raised by an option', code: NS + 'const opt = tf.train.adam(0.5);', options: { ceilings: { adam: 1 } } },
    { name: 'browser global tf, sensible sgd rate', filename: 'train.js', code: 'const optimizer = tf.train.sgd(0.05);' },
  ],
  invalid: [
    {
      name: 'namespace import, sgd 1e9 in compile',
      code: NS + MODEL + "model.compile({optimizer: tf.train.sgd(1e9), loss: 'meanSquaredError'});",
      errors: [{ message: HIGH('1e9', 'sgd', '1', '0.01'), line: 3, column: 40, endLine: 3, endColumn: 43 }],
      output: NS + MODEL + "model.compile({optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError'});",
    },
    {
      name: 'rate in a const',
      code: NS + 'const LR = 1e9;\nconst optimizer = tf.train.sgd(LR);',
      errors: [{ message: HIGH('LR = 1e9', 'sgd', '1', '0.01'), line: 3, column: 32 }],
      output: NS + 'const LR = 1e9;\nconst optimizer = tf.train.sgd(0.01);',
    },
    {
      name: 'rate from simple arithmetic',
      code: NS + 'const optimizer = tf.train.adam(0.1 * 100);',
      errors: [{ message: HIGH('0.1 * 100 = 10', 'adam', '0.1', '0.001'), line: 2, column: 33 }],
      output: NS + 'const optimizer = tf.train.adam(0.001);',
    },
    {
      name: 'named imports, adam 1e-7 (too low)',
      code: NAMED + "const model = sequential({layers: [layers.dense({units: 1, inputShape: [1]})]});\nmodel.compile({optimizer: train.adam(1e-7), loss: 'meanSquaredError'});",
      errors: [{ message: LOW('1e-7', 'adam', '1e-6', '0.001'), line: 3, column: 38 }],
      output: NAMED + "const model = sequential({layers: [layers.dense({units: 1, inputShape: [1]})]});\nmodel.compile({optimizer: train.adam(0.001), loss: 'meanSquaredError'});",
    },
    {
      name: 'require, momentum 5',
      code: REQ + 'const opt = tf.train.momentum(5, 0.9);',
      errors: [{ message: HIGH('5', 'momentum', '1', '0.01'), line: 2, column: 31 }],
      output: REQ + 'const opt = tf.train.momentum(0.01, 0.9);',
    },
    {
      name: 'browser global tf, rmsprop 0.5',
      filename: 'train.js',
      code: 'const optimizer = tf.train.rmsprop(0.5);',
      errors: [{ message: HIGH('0.5', 'rmsprop', '0.1', '0.001'), line: 1, column: 36 }],
      output: 'const optimizer = tf.train.rmsprop(0.001);',
    },
    {
      name: 'tfjs-node under an alias, adagrad 0',
      code: NODE_ALIAS + 'const opt = tensorflow.train.adagrad(0);',
      errors: [{ message: LOW('0', 'adagrad', '1e-6', '0.01'), line: 2, column: 38 }],
      output: NODE_ALIAS + 'const opt = tensorflow.train.adagrad(0.01);',
    },
    {
      name: 'helper function that builds, compiles and returns the model; adamax 1',
      code: NS + "function build() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 1, inputShape: [2]}));\n  m.compile({optimizer: tf.train.adamax(1), loss: 'meanSquaredError'});\n  return m;\n}",
      errors: [{ message: HIGH('1', 'adamax', '0.1', '0.002'), line: 5, column: 41 }],
      output: NS + "function build() {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: 1, inputShape: [2]}));\n  m.compile({optimizer: tf.train.adamax(0.002), loss: 'meanSquaredError'});\n  return m;\n}",
    },
    {
      name: 'adadelta 1 (the rate tfjs-layers gives the string "adadelta"; it diverged in our measurement)',
      code: NS + 'const opt = tf.train.adadelta(1);',
      errors: [{ message: HIGH('1', 'adadelta', '0.1', '0.001'), line: 2, column: 31 }],
      output: NS + 'const opt = tf.train.adadelta(0.001);',
    },
    {
      name: 'train destructured from the namespace; negative rate',
      code: NS + 'const {train} = tf;\nconst opt = train.sgd(-0.01);',
      errors: [{ message: LOW('-0.01', 'sgd', '1e-6', '0.01'), line: 3, column: 23 }],
      output: NS + 'const {train} = tf;\nconst opt = train.sgd(0.01);',
    },
    {
      name: 'rate in a config object property and Math.pow',
      code: NS + 'const config = {lr: Math.pow(10, -8)};\nconst opt = tf.train.sgd(config.lr);',
      errors: [{ message: LOW('config.lr = 1e-8', 'sgd', '1e-6', '0.01'), line: 3, column: 26 }],
      output: NS + 'const config = {lr: Math.pow(10, -8)};\nconst opt = tf.train.sgd(0.01);',
    },
    {
      name: 'floor raised by an option',
      code: NS + 'const opt = tf.train.adam(1e-5);',
      options: { floor: 1e-4 },
      errors: [{ message: LOW('1e-5', 'adam', '0.0001', '0.001'), line: 2, column: 27 }],
      output: NS + 'const opt = tf.train.adam(0.001);',
    },
    {
      name: 'ceiling lowered by an option (other optimizers keep their defaults)',
      code: NS + 'const a = tf.train.sgd(0.8);\nconst b = tf.train.adam(0.05);',
      options: { ceilings: { sgd: 0.5 } },
      errors: [{ message: HIGH('0.8', 'sgd', '0.5', '0.01'), line: 2, column: 24 }],
      output: NS + 'const a = tf.train.sgd(0.01);\nconst b = tf.train.adam(0.05);',
    },
    {
      name: 'functional model compiled with an optimizer held in a variable',
      code: NS + "const inp = tf.input({shape: [3]});\nconst out = tf.layers.dense({units: 1}).apply(inp) as tf.SymbolicTensor;\nconst model = tf.model({inputs: inp, outputs: out});\nconst optimizer = tf.train.adam(2 * 0.5);\nmodel.compile({optimizer, loss: 'meanSquaredError'});",
      errors: [{ message: HIGH('2 * 0.5 = 1', 'adam', '0.1', '0.001'), line: 5, column: 33 }],
      output: NS + "const inp = tf.input({shape: [3]});\nconst out = tf.layers.dense({units: 1}).apply(inp) as tf.SymbolicTensor;\nconst model = tf.model({inputs: inp, outputs: out});\nconst optimizer = tf.train.adam(0.001);\nmodel.compile({optimizer, loss: 'meanSquaredError'});",
    },
    {
      name: 'two optimizers sharing one constant: each call is reported',
      code: NS + 'const LR = 1e-9;\nconst a = tf.train.sgd(LR);\nconst b = tf.train.rmsprop(LR);',
      errors: [
        { message: LOW('LR = 1e-9', 'sgd', '1e-6', '0.01'), line: 3, column: 24 },
        { message: LOW('LR = 1e-9', 'rmsprop', '1e-6', '0.001'), line: 4, column: 28 },
      ],
      output: NS + 'const LR = 1e-9;\nconst a = tf.train.sgd(0.01);\nconst b = tf.train.rmsprop(0.001);',
    },
  ],
});
