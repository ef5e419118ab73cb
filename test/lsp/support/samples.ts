// The real rule the protocol tests drive. The issue names unsafe-log on a hand-written
// `tf.log(tf.sigmoid(z))`; until that rule exists, the tests use another real rule with a
// fix (extreme-learning-rate). Never a fake: the sample's rule is the project's own module.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rulesById } from '../../../rules/index';
import { SERVER_BIN, TEST_SERVER } from './lsp-client';

export interface Sample {
  ruleId: string;
  /** A file with exactly one problem of the rule, on line `line` (0-based). */
  one: string;
  line: number;
  /** A file with two problems of the rule, both fixable. */
  two: string;
  /** A tfjs file the rule leaves alone. */
  clean: string;
}

const HEADER = "import * as tf from '@tensorflow/tfjs';\n";

const SAMPLES: Sample[] = [
  {
    ruleId: 'unsafe-log',
    one: `${HEADER}export function logProb(z: tf.Tensor) {\n  return tf.log(tf.sigmoid(z));\n}\n`,
    line: 2,
    two: `${HEADER}export function a(z: tf.Tensor) {\n  return tf.log(tf.sigmoid(z));\n}\nexport function b(w: tf.Tensor) {\n  return tf.log(tf.sigmoid(w));\n}\n`,
    clean: `${HEADER}export function logProb(z: tf.Tensor) {\n  return tf.logSigmoid(z);\n}\n`,
  },
  {
    ruleId: 'extreme-learning-rate',
    one: `${HEADER}export function make(model: tf.LayersModel) {\n  model.compile({ optimizer: tf.train.adam(5), loss: 'meanSquaredError' });\n}\n`,
    line: 2,
    two: `${HEADER}export const fast = tf.train.adam(5);\nexport const faster = tf.train.sgd(50);\n`,
    clean: `${HEADER}export function make(model: tf.LayersModel) {\n  model.compile({ optimizer: tf.train.adam(0.001), loss: 'meanSquaredError' });\n}\n`,
  },
];

const RULES_OUT = path.resolve(__dirname, '../../../rules');

export const sample: Sample = (() => {
  const found = SAMPLES.find((s) => rulesById.has(s.ruleId)) ?? SAMPLES.find((s) => fs.existsSync(path.join(RULES_OUT, `${s.ruleId}.js`)));
  if (!found) throw new Error(`none of ${SAMPLES.map((s) => s.ruleId).join(', ')} is built: the LSP tests need one of these real rules`);
  return found;
})();

/**
 * How to start a server that runs the sample's rule: the shipped bin when the rule is in the
 * registry, else the test entry with the rule's module added.
 */
export function serverFor(extraRules: string[] = []): { entry: string; args: string[] } {
  const registered = rulesById.has(sample.ruleId);
  const modules = [...(registered ? [] : [path.join(RULES_OUT, `${sample.ruleId}.js`)]), ...extraRules];
  if (modules.length === 0) return { entry: SERVER_BIN, args: [] };
  return { entry: TEST_SERVER, args: modules.map((m) => `--extra-rule=${m}`) };
}

export const THROWING_RULE = path.join(__dirname, 'throwing-rule.js');
