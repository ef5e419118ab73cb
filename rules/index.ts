// The registry: every rule tfjs-lint ships, in the order they are documented.
import type { Rule } from '../server/src/engine/rule';
import { rule as extremeLearningRate } from './extreme-learning-rate';
import { rule as lossActivationMismatch } from './loss-activation-mismatch';
import { rule as boundedRegressionOutput } from './bounded-regression-output';
import { rule as reluOutputSignedTargets } from './relu-output-signed-targets';
import { rule as disconnectedLayers } from './disconnected-layers';

export const rules: readonly Rule[] = [
  extremeLearningRate,
  lossActivationMismatch,
  boundedRegressionOutput,
  reluOutputSignedTargets,
  disconnectedLayers,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
