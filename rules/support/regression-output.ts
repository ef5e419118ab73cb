// Models trained as regressors: their output activation, the regression loss they are
// compiled with, and what the file shows of the targets each fit call trains them on.
// Shared by bounded-regression-output and relu-output-signed-targets, which split the cases
// between them (and with loss-activation-mismatch) so that one output is reported once.
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
}

/** Every model with a known single output compiled with a regression loss (first such compile). */
export function regressionOutputs(file: FileAnalysis): RegressionOutput[] {
  const found: RegressionOutput[] = [];
  for (const model of file.graph.models) {
    const out = file.outputActivation(model);
    if (!out) continue;
    const compile = file.compiles(model).find((c) => c.loss && REGRESSION_LOSSES.has(c.loss.name));
    if (!compile?.loss) continue;
    const targets = [...model.callsOf('fit'), ...model.callsOf('trainOnBatch')].map((call) => valueRange(file, call.arguments[1]));
    found.push({ model, out, compile, loss: compile.loss, targets });
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
