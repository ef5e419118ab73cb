// What a label (target) tensor looks like, for rules that compare labels with a loss: its
// shape (from shape inference, or from literal data), its literal values as rows when the file
// writes them out, and whether it was made by tf.oneHot. Unknown parts stay undefined.
import type { FileAnalysis } from '../../server/src/engine/analysis';
import type { ts } from '../../server/src/engine/ts';
import type { ModelValue } from '../../server/src/engine/values';
import { TensorValue, TypedArrayValue, type Value } from '../../server/src/engine/values';
import type { Shape } from '../../server/src/engine/types';
import { resolveTargetShape } from '../../server/src/engine/shapes';

export interface LabelFacts {
  /** The label tensor's shape, when known. */
  shape: Shape | undefined;
  /** Literal values as rows (a rank-1 label gives one-element rows); undefined when not literal. */
  rows: number[][] | undefined;
  /** Made by tf.oneHot (then cast or cloned at most): one-hot whatever the indices. */
  fromOneHot: boolean;
}

/** The model's single output shape, when shape inference knows it. */
export function singleOutputShape(file: FileAnalysis, model: ModelValue): Shape | undefined {
  const outs = file.shapes.modelOutputShapes(model);
  return outs && outs.length === 1 ? outs[0] : undefined;
}

const MAX_ELEMENTS = 100_000;
const LITERAL_CREATORS = new Set(['tensor', 'tensor1d', 'tensor2d']);
/** Ops that keep values and shape (a dtype change at most). */
const SAME_VALUES = new Set(['toFloat', 'clone', 'identity']);

export function labelFacts(file: FileAnalysis, expr: ts.Expression | undefined): LabelFacts | undefined {
  if (!expr) return undefined;
  const v = file.evaluate(expr);
  if (!(v instanceof TensorValue)) return undefined;
  const literal = literalTensor(file, v, 0);
  const inferred = file.shapes.tensorShape(expr);
  const shape = inferred ?? literal?.shape;
  let rows: number[][] | undefined;
  if (literal && shape && sameDims(shape, literal.shape) && literal.shape.length >= 1 && literal.shape.length <= 2) {
    const width = literal.shape.length === 1 ? 1 : literal.shape[1];
    rows = [];
    for (let i = 0; i < literal.shape[0]; i++) rows.push(literal.values.slice(i * width, (i + 1) * width));
  }
  return { shape, rows, fromOneHot: madeByOneHot(file, v, 0) };
}

function sameDims(a: Shape, b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === null || d === b[i]);
}

function madeByOneHot(file: FileAnalysis, t: TensorValue, depth: number): boolean {
  if (t.op === 'oneHot') return true;
  if (depth > 20 || !(SAME_VALUES.has(t.op) || t.op === 'cast' || t.op === 'toInt')) return false;
  const inner = file.evaluate(t.operands[0]);
  return inner instanceof TensorValue && madeByOneHot(file, inner, depth + 1);
}

interface Literal {
  shape: number[];
  values: number[];
}

/** A tensor whose every value the file writes out (through a few value-keeping ops). */
function literalTensor(file: FileAnalysis, t: TensorValue, depth: number): Literal | undefined {
  if (depth > 20) return undefined;
  const inner = (): Literal | undefined => {
    const v = file.evaluate(t.operands[0]);
    return v instanceof TensorValue ? literalTensor(file, v, depth + 1) : undefined;
  };
  if (LITERAL_CREATORS.has(t.op)) return literalData(file, t);
  if (SAME_VALUES.has(t.op)) return inner();
  if (t.op === 'toInt' || (t.op === 'cast' && file.evaluate(t.operands[1]) === 'int32')) {
    const lit = inner();
    return lit && { shape: lit.shape, values: lit.values.map(Math.trunc) };
  }
  if (t.op === 'cast' && file.evaluate(t.operands[1]) === 'float32') return inner();
  if (t.op === 'flatten') {
    const lit = inner();
    return lit && { shape: [lit.values.length], values: lit.values };
  }
  if (t.op === 'reshape') {
    const lit = inner();
    const target = lit && resolveShape(file.evaluate(t.operands[1]), lit.values.length);
    return lit && target ? { shape: target, values: lit.values } : undefined;
  }
  if (t.op === 'expandDims') {
    const lit = inner();
    const axisValue = t.operands[1] ? file.evaluate(t.operands[1]) : 0;
    if (!lit || typeof axisValue !== 'number' || !Number.isInteger(axisValue)) return undefined;
    const rank = lit.shape.length;
    const axis = axisValue < 0 ? axisValue + rank + 1 : axisValue;
    if (axis < 0 || axis > rank) return undefined;
    return { shape: [...lit.shape.slice(0, axis), 1, ...lit.shape.slice(axis)], values: lit.values };
  }
  return undefined;
}

/** `tf.tensor(data, shape?)`, `tf.tensor1d(data)`, `tf.tensor2d(data, shape?)` with literal data. */
function literalData(file: FileAnalysis, t: TensorValue): Literal | undefined {
  const data = file.evaluate(t.operands[0]);
  const nested = nestedShape(data);
  if (!nested) return undefined;
  const values: number[] = [];
  if (!flattenInto(data, values)) return undefined;
  const shapeArg = t.op === 'tensor1d' || !t.operands[1] ? undefined : file.evaluate(t.operands[1]);
  if (shapeArg === undefined) {
    if (t.op === 'tensor1d' && nested.length !== 1) return undefined;
    if (t.op === 'tensor2d' && nested.length !== 2) return undefined;
    return { shape: nested, values };
  }
  const shape = resolveShape(shapeArg, values.length);
  return shape && !shape.includes(-1) ? { shape, values } : undefined;
}

function nestedShape(v: Value): number[] | undefined {
  if (v instanceof TypedArrayValue) return Array.isArray(v.elements) ? [v.elements.length] : undefined;
  if (typeof v === 'number') return [];
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_ELEMENTS) return undefined;
  const first = nestedShape(v[0]);
  if (!first) return undefined;
  for (let i = 1; i < v.length; i++) {
    const s = nestedShape(v[i]);
    if (!s || s.length !== first.length || s.some((d, j) => d !== first[j])) return undefined;
  }
  return [v.length, ...first];
}

function flattenInto(v: Value, out: number[]): boolean {
  if (out.length > MAX_ELEMENTS) return false;
  if (typeof v === 'number') {
    out.push(v);
    return Number.isFinite(v);
  }
  if (v instanceof TypedArrayValue) return Array.isArray(v.elements) && v.elements.every((e) => flattenInto(e, out));
  return Array.isArray(v) && v.every((e) => flattenInto(e, out));
}

/** A literal shape with at most one -1, resolved against an element count (as tfjs does). */
function resolveShape(v: Value, count: number): number[] | undefined {
  const shape = resolveTargetShape(v, count);
  return shape === 'mismatch' ? undefined : shape;
}

/** True when every row is 0/1 with exactly one 1. */
export function isOneHotRows(rows: readonly number[][]): boolean {
  return rows.length > 0 && rows.every((r) => r.every((x) => x === 0 || x === 1) && r.filter((x) => x === 1).length === 1);
}

/** True when every value is an integer class index below `classes`. */
export function isClassIndexRows(rows: readonly number[][], classes: number): boolean {
  return rows.length > 0 && rows.every((r) => r.length === 1 && Number.isInteger(r[0]) && r[0] >= 0 && r[0] < classes);
}
