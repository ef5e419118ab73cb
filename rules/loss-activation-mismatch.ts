// loss-activation-mismatch: a compile loss that does not fit the model's output activation
// and units: regression losses on softmax probabilities, categorical losses on a single
// unit or on sigmoid, binary cross-entropy on a softmax, and the logits losses of tf.losses
// on an output that is already a probability.
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
      why: 'an error loss on softmax probabilities has vanishing gradients and trains far slower than cross-entropy',
      advice: "Use loss 'categoricalCrossentropy'",
      loss: 'categoricalCrossentropy',
    };
  }
  if (a === 'sigmoid' && loss === 'meanSquaredError' && units !== undefined && units >= 2) {
    return {
      why: 'squared error through saturating sigmoid units has vanishing gradients; binary cross-entropy trains each unit as a yes/no probability (and also takes targets in [0, 1], such as pixel intensities)',
      advice: "Use loss 'binaryCrossentropy'",
      loss: 'binaryCrossentropy',
    };
  }
  if (loss === 'categoricalCrossentropy' && units === 1) {
    return toBinary('categorical cross-entropy needs one-hot targets over 2 or more classes: with 1 unit, fit throws ("expects targets to be binary matrices")');
  }
  if (loss === 'categoricalCrossentropy' && a === 'sigmoid') {
    return {
      why: 'categorical cross-entropy expects one probability distribution (softmax); sigmoid units are independent yes/no probabilities',
      advice: "Use loss 'binaryCrossentropy'",
      loss: 'binaryCrossentropy',
    };
  }
  if (loss === 'binaryCrossentropy' && a === 'softmax' && units !== undefined && units >= 2) {
    return {
      why: 'binary cross-entropy scores each unit as an independent yes/no, but softmax units compete and sum to 1',
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
