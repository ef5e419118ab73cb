// extreme-learning-rate: a `tf.train.<optimizer>(rate)` whose rate, evaluated from literals,
// constants and arithmetic, is above where that optimizer was measured to fail
// (test/calibration/learning-rates.ts), not positive, or so small that training barely moves
// on inputs known to be scaled. The input scale decides what can be said: on large or unknown
// inputs the largest stable sgd rate is unknowable from the rate alone.
import type { Rule, RuleContext } from '../server/src/engine/rule';
import type { FileAnalysis } from '../server/src/engine/analysis';
import { OptimizerValue } from '../server/src/engine/values';
import { knownOutside } from './support/label-range';
import { formatNumber } from './support/format';

/**
 * Above these the optimizer failed on every small scaled network measured by
 * `npm run calibrate:learning-rates` (rules/extreme-learning-rate.md has the table).
 */
export const DEFAULT_CEILINGS: Readonly<Record<string, number>> = {
  sgd: 1, momentum: 1, adadelta: 1, adam: 1, adamax: 2, adagrad: 10, rmsprop: 0.3,
};
/**
 * How each optimizer fails above its ceiling. sgd, momentum and tfjs's adadelta (whose update
 * starts as the plain gradient, so it steps like sgd) overflow to NaN; the adaptive ones move
 * each weight by about the rate per step, so they bounce instead of overflowing.
 */
const OVERFLOWS = new Set(['sgd', 'momentum', 'adadelta']);
/**
 * On the small softmax classifier of the calibration (categoricalCrossentropy) no optimizer
 * overflowed: cross-entropy's gradient through softmax or sigmoid is bounded. These are the
 * smallest rates of the grid that ended no better than the start (sgd still trained at 2-5).
 * A model trained only with cross-entropies is flagged from here, and above its ceiling.
 */
const CLASSIFIER_FAILS_FROM: Readonly<Record<string, number>> = {
  sgd: 10, momentum: 3, adadelta: 10, adam: 2, adamax: 3, adagrad: 5, rmsprop: 1,
};
/** The largest rate of the grid at which that classifier still trained, for the optimizers that overflow on regressions. */
const CLASSIFIER_TRAINED_UP_TO: Readonly<Record<string, number>> = { sgd: 5, momentum: 2, adadelta: 5 };
const CROSS_ENTROPIES = new Set(['categoricalCrossentropy', 'sparseCategoricalCrossentropy', 'binaryCrossentropy']);
export const DEFAULT_FLOOR = 1e-6;
/** Inputs whose every value lies in [-SCALED, SCALED] count as scaled. */
const SCALED = 10;
/**
 * The rate the fix writes: what tfjs itself uses for that optimizer (the compile-string
 * defaults of tfjs-layers; tf.train.adadelta's own default, since the compile string's 1.0
 * failed in the calibration).
 */
export const USUAL_RATES: Readonly<Record<string, number>> = {
  sgd: 0.01, momentum: 0.01, adagrad: 0.01, adam: 0.001, adamax: 0.002, rmsprop: 0.001, adadelta: 0.001,
};

type InputScale = 'scaled' | 'large' | 'unknown';
/** What the models compiled with an optimizer minimise: only cross-entropies, only other known losses, or unknown/mixed. */
type LossKind = 'classifier' | 'regression' | 'unknown';

export const rule: Rule = {
  meta: {
    id: 'extreme-learning-rate',
    description: 'A constant learning rate above where the optimizer was measured to fail, not positive, or so small on scaled inputs that training barely moves.',
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
      const scale = inputScale(file, optimizer);
      // On inputs known to be large, sgd-like optimizers need rates far below the usual one: no number to offer.
      const usualIsSafe = !OVERFLOWS.has(name) || scale !== 'large';
      let problem: string;
      let offer = usualIsSafe;
      if (rate > ceiling) {
        const kind = lossKind(file, optimizer);
        const above = `is above the ceiling of ${formatNumber(ceiling)} for ${name}`;
        if (kind === 'classifier') {
          const fails = CLASSIFIER_FAILS_FROM[name];
          if (rate < fails) continue; // measured: a cross-entropy classifier still trains here
          problem = `${above}, and from ${formatNumber(fails)} ${name} left the small softmax classifier measured no better than it started (the loss bounces; cross-entropy's bounded gradient keeps it from turning NaN)`;
        } else if (OVERFLOWS.has(name)) {
          problem = `${above}: updates overshoot, and on the small regressions measured the loss turned NaN from 2`;
          if (kind === 'unknown') problem += ` (a small softmax classifier trained with cross-entropy still trained at ${formatNumber(CLASSIFIER_TRAINED_UP_TO[name])})`;
        } else {
          problem = `${above}: ${name} moves each weight by up to about the rate every step, so a network's loss bounces and ends no better than it started`;
        }
      } else if (rate <= 0) {
        problem = rate === 0 ? 'is 0: the weights never move' : 'is negative: each step climbs the loss instead of descending it';
      } else if (rate <= floor && scale === 'scaled') {
        problem = `is at or below the floor of ${formatNumber(floor)} on inputs in [-${SCALED}, ${SCALED}]: the weights barely move and the loss stays where it started`;
        offer = true;
      } else {
        continue;
      }
      report(context, optimizer, rate, problem, offer ? usual : undefined);
    }
  },
};

function report(context: RuleContext, optimizer: OptimizerValue, rate: number, problem: string, usual: number | undefined): void {
  const file = context.file;
  const rateNode = optimizer.rateNode!;
  const rateText = formatNumber(rate);
  const spelled = file.textOf(rateNode);
  const shown = spelled === rateText ? rateText : `${spelled} = ${rateText}`;
  const name = optimizer.name;
  const advice = usual !== undefined
    ? `Use ${formatNumber(usual)}, the usual rate for ${name}.`
    : `Standardise the inputs first ((x - mean) / std, from the training data), then try ${formatNumber(USUAL_RATES[name])}; on unscaled inputs ${name} is stable only at far smaller rates.`;
  context.report({
    node: rateNode,
    message: `Learning rate ${shown} for tf.train.${name} ${problem}. ${advice}`,
    fixes: usual === undefined ? [] : [{
      title: `Use learning rate ${formatNumber(usual)} (the usual rate for ${name})`,
      // It changes how the model trains, by design: a person should confirm the new rate.
      safe: false,
      edits: [{ ...file.rangeOf(rateNode), newText: formatNumber(usual) }],
    }],
  });
}

/**
 * The scale of the inputs the optimizer trains on: 'scaled' when every fit of every model
 * compiled with it has inputs known to lie in [-SCALED, SCALED]; 'large' when some fit's
 * inputs are known to reach beyond; otherwise 'unknown' (no fit seen, fitDataset, a file).
 */
function inputScale(file: FileAnalysis, optimizer: OptimizerValue): InputScale {
  const xs = [];
  for (const model of file.graph.models) {
    if (!file.compiles(model).some((c) => c.optimizer === optimizer)) continue;
    if (model.callsOf('fitDataset').length) return 'unknown';
    for (const fit of [...model.callsOf('fit'), ...model.callsOf('trainOnBatch')]) xs.push(file.valueRange(fit.arguments[0]));
  }
  if (xs.some((r) => r && knownOutside(r, -SCALED, SCALED))) return 'large';
  return xs.length > 0 && xs.every((r) => r && r.lo >= -SCALED && r.hi <= SCALED) ? 'scaled' : 'unknown';
}

/** 'classifier' when every compile with this optimizer names a cross-entropy loss, 'regression' when each names another known loss. */
function lossKind(file: FileAnalysis, optimizer: OptimizerValue): LossKind {
  const losses: (string | undefined)[] = [];
  for (const model of file.graph.models) {
    for (const c of file.compiles(model)) if (c.optimizer === optimizer) losses.push(c.loss?.name);
  }
  if (losses.length === 0 || losses.some((l) => l === undefined)) return 'unknown';
  if (losses.every((l) => CROSS_ENTROPIES.has(l!))) return 'classifier';
  return losses.some((l) => CROSS_ENTROPIES.has(l!)) ? 'unknown' : 'regression';
}

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
