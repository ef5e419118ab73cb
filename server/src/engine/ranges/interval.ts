// The value range of a number, an array of numbers or a tensor: closed bounds that every
// element lies in ("bounded by"), kept apart from what is known to be reached (`exact`: both
// ends are values really held) and from what is known to be present (`hasNegative`, `mixed`).
// Interval arithmetic below keeps those three apart: a sum of bounded values is bounded, a
// shift of an exact range by a constant is exact, a sum of two non-negative values is non-negative.

export interface ValueRange {
  /** Proven bounds: every element lies in [lo, hi] (±Infinity when open on that side). */
  lo: number;
  hi: number;
  /** Known to hold at least one negative element. */
  hasNegative: boolean;
  /** Known to hold both negative and positive elements (e.g. mean-centred data). */
  mixed: boolean;
  /** True when lo and hi are values really held (literals, scaled literals, uniform draws). */
  exact?: boolean;
}

/** Both signs, no bounds: what centring on a mean gives. */
export const BOTH_SIGNS: ValueRange = { lo: -Infinity, hi: Infinity, hasNegative: true, mixed: true };

export function point(x: number): ValueRange {
  return { lo: x, hi: x, hasNegative: x < 0, mixed: false, exact: true };
}

/** Bounds only: nothing known to be reached or present. */
export function bounded(lo: number, hi: number): ValueRange {
  return { lo: nanTo(lo, -Infinity), hi: nanTo(hi, Infinity), hasNegative: hi < 0, mixed: false };
}

/** Both ends reached (uniform draws, a counted loop, literals). */
export function reached(lo: number, hi: number): ValueRange {
  return { lo, hi, hasNegative: lo < 0, mixed: lo < 0 && hi > 0, exact: true };
}

export function negate(r: ValueRange): ValueRange {
  return { lo: -r.hi, hi: -r.lo, hasNegative: r.mixed || r.lo > 0, mixed: r.mixed, exact: r.exact };
}

/** 1 / r, for ranges that exclude 0 (so the sign is fixed). */
export function reciprocal(r: ValueRange): ValueRange {
  return { lo: 1 / r.hi, hi: 1 / r.lo, hasNegative: r.hi < 0, mixed: false, exact: r.exact && r.lo === r.hi };
}

export function addRanges(a: ValueRange, b: ValueRange): ValueRange {
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

export function subRanges(a: ValueRange, b: ValueRange): ValueRange {
  return addRanges(a, negate(b));
}

export function mulRanges(a: ValueRange, b: ValueRange): ValueRange {
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

/** a / b when b excludes 0; undefined otherwise (the quotient is unbounded or NaN). */
export function divRanges(a: ValueRange, b: ValueRange): ValueRange | undefined {
  return b.lo > 0 || b.hi < 0 ? mulRanges(a, reciprocal(b)) : undefined;
}

/**
 * One of several values (a conditional, the elements of an array): the hull of the bounds.
 * Present negatives and reached ends hold only for what is known to be present, so `all`
 * says whether every part is present (array elements) or only one (a conditional's branches).
 */
export function join(parts: readonly ValueRange[], all: boolean): ValueRange | undefined {
  if (parts.length === 0) return undefined;
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of parts) {
    lo = Math.min(lo, p.lo);
    hi = Math.max(hi, p.hi);
  }
  if (all) {
    const exact = parts.every((p) => p.exact);
    const hasNegative = parts.some((p) => p.hasNegative);
    const hasPositive = parts.some((p) => p.lo > 0 || (p.exact && p.hi > 0));
    return { lo, hi, hasNegative, mixed: parts.some((p) => p.mixed) || (hasNegative && hasPositive), ...(exact ? { exact } : {}) };
  }
  return { lo, hi, hasNegative: parts.every((p) => p.hasNegative), mixed: parts.every((p) => p.mixed) };
}

/** Only the bounds of r: what is left when it is not known that r's values are all present. */
export function boundsOnly(r: ValueRange): ValueRange {
  return { lo: r.lo, hi: r.hi, hasNegative: r.hi < 0, mixed: false };
}

/** A range that lies inside [lo, hi] (the bounds prove it). */
export function within(r: ValueRange, lo: number, hi: number): boolean {
  return r.lo >= lo && r.hi <= hi;
}

export function nanTo(x: number, fallback: number): number {
  return Number.isNaN(x) ? fallback : x;
}
