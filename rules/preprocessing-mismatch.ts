// preprocessing-mismatch: a model trained on inputs scaled one way (x / 255, standardised,
// min-max scaled, resized to 224x224) and asked to predict on inputs scaled another way or not
// at all. Nothing throws; the model sees values on a scale it never learned and its answers are
// garbage. The engine says what each input went through (FileAnalysis.preprocessing); this rule
// compares the training and the prediction inputs of the same model.
import { ts } from '../server/src/engine/ts';
import type { Rule, RuleContext } from '../server/src/engine/rule';
import type { FileAnalysis, Preprocessing, ScalingStep } from '../server/src/engine/analysis';
import type { ModelValue } from '../server/src/engine/values';
import type { Fix } from '../server/src/engine/types';
import { samePreprocessing } from '../server/src/engine/preprocessing';
import { receiverOf } from './support/call-shape';

/** Calls that train the model on their first argument. */
const TRAINING = new Set(['fit', 'trainOnBatch']);
/** Training whose inputs come from a dataset this rule does not read. */
const DATASET_TRAINING = new Set(['fitDataset']);
/** Calls that run the trained model on their first argument. */
const INFERENCE = new Set(['predict', 'predictOnBatch', 'evaluate']);
/**
 * Literal numbers count as unscaled only when some reach past this: a hand-written 0.5 may well
 * be a value someone scaled in their head, 1500 square feet is not.
 */
const LITERAL_RAW_ABOVE = 10;

export const rule: Rule = {
  meta: {
    id: 'preprocessing-mismatch',
    description: 'A model is trained on inputs scaled or resized one way and predicts on inputs scaled or resized another way (or not at all).',
    defaultSeverity: 'warning',
    source: 'T2-5',
    fixable: true,
    deferTo: ['unnormalized-input'],
  },
  check(context) {
    const file = context.file;
    for (const model of file.graph.models) {
      const training = trainingInput(file, model);
      if (!training) continue;
      for (const { method, call } of model.calls) {
        if (!INFERENCE.has(method) || !call.arguments[0]) continue;
        const input = call.arguments[0];
        const used = file.preprocessing(input);
        if (!used) continue;
        const problem = mismatch(file, training.preprocessing, used);
        if (!problem) continue;
        // Raw pixels are unnormalized-input's finding, at the same place: it explains them.
        const rawPixels = used.source === 'pixels' && used.steps.length === 0 && problem.kind === 'scale';
        context.report({
          node: rawPixels ? used.sourceCall : input,
          message:
            `${file.textOf(receiverOf(call)!)} is trained on ${describe(file, training.preprocessing, problem.kind)} (${training.method}, line ${file.lineOf(training.call)}) ` +
            `but ${method} on line ${file.lineOf(call)} gets ${describe(file, used, problem.kind)}: ` +
            `the model sees inputs ${problem.kind === 'scale' ? 'on a scale' : 'at a size'} it never learned, and its outputs are wrong without any error. ` +
            (problem.kind === 'scale' ? 'Preprocess both the same way (one helper for both is safest).' : 'Resize both to the same size.'),
          fixes: problem.kind === 'scale' ? scaleFix(context, training.preprocessing, used, input) : [],
          ...(rawPixels ? { deferTo: 'unnormalized-input' } : {}),
        });
      }
    }
  },
};

interface Training {
  preprocessing: Preprocessing;
  method: string;
  call: ts.CallExpression;
}

/** How every training call of the model preprocesses its inputs, when that is known and the same for all. */
function trainingInput(file: FileAnalysis, model: ModelValue): Training | undefined {
  let found: Training | undefined;
  for (const { method, call } of model.calls) {
    if (DATASET_TRAINING.has(method)) return undefined;
    if (!TRAINING.has(method)) continue;
    const p = file.preprocessing(call.arguments[0]);
    if (!p || (found && !samePreprocessing(found.preprocessing, p))) return undefined;
    found ??= { preprocessing: p, method, call };
  }
  return found;
}

type Mismatch = { kind: 'scale' } | { kind: 'size' };

function mismatch(file: FileAnalysis, trained: Preprocessing, used: Preprocessing): Mismatch | undefined {
  const a = trained.resizes[trained.resizes.length - 1];
  const b = used.resizes[used.resizes.length - 1];
  if (a && b && !trained.unknownResize && !used.unknownResize && (a[0] !== b[0] || a[1] !== b[1])) return { kind: 'size' };
  // Unscaled literal numbers that could be scaled by hand say nothing.
  if (!clearlyRaw(file, trained) || !clearlyRaw(file, used)) return undefined;
  const ta = affine(trained.steps);
  const ua = affine(used.steps);
  if (ta && ua) return sameAffine(ta, ua) ? undefined : { kind: 'scale' };
  // Standardised or min-max scaled with computed statistics: only "not scaled at all" is certain.
  return used.steps.length === 0 && trained.steps.length > 0 ? { kind: 'scale' } : undefined;
}

/** Literal data without scaling steps must reach past LITERAL_RAW_ABOVE to count as unscaled. */
function clearlyRaw(file: FileAnalysis, p: Preprocessing): boolean {
  if (p.source !== 'literal' || p.steps.length > 0) return true;
  const range = file.valueRange(p.sourceCall);
  return !!range && Math.max(Math.abs(range.lo), Math.abs(range.hi)) > LITERAL_RAW_ABOVE;
}

/** The steps as x * scale + shift when every operand is a number. */
function affine(steps: readonly ScalingStep[]): { scale: number; shift: number } | undefined {
  let scale = 1;
  let shift = 0;
  for (const s of steps) {
    if (typeof s.operand !== 'number') return undefined;
    const c = s.operand;
    if (s.op === 'add') shift += c;
    else if (s.op === 'sub') shift -= c;
    else if (s.op === 'mul') (scale *= c), (shift *= c);
    else if (c === 0) return undefined;
    else (scale /= c), (shift /= c);
  }
  return { scale, shift };
}

function sameAffine(p: { scale: number; shift: number }, q: { scale: number; shift: number }): boolean {
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x), Math.abs(y));
  return close(p.scale, q.scale) && close(p.shift, q.shift);
}

const SOURCE_WORDS: Record<Preprocessing['source'], string> = {
  pixels: 'pixel values (0-255)',
  literal: 'numbers written in the code',
  parsed: 'numbers parsed from text',
};

function describe(file: FileAnalysis, p: Preprocessing, kind: Mismatch['kind']): string {
  if (kind === 'size') {
    const last = p.resizes[p.resizes.length - 1];
    return `images resized to ${last[0]}x${last[1]}`;
  }
  return `${SOURCE_WORDS[p.source]} ${p.steps.length ? `scaled by ${stepsText(file, p.steps)}` : 'with no scaling'}`;
}

/** `.div(255)`, `.sub(mean).div(std)`: the steps as method calls, operands as written. */
function stepsText(file: FileAnalysis, steps: readonly ScalingStep[]): string {
  return steps.map((s) => `.${s.op}(${typeof s.operand === 'number' ? s.operand : operandName(file, s.operand)})`).join('');
}

function operandName(file: FileAnalysis, decl: ts.Node): string {
  return ts.isVariableDeclaration(decl) || ts.isParameter(decl) ? file.textOf(decl.name) : file.textOf(decl);
}

/**
 * Appends the training's steps to the prediction input when they are all numbers and the input
 * has none: `model.predict(x)` -> `model.predict(x.div(255))`. Safe: the input then goes through
 * exactly the arithmetic the model was trained on.
 */
function scaleFix(context: RuleContext, trained: Preprocessing, used: Preprocessing, input: ts.Expression): Fix[] {
  if (used.steps.length > 0 || !affine(trained.steps)) return [];
  const file = context.file;
  const text = stepsText(file, trained.steps);
  const end = input.getEnd();
  const start = input.getStart(file.sourceFile);
  const edits = needsParentheses(input)
    ? [{ start, end: start, newText: '(' }, { start: end, end, newText: `)${text}` }]
    : [{ start: end, end, newText: text }];
  return [{ title: `Scale the input as in training: ${text}`, safe: true, edits }];
}

function needsParentheses(e: ts.Expression): boolean {
  return !(ts.isIdentifier(e) || ts.isCallExpression(e) || ts.isPropertyAccessExpression(e) || ts.isElementAccessExpression(e) || ts.isParenthesizedExpression(e));
}
