// Models trained as regressors: their output activation, the regression loss they are
// compiled with, and what the file shows of the targets each fit call trains them on.
// Shared by bounded-regression-output and relu-output-signed-targets, which split the cases
// between them (and with loss-activation-mismatch) so that one output is reported once.
import { ts } from '../../server/src/engine/ts';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import { REGRESSION_LOSSES, type CompileInfo, type LossInfo, type OutputActivation } from '../../server/src/engine/model-facts';
import type { ModelValue } from '../../server/src/engine/values';
import { valueRange, type ValueRange } from './label-range';
import { formatNumber } from './format';

export interface RegressionOutput {
  model: ModelValue;
  out: OutputActivation;
  compile: CompileInfo;
  loss: LossInfo;
  /** One entry per fit / trainOnBatch call: the targets' range, undefined when unknown. */
  targets: (ValueRange | undefined)[];
  /** The fit / trainOnBatch calls (in the order of `targets`), then the fitDataset calls. */
  trainCalls: ts.CallExpression[];
}

/** Every model with a known single output compiled with a regression loss (first such compile). */
export function regressionOutputs(file: FileAnalysis): RegressionOutput[] {
  const found: RegressionOutput[] = [];
  for (const model of file.graph.models) {
    const out = file.outputActivation(model);
    if (!out) continue;
    const compile = file.compiles(model).find((c) => c.loss && REGRESSION_LOSSES.has(c.loss.name));
    if (!compile?.loss) continue;
    const fits = [...model.callsOf('fit'), ...model.callsOf('trainOnBatch')];
    const targets = fits.map((call) => valueRange(file, call.arguments[1]));
    found.push({ model, out, compile, loss: compile.loss, targets, trainCalls: [...fits, ...model.callsOf('fitDataset')] });
  }
  return found;
}

/**
 * True when loss-activation-mismatch reports this output/loss pair as a classification
 * mistake (softmax with MSE/MAE); the regression rules then stay quiet so the output is
 * reported once. Sigmoid units with MSE are a regression: targets outside [0, 1] are theirs.
 */
export function isClassificationMismatch(out: OutputActivation, loss: string): boolean {
  return out.activation === 'softmax' && (loss === 'meanSquaredError' || loss === 'meanAbsoluteError');
}

/** The first fit whose targets are known to hold negatives. */
export function signedTargets(r: RegressionOutput): ValueRange | undefined {
  return r.targets.find((t) => t?.hasNegative);
}

/** "labels in [-1.5, 2]", or "labels centred on their mean" when only the sign is known. */
export function describeTargets(t: ValueRange): string {
  if (Number.isFinite(t.lo) && Number.isFinite(t.hi)) return `labels in [${formatNumber(t.lo)}, ${formatNumber(t.hi)}]`;
  return t.mixed ? 'labels of both signs' : 'labels that include negatives';
}

/**
 * Where the targets come from when the model is trained in this file but no training call's
 * targets are known ("the targets passed to fit (`ys`)"); undefined when the model is never
 * trained here or some call's targets are known (those judge it), and when the output's unit
 * count is not known: a network sized by its caller (`new NeuralNetwork(2, 2, 1)`) is a
 * reusable class whose targets are the caller's, e.g. XOR's 0/1 in the public corpus.
 */
export function unknownTargetsSource(file: FileAnalysis, r: RegressionOutput): string | undefined {
  if (r.out.units === undefined) return undefined;
  if (r.trainCalls.length === 0 || r.targets.some((t) => t !== undefined)) return undefined;
  const call = r.trainCalls[0];
  const method = ts.isPropertyAccessExpression(call.expression) ? call.expression.name.text : 'fit';
  const arg = call.arguments[method === 'fitDataset' ? 0 : 1];
  const what = method === 'fitDataset' ? 'the dataset passed to fitDataset' : `the targets passed to ${method}`;
  if (!arg) return what;
  const text = arg.getText(file.sourceFile).replace(/\s+/g, ' ');
  return `${what} (\`${text.length > 40 ? `${text.slice(0, 37)}...` : text}\`)`;
}
