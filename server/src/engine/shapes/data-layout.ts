// The layout of JS data handed to a tensor constructor, when only part of it is known: an
// array filled by pushes has an unknown length (a null dim) but rows of 3 numbers; a row
// whose entries are unknown values has a known length but nothing known below it.
import { ts } from '../ts';
import type { Dim, Shape } from '../types';
import { ListValue, TypedArrayValue, UNKNOWN, type Value } from '../values';

export interface DataLayout {
  /** Known dims from the outside in (null: a length we do not know). */
  dims: Dim[];
  /** The kind of the leaves when every dim is known to be listed; undefined: more dims may follow. */
  leaf?: 'number' | 'bool' | 'string';
}

export interface LayoutContext {
  value(e: ts.Expression | undefined): Value;
  isNumber(e: ts.Expression): boolean;
}

const NOTHING_KNOWN: DataLayout = { dims: [] };
const MAX_DEPTH = 8;

/** The layout of the data an expression evaluates to. */
export function layoutOfExpression(e: ts.Expression, ctx: LayoutContext, depth = 0): DataLayout {
  if (depth > MAX_DEPTH) return NOTHING_KNOWN;
  const inner = unwrap(e);
  if (ts.isArrayLiteralExpression(inner)) {
    if (inner.elements.some((el) => ts.isSpreadElement(el) || ts.isOmittedExpression(el))) return NOTHING_KNOWN;
    if (inner.elements.length === 0) return { dims: [0], leaf: 'number' };
    return prefixed(inner.elements.length, merge(inner.elements.map((el) => layoutOfExpression(el, ctx, depth + 1))));
  }
  const v = ctx.value(inner);
  const fromValue = layoutOfValue(v, ctx, depth);
  if (fromValue.leaf || fromValue.dims.length) return fromValue;
  if (ctx.isNumber(inner)) return { dims: [], leaf: 'number' };
  return NOTHING_KNOWN;
}

export function layoutOfValue(v: Value, ctx: LayoutContext, depth = 0): DataLayout {
  if (depth > MAX_DEPTH) return NOTHING_KNOWN;
  if (typeof v === 'number') return { dims: [], leaf: 'number' };
  if (typeof v === 'boolean') return { dims: [], leaf: 'bool' };
  if (typeof v === 'string') return { dims: [], leaf: 'string' };
  if (v instanceof TypedArrayValue) return v.elements === UNKNOWN ? NOTHING_KNOWN : { dims: [v.elements.length], leaf: 'number' };
  if (v instanceof ListValue) {
    const length = v.length === UNKNOWN ? null : v.length;
    if (v.elements === UNKNOWN || v.elements.length === 0) return { dims: [length] };
    return prefixed(length, merge(v.elements.map((el) => layoutOfExpression(el, ctx, depth + 1))));
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return { dims: [0], leaf: 'number' };
    return prefixed(v.length, merge(v.map((x) => layoutOfValue(x, ctx, depth + 1))));
  }
  return NOTHING_KNOWN;
}

function prefixed(length: Dim, inner: DataLayout): DataLayout {
  return { dims: [length, ...inner.dims], leaf: inner.leaf };
}

/**
 * What every element has in common (a dim two elements disagree on is null: a filled
 * array's element expressions need not all be in it). Elements of different ranks or leaf
 * kinds: nothing is known.
 */
function merge(layouts: DataLayout[]): DataLayout {
  if (layouts.length === 0) return NOTHING_KNOWN;
  const complete = layouts.every((l) => l.leaf !== undefined);
  if (complete) {
    const first = layouts[0];
    if (!layouts.every((l) => l.dims.length === first.dims.length && l.leaf === first.leaf)) return NOTHING_KNOWN;
    return { dims: first.dims.map((d, i) => (layouts.every((l) => l.dims[i] === d) ? d : null)), leaf: first.leaf };
  }
  const rank = Math.min(...layouts.map((l) => l.dims.length));
  const dims: Dim[] = [];
  for (let i = 0; i < rank; i++) {
    const d = layouts[0].dims[i];
    dims.push(layouts.every((l) => l.dims[i] === d) ? d : null);
  }
  return { dims };
}

/**
 * The shape of a tensor built from data of this layout: the full shape when the layout is
 * complete; for a constructor of fixed rank (tensor2d, ...) the known dims padded with
 * nulls. Undefined when unknown, or when tfjs would throw (a complete layout of another rank).
 */
export function shapeOfLayout(layout: DataLayout, rank: number | undefined): Shape | undefined {
  if (layout.leaf) {
    if (rank !== undefined && layout.dims.length !== rank) return undefined;
    return layout.dims;
  }
  if (rank === undefined || layout.dims.length > rank) return undefined;
  return [...layout.dims, ...new Array<Dim>(rank - layout.dims.length).fill(null)];
}

/** tfjs's inferDtype for data of this layout. */
export function dtypeOfLayout(layout: DataLayout): string | undefined {
  switch (layout.leaf) {
    case 'number': return 'float32';
    case 'bool': return 'bool';
    case 'string': return 'string';
  }
  return undefined;
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e)) e = e.expression;
  return e;
}
