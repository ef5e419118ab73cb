// The registry: every rule tfjs-lint ships, in the order they are documented.
import type { Rule } from '../server/src/engine/rule';
import { rule as unsafeLog } from './unsafe-log';
import { rule as manualSigmoid } from './manual-sigmoid';
import { rule as integerDivision } from './integer-division';
import { rule as extremeLearningRate } from './extreme-learning-rate';
import { rule as lossActivationMismatch } from './loss-activation-mismatch';
import { rule as boundedRegressionOutput } from './bounded-regression-output';
import { rule as reluOutputSignedTargets } from './relu-output-signed-targets';
import { rule as disconnectedLayers } from './disconnected-layers';
import { rule as shapeMismatch } from './shape-mismatch';
import { rule as labelFormat } from './label-format';
import { rule as unnormalizedInput } from './unnormalized-input';
import { rule as unscaledFeatures } from './unscaled-features';
import { rule as noEarlyStopping } from './no-early-stopping';
import { rule as separateShuffle } from './separate-shuffle';
import { rule as unawaitedFit } from './unawaited-fit';
import { rule as removedApi } from './removed-api';
import { rule as ignoredConfig } from './ignored-config';
import { rule as unawaitedLoad } from './unawaited-load';
import { rule as tensorLeak } from './tensor-leak';
import { rule as preprocessingMismatch } from './preprocessing-mismatch';

export const rules: readonly Rule[] = [
  unsafeLog,
  manualSigmoid,
  extremeLearningRate,
  lossActivationMismatch,
  boundedRegressionOutput,
  reluOutputSignedTargets,
  integerDivision,
  unnormalizedInput,
  unscaledFeatures,
  noEarlyStopping,
  separateShuffle,
  shapeMismatch,
  disconnectedLayers,
  labelFormat,
  unawaitedFit,
  removedApi,
  ignoredConfig,
  unawaitedLoad,
  tensorLeak,
  preprocessingMismatch,
];

export const rulesById: ReadonlyMap<string, Rule> = new Map(rules.map((r) => [r.meta.id, r]));
