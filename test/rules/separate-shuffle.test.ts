import { rule } from '../../rules/separate-shuffle';
import { runRuleTable } from '../harness/rule-tester';
import { lintWith } from '../harness/rule-tester';
import * as assert from 'node:assert/strict';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs-node');\n";
const SEP = /are shuffled separately \(tf\.util\.shuffle on lines \d+ and \d+\)/;
const ZIP = /^the datasets zipped here are shuffled separately/;

runRuleTable(rule, {
  valid: [
    { name: 'shuffleCombo', code: NS + 'tf.util.shuffleCombo(xs, ys);\nawait model.fit(tf.tensor2d(xs), tf.tensor2d(ys));' },
    { name: 'one array of {x, y} pairs', code: NS + 'tf.util.shuffle(examples);\nconst xs = tf.tensor2d(examples.map((e) => e.x));\nconst ys = tf.tensor2d(examples.map((e) => e.y));\nawait model.fit(xs, ys);' },
    { name: 'one index array used for both', code: NS + 'const idx = tf.util.createShuffledIndices(n);\nconst bx = [], by = [];\nfor (let i = 0; i < n; i++) { bx.push(xs[idx[i]]); by.push(ys[idx[i]]); }' },
    { name: 'shuffle after tf.data.zip', code: NS + 'const ds = tf.data.zip({xs: tf.data.array(xs), ys: tf.data.array(ys)}).shuffle(100).batch(32);\nawait model.fitDataset(ds, {epochs: 5});' },
    { name: 'only one component shuffled (validation stays in order)', code: NS + 'const ds = tf.data.zip({xs: tf.data.array(xs).shuffle(50), ys: tf.data.array(ys)});' },
    { name: 'same buffer and the same seed draw the same order', code: NS + "const ds = tf.data.zip({xs: tf.data.array(xs).shuffle(100, 'seed'), ys: tf.data.array(ys).shuffle(100, 'seed')});" },
    { name: 'unrelated arrays shuffled (names and uses do not pair them)', code: NS + 'tf.util.shuffle(colors);\ntf.util.shuffle(names);' },
    { name: 'train and test sets shuffled separately', code: NS + 'tf.util.shuffle(trainImages);\ntf.util.shuffle(testLabels);' },
    { name: 'features and labels shuffled in different functions', code: NS + 'function a() { tf.util.shuffle(xs); }\nfunction b() { tf.util.shuffle(ys); }' },
    { name: 'exclusive branches', code: NS + 'if (mode) tf.util.shuffle(xs);\nelse tf.util.shuffle(ys);' },
    { name: 'the same array shuffled twice', code: NS + 'tf.util.shuffle(xs);\ntf.util.shuffle(xs);' },
    { name: 'a non-tf shuffle helper', code: NS + 'import {shuffle} from "lodash";\nshuffle(xs);\nshuffle(ys);' },
    { name: 'train and test index arrays, each used for its own images and labels', code: NS + 'const trainIdx = tf.util.createShuffledIndices(nTrain);\nconst testIdx = tf.util.createShuffledIndices(nTest);\nfor (let i = 0; i < nTrain; i++) { bx.push(trainImages[trainIdx[i]]); by.push(trainLabels[trainIdx[i]]); }\nfor (let i = 0; i < nTest; i++) { tx.push(testImages[testIdx[i]]); ty.push(testLabels[testIdx[i]]); }' },
    { name: 'one shuffled dataset of {xs, ys} elements', code: NS + 'const ds = tf.data.array(examples).shuffle(100).map((e) => ({xs: e.x, ys: e.y})).batch(32);\nawait model.fitDataset(ds, {epochs: 5});' },
    { name: 'GAN: real and noise datasets are not features and labels', code: NS + 'const ds = tf.data.zip({real: realDs.shuffle(100), noise: noiseDs.shuffle(100)});' },
  ],
  invalid: [
    {
      name: 'namespace import, names xs/ys',
      code: NS + 'tf.util.shuffle(xs);\ntf.util.shuffle(ys);\n',
      errors: [{ message: SEP, line: 2, column: 1 }],
      output: NS + 'tf.util.shuffleCombo(xs, ys);\n',
    },
    {
      name: 'browser global, arrays meet in one fit (names say nothing)',
      code: 'const a = [], b = [];\ntf.util.shuffle(a);\ntf.util.shuffle(b);\nmodel.fit(tf.tensor2d(a), tf.tensor1d(b), {epochs: 5});',
      errors: [{ message: /^a and b are shuffled separately/, line: 2, column: 1 }],
      output: 'const a = [], b = [];\ntf.util.shuffleCombo(a, b);\nmodel.fit(tf.tensor2d(a), tf.tensor1d(b), {epochs: 5});',
    },
    {
      name: 'require, helper function, inside an epoch loop',
      code: REQ + 'async function train(model, trainXs, trainYs) {\n  for (let e = 0; e < 10; e++) {\n    tf.util.shuffle(trainXs);\n    tf.util.shuffle(trainYs);\n    await model.trainOnBatch(tf.tensor2d(trainXs), tf.tensor2d(trainYs));\n  }\n}',
      errors: [{ message: /^trainXs and trainYs are shuffled separately/, line: 4, column: 5 }],
      output: REQ + 'async function train(model, trainXs, trainYs) {\n  for (let e = 0; e < 10; e++) {\n    tf.util.shuffleCombo(trainXs, trainYs);\n    await model.trainOnBatch(tf.tensor2d(trainXs), tf.tensor2d(trainYs));\n  }\n}',
    },
    {
      name: 'named import util, images/labels',
      code: "import {util} from '@tensorflow/tfjs';\nutil.shuffle(images);\nutil.shuffle(labels);",
      errors: [{ message: /^images and labels/, line: 2, column: 1 }],
      output: "import {util} from '@tensorflow/tfjs';\nutil.shuffleCombo(images, labels);\n",
    },
    {
      name: 'properties of a data object, statements apart',
      code: NS + 'tf.util.shuffle(data.inputs);\nconsole.log("shuffled");\ntf.util.shuffle(data.targets);',
      errors: [{ message: /^inputs and targets/, line: 2, column: 1 }],
      output: NS + 'tf.util.shuffleCombo(data.inputs, data.targets);\nconsole.log("shuffled");\n',
    },
    {
      name: 'alias namespace from tfjs-core',
      code: "import {sequential} from '@tensorflow/tfjs';\nimport * as t from '@tensorflow/tfjs-core';\nt.util.shuffle(xTrain);\nt.util.shuffle(yTrain);",
      errors: [{ message: /^xTrain and yTrain/, line: 3, column: 1 }],
      output: "import {sequential} from '@tensorflow/tfjs';\nimport * as t from '@tensorflow/tfjs-core';\nt.util.shuffleCombo(xTrain, yTrain);\n",
    },
    {
      name: 'two datasets shuffled inline, then zipped as {xs, ys}',
      code: NS + 'const ds = tf.data.zip({xs: tf.data.array(a).shuffle(100), ys: tf.data.array(b).shuffle(100)}).batch(32);',
      errors: [{ message: ZIP, line: 2, column: 12 }],
      output: NS + 'const ds = tf.data.zip({xs: tf.data.array(a), ys: tf.data.array(b)}).shuffle(100).batch(32);',
    },
    {
      name: 'datasets shuffled in variables, zipped as an array reaching fitDataset: no fix',
      code: NS + 'const d1 = tf.data.array(a).shuffle(64);\nconst d2 = tf.data.array(b).shuffle(64);\nconst ds = tf.data.zip([d1, d2]).map(([x, y]) => ({xs: x, ys: y})).batch(8);\nawait model.fitDataset(ds, {epochs: 3});',
      errors: [{ message: ZIP, line: 4, column: 12 }],
      output: null,
    },
    {
      name: 'same seed but different buffer sizes',
      code: NS + "const ds = tf.data.zip({xs: xDs.shuffle(10, 's'), ys: yDs.shuffle(100, 's')});",
      errors: [{ message: ZIP, line: 2, column: 12 }],
      output: NS + "const ds = tf.data.zip({xs: xDs, ys: yDs}).shuffle(10, 's');",
    },
    {
      name: 'dataset names say features/labels',
      code: NS + 'const featureDs = tf.data.array(f).shuffle(32);\nconst labelDs = tf.data.array(l).shuffle(32);\nconst ds = tf.data.zip([featureDs, labelDs]);',
      errors: [{ message: ZIP, line: 4, column: 12 }],
      output: null,
    },
    {
      name: 'one shuffled dataset read twice by the zip (even with a seed)',
      code: NS + "const base = tf.data.array(examples).shuffle(100, 'seed');\nconst ds = tf.data.zip({xs: base.map((e) => e.x), ys: base.map((e) => e.y)});",
      errors: [{ message: /^the parts zipped here read the same shuffled dataset \(\.shuffle\(\) on line 2\) through separate iterators/, line: 3, column: 12 }],
      output: null,
    },
    {
      name: 'two index arrays from createShuffledIndices',
      code: NS + 'const xi = tf.util.createShuffledIndices(n);\nconst yi = tf.util.createShuffledIndices(n);\nfor (let i = 0; i < n; i++) { bx.push(xs[xi[i]]); by.push(ys[yi[i]]); }',
      errors: [{ message: /^xi and yi are two index arrays shuffled separately .* one picking from xs and the other from ys/, line: 3, column: 12 }],
      output: null,
    },
    {
      name: 'two index arrays shuffled in place, used with tf.gather',
      code: NS + 'const ia = [...order];\nconst ib = [...order];\ntf.util.shuffle(ia);\ntf.util.shuffle(ib);\nconst bx = tf.gather(inputs, ia);\nconst by = labelT.gather(ib);\nawait model.fit(bx, by);',
      errors: [{ message: /^ia and ib are two index arrays shuffled separately/, line: 5, column: 1 }],
      output: null,
    },
  ],
});

describe('separate-shuffle (fix safety)', () => {
  it('marks the shuffleCombo fix safe only when the arrays meet in one fit', () => {
    const byName = lintWith(rule, NS + 'tf.util.shuffle(xs);\ntf.util.shuffle(ys);\n');
    const byUse = lintWith(rule, NS + 'tf.util.shuffle(a);\ntf.util.shuffle(b);\nmodel.fit(tf.tensor2d(a), tf.tensor2d(b));');
    assert.equal(byName[0].fixes[0].safe, false);
    assert.equal(byUse[0].fixes[0].safe, true);
  });
});
