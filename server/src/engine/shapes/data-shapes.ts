// The shapes of tensors made from data (constructors and ops, with the rules of tensors.ts),
// for the evaluator: code reads `xs.shape[1]`, `labels.rank` or `ys.size` to size a layer.
// Only tensors whose shape follows from data: a symbolic tensor, a layer's or a model's
// output, a tf.data element is left to the shape inference, which needs the model graph this
// file's evaluation is still building. Problems are the inference's to report; none here.
import type { ts } from '../ts';
import type { Shape } from '../types';
import { TensorValue, UNKNOWN, type Value } from '../values';
import { opDtype, opShape, type OpContext } from './tensors';

/** Ops whose result needs a model or a layer (answered by ShapeInference). */
const NEEDS_THE_GRAPH = new Set(['input', 'apply', 'predict', 'predictOnBatch']);

export interface DataShapeContext {
  value(e: ts.Expression): Value;
  isNumber(e: ts.Expression): boolean;
}

export class DataShapes {
  private readonly shapes = new Map<TensorValue, Shape | undefined>();
  private readonly dtypes = new Map<TensorValue, string | undefined>();
  private readonly ops: OpContext;

  constructor(ctx: DataShapeContext) {
    const tensor = (e: ts.Expression | undefined): TensorValue | undefined => {
      const v = e ? ctx.value(e) : undefined;
      return v instanceof TensorValue ? v : undefined;
    };
    this.ops = {
      value: (e) => (e ? ctx.value(e) : undefined),
      shape: (e) => ((t) => (t ? this.shapeOf(t) : undefined))(tensor(e)),
      dtype: (e) => ((t) => (t ? this.dtypeOf(t) : undefined))(tensor(e)),
      isNumber: (e) => ctx.isNumber(e),
      problem: () => undefined,
    };
  }

  shapeOf(t: TensorValue): Shape | undefined {
    if (NEEDS_THE_GRAPH.has(t.op) || t.op.startsWith('data.')) return undefined;
    if (this.shapes.has(t)) return this.shapes.get(t);
    this.shapes.set(t, undefined); // a cycle ends unknown
    const s = opShape(t, this.ops);
    this.shapes.set(t, s);
    return s;
  }

  dtypeOf(t: TensorValue): string | undefined {
    if (this.dtypes.has(t)) return this.dtypes.get(t);
    this.dtypes.set(t, undefined);
    const d = opDtype(t, this.ops);
    this.dtypes.set(t, d);
    return d;
  }

  /**
   * A tensor's `shape`, `rank` or `size` as code reads it: a dim we do not know is UNKNOWN
   * (never null: a data tensor's dims are all sizes at run time).
   */
  member(t: TensorValue, key: string): Value {
    if (key !== 'shape' && key !== 'rank' && key !== 'size') return UNKNOWN;
    const s = this.shapeOf(t);
    if (!s) return UNKNOWN;
    if (key === 'rank') return s.length;
    if (key === 'size') return s.every((d) => d !== null) ? (s as number[]).reduce((a, d) => a * d, 1) : UNKNOWN;
    return s.map((d) => (d === null ? UNKNOWN : d));
  }
}
