// What values a tensor (or a plain number) expression can hold, as far as the file shows:
// literal tensors give exact bounds, data built in plain JS gets its interval (number-range),
// creators and bounded ops give proven bounds (from the catalog), and standardising
// (`sub(mean).div(std)`) is known to give both signs. Anything else is undefined: unknown.
import { ts } from '../ts';
import type { FileAnalysis } from '../analysis';
import { followBinding, unwrap } from '../bindings';
import { TensorValue, TypedArrayValue, type Value } from '../values';
import { opRecord } from '../tfjs/catalog';
import { BOTH_SIGNS, addRanges, mulRanges, negate, point, reached, reciprocal, type ValueRange } from './interval';
import type { NumberRanges } from './number-range';

const MAX_ELEMENTS = 100_000;
const MAX_DEPTH = 30;

export class TensorRanges {
  constructor(
    private readonly file: FileAnalysis,
    private readonly numbers: NumberRanges,
  ) {}

  /** The range of a tensor (or plain number) expression; undefined when it cannot be known. */
  rangeOf(expr: ts.Expression | undefined, depth = 0): ValueRange | undefined {
    if (!expr || depth > MAX_DEPTH) return undefined;
    const v = this.file.evaluate(expr);
    if (typeof v === 'number') return Number.isFinite(v) ? point(v) : undefined;
    if (v instanceof TensorValue) return this.tensorRange(v, depth + 1);
    const e = unwrap(expr);
    if (ts.isArrayLiteralExpression(e) && Array.isArray(v) && v.length > 0 && v.every((x) => x instanceof TensorValue)) {
      return this.hullOf(e.elements, depth + 1); // the tensors given to concat / stack
    }
    return this.scalingRange(expr, depth + 1);
  }

  private hullOf(elements: readonly ts.Expression[], depth: number): ValueRange | undefined {
    const parts = elements.map((el) => this.rangeOf(el, depth));
    if (parts.some((p) => !p)) return undefined;
    const ranges = parts as ValueRange[];
    const lo = Math.min(...ranges.map((r) => r.lo));
    const hi = Math.max(...ranges.map((r) => r.hi));
    const exact = ranges.every((r) => r.exact);
    const hasNegative = ranges.some((r) => r.hasNegative);
    return exact ? reached(lo, hi) : { lo, hi, hasNegative, mixed: ranges.some((r) => r.mixed) };
  }

  /**
   * Tensors whose origin is unknown (a loader, a parameter) can still be seen to be scaled into
   * [0, 1] by the syntax alone: `y.div(y.max())`, `y.sub(y.min()).div(...)`.
   */
  private scalingRange(expr: ts.Expression, depth: number): ValueRange | undefined {
    const e = followBinding(this.file.evaluator, expr);
    if (!ts.isCallExpression(e)) return undefined;
    const method = methodName(e);
    if (method !== 'div' && method !== 'sub') return undefined;
    const receiver = receiverOf(e);
    const operand = e.arguments[0];
    if (!receiver || !operand) return undefined;
    return this.combine(method, receiver, operand, depth);
  }

  private tensorRange(t: TensorValue, depth: number): ValueRange | undefined {
    const file = this.file;
    const [a, b, c] = t.operands;
    const num = (e: ts.Expression | undefined, fallback: number): number | undefined => {
      if (!e) return fallback;
      const v = file.evaluate(e);
      return typeof v === 'number' ? v : v === undefined ? fallback : undefined;
    };
    const record = opRecord(t.op);
    if (record?.shape === 'constructor') {
      // Literal data gives exact bounds; data computed in plain JS gets its interval.
      return this.numbers.rangeOf(a);
    }
    // concat and stack keep every element of every tensor in their list (not just the first).
    if ((t.op === 'concat' || t.op === 'stack') && !(a && ts.isArrayLiteralExpression(unwrap(a)))) return undefined;
    if (record?.preserves === 'value') return this.rangeOf(a, depth);
    if (record?.preserves === 'subset') {
      const r = this.rangeOf(a, depth);
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
        return reached(lo, hi);
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
        return reached(lo, hi);
      }
      case 'neg': {
        const r = this.rangeOf(a, depth);
        return r && negate(r);
      }
      case 'clipByValue': {
        const r = this.rangeOf(a, depth);
        const lo = num(b, NaN);
        const hi = num(c, NaN);
        if (lo === undefined || hi === undefined || !(hi >= lo)) return undefined;
        return { lo: Math.max(lo, r?.lo ?? -Infinity), hi: Math.min(hi, r?.hi ?? Infinity), hasNegative: hi < 0 || (!!r?.hasNegative && lo < 0), mixed: false };
      }
      case 'add': case 'sub': case 'mul': case 'div':
        return this.combine(t.op, a, b, depth);
      case 'max': case 'min': {
        // A reduction picks elements of its input: it stays within the input's bounds.
        const r = this.rangeOf(a, depth);
        return r && { lo: r.lo, hi: r.hi, hasNegative: false, mixed: false };
      }
    }
    const bounds = record?.range;
    if (bounds) {
      // tanh keeps the sign of each element.
      const r = t.op === 'tanh' ? this.rangeOf(a, depth) : undefined;
      return { lo: bounds.lo, hi: bounds.hi, hasNegative: !!r?.hasNegative, mixed: !!r?.mixed };
    }
    return undefined;
  }

  private combine(op: 'add' | 'sub' | 'mul' | 'div', left: ts.Expression | undefined, right: ts.Expression | undefined, depth: number): ValueRange | undefined {
    if (!left || !right) return undefined;
    // Min-max scaling and division by the maximum: the usual ways to bring values into [0, 1].
    if (op === 'sub' && this.isReductionOf(right, left, 'min')) return { lo: 0, hi: Infinity, hasNegative: false, mixed: false };
    if (op === 'div' && (this.isReductionOf(right, left, 'max') || this.isMinMaxSpan(right, left))) {
      const n = this.rangeOf(left, depth);
      if (!n?.hasNegative) return { lo: 0, hi: 1, hasNegative: false, mixed: false };
    }
    // Centring on a mean gives both signs; scaling that by a (positive) spread keeps them.
    if (op === 'sub' && this.isMean(right)) return { ...BOTH_SIGNS };
    const l = this.rangeOf(left, depth);
    const r = this.rangeOf(right, depth);
    // A spread (std, sqrt of a variance) is never negative; dividing by 0 would give NaN anyway.
    if (op === 'div' && l?.mixed && (!r || r.lo >= 0 || r.hi <= 0)) return { ...BOTH_SIGNS };
    if (!l || !r) return undefined;
    if (op === 'sub') return addRanges(l, negate(r));
    if (op === 'add') return addRanges(l, r);
    if (op === 'mul') return mulRanges(l, r);
    if (r.lo > 0 || r.hi < 0) return mulRanges(l, reciprocal(r));
    return undefined;
  }

  /** `x.max()` / `tf.max(x)` (or min) of the same expression as `base`. */
  private isReductionOf(expr: ts.Expression, base: ts.Expression, op: 'max' | 'min'): boolean {
    const of = this.reductionOperand(expr, op);
    return !!of && this.sameTensor(of, base);
  }

  /** The tensor a `max`/`min`/`sub` is taken of: from the abstract value, or the syntax `x.op()`. */
  private reductionOperand(expr: ts.Expression, op: string): ts.Expression | undefined {
    const v = this.file.evaluate(expr);
    if (v instanceof TensorValue) return v.op === op ? v.operands[0] : undefined;
    const e = followBinding(this.file.evaluator, expr);
    return ts.isCallExpression(e) && methodName(e) === op ? receiverOf(e) : undefined;
  }

  /** The two operands of a subtraction, from the abstract value or the syntax `a.sub(b)`. */
  private subOperands(expr: ts.Expression): [ts.Expression, ts.Expression] | undefined {
    const v = this.file.evaluate(expr);
    if (v instanceof TensorValue) return v.op === 'sub' && v.operands[0] && v.operands[1] ? [v.operands[0], v.operands[1]] : undefined;
    const e = followBinding(this.file.evaluator, expr);
    if (!ts.isCallExpression(e) || methodName(e) !== 'sub') return undefined;
    const r = receiverOf(e);
    return r && e.arguments[0] ? [r, e.arguments[0]] : undefined;
  }

  /** `x.max().sub(x.min())`: the span used by min-max scaling. */
  private isMinMaxSpan(expr: ts.Expression, numerator: ts.Expression): boolean {
    const span = this.subOperands(expr);
    if (!span) return false;
    // The numerator is `x.sub(x.min())`: find x there.
    const base = this.subOperands(numerator)?.[0] ?? numerator;
    return this.isReductionOf(span[0], base, 'max') && this.isReductionOf(span[1], base, 'min');
  }

  /** A mean: `x.mean()`, `tf.mean(x)`, or the `mean` of `tf.moments(x)`. */
  private isMean(expr: ts.Expression): boolean {
    const file = this.file;
    const v = file.evaluate(expr);
    if (v instanceof TensorValue) {
      if (v.op === 'mean') return true;
    } else {
      const call = followBinding(file.evaluator, expr);
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
  private sameTensor(a: ts.Expression, b: ts.Expression): boolean {
    const va = this.file.evaluate(a);
    const vb = this.file.evaluate(b);
    if (va instanceof TensorValue && va === vb) return true;
    const ua = unwrap(a);
    const ub = unwrap(b);
    if (ts.isIdentifier(ua) && ts.isIdentifier(ub)) {
      const da = this.file.scopes.resolve(ua);
      return da ? da === this.file.scopes.resolve(ub) : ua.text === ub.text;
    }
    return false;
  }
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
  return reached(lo, hi);
}

/** The method name of `receiver.method(...)`. */
export function methodName(call: ts.CallExpression): string | undefined {
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
}

/** The receiver of `receiver.method(...)`. */
export function receiverOf(call: ts.CallExpression): ts.Expression | undefined {
  const callee = unwrap(call.expression);
  return ts.isPropertyAccessExpression(callee) ? callee.expression : undefined;
}
