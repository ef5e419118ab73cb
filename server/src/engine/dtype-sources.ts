// Where a tensor's dtype comes from: the op, cast, dtype argument, typed array or plain
// numbers that made it int32, float32 or bool, traced through ops that keep or combine dtypes.
// Shape inference (checked op by op against tfjs) has the last word on the dtype itself; this
// adds the cause, as data (rules write it into messages), and the tfjs-node decoders shape
// inference does not model. One memo per file (FileAnalysis.dtypeSource).
import { ts } from './ts';
import type { FileAnalysis } from './analysis';
import { followBinding, unwrap } from './bindings';
import { TypedArrayValue } from './values';
import { opRecord, opsWhere } from './tfjs/catalog';

export type Dtype = 'int32' | 'float32' | 'bool';

/** What made the dtype. */
export type DtypeCause =
  /** An op whose result has this dtype (tf.browser.fromPixels, argMax, equal, sigmoid, a float binary op). */
  | { kind: 'op'; op: string }
  | { kind: 'cast'; dtype: Dtype }
  /** A factory given this dtype: tf.tensor(data, shape, 'int32'). */
  | { kind: 'dtype-argument'; op: string; dtype: Dtype }
  /** A factory's default dtype: tf.zeros(shape). */
  | { kind: 'default'; op: string }
  | { kind: 'typed-array'; op: string; array: 'Int32Array' | 'Uint8Array' | 'Float32Array' }
  /** Plain JS numbers given to a factory: float32, even integers. */
  | { kind: 'numbers'; op: string }
  /** A plain number operand of a binary op. */
  | { kind: 'number' }
  /** sum of a bool tensor counts: int32. */
  | { kind: 'sum-of-bool'; of: DtypeCause }
  /** Shape inference's dtype where the trace found none or another. */
  | { kind: 'inferred'; op: string | undefined };

export interface DtypeSource {
  dtype: Dtype;
  cause: DtypeCause;
  /** True for indices (argMax, argMin, tf.range) and values computed from them: integer arithmetic on purpose. */
  index?: boolean;
}

/** Ops that make indices. */
const INDEX_OPS = new Set(['argMax', 'argMin', 'range']);
/** Ops whose result is int32 whatever the input (image decoders, argMax, toInt, oneHot, ...). */
const INT32_SOURCES = opsWhere((r) => r.dtype === 'int32' && r.shape !== 'broadcast');
const BOOL_RESULTS = opsWhere((r) => r.dtype === 'bool' || r.dtype === 'bool-only');
/** float32 results: float ops that throw on other dtypes, and the model's outputs. */
const FLOAT_RESULTS = new Set([...opsWhere((r) => r.dtype === 'float32' || r.dtype === 'float-only'), 'predict', 'apply']);
/** Ops whose result has their first operand's dtype. */
const SAME_DTYPE = new Set([...opsWhere((r) => r.dtype === 'same'), 'sum']);
/** Binary ops: int32 op int32 stays int32; a float tensor or a plain number makes float32. */
const BINARY = opsWhere((r) => r.shape === 'broadcast' && (r.dtype === 'upcast' || r.dtype === 'int32'));
/** Factories that take a dtype argument, and where (tf.variable's is its fourth argument). */
function dtypeArgument(op: string): number | undefined {
  return op === 'variable' ? 3 : opRecord(op)?.dtypeArg;
}
const MAX_DEPTH = 50;
const PENDING = 'pending';

export class DtypeSources {
  private readonly memo = new Map<ts.Node, DtypeSource | null | typeof PENDING>();

  constructor(private readonly file: FileAnalysis) {}

  /** The dtype of a tensor expression and its cause; undefined when unknown. */
  of(expr: ts.Expression | undefined, depth = 0): DtypeSource | undefined {
    if (!expr || depth > MAX_DEPTH) return undefined;
    // A node met again while its own dtype is asked for (`const q = tf.div(q, q)`) is unknown.
    const node = followBinding(this.file.evaluator, expr);
    const hit = this.memo.get(node);
    if (hit === PENDING) return undefined;
    if (hit !== undefined) return hit ?? undefined;
    this.memo.set(node, PENDING);
    const traced = this.trace(node, depth);
    const inferred = this.file.shapes.tensorDtype(node);
    let result = traced;
    if (inferred !== undefined && inferred !== traced?.dtype) {
      const op = this.file.ops.tensorOp(node)?.op;
      result = isDtype(inferred) ? { dtype: inferred, cause: { kind: 'inferred', op }, index: !!op && INDEX_OPS.has(op) } : undefined;
    }
    this.memo.set(node, result ?? null);
    return result;
  }

  private trace(expr: ts.Expression, depth: number): DtypeSource | undefined {
    const file = this.file;
    const t = file.ops.tensorOp(expr);
    if (!t || !t.known) return undefined;
    const { op, operands } = t;
    if (INT32_SOURCES.has(op)) return { dtype: 'int32', cause: { kind: 'op', op }, index: INDEX_OPS.has(op) };
    if (BOOL_RESULTS.has(op)) return { dtype: 'bool', cause: { kind: 'op', op } };
    if (op === 'cast' && operands.length === 2) {
      const d = file.evaluate(operands[1]);
      return isDtype(d) ? { dtype: d, cause: { kind: 'cast', dtype: d } } : undefined;
    }
    if (FLOAT_RESULTS.has(op) && dtypeArgument(op) === undefined) return { dtype: 'float32', cause: { kind: 'op', op } };
    const argIndex = dtypeArgument(op);
    if (argIndex !== undefined && t.form === 'function') {
      const arg = operands[argIndex];
      if (arg) {
        const d = file.evaluate(arg);
        return isDtype(d) ? { dtype: d, cause: { kind: 'dtype-argument', op, dtype: d }, index: op === 'range' } : undefined;
      }
      if (op === 'variable') return this.of(operands[0], depth + 1);
      if (op === 'fill') return undefined; // inferred from the fill value
      if (opRecord(op)?.dtype === 'argument' || op === 'range') return { dtype: 'float32', cause: { kind: 'default', op } };
      return this.dataDtype(operands[0], op);
    }
    if (SAME_DTYPE.has(op)) {
      const inner = this.of(operands[0], depth + 1);
      return inner && op === 'sum' && inner.dtype === 'bool' ? { dtype: 'int32', cause: { kind: 'sum-of-bool', of: inner.cause } } : inner;
    }
    if (BINARY.has(op) && operands.length === 2) {
      const [a, b] = operands.map((o): DtypeSource | undefined => (typeof file.evaluate(o) === 'number' ? { dtype: 'float32', cause: { kind: 'number' } } : this.of(o, depth + 1)));
      if (!a || !b) return undefined;
      if (a.dtype === 'int32' && b.dtype === 'int32') return a;
      if (a.dtype === 'float32' || b.dtype === 'float32') return { dtype: 'float32', cause: { kind: 'op', op } };
      return undefined;
    }
    if ((op === 'concat' || op === 'stack') && operands[0] && ts.isArrayLiteralExpression(unwrap(operands[0]))) {
      const parts = (unwrap(operands[0]) as ts.ArrayLiteralExpression).elements.map((el) => this.of(el, depth + 1));
      const first = parts[0];
      return first && parts.every((p) => p && p.dtype === first.dtype) ? first : undefined;
    }
    return undefined;
  }

  /** The dtype tfjs infers from the data given to `tf.tensor(...)` without a dtype argument. */
  private dataDtype(data: ts.Expression | undefined, op: string): DtypeSource | undefined {
    const v = this.file.evaluate(data);
    if (v instanceof TypedArrayValue) {
      if (v.dtype === 'int32') return { dtype: 'int32', cause: { kind: 'typed-array', op, array: 'Int32Array' } };
      if (v.dtype === 'uint8') return { dtype: 'int32', cause: { kind: 'typed-array', op, array: 'Uint8Array' } };
      return { dtype: 'float32', cause: { kind: 'typed-array', op, array: 'Float32Array' } };
    }
    // Plain JS numbers make float32 tensors, even integers (checked: tf.tensor([1, 2]).dtype).
    if (typeof v === 'number' || (Array.isArray(v) && v.length > 0 && flat(v).every((x) => typeof x === 'number'))) {
      return { dtype: 'float32', cause: { kind: 'numbers', op } };
    }
    return undefined;
  }
}

function isDtype(v: unknown): v is Dtype {
  return v === 'int32' || v === 'float32' || v === 'bool';
}

function flat(v: unknown[]): unknown[] {
  return v.flatMap((x) => (Array.isArray(x) ? flat(x) : [x]));
}
