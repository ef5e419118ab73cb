// bounded-regression-output: a model trained with a regression loss whose output activation
// squeezes predictions into a fixed interval (sigmoid, tanh, softmax, ...). Targets outside
// that interval can never be reached, and near its edges the gradients vanish.
import type { Rule } from '../server/src/engine/rule';
import type { ts } from '../server/src/engine/ts';
import { describeOutput, reportLinearOutput, reportLinearQuestion } from './support/output-edits';
import { describeTargets, isClassificationMismatch, regressionOutputs, signedTargets, unknownTargetsSource } from './support/regression-output';
import { knownOutside } from './support/label-range';
import { formatNumber } from './support/format';
import { activationBounds } from '../server/src/engine/tfjs/catalog';

/** The bounded activations this rule covers, with the interval each maps onto (from the tfjs catalog). */
export const OUTPUT_BOUNDS: Readonly<Record<string, readonly [number, number]>> = Object.fromEntries(
  ['sigmoid', 'hardSigmoid', 'softmax', 'tanh', 'softsign'].map((a) => [a, [activationBounds(a)!.lo, activationBounds(a)!.hi]]),
);

export const rule: Rule = {
  meta: {
    id: 'bounded-regression-output',
    description: 'A regression model ends in a bounded activation (sigmoid, tanh, softmax, ...): targets outside its range are never reached.',
    defaultSeverity: 'warning',
    source: 'T2-4',
    fixable: true,
    defaultOptions: { reportUnknownTargets: false },
  },
  check(context) {
    const file = context.file;
    const reportUnknown = context.options.reportUnknownTargets === true;
    // Models built from one shared config point at the same activation: report it once.
    const reported = new Set<ts.Node>();
    for (const r of regressionOutputs(file)) {
      const bound = OUTPUT_BOUNDS[r.out.activation];
      if (!bound) continue;
      // Reported by loss-activation-mismatch as a classification loss mistake.
      if (isClassificationMismatch(r.out, r.loss.name)) continue;
      // Every fit trains on targets known to lie within the bound: fine.
      if (r.targets.length > 0 && r.targets.every((t) => t && t.lo >= bound[0] && t.hi <= bound[1])) continue;
      // Sigmoid on targets known to go negative: relu-output-signed-targets reports it.
      if (r.out.activation === 'sigmoid' && signedTargets(r)) continue;
      // Targets known to reach outside the range; unknown targets only when asked (precision first).
      const outside = r.targets.find((t) => t && knownOutside(t, bound[0], bound[1]));
      const [lo, hi] = bound.map(formatNumber);
      if (!outside && !reportUnknown) {
        // Trained here on targets we cannot see: a question to check, not a claim (no fix).
        // Not for a [0, 1] output: 0/1 labels and min-max scaled targets, which it fits, are
        // what public code trains one on (all 4 such questions on the corpus were judged false).
        if (bound[0] === 0 && bound[1] === 1) continue;
        const source = unknownTargetsSource(file, r);
        if (source) reportLinearQuestion(context, r.out, reported, (advice) =>
          `Output is ${describeOutput(r.out)}, so predictions lie in [${lo}, ${hi}]; ${source} are not known here. If any target lies outside [${lo}, ${hi}], ${advice}.`);
        continue;
      }
      const targets = outside ? `on ${describeTargets(outside)}` : `on labels not known to lie in [${lo}, ${hi}]`;
      reportLinearOutput(context, r.out, reported, (advice) =>
        `Output is ${describeOutput(r.out)}, so predictions stay in [${lo}, ${hi}], but the model is trained with regression loss ${r.loss.written} ${targets}: targets outside that range are never reached. ${advice}.`);
    }
  },
};
