// Shapes and dtypes of tensors made by tfjs ops, with tfjs's rules. Each op gets its operand
// expressions (receiver first for methods, as the evaluator records them) and asks the
// context for their values, shapes and dtypes. Undefined means unknown. Ops whose operands
// can never work (matMul inner sizes, concat of unequal tensors, ...) report a problem.
import { ts } from '../ts';
import type { Shape } from '../types';
import { ListValue, TensorValue, TypedArrayValue, UNKNOWN, type Value } from '../values';
import { dtypeOfLayout, layoutOfExpression, shapeOfLayout } from './data-layout';
import type { ShapeProblem } from './problems';
import { opRecord, opsWhere } from '../tfjs/catalog';
import { broadcast, elementCount, isShapeLiteral, normAxis, resolveTargetShape } from './shape';

export interface OpContext {
  value(e: ts.Expression | undefined): Value;
  shape(e: ts.Expression | undefined): Shape | undefined;
  dtype(e: ts.Expression | undefined): string | undefined;
  /** True when the expression is a JS number, even of unknown value. */
  isNumber(e: ts.Expression): boolean;
  problem(p: ShapeProblem): void;
}

const DTYPES = new Set(['float32', 'int32', 'bool', 'string', 'complex64']);

/** Shape of literal data: nested arrays (rectangular), a typed array, or a scalar. */
export function dataShape(v: Value): Shape | undefined {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string') return [];
  if (v instanceof TypedArrayValue) return v.elements === UNKNOWN ? undefined : [v.elements.length];
  if (!Array.isArray(v)) return undefined;
  if (v.length === 0) return [0];
  const inner = v.map(dataShape);
  const first = inner[0];
  if (!first || !inner.every((s) => s && s.length === first.length && s.every((d, i) => d === first[i]))) return undefined;
  return [v.length, ...first];
}

/** tfjs's inferDtype for literal data. */
export function dataDtype(v: Value): string | undefined {
  if (v instanceof TypedArrayValue) {
    if (v.dtype === 'float32') return 'float32';
    if (v.dtype === 'int32' || v.dtype === 'uint8') return 'int32';
    return undefined;
  }
  let leaf: Value = v;
  while (Array.isArray(leaf)) {
    if (leaf.length === 0) return 'float32';
    leaf = leaf[0];
  }
  if (typeof leaf === 'number') return 'float32';
  if (typeof leaf === 'boolean') return 'bool';
  if (typeof leaf === 'string') return 'string';
  return undefined;
}

function upcast(a: string | undefined, b: string | undefined): string | undefined {
  if (!a || !b) return undefined;
  if (a === 'string' || b === 'string') return a === b ? a : undefined;
  if (a === 'complex64' || b === 'complex64') return 'complex64';
  if (a === 'float32' || b === 'float32') return 'float32';
  if (a === 'int32' || b === 'int32') return 'int32';
  return 'bool';
}

// Op families, from the catalog (engine/tfjs): each set names the ops one rule below serves.
const CONSTRUCTORS = opsWhere((r) => r.shape === 'constructor');
/** ops taking (shape, ...), with their dtype argument (if any) in the catalog. */
const SHAPE_FIRST = opsWhere((r) => r.shape === 'shape-argument');
const SAME_SHAPE = opsWhere((r) => r.shape === 'same');
/** Elementwise ops that accept float32 only (int32 and bool throw). */
const FLOAT_ONLY = opsWhere((r) => r.shape === 'same' && r.dtype === 'float-only');
const BINARY = opsWhere((r) => r.shape === 'broadcast' && (r.dtype === 'upcast' || r.dtype === 'int32'));
const LOGICAL = opsWhere((r) => r.shape === 'broadcast' && r.dtype === 'bool-only');
const COMPARE = opsWhere((r) => r.shape === 'broadcast' && (r.dtype === 'bool' || r.dtype === 'bool-only'));
const REDUCE = opsWhere((r) => r.shape === 'reduce');

/** The op name and operands of a tensor value, with a flag for method form. */
function parts(t: TensorValue): { op: string; args: readonly ts.Expression[]; method: boolean } {
  const call = t.node;
  const argc = ts.isCallExpression(call) ? call.arguments.length : t.operands.length;
  return { op: t.op, args: t.operands, method: t.operands.length === argc + 1 };
}

export function opShape(t: TensorValue, ctx: OpContext): Shape | undefined {
  const { op, args, method } = parts(t);
  if (op === 'ported') return t.shape; // another module's tensor: its shape came with it (modules.ts)
  const shapeArg = (i: number): Shape | undefined => {
    const v = ctx.value(args[i]);
    return isShapeLiteral(v) ? [...v] : undefined;
  };
  const num = (i: number): number | undefined => {
    const v = ctx.value(args[i]);
    return typeof v === 'number' ? v : undefined;
  };

  if (CONSTRUCTORS.has(op) && !method) {
    const rank = opRecord(op)?.rank;
    if (op === 'scalar') return [];
    const explicit = shapeArg(1);
    if (explicit && (rank === undefined || explicit.length === rank)) return explicit;
    if (args[1] && ctx.value(args[1]) !== undefined && !isDtypeArg(ctx.value(args[1]))) return partialShapeArg(ctx.value(args[1]), rank);
    if (!args[0]) return undefined;
    const s = dataShape(ctx.value(args[0]));
    if (s) return rank !== undefined && s.length !== rank ? undefined : s; // another rank: tfjs throws; not a shape rule
    // Data known in part (an array filled by pushes, rows of unknown values): what is known,
    // and for tensor1d..tensor6d the rank, which tfjs enforces.
    return shapeOfLayout(layoutOfExpression(args[0], ctx), rank);
  }
  if (SHAPE_FIRST.has(op) && !method) return shapeArg(0);
  if (op === 'oneHot') {
    if (ctx.value(args[0]) instanceof TensorValue && ctx.dtype(args[0]) === 'float32') {
      ctx.problem({ kind: 'dtype', node: t.node, atBuild: false, op: 'oneHot', dtype: 'float32' });
      return undefined;
    }
    const s = ctx.shape(args[0]);
    const depth = num(1);
    return s && depth !== undefined ? [...s, depth] : undefined;
  }
  if (op === 'eye' && !method) {
    const n = num(0);
    const m = args[1] ? num(1) : n;
    return n !== undefined && m !== undefined && !args[2] ? [n, m] : undefined;
  }
  if (op === 'linspace' && !method) {
    const n = num(2);
    return n !== undefined ? [n] : undefined;
  }
  if (op === 'range' && !method) {
    const start = num(0);
    const stop = num(1);
    const step = args[2] ? num(2) : 1;
    if (start === undefined || stop === undefined || !step) return undefined;
    return [Math.max(Math.ceil((stop - start) / step), 0)];
  }
  if (FLOAT_ONLY.has(op)) {
    const d = ctx.dtype(args[0]);
    if (d === 'int32' && ctx.value(args[0]) instanceof TensorValue) {
      ctx.problem({ kind: 'dtype', node: t.node, atBuild: false, op, dtype: 'int32' });
    }
    return d === 'float32' ? ctx.shape(args[0]) : undefined;
  }
  if (op === 'logicalNot') return ctx.dtype(args[0]) === 'bool' ? ctx.shape(args[0]) : undefined;
  if (SAME_SHAPE.has(op) && (op !== 'dropout' || !method)) return ctx.shape(args[0]);
  if (LOGICAL.has(op) && !(operandDtype(ctx, args[0]) === 'bool' && operandDtype(ctx, args[1]) === 'bool')) return undefined;
  if ((op === 'any' || op === 'all') && ctx.dtype(args[0]) !== 'bool') return undefined;
  if (BINARY.has(op) || COMPARE.has(op)) {
    const a = operandShape(ctx, args[0]);
    const b = operandShape(ctx, args[1]);
    if (!a || !b) return undefined;
    const r = broadcast(a, b);
    if (r === 'incompatible') {
      if (a.every((d) => d !== null) && b.every((d) => d !== null)) {
        ctx.problem({ kind: 'broadcast', node: t.node, atBuild: false, op, shapes: [a, b], expected: a, actual: b });
      }
      return undefined;
    }
    return r;
  }
  if (REDUCE.has(op) || op === 'argMax' || op === 'argMin') return reduceShape(op, args, ctx);
  switch (op) {
    case 'reshape':
      return reshapeShape(t, args, ctx);
    case 'flatten': {
      const s = ctx.shape(args[0]);
      const n = s && elementCount(s);
      return n === undefined ? undefined : [n];
    }
    case 'expandDims': {
      const s = ctx.shape(args[0]);
      const axis = args[1] ? num(1) : 0;
      if (!s || axis === undefined) return undefined;
      const a = axis < 0 ? axis + s.length + 1 : axis;
      if (a < 0 || a > s.length) return undefined;
      return [...s.slice(0, a), 1, ...s.slice(a)];
    }
    case 'squeeze': {
      const s = ctx.shape(args[0]);
      if (!s) return undefined;
      if (!args[1]) return s.some((d) => d === null) ? undefined : s.filter((d) => d !== 1);
      const axes = ctx.value(args[1]);
      if (!Array.isArray(axes) || !axes.every((x) => typeof x === 'number')) return undefined;
      const norm = (axes as number[]).map((x) => normAxis(x, s.length));
      if (norm.some((x) => x === undefined || s[x] !== 1)) return undefined;
      return s.filter((_, i) => !norm.includes(i));
    }
    case 'transpose': {
      const s = ctx.shape(args[0]);
      if (!s) return undefined;
      if (!args[1]) return [...s].reverse();
      const perm = ctx.value(args[1]);
      if (!isShapeLiteral(perm) || perm.length !== s.length) return undefined;
      return perm.map((p) => s[p]);
    }
    case 'concat':
      return concatShape(t, method, args, ctx);
    case 'stack': {
      if (method) return undefined;
      const filled = ctx.value(args[0]);
      if (filled instanceof ListValue) return stackOfList(filled, args[1] ? num(1) : 0, ctx);
      const list = listShapes(ctx, args[0]);
      const axis = args[1] ? num(1) : 0;
      if (!list || axis === undefined || list.length === 0) return undefined;
      // tfjs throws unless every tensor has the same dtype.
      const dtypes = listDtypes(ctx, args[0]);
      if (!dtypes || new Set(dtypes).size !== 1) return undefined;
      const first = list[0];
      if (!list.every((s) => s.length === first.length && s.every((d, i) => d === first[i]))) return undefined;
      const a = axis < 0 ? axis + first.length + 1 : axis;
      if (a < 0 || a > first.length) return undefined;
      return [...first.slice(0, a), list.length, ...first.slice(a)];
    }
    case 'matMul':
      return matMulShape(t, args, ctx);
    case 'dot': {
      const a = ctx.shape(args[0]);
      const b = ctx.shape(args[1]);
      if (!a || !b || a.length !== 2 || b.length !== 2) return undefined;
      return [a[0], b[1]];
    }
    case 'slice': {
      const s = ctx.shape(args[0]);
      if (!s || s.length === 0) return undefined;
      const beginV = ctx.value(args[1]);
      const sizeV = args[2] ? ctx.value(args[2]) : undefined;
      const begin = typeof beginV === 'number' ? [beginV] : beginV;
      const size = typeof sizeV === 'number' ? [sizeV] : sizeV;
      if (!Array.isArray(begin) || !begin.every((b) => typeof b === 'number' && b >= 0)) return undefined;
      if (size !== undefined && (!Array.isArray(size) || !size.every((x) => typeof x === 'number'))) return undefined;
      return s.map((d, i) => {
        const b = i < begin.length ? (begin[i] as number) : 0;
        const z = size && i < size.length ? (size[i] as number) : -1;
        if (z >= 0) return z;
        return d === null ? null : d - b;
      });
    }
    case 'tile': {
      const s = ctx.shape(args[0]);
      const reps = ctx.value(args[1]);
      if (!s || !isShapeLiteral(reps) || reps.length !== s.length) return undefined;
      return s.map((d, i) => (d === null ? null : d * reps[i]));
    }
    case 'pad': {
      const s = ctx.shape(args[0]);
      const p = ctx.value(args[1]);
      if (!s || !Array.isArray(p) || p.length !== s.length) return undefined;
      const out: Shape = [];
      for (let i = 0; i < s.length; i++) {
        const pair = p[i];
        if (!isShapeLiteral(pair) || pair.length !== 2) return undefined;
        const d = s[i];
        out.push(d === null ? null : d + pair[0] + pair[1]);
      }
      return out;
    }
    case 'predict':
    case 'predictOnBatch':
      return undefined; // answered by the inference (needs the model)
  }
  return undefined;
}

/** A number operand is a scalar; anything else must be a tensor of known shape. */
function operandShape(ctx: OpContext, e: ts.Expression | undefined): Shape | undefined {
  const v = ctx.value(e);
  if (typeof v === 'number') return [];
  return ctx.shape(e);
}

/**
 * `tf.stack(xs)` of an array filled by pushes: every element shape and dtype agree, so the
 * result has the list's length (null when unknown) at the axis.
 */
function stackOfList(list: ListValue, axis: number | undefined, ctx: OpContext): Shape | undefined {
  if (list.elements === UNKNOWN || list.elements.length === 0 || axis === undefined) return undefined;
  const shapes = list.elements.map((e) => ctx.shape(e));
  const first = shapes[0];
  if (!first || !shapes.every((s) => s && s.length === first.length && s.every((d, i) => d === first[i]))) return undefined;
  const dtypes = new Set(list.elements.map((e) => ctx.dtype(e)));
  if (dtypes.size !== 1 || dtypes.has(undefined)) return undefined;
  const a = axis < 0 ? axis + first.length + 1 : axis;
  if (a < 0 || a > first.length) return undefined;
  return [...first.slice(0, a), list.length === UNKNOWN ? null : list.length, ...first.slice(a)];
}

/**
 * `tf.concat(xs, axis)` of an array filled by pushes: every element's shape known and equal off
 * the axis gives that shape, the axis unknown (how many of each element ran is not known). No
 * problem is reported: elements pushed on different paths need not meet.
 */
function concatOfList(list: ListValue, axisV: Value, ctx: OpContext): Shape | undefined {
  if (list.elements === UNKNOWN || list.elements.length === 0 || list.length === 0 || typeof axisV !== 'number') return undefined;
  const shapes = list.elements.map((e) => ctx.shape(e));
  const first = shapes[0];
  const axis = first && normAxis(axisV, first.length);
  if (!first || axis === undefined) return undefined;
  if (!shapes.every((s) => s && s.length === first.length && s.every((d, i) => i === axis || d === first[i]))) return undefined;
  return first.map((d, i) => (i === axis ? null : d));
}

/** `tf.tensor2d(data, [n, 3])` with some dims unknown: the rank and the known dims. */
function partialShapeArg(v: Value, rank: number | undefined): Shape | undefined {
  if (!Array.isArray(v) || (rank !== undefined && v.length !== rank)) return undefined;
  if (!v.every((d) => d === UNKNOWN || (typeof d === 'number' && Number.isInteger(d) && d >= 0))) return undefined;
  return v.map((d) => (d === UNKNOWN ? null : (d as number)));
}

function isDtypeArg(v: Value): boolean {
  return typeof v === 'string' && DTYPES.has(v);
}

function listShapes(ctx: OpContext, e: ts.Expression | undefined): Shape[] | undefined {
  if (!e) return undefined;
  const target = unwrap(e);
  if (!ts.isArrayLiteralExpression(target)) return undefined;
  const out: Shape[] = [];
  for (const el of target.elements) {
    if (ts.isSpreadElement(el)) return undefined;
    const s = ctx.shape(el);
    if (!s) return undefined;
    out.push(s);
  }
  return out;
}

function listDtypes(ctx: OpContext, e: ts.Expression | undefined): string[] | undefined {
  const target = e && unwrap(e);
  if (!target || !ts.isArrayLiteralExpression(target)) return undefined;
  const out: string[] = [];
  for (const el of target.elements) {
    const d = ctx.dtype(el);
    if (!d) return undefined;
    out.push(d);
  }
  return out;
}

function operandDtype(ctx: OpContext, e: ts.Expression | undefined): string | undefined {
  return typeof ctx.value(e) === 'number' ? 'float32' : ctx.dtype(e);
}

function unwrap(e: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e)) e = e.expression;
  return e;
}

function reduceShape(op: string, args: readonly ts.Expression[], ctx: OpContext): Shape | undefined {
  const s = ctx.shape(args[0]);
  if (!s) return undefined;
  const axisV = args[1] ? ctx.value(args[1]) : undefined;
  const keep = args[2] ? ctx.value(args[2]) : false;
  if (typeof keep !== 'boolean') return undefined;
  const arg = op === 'argMax' || op === 'argMin';
  let axes: number[];
  if (axisV === undefined || axisV === null) axes = arg ? [0] : s.map((_, i) => i);
  else if (typeof axisV === 'number') axes = [axisV];
  else if (Array.isArray(axisV) && axisV.every((a) => typeof a === 'number')) axes = axisV as number[];
  else return undefined;
  const norm = axes.map((a) => normAxis(a, s.length));
  if (norm.some((a) => a === undefined)) return undefined;
  if (arg || !keep) return s.filter((_, i) => !norm.includes(i));
  return s.map((d, i) => (norm.includes(i) ? 1 : d));
}

function reshapeShape(t: TensorValue, args: readonly ts.Expression[], ctx: OpContext): Shape | undefined {
  const s = ctx.shape(args[0]);
  const target = ctx.value(args[1]);
  const have = s ? elementCount(s) : undefined;
  const resolved = resolveTargetShape(target, have);
  if (resolved === 'mismatch') {
    const targetShape = target as number[];
    ctx.problem({ kind: 'reshape-count', node: t.node, atBuild: false, shape: s as Shape, elements: have as number, targetShape, expected: s, actual: targetShape });
    return undefined;
  }
  return resolved ?? partialTarget(target);
}

/**
 * A reshape target known in part (`[5, rows.length]` of an unknown length): its rank, and the
 * sizes written as numbers; the others (and a -1 beside them) unknown.
 */
function partialTarget(target: Value): Shape | undefined {
  if (!Array.isArray(target) || !target.some((d) => d === UNKNOWN)) return undefined;
  if (!target.every((d) => d === UNKNOWN || (typeof d === 'number' && Number.isInteger(d) && d >= -1))) return undefined;
  if (target.filter((d) => d === -1).length > 1) return undefined;
  return target.map((d) => (d === UNKNOWN || d === -1 ? null : (d as number)));
}

function concatShape(t: TensorValue, method: boolean, args: readonly ts.Expression[], ctx: OpContext): Shape | undefined {
  let list: Shape[] | undefined;
  let axisArg: ts.Expression | undefined;
  if (method) {
    const self = ctx.shape(args[0]);
    const other = args[1] && ts.isArrayLiteralExpression(unwrap(args[1])) ? listShapes(ctx, args[1]) : ((s) => (s ? [s] : undefined))(ctx.shape(args[1]));
    list = self && other ? [self, ...other] : undefined;
    axisArg = args[2];
  } else {
    const filled = ctx.value(args[0]);
    if (filled instanceof ListValue) return concatOfList(filled, args[1] ? ctx.value(args[1]) : 0, ctx);
    list = listShapes(ctx, args[0]);
    axisArg = args[1];
  }
  if (!list || list.length === 0) return undefined;
  const axisV = axisArg ? ctx.value(axisArg) : 0;
  if (typeof axisV !== 'number') return undefined;
  const rank = list[0].length;
  const axis = normAxis(axisV, rank);
  if (axis === undefined) return undefined;
  const known = list.every((s) => s.every((d) => d !== null));
  const bad = list.some((s) => s.length !== rank || s.some((d, i) => i !== axis && d !== list![0][i]));
  if (bad) {
    if (known) {
      ctx.problem({ kind: 'concat', node: t.node, atBuild: false, axis, shapes: list, expected: list[0], actual: list[1] });
    }
    return undefined;
  }
  const out = [...list[0]];
  out[axis] = list.reduce<number | null>((sum, s) => (sum === null || s[axis] === null ? null : sum + (s[axis] as number)), 0);
  return out;
}

function matMulShape(t: TensorValue, args: readonly ts.Expression[], ctx: OpContext): Shape | undefined {
  const a = ctx.shape(args[0]);
  const b = ctx.shape(args[1]);
  const ta = args[2] ? ctx.value(args[2]) : false;
  const tb = args[3] ? ctx.value(args[3]) : false;
  if (!a || !b || typeof ta !== 'boolean' || typeof tb !== 'boolean') return undefined;
  if (a.length < 2 || a.length !== b.length) return undefined;
  const r = a.length;
  const [m, ka] = ta ? [a[r - 1], a[r - 2]] : [a[r - 2], a[r - 1]];
  const [kb, n] = tb ? [b[r - 1], b[r - 2]] : [b[r - 2], b[r - 1]];
  if (ka !== null && kb !== null && ka !== kb) {
    ctx.problem({ kind: 'matmul', node: t.node, atBuild: false, shapes: [a, b], inner: [ka, kb], expected: a, actual: b });
    return undefined;
  }
  const batch = a.slice(0, r - 2);
  if (!batch.every((d, i) => d === b[i])) return undefined;
  return [...batch, m, n];
}

export function opDtype(t: TensorValue, ctx: OpContext): string | undefined {
  const { op, args, method } = parts(t);
  if (op === 'ported') return t.dtype;
  const at = (i: number): string | undefined => {
    const v = args[i] ? ctx.value(args[i]) : undefined;
    return typeof v === 'string' && DTYPES.has(v) ? v : undefined;
  };
  const given = (i: number): boolean => args[i] !== undefined && ctx.value(args[i]) !== undefined;
  const record = opRecord(op);
  if (CONSTRUCTORS.has(op) && !method) {
    const dtypeIndex = record!.dtypeArg!;
    if (given(dtypeIndex)) return at(dtypeIndex);
    const known = dataDtype(ctx.value(args[0]));
    return known ?? (args[0] ? dtypeOfLayout(layoutOfExpression(args[0], ctx)) : undefined);
  }
  if (SHAPE_FIRST.has(op) && !method) {
    const i = record!.dtypeArg;
    if (i !== undefined && given(i)) return at(i);
    if (op === 'fill') {
      const v = ctx.value(args[1]);
      return typeof v === 'string' ? 'string' : typeof v === 'number' ? 'float32' : undefined;
    }
    return record!.dtype === 'int32' ? 'int32' : 'float32';
  }
  if (op === 'browser.fromPixels' || op === 'browser.fromPixelsAsync' || op === 'fromPixels') return 'int32';
  if (op === 'cast') return at(1);
  if (op === 'range' && !method) return given(3) ? at(3) : 'float32';
  if (op === 'eye' && !method) return given(3) ? at(3) : 'float32';
  if (op === 'predict' || op === 'apply' || op === 'input' || op === 'predictOnBatch') return 'float32';
  if (!record || (record.form === 'method' && !method) || (record.form === 'function' && method)) return undefined;
  switch (record.dtype) {
    case 'float32': case 'int32': case 'bool': return record.dtype;
    case 'float-only': return ctx.dtype(args[0]) === 'float32' ? 'float32' : undefined;
    case 'bool-only': return 'bool';
    case 'same': return ctx.dtype(args[0]);
  }
  if (op === 'sum' || op === 'prod') {
    const d = ctx.dtype(args[0]);
    return d === 'bool' ? 'int32' : d;
  }
  if (record.dtype === 'upcast') {
    const d = upcast(operandDtype(ctx, args[0]), operandDtype(ctx, args[1]));
    // maximum and minimum compute bools as int32.
    return (op === 'maximum' || op === 'minimum') && d === 'bool' ? 'int32' : d;
  }
  // concat keeps the first tensor's dtype; stack needs them all equal.
  if (op === 'concat') {
    if (method) return ctx.dtype(args[0]);
    const filled = ctx.value(args[0]);
    if (filled instanceof ListValue) return listDtype(filled, ctx);
    const target = args[0] && unwrap(args[0]);
    if (!target || !ts.isArrayLiteralExpression(target) || target.elements.length === 0) return undefined;
    return ctx.dtype(target.elements[0]);
  }
  if (op === 'stack') {
    const filled = method ? undefined : ctx.value(args[0]);
    if (filled instanceof ListValue) return listDtype(filled, ctx);
    const dtypes = method ? undefined : listDtypes(ctx, args[0]);
    return dtypes && new Set(dtypes).size === 1 ? dtypes[0] : undefined;
  }
  return undefined;
}

/** The dtype every element of an array filled by pushes has; undefined when they differ or one is unknown. */
function listDtype(list: ListValue, ctx: OpContext): string | undefined {
  const dtypes = list.elements === UNKNOWN ? [] : list.elements.map((e) => ctx.dtype(e));
  return dtypes.length && dtypes.every((d) => d && d === dtypes[0]) ? dtypes[0] : undefined;
}
