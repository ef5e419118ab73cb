// Small helpers on shapes: formatting, equality, element counts, broadcasting.
import type { Dim, Shape } from '../types';

/** `[null, 28, 28, 1]`, as tfjs prints shapes in model.summary(). */
export function formatShape(shape: Shape | undefined): string {
  if (!shape) return '?';
  return `[${shape.map((d) => (d === null ? 'null' : String(d))).join(', ')}]`;
}

export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Product of the dims; undefined when any is null. */
export function elementCount(shape: readonly Dim[]): number | undefined {
  let n = 1;
  for (const d of shape) {
    if (d === null) return undefined;
    n *= d;
  }
  return n;
}

export function isFullyKnown(shape: readonly Dim[]): shape is number[] {
  return shape.every((d) => d !== null);
}

/**
 * A target shape as `reshape` and `tf.tensor(data, shape)` read it (integers, at most one -1)
 * resolved against an element count: the shape; 'mismatch' when no shape of that form holds
 * `count` elements; undefined when the target is not such a literal, or has a -1 and the
 * count is unknown.
 */
export function resolveTargetShape(target: unknown, count: number | undefined): number[] | 'mismatch' | undefined {
  if (!Array.isArray(target) || !target.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= -1)) return undefined;
  const want = target as number[];
  if (want.filter((d) => d === -1).length > 1) return undefined;
  const fixed = want.filter((d) => d !== -1).reduce((a, b) => a * b, 1);
  if (count === undefined) return want.includes(-1) ? undefined : want;
  const bad = want.includes(-1) ? fixed === 0 || count % fixed !== 0 : count !== fixed;
  if (bad) return 'mismatch';
  return want.map((d) => (d === -1 ? count / fixed : d));
}

/** A list of non-negative integers (a literal shape argument). */
export function isShapeLiteral(v: unknown): v is number[] {
  return Array.isArray(v) && v.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0);
}

/**
 * numpy-style broadcasting of two shapes. Returns the result, or 'incompatible' when two
 * known dims differ and neither is 1. A null dim against n>1 gives n; against 1 or null, null.
 */
export function broadcast(a: Shape, b: Shape): Shape | 'incompatible' {
  const rank = Math.max(a.length, b.length);
  const out: Shape = [];
  for (let i = 0; i < rank; i++) {
    const x = i < rank - a.length ? 1 : a[i - (rank - a.length)];
    const y = i < rank - b.length ? 1 : b[i - (rank - b.length)];
    if (x === null || y === null) {
      const other = x === null ? y : x;
      out.push(other !== null && other !== 1 ? other : null);
    } else if (x === y || y === 1) out.push(x);
    else if (x === 1) out.push(y);
    else return 'incompatible';
  }
  return out;
}

/** Normalises a possibly negative axis for a rank; undefined when out of range. */
export function normAxis(axis: number, rank: number): number | undefined {
  const a = axis < 0 ? axis + rank : axis;
  return Number.isInteger(a) && a >= 0 && a < rank ? a : undefined;
}
