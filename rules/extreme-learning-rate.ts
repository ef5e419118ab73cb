// extreme-learning-rate: a `tf.train.<optimizer>(rate)` whose rate, evaluated from literals,
// constants and arithmetic, is far above what that optimizer tolerates (weights run to
// Infinity, the loss turns NaN) or so small that training barely moves.
import type { Rule } from '../server/src/engine/rule';
import { OptimizerValue } from '../server/src/engine/values';
import { formatNumber } from './support/format';

/** Above these the optimizer is expected to diverge (RULES.md, T2-1). */
export const DEFAULT_CEILINGS: Readonly<Record<string, number>> = {
  sgd: 1, momentum: 1, adagrad: 1, adam: 0.1, adamax: 0.1, rmsprop: 0.1, adadelta: 0.1,
};
export const DEFAULT_FLOOR = 1e-6;
/**
 * The rate the fix writes: what tfjs itself uses for that optimizer (the compile-string
 * defaults of tfjs-layers; tf.train.adadelta's own default, since the compile string's 1.0
 * diverged in our measurement).
 */
export const USUAL_RATES: Readonly<Record<string, number>> = {
  sgd: 0.01, momentum: 0.01, adagrad: 0.01, adam: 0.001, adamax: 0.002, rmsprop: 0.001, adadelta: 0.001,
};

export const rule: Rule = {
  meta: {
    id: 'extreme-learning-rate',
    description: 'A constant learning rate far above what the optimizer tolerates (the loss turns NaN) or so small that training barely moves.',
    defaultSeverity: 'warning',
    source: 'T1-3, T2-1, T2-2',
    fixable: true,
    defaultOptions: { ceilings: { ...DEFAULT_CEILINGS }, floor: DEFAULT_FLOOR },
  },
  check(context) {
    const file = context.file;
    const ceilings = readCeilings(context.options.ceilings);
    const floor = typeof context.options.floor === 'number' && context.options.floor >= 0 ? context.options.floor : DEFAULT_FLOOR;
    file.graph; // building the graph evaluates every call, so every optimizer is created
    for (const optimizer of file.evaluator.created) {
      if (!(optimizer instanceof OptimizerValue) || !optimizer.rateNode) continue;
      const name = optimizer.name;
      const ceiling = ceilings[name];
      const usual = USUAL_RATES[name];
      if (ceiling === undefined || usual === undefined) continue;
      const rate = file.evaluate(optimizer.rateNode);
      if (typeof rate !== 'number' || Number.isNaN(rate)) continue; // unknown: stay quiet
      const rateText = formatNumber(rate);
      let problem: string;
      if (rate > ceiling) {
        problem = `is above the ceiling of ${formatNumber(ceiling)} for ${name}: updates overshoot, weights run to Infinity and the loss turns NaN`;
      } else if (rate <= floor) {
        problem = `is at or below the floor of ${formatNumber(floor)}: the weights barely move and the loss stays where it started`;
      } else {
        continue;
      }
      const spelled = file.textOf(optimizer.rateNode);
      const shown = spelled === rateText ? rateText : `${spelled} = ${rateText}`;
      context.report({
        node: optimizer.rateNode,
        message: `Learning rate ${shown} for tf.train.${name} ${problem}. Use ${formatNumber(usual)}, the usual rate for ${name}.`,
        fixes: [{
          title: `Use learning rate ${formatNumber(usual)} (the usual rate for ${name})`,
          // It changes how the model trains, by design: a person should confirm the new rate.
          safe: false,
          edits: [{ ...file.rangeOf(optimizer.rateNode), newText: formatNumber(usual) }],
        }],
      });
    }
  },
};

/** Per-optimizer ceilings from the options, overlaid on the defaults; bad entries are ignored. */
function readCeilings(option: unknown): Record<string, number> {
  const out: Record<string, number> = { ...DEFAULT_CEILINGS };
  if (option && typeof option === 'object' && !Array.isArray(option)) {
    for (const [k, v] of Object.entries(option as Record<string, unknown>)) {
      if (typeof v === 'number' && v > 0 && k in DEFAULT_CEILINGS) out[k] = v;
    }
  }
  return out;
}
