// What values a label (target) tensor can hold, as far as the file shows: literal tensors give
// exact bounds, a few tfjs creators and bounded ops give proven bounds, and standardising
// (`sub(mean).div(std)`) is known to give both signs. Anything else is undefined: unknown.
// Used by rules that compare a model's output range with the targets it is trained on.
import { ts } from '../../server/src/engine/ts';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import { TensorValue, TypedArrayValue, type Value } from '../../server/src/engine/values';
import { methodName, receiverOf, unwrap } from './call-shape';
import { followBinding } from './follow';

export interface ValueRange {
  /** Proven bounds: every element lies in [lo, hi] (±Infinity when open on that side). */
  lo: number;
  hi: number;
  /** Known to hold at least one negative element. */
  hasNegative: boolean;
  /** Known to hold both negative and positive elements (e.g. mean-centred data). */
  mixed: boolean;
  /** True when lo and hi are values the tensor really holds (literals, scaled literals, uniform draws). */
  exact?: boolean;
}

export type LabelSign = 'nonnegative' | 'signed' | 'unknown';

/** Ops that keep every element's value (they reshape, select or copy). */
const VALUE_PRESERVING = new Set([
  'reshape', 'expandDims', 'squeeze', 'clone', 'toFloat', 'transpose', 'flatten',
  'as1D', 'as2D', 'as3D', 'as4D', 'reverse', 'tile', 'identity', 'variable', 'broadcastTo',
]);
/** Ops that keep a subset of the elements: the bounds still hold, but may no longer be reached. */
const SELECTING = new Set(['slice', 'gather', 'stridedSlice']);
const LITERAL_CREATORS = new Set(['tensor', 'tensor1d', 'tensor2d', 'tensor3d', 'tensor4d', 'tensor5d', 'tensor6d', 'scalar']);
/** Ops whose result lies in a fixed interval whatever the input. */
const BOUNDED_OPS: Record<string, [number, number]> = {
  sigmoid: [0, 1], softmax: [0, 1], oneHot: [0, 1], relu: [0, Infinity], relu6: [0, 6], abs: [0, Infinity],
  square: [0, Infinity], exp: [0, Infinity], sqrt: [0, Infinity], softplus: [0, Infinity], tanh: [-1, 1],
};
const MAX_ELEMENTS = 100_000;
const MAX_DEPTH = 30;

/** Known to hold values outside [lo, hi]: a reached end beyond it, or negatives below a lower bound of 0 or more. */
export function knownOutside(r: ValueRange, lo: number, hi: number): boolean {
  return (!!r.exact && (r.lo < lo || r.hi > hi)) || (r.hasNegative && lo >= 0);
}

/** The sign of a label expression: 'signed' when it is known to hold negatives. */
export function labelSign(file: FileAnalysis, expr: ts.Expression | undefined): LabelSign {
  const r = valueRange(file, expr);
  if (!r) return 'unknown';
  if (r.hasNegative) return 'signed';
  return r.lo >= 0 ? 'nonnegative' : 'unknown';
}

/** The range of a tensor (or plain number) expression; undefined when it cannot be known. */
export function valueRange(file: FileAnalysis, expr: ts.Expression | undefined, depth = 0): ValueRange | undefined {
  if (!expr || depth > MAX_DEPTH) return undefined;
  const v = file.evaluate(expr);
  if (typeof v === 'number') return Number.isFinite(v) ? point(v) : undefined;
  if (v instanceof TensorValue) return tensorRange(file, v, depth + 1);
  return scalingRange(file, expr, depth + 1);
}

/**
 * Labels whose origin is unknown (a loader, a parameter) can still be seen to be scaled into
 * [0, 1] by the syntax alone: `y.div(y.max())`, `y.sub(y.min()).div(...)`.
 */
function scalingRange(file: FileAnalysis, expr: ts.Expression, depth: number): ValueRange | undefined {
  const e = followBinding(file, expr);
  if (!ts.isCallExpression(e)) return undefined;
  const method = methodName(e);
  if (method !== 'div' && method !== 'sub') return undefined;
  const receiver = receiverOf(e);
  const operand = e.arguments[0];
  if (!receiver || !operand) return undefined;
  return combine(file, method, receiver, operand, depth);
}

function tensorRange(file: FileAnalysis, t: TensorValue, depth: number): ValueRange | undefined {
  const [a, b, c] = t.operands;
  const num = (e: ts.Expression | undefined, fallback: number): number | undefined => {
    if (!e) return fallback;
    const v = file.evaluate(e);
    return typeof v === 'number' ? v : v === undefined ? fallback : undefined;
  };
  if (LITERAL_CREATORS.has(t.op)) return literalRange(file.evaluate(a));
  if (VALUE_PRESERVING.has(t.op)) return valueRange(file, a, depth);
  if (SELECTING.has(t.op)) {
    const r = valueRange(file, a, depth);
    return r && { lo: r.lo, hi: r.hi, hasNegative: false, mixed: false };
  }
  switch (t.op) {
    case 'zeros': case 'zerosLike': return point(0);
    case 'ones': case 'onesLike': return point(1);
    case 'fill': { const x = num(b, NaN); return x !== undefined && Number.isFinite(x) ? point(x) : undefined; }
    case 'linspace': {
      const start = num(a, NaN);
      const stop = num(b, NaN);
      if (start === undefined || stop === undefined || !Number.isFinite(start) || !Number.isFinite(stop)) return undefined;
      const [lo, hi] = start <= stop ? [start, stop] : [stop, start];
      return { lo, hi, hasNegative: lo < 0, mixed: lo < 0 && hi > 0, exact: true };
    }
    case 'randomNormal': case 'randomStandardNormal': case 'truncatedNormal': {
      const mean = t.op === 'randomStandardNormal' ? 0 : num(b, 0);
      const std = t.op === 'randomStandardNormal' ? 1 : num(c, 1);
      if (mean === undefined || std === undefined) return undefined;
      // Negatives appear in practice when the mean is within one standard deviation of 0.
      const signed = mean - std < 0 && mean + std > 0;
      const open = t.op === 'truncatedNormal' ? 2 * std : Infinity;
      return { lo: mean - open, hi: mean + open, hasNegative: signed || mean + std <= 0, mixed: signed };
    }
    case 'randomUniform': {
      const lo = num(b, 0);
      const hi = num(c, 1);
      if (lo === undefined || hi === undefined || !(hi > lo)) return undefined;
      // A handful of uniform draws comes close to both ends: treat the ends as reached.
      return { lo, hi, hasNegative: lo < 0, mixed: lo < 0 && hi > 0, exact: true };
    }
    case 'neg': {
      const r = valueRange(file, a, depth);
      return r && negate(r);
    }
    case 'clipByValue': {
      const r = valueRange(file, a, depth);
      const lo = num(b, NaN);
      const hi = num(c, NaN);
      if (lo === undefined || hi === undefined || !(hi >= lo)) return undefined;
      return { lo: Math.max(lo, r?.lo ?? -Infinity), hi: Math.min(hi, r?.hi ?? Infinity), hasNegative: hi < 0 || (!!r?.hasNegative && lo < 0), mixed: false };
    }
    case 'add': return combine(file, 'add', a, b, depth);
    case 'sub': return combine(file, 'sub', a, b, depth);
    case 'mul': return combine(file, 'mul', a, b, depth);
    case 'div': return combine(file, 'div', a, b, depth);
  }
  const bounded = BOUNDED_OPS[t.op];
  if (bounded) {
    const r = t.op === 'tanh' ? valueRange(file, a, depth) : undefined;
    return { lo: bounded[0], hi: bounded[1], hasNegative: !!r?.hasNegative, mixed: !!r?.mixed };
  }
  return undefined;
}

function combine(file: FileAnalysis, op: 'add' | 'sub' | 'mul' | 'div', left: ts.Expression | undefined, right: ts.Expression | undefined, depth: number): ValueRange | undefined {
  if (!left || !right) return undefined;
  // Min-max scaling and division by the maximum: the usual ways to bring labels into [0, 1].
  if (op === 'sub' && isReductionOf(file, right, left, 'min')) return { lo: 0, hi: Infinity, hasNegative: false, mixed: false };
  if (op === 'div' && (isReductionOf(file, right, left, 'max') || isMinMaxSpan(file, right, left))) {
    const n = valueRange(file, left, depth);
    if (!n?.hasNegative) return { lo: 0, hi: 1, hasNegative: false, mixed: false };
  }
  // Centring on a mean gives both signs; scaling that by a (positive) spread keeps them.
  if (op === 'sub' && isMean(file, right)) return { lo: -Infinity, hi: Infinity, hasNegative: true, mixed: true };
  const l = valueRange(file, left, depth);
  const r = valueRange(file, right, depth);
  // A spread (std, sqrt of a variance) is never negative; dividing by 0 would give NaN anyway.
  if (op === 'div' && l?.mixed && (!r || r.lo >= 0 || r.hi <= 0)) return { lo: -Infinity, hi: Infinity, hasNegative: true, mixed: true };
  if (!l || !r) return undefined;
  if (op === 'sub') return addRanges(l, negate(r));
  if (op === 'add') return addRanges(l, r);
  if (op === 'mul') return mulRanges(l, r);
  if (r.lo > 0 || r.hi < 0) return mulRanges(l, reciprocal(r));
  return undefined;
}

function point(x: number): ValueRange {
  return { lo: x, hi: x, hasNegative: x < 0, mixed: false, exact: true };
}

function negate(r: ValueRange): ValueRange {
  return { lo: -r.hi, hi: -r.lo, hasNegative: r.mixed || r.lo > 0, mixed: r.mixed, exact: r.exact };
}

function reciprocal(r: ValueRange): ValueRange {
  // Only called for ranges that exclude 0, so the sign is fixed.
  return { lo: 1 / r.hi, hi: 1 / r.lo, hasNegative: r.hi < 0, mixed: false, exact: r.exact && r.lo === r.hi };
}

function addRanges(a: ValueRange, b: ValueRange): ValueRange {
  const lo = a.lo + b.lo;
  const hi = a.hi + b.hi;
  // Shifting by a constant that does not lift the negatives keeps them.
  const keepsA = b.lo === b.hi && b.hi <= 0 && a.hasNegative;
  const keepsB = a.lo === a.hi && a.hi <= 0 && b.hasNegative;
  // Shifting an exact range by a constant keeps both ends reached.
  const exact = !!a.exact && !!b.exact && (a.lo === a.hi || b.lo === b.hi);
  if (exact) return { lo, hi, hasNegative: lo < 0, mixed: lo < 0 && hi > 0, exact };
  return { lo: nanTo(lo, -Infinity), hi: nanTo(hi, Infinity), hasNegative: hi < 0 || keepsA || keepsB, mixed: false };
}

function mulRanges(a: ValueRange, b: ValueRange): ValueRange {
  const products = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi];
  if (products.some(Number.isNaN)) return { lo: -Infinity, hi: Infinity, hasNegative: false, mixed: false };
  const lo = Math.min(...products);
  const hi = Math.max(...products);
  const bPositive = b.lo > 0;
  const bNegative = b.hi < 0;
  const aPositive = a.lo > 0;
  const mixed = (a.mixed && (bPositive || bNegative)) || (b.mixed && (aPositive || a.hi < 0));
  const hasNegative = hi < 0 || mixed || (a.hasNegative && bPositive) || (b.hasNegative && aPositive) ||
    (bNegative && aPositive) || (a.hi < 0 && b.lo > 0);
  // Scaling an exact range by a constant keeps both ends reached.
  const exact = !!a.exact && !!b.exact && (a.lo === a.hi || b.lo === b.hi);
  if (exact) return { lo, hi, hasNegative: lo < 0, mixed: lo < 0 && hi > 0, exact };
  return { lo, hi, hasNegative, mixed };
}

function nanTo(x: number, fallback: number): number {
  return Number.isNaN(x) ? fallback : x;
}

/** Exact bounds of nested arrays of numbers or a typed array literal. */
export function literalRange(data: Value): ValueRange | undefined {
  let lo = Infinity;
  let hi = -Infinity;
  let count = 0;
  const visit = (v: Value): boolean => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || ++count > MAX_ELEMENTS) return false;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
      return true;
    }
    if (Array.isArray(v)) return v.every(visit);
    if (v instanceof TypedArrayValue) return v.elements !== undefined && Array.isArray(v.elements) && v.elements.every(visit);
    return false;
  };
  if (!visit(data) || count === 0) return undefined;
  return { lo, hi, hasNegative: lo < 0, mixed: lo < 0 && hi > 0, exact: true };
}

/** `x.max()` / `tf.max(x)` (or min) of the same expression as `base`. */
function isReductionOf(file: FileAnalysis, expr: ts.Expression, base: ts.Expression, op: 'max' | 'min'): boolean {
  const of = reductionOperand(file, expr, op);
  return !!of && sameTensor(file, of, base);
}

/** The tensor a `max`/`min`/`sub` is taken of: from the abstract value, or the syntax `x.op()`. */
function reductionOperand(file: FileAnalysis, expr: ts.Expression, op: string): ts.Expression | undefined {
  const v = file.evaluate(expr);
  if (v instanceof TensorValue) return v.op === op ? v.operands[0] : undefined;
  const e = followBinding(file, expr);
  return ts.isCallExpression(e) && methodName(e) === op ? receiverOf(e) : undefined;
}

/** The two operands of a subtraction, from the abstract value or the syntax `a.sub(b)`. */
function subOperands(file: FileAnalysis, expr: ts.Expression): [ts.Expression, ts.Expression] | undefined {
  const v = file.evaluate(expr);
  if (v instanceof TensorValue) return v.op === 'sub' && v.operands[0] && v.operands[1] ? [v.operands[0], v.operands[1]] : undefined;
  const e = followBinding(file, expr);
  if (!ts.isCallExpression(e) || methodName(e) !== 'sub') return undefined;
  const r = receiverOf(e);
  return r && e.arguments[0] ? [r, e.arguments[0]] : undefined;
}

/** `x.max().sub(x.min())`: the span used by min-max scaling. */
function isMinMaxSpan(file: FileAnalysis, expr: ts.Expression, numerator: ts.Expression): boolean {
  const span = subOperands(file, expr);
  if (!span) return false;
  // The numerator is `x.sub(x.min())`: find x there.
  const base = subOperands(file, numerator)?.[0] ?? numerator;
  return isReductionOf(file, span[0], base, 'max') && isReductionOf(file, span[1], base, 'min');
}

/** A mean: `x.mean()`, `tf.mean(x)`, or the `mean` of `tf.moments(x)`. */
function isMean(file: FileAnalysis, expr: ts.Expression): boolean {
  const v = file.evaluate(expr);
  if (v instanceof TensorValue) {
    if (v.op === 'mean') return true;
  } else {
    const call = followBinding(file, expr);
    if (ts.isCallExpression(call) && methodName(call) === 'mean') return true;
  }
  const e = unwrap(expr);
  if (ts.isPropertyAccessExpression(e) && e.name.text === 'mean') {
    const m = file.evaluate(e.expression);
    return m instanceof TensorValue && m.op === 'moments';
  }
  if (ts.isIdentifier(e)) {
    const decl = file.scopes.resolve(e);
    if (decl && ts.isBindingElement(decl) && ts.isObjectBindingPattern(decl.parent)) {
      const key = decl.propertyName ?? decl.name;
      const holder = decl.parent.parent;
      if (ts.isIdentifier(key) && key.text === 'mean' && ts.isVariableDeclaration(holder) && holder.initializer) {
        const m = file.evaluate(holder.initializer);
        return m instanceof TensorValue && m.op === 'moments';
      }
    }
  }
  return false;
}

/** The same tensor: the same abstract value, or the same variable. */
function sameTensor(file: FileAnalysis, a: ts.Expression, b: ts.Expression): boolean {
  const va = file.evaluate(a);
  const vb = file.evaluate(b);
  if (va instanceof TensorValue && va === vb) return true;
  const ua = unwrap(a);
  const ub = unwrap(b);
  if (ts.isIdentifier(ua) && ts.isIdentifier(ub)) {
    const da = file.scopes.resolve(ua);
    return da ? da === file.scopes.resolve(ub) : ua.text === ub.text;
  }
  return false;
}
