// manual-sigmoid: sigmoid, softplus and softmax written out with tf.exp. In float32 exp
// overflows to Infinity past 88.7, so 1 / (1 + exp(-z)) has a NaN gradient, log(1 + exp(z))
// is Infinity, and exp(x) / sum(exp(x)) is Infinity / Infinity = NaN. The built-ins compute
// the same functions without overflowing.
import { ts } from '../server/src/engine/ts';
import type { Rule, RuleContext } from '../server/src/engine/rule';
import type { Fix } from '../server/src/engine/types';
import type { FileAnalysis } from '../server/src/engine/analysis';
import { TensorValue } from '../server/src/engine/values';
import { deadBindingEdits } from './support/dead-bindings';
import { asReceiver, callsNamed, tfNameOf, isKnownTensor, isOne, numberValue, opIs, portableText, sameValue, tensorOp, type TensorOp } from './support/tensor-ops';

const EXP = new Set(['exp']);
/** The outermost op of each pattern: div / reciprocal (sigmoid, softmax), log / log1p (softplus). */
const ROOTS = new Set(['div', 'reciprocal', 'log', 'log1p']);

export const rule: Rule = {
  meta: {
    id: 'manual-sigmoid',
    description: 'Sigmoid, softplus or softmax written by hand with tf.exp: exp overflows in float32 and the result or its gradient is NaN/Infinity.',
    defaultSeverity: 'warning',
    source: 'T1-2',
    fixable: true,
  },
  check(context) {
    const file = context.file;
    // Every pattern holds an exp; files without one are done.
    if (callsNamed(file, EXP).length === 0) return;
    for (const call of callsNamed(file, ROOTS)) {
      const t = tensorOp(file, call);
      if (!t || t.call !== call) continue;
      if (t.op === 'div' || t.op === 'reciprocal') {
        if (!checkSigmoid(context, t)) checkSoftmax(context, t);
      } else if (t.op === 'log' || t.op === 'log1p') {
        checkSoftplus(context, t);
      }
    }
  },
};

/** exp(-z) as tf.exp(tf.neg(z)), z.neg().exp(), tf.exp(tf.mul(-1, z)): returns z. */
function expOfNegated(file: FileAnalysis, expr: ts.Expression): { z: ts.Expression; ops: TensorOp[] } | undefined {
  const e = opIs(file, expr, 'exp');
  if (!e || e.operands.length !== 1) return undefined;
  const n = opIs(file, e.operands[0], 'neg', 'mul');
  if (!n) return undefined;
  if (n.op === 'neg' && n.operands.length === 1) return { z: n.operands[0], ops: [e, n] };
  if (n.op === 'mul' && n.operands.length === 2) {
    const [a, b] = n.operands;
    if (numberValue(file, a) === -1) return { z: b, ops: [e, n] };
    if (numberValue(file, b) === -1) return { z: a, ops: [e, n] };
  }
  return undefined;
}

/** True when `z` cannot be negative (abs, relu, square, exp of something): exp(-z) <= 1 cannot overflow. */
function nonNegative(file: FileAnalysis, z: ts.Expression): boolean {
  return !!opIs(file, z, 'abs', 'relu', 'relu6', 'square', 'exp', 'sigmoid', 'softplus');
}

/** True when `x` cannot be positive (-abs(x), the stable softplus term): exp(x) <= 1. */
function nonPositive(file: FileAnalysis, x: ts.Expression): boolean {
  const n = opIs(file, x, 'neg');
  if (n && n.operands.length === 1) return nonNegative(file, n.operands[0]);
  const m = opIs(file, x, 'mul');
  if (m && m.operands.length === 2) {
    const [a, b] = m.operands;
    return (numberValue(file, a) === -1 && nonNegative(file, b)) || (numberValue(file, b) === -1 && nonNegative(file, a));
  }
  return false;
}

/**
 * Where a trained scalar may start and still count as small. Training moves one scalar weight by
 * about the learning rate per step, and softplus's gradient (sigmoid(z)) never exceeds 1: from
 * |z| <= 10, exp(z) overflows only after some 78 / rate steps all pushing z up (7,800 at adam 0.01).
 */
const SMALL_SCALAR = 10;

/**
 * `tf.variable(tf.scalar(-3))` (a local, a field, an outer let): one trained number, such as a
 * learned noise scale kept positive with softplus, starting far below exp's overflow at 88.7.
 */
function smallTrainedScalar(file: FileAnalysis, z: ts.Expression): boolean {
  const v = file.evaluate(z);
  if (!(v instanceof TensorValue) || v.op !== 'variable' || !v.operands[0]) return false;
  const init = v.operands[0];
  const shape = file.shapes.tensorShape(init);
  const range = file.valueRange(init);
  return !!shape && shape.length === 0 && !!range && Math.abs(range.lo) <= SMALL_SCALAR && Math.abs(range.hi) <= SMALL_SCALAR;
}

/** 1 + x in either order; returns x. */
function onePlus(file: FileAnalysis, expr: ts.Expression): { x: ts.Expression; op: TensorOp } | undefined {
  const a = opIs(file, expr, 'add');
  if (!a || a.operands.length !== 2) return undefined;
  if (isOne(file, a.operands[0])) return { x: a.operands[1], op: a };
  if (isOne(file, a.operands[1])) return { x: a.operands[0], op: a };
  return undefined;
}

/** 1 / (1 + exp(-z)) or reciprocal(1 + exp(-z)). */
function checkSigmoid(context: RuleContext, t: TensorOp): boolean {
  const file = context.file;
  let denominator: ts.Expression | undefined;
  if (t.op === 'reciprocal' && t.operands.length === 1) denominator = t.operands[0];
  else if (t.op === 'div' && t.operands.length === 2 && isOne(file, t.operands[0])) denominator = t.operands[1];
  if (!denominator) return false;
  const sum = onePlus(file, denominator);
  const exp = sum && expOfNegated(file, sum.x);
  if (!sum || !exp || nonNegative(file, exp.z)) return false;
  if (![t, sum.op, ...exp.ops].some((o) => o.known)) return false; // method names only: maybe not tfjs
  context.report({
    node: t.call,
    message:
      `1 / (1 + exp(-${short(file, exp.z)})) is sigmoid written by hand: exp(-z) overflows to Infinity in float32 for z below about -88, ` +
      `so the value collapses to 0 and its gradient is NaN; tf.sigmoid computes the same function stably.`,
    fixes: builtinFix(file, t, exp.z, 'sigmoid', true),
  });
  return true;
}

/** log(1 + exp(z)) or log1p(exp(z)). */
function checkSoftplus(context: RuleContext, t: TensorOp): void {
  const file = context.file;
  if (t.operands.length !== 1) return;
  let z: ts.Expression | undefined;
  const ops: TensorOp[] = [t];
  let inner = t.operands[0];
  if (t.op === 'log') {
    const sum = onePlus(file, inner);
    if (!sum) return;
    ops.push(sum.op);
    inner = sum.x;
  }
  const e = opIs(file, inner, 'exp');
  if (!e || e.operands.length !== 1) return;
  z = e.operands[0];
  if (nonPositive(file, z)) return; // log1p(exp(-abs(x))): the stable softplus term itself
  if (smallTrainedScalar(file, z)) return;
  ops.push(e);
  if (!ops.some((o) => o.known)) return;
  const written = t.op === 'log' ? `log(1 + exp(${short(file, z)}))` : `log1p(exp(${short(file, z)}))`;
  context.report({
    node: t.call,
    message: `${written} is softplus written by hand: exp(z) overflows to Infinity in float32 for z above about 88, so the result is Infinity; use tf.softplus.`,
    fixes: builtinFix(file, t, z, 'softplus', true),
  });
}

/** exp(x) / sum(exp(x), axis?, keepDims?) with the same x (or the same exp tensor) on both sides. */
function checkSoftmax(context: RuleContext, t: TensorOp): void {
  const file = context.file;
  if (t.op !== 'div' || t.operands.length !== 2) return;
  const num = opIs(file, t.operands[0], 'exp');
  const den = opIs(file, t.operands[1], 'sum');
  if (!num || num.operands.length !== 1 || !den) return;
  const denExp = opIs(file, den.operands[0], 'exp');
  const sameExp = sameValue(file, den.operands[0], t.operands[0]) || (denExp && sameValue(file, denExp.operands[0], num.operands[0]));
  if (!sameExp) return;
  const x = num.operands[0];
  // exp(x - max(x)) is the stable way to write it: nothing overflows.
  const shifted = opIs(file, x, 'sub');
  if (shifted && shifted.operands.length === 2 && opIs(file, shifted.operands[1], 'max')) return;
  if (![t, num, den].some((o) => o.known)) return;
  const axis = den.operands[1];
  const keepDims = den.operands[2];
  const axisValue = axis ? numberValue(file, axis) : undefined;
  // tf.softmax normalises over the last axis only. sum(e, -1, true) is exactly that; a sum over
  // every element equals it for 1-D x only; any other axis has no built-in twin.
  let fixes: Fix[] = [];
  let axisNote: string;
  if (!axis) {
    fixes = builtinFix(file, t, x, 'softmax', false);
    axisNote = 'the sum here runs over every element, which matches tf.softmax (last axis) for a 1-D x only';
  } else if (axisValue === -1 && keepDims && file.evaluate(keepDims) === true) {
    fixes = builtinFix(file, t, x, 'softmax', true);
    axisNote = 'tf.softmax normalises over the last axis, as this sum does';
  } else {
    axisNote = 'tf.softmax normalises over the last axis; check the axis before switching';
  }
  context.report({
    node: t.call,
    message:
      `exp(${short(file, x)}) / sum(exp(${short(file, x)})) is softmax written by hand: exp overflows to Infinity in float32 for inputs above about 88 ` +
      `and Infinity / Infinity is NaN; use tf.softmax (${axisNote}).`,
    fixes,
  });
}

/** Replaces the hand-written expression with `tf.<name>(z)` or `z.<name>()`. */
function builtinFix(file: FileAnalysis, t: TensorOp, z: ts.Expression, name: string, safe: boolean): Fix[] {
  const zText = portableText(file, z, t.call);
  if (!zText) return [];
  const fn = tfNameOf(file, name);
  let newText: string;
  if (fn) newText = `${fn}(${zText})`;
  else if (isKnownTensor(file, z) || tensorOp(file, z)?.known) newText = `${asReceiver(z, zText)}.${name}()`;
  else return [];
  const edits = [{ ...file.rangeOf(t.call), newText }, ...deadBindingEdits(file, t.call, newText)];
  return [{ title: `Use tf.${name}${safe ? '' : ' (check the axis: tf.softmax normalises over the last axis)'}`, safe, edits }];
}

function short(file: FileAnalysis, node: ts.Node): string {
  const text = file.textOf(node).replace(/\s+/g, ' ');
  return text.length > 24 ? 'x' : text;
}
