// unscaled-features: the features a model is fit on are known (from literals, arrays filled in
// JS, arithmetic) to reach magnitudes in the hundreds or more, and nothing on the way
// normalises them. Plain gradient descent then needs a rate so small that it crawls, and the
// usual rates overflow to NaN (measured: test/calibration/learning-rates.ts, linear-unscaled).
import type { Rule } from '../server/src/engine/rule';
import { LayerValue, ModelValue, OptimizerValue } from '../server/src/engine/values';
import { methodName, receiverOf } from './support/call-shape';
import { formatNumber } from './support/format';

/** Features known to reach beyond this magnitude count as unscaled. */
export const LARGE = 100;

/**
 * Optimizers whose step scales with the input: on raw features of hundreds, sgd at 0.01 blows
 * the loss up to 1e10 in the first epoch (measured). Adaptive optimizers divide the step by the
 * gradient's size: adam and rmsprop at 0.001 trained raw features as well as standardised ones
 * in 100 epochs, so standardising is advice there, not a fix for a failure.
 */
const PLAIN_DESCENT = new Set(['sgd', 'momentum']);

/** First layers that normalise their input themselves. */
const NORMALISING_LAYERS = new Set(['batchNormalization', 'layerNormalization', 'rescaling']);

export const rule: Rule = {
  meta: {
    id: 'unscaled-features',
    description: 'Features known to reach magnitudes in the hundreds or more are fit with no normalisation: gradient descent crawls or overflows to NaN.',
    defaultSeverity: 'warning',
    source: 'issue 10',
    fixable: false,
  },
  check(context) {
    const file = context.file;
    for (const call of file.graph.calls) {
      if (methodName(call) !== 'fit' || !call.arguments[0]) continue;
      const model = file.evaluate(receiverOf(call));
      if (!(model instanceof ModelValue) || model.modelType !== 'sequential' || normalisesFirst(model)) continue;
      if (!trainedByPlainDescent(file.compiles(model).map((c) => c.optimizer))) continue;
      const x = call.arguments[0];
      // int32 data (pixels, counts) is unnormalized-input's to report.
      if (file.dtypeSource(x)?.dtype === 'int32') continue;
      const r = file.valueRange(x);
      // Both ends reached: the magnitude is known, not a loose bound.
      if (!r || !r.exact || !Number.isFinite(r.lo) || !Number.isFinite(r.hi)) continue;
      const magnitude = Math.max(Math.abs(r.lo), Math.abs(r.hi));
      if (magnitude <= LARGE) continue;
      context.report({
        node: x,
        message:
          `The features passed to ${file.textOf(receiverOf(call)!)}.fit() reach values in [${formatNumber(r.lo)}, ${formatNumber(r.hi)}] and are not normalised: ` +
          `with inputs this large gradient descent overflows to NaN at the usual rates and crawls at rates small enough to be stable. ` +
          `Standardise each feature column with the training data's mean and standard deviation ((x - mean) / std) and apply the same to data you predict on.`,
      });
    }
  },
};

/** A sequential model whose first layer is known and normalises its input. */
function normalisesFirst(model: ModelValue): boolean {
  const first = model.layers[0];
  return !first || !first.certain || !(first.layer instanceof LayerValue) || NORMALISING_LAYERS.has(first.layer.layerType);
}

/** Every compile of the model is known and uses sgd or momentum (a tf.train factory or a compile string). */
function trainedByPlainDescent(optimizers: (OptimizerValue | string | undefined)[]): boolean {
  return optimizers.length > 0 && optimizers.every((o) => PLAIN_DESCENT.has((o instanceof OptimizerValue ? o.name : o ?? '').toLowerCase()));
}
