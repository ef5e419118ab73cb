// unsafe-log: tf.log of a value that can be exactly 0 in float32. Sigmoid and softmax outputs
// saturate to 0 (and 1 - p to 0 when p saturates to 1), log(0) is -Infinity, and a loss
// built on it turns into NaN at the first saturated example. Hand-written cross-entropies
// are the usual place; the stable built-ins compute the same loss from logits.
import { ts } from '../server/src/engine/ts';
import type { Rule, RuleContext } from '../server/src/engine/rule';
import type { Fix } from '../server/src/engine/types';
import type { FileAnalysis } from '../server/src/engine/analysis';
import { LayerValue, ModelValue, TensorValue } from '../server/src/engine/values';
import { layerActivation } from '../server/src/engine/model-facts';
import { followBinding } from './support/follow';
import { deadBindingEdits } from './support/dead-bindings';
import { unwrap } from './support/call-shape';
import {
  asReceiver, callsNamed, tfNameOf, complementOf, enclosingOpCall, isReassignedName, numberValue, opIs, portableText, sameValue, tensorOp, type TensorOp,
} from './support/tensor-ops';

const LOG = new Set(['log']);
/** The cores of hand-written cross-entropies: add/sub of two terms (BCE), mul of t and log(p) (CCE). */
const ADD_SUB = new Set(['add', 'sub']);
const MUL = new Set(['mul']);
const CLIP_MIN = '1e-7';
const CLIP_MAX = '1 - 1e-7';

export const rule: Rule = {
  meta: {
    id: 'unsafe-log',
    description: 'tf.log of a sigmoid/softmax output, of 1 - p, or inside a hand-written cross-entropy: log(0) = -Infinity makes the loss NaN.',
    defaultSeverity: 'warning',
    source: 'T1-1',
    fixable: true,
  },
  check(context) {
    const file = context.file;
    const logs: TensorOp[] = [];
    for (const call of callsNamed(file, LOG)) {
      const t = tensorOp(file, call);
      if (t && t.op === 'log' && t.operands.length === 1 && t.call === call) logs.push(t);
    }
    if (logs.length === 0) return;
    const covered = new Set<ts.CallExpression>();
    for (const call of callsNamed(file, ADD_SUB)) checkBinaryCrossEntropy(context, call, covered);
    for (const call of callsNamed(file, MUL)) checkCategoricalCrossEntropy(context, call, covered);
    for (const log of logs) {
      if (!covered.has(log.call)) checkLog(context, log);
    }
  },
};

// ---- where a log argument comes from -----------------------------------------------------

interface ProbabilitySource {
  kind: 'sigmoid' | 'softmax';
  /** 'op': tf.sigmoid / .softmax() itself; 'model' / 'layer': an output activation. */
  via: 'op' | 'model' | 'layer';
  /** The sigmoid/softmax op, when `via` is 'op'. */
  op?: TensorOp;
  /** True for 1 - p. */
  complement: boolean;
  /** For messages: "sigmoid output", "1 - softmax output", "the model's sigmoid output". */
  description: string;
}

/** Ops that move or reshape values without changing them. */
const VALUE_PRESERVING = new Set(['reshape', 'squeeze', 'expandDims', 'flatten', 'transpose', 'slice', 'gather', 'clone', 'identity']);

function probabilitySource(file: FileAnalysis, expr: ts.Expression, depth = 0): ProbabilitySource | undefined {
  if (depth > 20) return undefined;
  const complement = complementOf(file, expr);
  if (complement) {
    const inner = probabilitySource(file, complement.of, depth + 1);
    return inner && !inner.complement ? { ...inner, complement: true, description: `1 - ${inner.description}` } : undefined;
  }
  if (guardOf(file, expr)) return undefined;
  const t = tensorOp(file, expr);
  if (t && (t.op === 'sigmoid' || t.op === 'softmax')) return { kind: t.op, via: 'op', op: t, complement: false, description: `${t.op} output` };
  // A clip whose lower bound is 0 or below still lets 0 through.
  if (t && (VALUE_PRESERVING.has(t.op) || t.op === 'clipByValue')) {
    const inner = probabilitySource(file, t.operands[0], depth + 1);
    return inner && { ...inner, op: undefined }; // no logSigmoid rewrite through a reshape
  }
  const v = file.evaluate(followBinding(file, expr));
  if (!(v instanceof TensorValue)) return undefined;
  if (v.producer instanceof ModelValue && ['predict', 'predictOnBatch', 'apply', 'execute'].includes(v.op)) {
    const a = file.outputActivation(v.producer)?.activation;
    if (a === 'sigmoid' || a === 'softmax') return { kind: a, via: 'model', complement: false, description: `the model's ${a} output` };
  }
  if (v.producer instanceof LayerValue && v.op === 'apply') {
    const found = layerActivation(v.producer);
    const a = found && found !== 'pass' ? found.activation : undefined;
    if (a === 'sigmoid' || a === 'softmax') {
      return { kind: a, via: 'layer', complement: false, description: `the ${a} output of a ${v.producer.layerType} layer` };
    }
  }
  return undefined;
}

/**
 * When `expr` keeps its value away from 0 (`clipByValue(x, lo, hi)` with lo > 0,
 * `maximum(x, eps)`, `add(x, eps)` with eps > 0), the guarded expression x. Unknown bounds
 * count as a guard: the rule stays quiet when it cannot tell.
 */
function guardOf(file: FileAnalysis, expr: ts.Expression): ts.Expression | undefined {
  if (complementOf(file, expr)) return undefined;
  const t = tensorOp(file, expr);
  if (!t || t.operands.length < 2) return undefined;
  if (t.op === 'clipByValue') {
    const lo = numberValue(file, t.operands[1]);
    return lo === undefined || lo > 0 ? t.operands[0] : undefined;
  }
  if (t.op === 'maximum' || t.op === 'add') {
    const [a, b] = t.operands;
    const na = numberValue(file, a);
    const nb = numberValue(file, b);
    if (nb !== undefined) return nb > 0 ? a : undefined;
    if (na !== undefined) return na > 0 ? b : undefined;
    return a; // x + something we cannot evaluate: stay quiet
  }
  return undefined;
}

/** `expr` without a guard around it. */
function unguarded(file: FileAnalysis, expr: ts.Expression): ts.Expression {
  return guardOf(file, expr) ?? expr;
}

// ---- a single log --------------------------------------------------------------------------

function checkLog(context: RuleContext, log: TensorOp): void {
  const file = context.file;
  const arg = log.operands[0];
  const source = probabilitySource(file, arg);
  if (!source) return;
  const stable = source.kind === 'sigmoid' ? 'logSigmoid' : 'logSoftmax';
  // log(sigmoid(z)), also through a variable, becomes logSigmoid(z) when z means the same here.
  const stableFix = !source.complement && source.op ? stableLogFix(file, log, source.op, stable) : undefined;
  const fix = stableFix ?? clipFix(file, log);
  const advice = !source.complement && source.op
    ? `use tf.${stable}(${short(file, source.op!.operands[0])}), which stays finite`
    : `clip it first: tf.clipByValue(x, ${CLIP_MIN}, ${CLIP_MAX})`;
  context.report({
    node: log.call,
    message: `tf.log of ${source.description} can be log(0) = -Infinity in float32 (${saturation(source)}); ${advice}.`,
    fixes: fix ? [fix] : [],
  });
}

function saturation(s: ProbabilitySource): string {
  if (s.kind === 'sigmoid') return s.complement ? 'sigmoid rounds to 1 for logits above about 17' : 'sigmoid underflows to 0 for logits below about -104';
  return s.complement ? 'softmax rounds to 1 when one logit leads by about 17' : 'softmax underflows to 0 when a logit trails by about 104';
}

/** log(sigmoid(z)) -> logSigmoid(z), log(z.softmax()) -> z.logSoftmax(): same values, finite. */
function stableLogFix(file: FileAnalysis, log: TensorOp, act: TensorOp, stable: string): Fix | undefined {
  const texts = act.operands.map((a) => portableText(file, a, log.call));
  if (texts.some((t) => t === undefined)) return undefined;
  let text: string | undefined;
  if (act.form === 'method') {
    text = `${asReceiver(act.operands[0], texts[0]!)}.${stable}(${texts.slice(1).join(', ')})`;
  } else {
    const name = tfNameOf(file, stable);
    if (name) text = `${name}(${texts.join(', ')})`;
  }
  if (!text) return undefined;
  return { title: `Use ${stable}`, safe: true, edits: [{ ...file.rangeOf(log.call), newText: text }] };
}

/** log(x) -> log(tf.clipByValue(x, 1e-7, 1 - 1e-7)); x.log() -> x.clipByValue(1e-7, 1 - 1e-7).log(). */
function clipFix(file: FileAnalysis, log: TensorOp): Fix | undefined {
  const arg = log.operands[0];
  const range = file.rangeOf(arg);
  const argText = file.textOf(arg);
  const name = tfNameOf(file, 'clipByValue');
  let newText: string;
  if (log.form === 'function' && name) newText = `${name}(${argText}, ${CLIP_MIN}, ${CLIP_MAX})`;
  else newText = `${asReceiver(arg, argText)}.clipByValue(${CLIP_MIN}, ${CLIP_MAX})`;
  return { title: `Clip to [${CLIP_MIN}, ${CLIP_MAX}] before the log`, safe: true, edits: [{ ...range, newText }] };
}

// ---- hand-written cross-entropies ------------------------------------------------------------

interface LogTerm {
  /** t in t * log(o). */
  factor: ts.Expression;
  log: TensorOp;
  /** o in t * log(o). */
  arg: ts.Expression;
  mul: TensorOp;
}

function logTerm(file: FileAnalysis, expr: ts.Expression): LogTerm | undefined {
  const m = opIs(file, expr, 'mul');
  if (!m || m.operands.length !== 2) return undefined;
  const [a, b] = m.operands;
  for (const [factor, other] of [[a, b], [b, a]]) {
    const log = opIs(file, other, 'log');
    if (log && log.operands.length === 1) return { factor, log, arg: log.operands[0], mul: m };
  }
  return undefined;
}

interface Wrapping {
  /** The outermost expression of the loss (what a fix replaces). */
  top: ts.Expression;
  negations: number;
  /** Reductions from inside out: 'mean()' 'sum(-1)' ... */
  reductions: string[];
  ops: TensorOp[];
}

/** Climbs from `core` through neg, mul(-1), mean and sum wrapped directly around it. */
function climb(file: FileAnalysis, core: ts.Expression, negations: number): Wrapping {
  const w: Wrapping = { top: core, negations, reductions: [], ops: [] };
  for (let i = 0; i < 20; i++) {
    const parent = enclosingOpCall(w.top);
    if (!parent) break;
    const t = tensorOp(file, parent.call);
    if (!t || t.call !== parent.call) break;
    const first = unwrap(t.operands[0] ?? t.call) === unwrap(w.top);
    if (t.op === 'neg' && t.operands.length === 1) w.negations++;
    else if (t.op === 'mul' && t.operands.length === 2 && numberValue(file, first ? t.operands[1] : t.operands[0]) === -1) w.negations++;
    else if ((t.op === 'mean' || t.op === 'sum') && first) w.reductions.push(`${t.op}(${t.operands.slice(1).map((o) => file.textOf(o).replace(/\s+/g, '')).join(',')})`);
    else break;
    w.ops.push(t);
    w.top = t.call;
  }
  return w;
}

interface Description {
  text: string;
  /** The logits z when the probabilities are tf.sigmoid(z) / tf.softmax(z). */
  logits?: ts.Expression;
  kind?: 'sigmoid' | 'softmax';
}

function describeProbabilities(file: FileAnalysis, o: ts.Expression): Description {
  const s = probabilitySource(file, o);
  if (!s || s.complement) return { text: 'probabilities' };
  const defaultAxis = !s.op || s.op.operands.length === 1 || numberValue(file, s.op.operands[1]) === -1;
  return { text: s.description, logits: s.via === 'op' && defaultAxis ? s.op?.operands[0] : undefined, kind: s.kind };
}

/** -(t * log(o) + (1 - t) * log(1 - o)), in any operand order, with neg / mean / sum around it. */
function checkBinaryCrossEntropy(context: RuleContext, call: ts.CallExpression, covered: Set<ts.CallExpression>): void {
  const file = context.file;
  if (!twoTensorOperands(call)) return;
  const core = tensorOp(file, call);
  if (!core || core.call !== call || core.operands.length !== 2) return;
  let pair: [ts.Expression, ts.Expression];
  let negations = 0;
  if (core.op === 'add') pair = [core.operands[0], core.operands[1]];
  else if (core.op === 'sub') {
    const n = opIs(file, core.operands[0], 'neg');
    if (!n || n.operands.length !== 1) return;
    pair = [n.operands[0], core.operands[1]];
    negations = 1;
  } else return;
  const a = logTerm(file, pair[0]);
  const b = logTerm(file, pair[1]);
  if (!a || !b) return;
  const match = bceTerms(file, a, b) ?? bceTerms(file, b, a);
  if (!match) return;
  const { pos, neg, oneMinusO } = match;
  const w = climb(file, call, negations);
  if (w.negations % 2 !== 1) return; // a log-likelihood, not a loss: leave it to the single-log check
  const ops = [core, a.mul, b.mul, a.log, b.log, ...w.ops];
  if (!ops.some((o) => o.known)) return; // only method names, no tfjs anchor: not sure these are tensors
  covered.add(a.log.call);
  covered.add(b.log.call);
  const safe1 = !!guardOf(file, pos.arg);
  const safe2 = !!guardOf(file, neg.arg) || !!guardOf(file, oneMinusO);
  if (safe1 && safe2) return;
  if ([pos.arg, neg.arg, oneMinusO].some((e) => isReassignedName(file, unguarded(file, e)))) return; // may be clipped by an earlier assignment
  const o = unguarded(file, pos.arg);
  const d = describeProbabilities(file, o);
  const reduction = w.reductions.join('.');
  const useLogits = d.kind === 'sigmoid' && d.logits !== undefined;
  const suggestion = useLogits ? 'tf.losses.sigmoidCrossEntropy(labels, logits)' : 'tf.metrics.binaryCrossentropy(labels, probabilities)';
  context.report({
    node: w.top,
    message:
      `hand-written binary cross-entropy on ${d.text}: log(p) or log(1 - p) is log(0) = -Infinity once p saturates at 0 or 1 in float32, ` +
      `and the loss becomes NaN; use ${suggestion}.`,
    fixes: bceFix(file, w.top, pos.factor, o, useLogits ? d.logits : undefined, reduction),
  });
}

/** Cheap syntactic test: both operands are calls or names (t * log(o) terms), not literals. */
function twoTensorOperands(call: ts.CallExpression): boolean {
  const callee = unwrap(call.expression);
  const operands = ts.isPropertyAccessExpression(callee) && call.arguments.length === 1 ? [callee.expression, call.arguments[0]] : call.arguments;
  return operands.length === 2 && operands.every((o) => {
    const e = unwrap(o);
    return ts.isCallExpression(e) || ts.isIdentifier(e);
  });
}

function bceTerms(file: FileAnalysis, pos: LogTerm, neg: LogTerm): { pos: LogTerm; neg: LogTerm; oneMinusO: ts.Expression } | undefined {
  const ct = complementOf(file, neg.factor);
  if (!ct || !sameValue(file, ct.of, pos.factor)) return undefined;
  const co = complementOf(file, unguarded(file, neg.arg));
  if (!co || !sameValue(file, unguarded(file, co.of), unguarded(file, pos.arg))) return undefined;
  return { pos, neg, oneMinusO: co.of };
}

function bceFix(file: FileAnalysis, top: ts.Expression, t: ts.Expression, o: ts.Expression, logits: ts.Expression | undefined, reduction: string): Fix[] {
  const tText = portableText(file, t, top);
  if (!tText) return [];
  const meanAll = reduction === 'mean()';
  let newText: string | undefined;
  let title: string;
  let safe: boolean;
  const logitsText = logits && portableText(file, logits, top);
  const sce = tfNameOf(file, 'losses.sigmoidCrossEntropy');
  if (logitsText && sce) {
    // sigmoidCrossEntropy averages over every element: the same value as mean() of the hand-written form.
    newText = `${sce}(${tText}, ${logitsText})`;
    safe = meanAll;
    title = `Use tf.losses.sigmoidCrossEntropy (mean over all elements${meanAll ? '' : '; the hand-written form ' + (reduction ? `reduces with ${reduction}` : 'is elementwise')})`;
  } else {
    const oText = portableText(file, o, top);
    const bce = tfNameOf(file, 'metrics.binaryCrossentropy');
    const mean = tfNameOf(file, 'mean');
    if (!oText || !bce) return [];
    // metrics.binaryCrossentropy averages over the last axis; mean() of it is the mean over all elements.
    if (meanAll && mean) {
      newText = `${mean}(${bce}(${tText}, ${oText}))`;
      safe = true;
    } else {
      newText = `${bce}(${tText}, ${oText})`;
      safe = false;
    }
    title = `Use tf.metrics.binaryCrossentropy${safe ? '' : ' (mean over the last axis: the value or shape changes)'}`;
  }
  return [{ title, safe, edits: [{ ...file.rangeOf(top), newText }, ...deadBindingEdits(file, top, newText)] }];
}

/** -sum(t * log(p)): a sum around t * log(p) and an odd number of negations. */
function checkCategoricalCrossEntropy(context: RuleContext, call: ts.CallExpression, covered: Set<ts.CallExpression>): void {
  const file = context.file;
  const core = tensorOp(file, call);
  if (!core || core.call !== call || core.op !== 'mul') return;
  const term = logTerm(file, call);
  if (!term || covered.has(term.log.call)) return;
  if (sameValue(file, term.factor, term.arg)) return; // p * log(p): an entropy, not a cross-entropy
  const w = climb(file, call, 0);
  if (w.negations % 2 !== 1 || !w.reductions.some((r) => r.startsWith('sum('))) return;
  if (![core, term.log, ...w.ops].some((o) => o.known)) return;
  covered.add(term.log.call);
  if (guardOf(file, term.arg) || isReassignedName(file, term.arg)) return;
  const d = describeProbabilities(file, term.arg);
  const useLogits = d.kind === 'softmax' && d.logits !== undefined;
  const suggestion = useLogits ? 'tf.losses.softmaxCrossEntropy(labels, logits)' : 'tf.metrics.categoricalCrossentropy(labels, probabilities)';
  context.report({
    node: w.top,
    message:
      `hand-written categorical cross-entropy on ${d.text}: log(p) is log(0) = -Infinity once a probability underflows to 0 in float32, ` +
      `and the loss becomes NaN; use ${suggestion}.`,
    fixes: cceFix(file, w.top, term.factor, term.arg, useLogits ? d.logits : undefined, w.reductions.join('.'), d.kind === 'softmax'),
  });
}

function cceFix(
  file: FileAnalysis, top: ts.Expression, t: ts.Expression, p: ts.Expression, logits: ts.Expression | undefined,
  reduction: string, softmaxProbabilities: boolean,
): Fix[] {
  const tText = portableText(file, t, top);
  if (!tText) return [];
  const logitsText = logits && portableText(file, logits, top);
  const sce = tfNameOf(file, 'losses.softmaxCrossEntropy');
  if (logitsText && sce) {
    // softmaxCrossEntropy: per-row cross-entropy over the last axis, then the mean over rows.
    const same = reduction === 'sum(-1).mean()';
    const newText = `${sce}(${tText}, ${logitsText})`;
    return [{
      title: `Use tf.losses.softmaxCrossEntropy (per-row sum, mean over rows${same ? '' : `; the hand-written form reduces with ${reduction}`})`,
      safe: same,
      edits: [{ ...file.rangeOf(top), newText }, ...deadBindingEdits(file, top, newText)],
    }];
  }
  const pText = portableText(file, p, top);
  const cce = tfNameOf(file, 'metrics.categoricalCrossentropy');
  if (!pText || !cce) return [];
  // metrics.categoricalCrossentropy: -sum(t * log(p)) over the last axis, after rescaling p to sum to 1.
  const base = `${cce}(${tText}, ${pText})`;
  const outer: Record<string, string | undefined> = {
    'sum(-1)': '', 'sum(-1).mean()': 'mean', 'sum()': 'sum',
  };
  const wrap = outer[reduction];
  const wrapName = wrap ? tfNameOf(file, wrap) : undefined;
  const exact = wrap === '' || (wrap !== undefined && wrapName !== undefined);
  const newText = exact && wrap ? `${wrapName}(${base})` : base;
  // Same value only when p already sums to 1 over the last axis (a softmax output).
  const safe = exact && softmaxProbabilities;
  return [{
    title: `Use tf.metrics.categoricalCrossentropy${safe ? '' : ' (rescales p to sum to 1 over the last axis; the value may change)'}`,
    safe,
    edits: [{ ...file.rangeOf(top), newText }, ...deadBindingEdits(file, top, newText)],
  }];
}

function short(file: FileAnalysis, node: ts.Node): string {
  const text = file.textOf(node).replace(/\s+/g, ' ');
  return text.length > 30 ? 'z' : text;
}
