// loss-activation-mismatch: a compile loss that does not fit the model's output activation
// and units: error losses on softmax probabilities, categorical losses on a single unit,
// binary cross-entropy on a softmax of 3 or more units, the logits losses of tf.losses on an
// output that is already a probability; an info for sigmoid units with categorical
// cross-entropy (it trains). Each row is derived from tfjs-layers' losses.ts and measured.
import type { Rule } from '../server/src/engine/rule';
import type { CompileInfo, OutputActivation } from '../server/src/engine/model-facts';
import type { FileAnalysis } from '../server/src/engine/analysis';
import type { TextEdit } from '../server/src/engine/types';
import { describeOutput, setActivationEdit, setLossEdit } from './support/output-edits';

interface Mismatch {
  why: string;
  /** The change the message recommends, in words. */
  advice: string;
  activation?: string;
  loss?: string;
  /** The pairing trains; the finding is a question to check, at most an info. */
  info?: boolean;
}

export const rule: Rule = {
  meta: {
    id: 'loss-activation-mismatch',
    description: 'The compile loss does not match the output activation and units (e.g. meanSquaredError on softmax, categoricalCrossentropy on one unit).',
    defaultSeverity: 'warning',
    source: 'T2-3',
    fixable: true,
  },
  check(context) {
    const file = context.file;
    for (const model of file.graph.models) {
      const out = file.outputActivation(model);
      if (!out) continue;
      for (const info of file.compiles(model)) {
        if (!info.loss) continue;
        const m = mismatch(out, info.loss.name);
        if (!m) continue;
        const edits = fixEdits(file, out, info, m);
        context.report({
          node: info.loss.node,
          message: `Output is ${describeOutput(out)} but the loss is ${info.loss.written}: ${m.why}. ${m.advice}.`,
          fixes: edits ? [{ title: m.advice, safe: false, edits }] : [],
          maxSeverity: m.info ? 'info' : undefined,
        });
      }
    }
  },
};

/** The mismatch between an output and a loss, or undefined when they fit (or we cannot tell). */
export function mismatch(out: OutputActivation, loss: string): Mismatch | undefined {
  const a = out.activation;
  const units = out.units;
  const toBinary = (why: string): Mismatch => (a === 'sigmoid'
    ? { why, advice: "Use loss 'binaryCrossentropy'", loss: 'binaryCrossentropy' }
    : { why, advice: "Use activation 'sigmoid' with loss 'binaryCrossentropy'", activation: 'sigmoid', loss: 'binaryCrossentropy' });

  if (loss === 'softmaxCrossEntropy' || loss === 'sigmoidCrossEntropy') {
    if (a !== 'softmax' && a !== 'sigmoid') return undefined;
    return {
      why: `tf.losses.${loss} applies ${loss === 'softmaxCrossEntropy' ? 'softmax' : 'sigmoid'} itself and expects logits, so the ${a} is applied twice and the gradients shrink`,
      advice: `Use activation 'linear' (apply ${a} when predicting)`,
      activation: 'linear',
    };
  }
  if (a === 'softmax' && units === 1) {
    if (loss === 'meanSquaredError' || loss === 'meanAbsoluteError' || loss === 'binaryCrossentropy') {
      return toBinary('a softmax over 1 unit always outputs 1, whatever the input, so nothing is learned');
    }
  }
  if (a === 'softmax' && (loss === 'meanSquaredError' || loss === 'meanAbsoluteError')) {
    return {
      why: 'an error loss through softmax barely corrects a confidently wrong class and trains slower than cross-entropy (with sgd, far slower)',
      advice: "Use loss 'categoricalCrossentropy'",
      loss: 'categoricalCrossentropy',
    };
  }
  // Sigmoid units with meanSquaredError train as well as with binaryCrossentropy on targets in
  // [0, 1] (measured, rules/loss-activation-mismatch.md); targets outside [0, 1] are
  // bounded-regression-output's finding, not this rule's.
  if (loss === 'categoricalCrossentropy' && units === 1) {
    return toBinary('categorical cross-entropy needs one-hot targets over 2 or more classes: with 1 unit, fit throws ("expects targets to be binary matrices")');
  }
  if (loss === 'categoricalCrossentropy' && a === 'sigmoid') {
    // tfjs divides the outputs by their row sum before the log, so this trains; only what
    // predict returns is off.
    return {
      why: "this trains (tfjs divides the outputs by their sum inside the loss), but predict's sigmoid outputs do not sum to 1, so they are not the class probabilities the loss was fitted on",
      advice: "Use activation 'softmax' if each example has exactly one class",
      activation: 'softmax',
      info: true,
    };
  }
  // With 2 softmax units and one-hot labels, mean binary cross-entropy equals categorical
  // cross-entropy (the two units' terms are the same): not a mismatch.
  if (loss === 'binaryCrossentropy' && a === 'softmax' && units !== undefined && units >= 3) {
    return {
      why: `binary cross-entropy averages ${units} independent yes/no terms, so the gradient is about 1/${units} of categorical cross-entropy's (far slower with sgd), and the 'accuracy' metric becomes per-unit binary accuracy (high even when every class is wrong)`,
      advice: "Use loss 'categoricalCrossentropy'",
      loss: 'categoricalCrossentropy',
    };
  }
  if (loss === 'sparseCategoricalCrossentropy' && units === 1) {
    return toBinary('sparse categorical cross-entropy needs 2 or more output units: with 1 unit, fit throws ("depth must be >=2")');
  }
  return undefined;
}

/** All edits of the fix, or undefined when any part cannot be made safely (shared configs). */
function fixEdits(file: FileAnalysis, out: OutputActivation, info: CompileInfo, m: Mismatch): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  if (m.activation) {
    const e = setActivationEdit(file, out, m.activation);
    if (!e) return undefined;
    edits.push(e);
  }
  if (m.loss) {
    const e = setLossEdit(file, info, m.loss);
    if (!e) return undefined;
    edits.push(e);
  }
  return edits;
}
