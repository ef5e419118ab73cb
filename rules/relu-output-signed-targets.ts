// relu-output-signed-targets: a regression model whose output activation is never negative
// (relu, relu6, softplus, sigmoid) trained on targets known to include negatives: those
// targets can never be predicted, and a relu output stuck below zero stops learning.
import type { Rule } from '../server/src/engine/rule';
import type { ts } from '../server/src/engine/ts';
import { describeOutput, reportLinearOutput, reportLinearQuestion } from './support/output-edits';
import { describeTargets, isClassificationMismatch, regressionOutputs, signedTargets, unknownTargetsSource } from './support/regression-output';
import { activationBounds } from '../server/src/engine/tfjs/catalog';

/** The activations this rule covers: never negative, as the tfjs catalog's bounds say. */
export const NONNEGATIVE_OUTPUTS: ReadonlySet<string> = new Set(
  ['relu', 'relu6', 'softplus', 'sigmoid'].filter((a) => (activationBounds(a)?.lo ?? -Infinity) >= 0),
);

export const rule: Rule = {
  meta: {
    id: 'relu-output-signed-targets',
    description: 'A regression output that cannot be negative (relu, relu6, softplus, sigmoid) is trained on targets that are negative.',
    defaultSeverity: 'warning',
    source: 'T2-4',
    fixable: true,
  },
  check(context) {
    const file = context.file;
    // Models built from one shared config point at the same activation: report it once.
    const reported = new Set<ts.Node>();
    for (const r of regressionOutputs(file)) {
      if (!NONNEGATIVE_OUTPUTS.has(r.out.activation)) continue;
      if (isClassificationMismatch(r.out, r.loss.name)) continue;
      const signed = signedTargets(r);
      if (!signed) {
        // Trained here on targets we cannot see: a question to check (sigmoid's is asked by
        // bounded-regression-output, whose range [0, 1] is the sharper question).
        const source = r.out.activation === 'sigmoid' ? undefined : unknownTargetsSource(file, r);
        if (source) reportLinearQuestion(context, r.out, reported, (advice) =>
          `Output is ${describeOutput(r.out)}, so predictions are never negative; ${source} are not known here. If any target can be negative, ${advice}.`);
        continue; // targets that cannot be negative, or whose sign is unknown
      }
      reportLinearOutput(context, r.out, reported, (advice) =>
        `Output is ${describeOutput(r.out)}, which is never negative, but the model is trained with regression loss ${r.loss.written} on ${describeTargets(signed)}: the negative targets can never be reached. ${advice}.`);
    }
  },
};
