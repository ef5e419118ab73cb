// Element shapes of tf.data pipelines where they are evident: tf.data.array of literal items
// (numbers, arrays, {xs, ys} objects, tensors), tf.data.zip of such datasets, and the steps
// that keep or batch the element (batch, shuffle, take, skip, repeat, prefetch, filter).
// `map` and generators are unknown.
import { ts } from '../ts';
import type { Shape } from '../types';
import { ObjectValue, TensorValue, UNKNOWN, type Value } from '../values';
import { dataDtype, dataShape } from './tensors';

export type ElementSpec =
  | { kind: 'tensor'; shape: Shape; dtype?: string; /** a plain JS array, not yet a tensor (unbatched) */ plain: boolean }
  | { kind: 'object'; props: Record<string, ElementSpec> }
  | { kind: 'array'; items: ElementSpec[] };

export interface DatasetContext {
  value(e: ts.Expression | undefined): Value;
  shapeOf(t: TensorValue): Shape | undefined;
  dtypeOf(t: TensorValue): string | undefined;
}

const KEEP = new Set(['shuffle', 'take', 'skip', 'repeat', 'prefetch', 'filter']);

/** The element spec of a dataset value; undefined when unknown. `batched` says whether .batch ran. */
export function datasetElement(t: TensorValue, ctx: DatasetContext, depth = 0): { spec: ElementSpec; batched: boolean } | undefined {
  if (depth > 100) return undefined;
  const method = t.operands.length === (ts.isCallExpression(t.node) ? t.node.arguments.length + 1 : -1);
  if (!method) {
    if (t.op === 'data.array') {
      const items = ctx.value(t.operands[0]);
      if (!Array.isArray(items) || items.length === 0) return undefined;
      const specs = items.map((i) => itemSpec(i, ctx));
      const first = specs[0];
      if (!first || !specs.every((s) => s && JSON.stringify(s) === JSON.stringify(first))) return undefined;
      return { spec: first, batched: false };
    }
    if (t.op === 'data.zip') {
      const arg = ctx.value(t.operands[0]);
      if (arg instanceof ObjectValue) {
        if (arg.open) return undefined;
        const props: Record<string, ElementSpec> = {};
        let batched: boolean | undefined;
        for (const [k, v] of arg.props) {
          const e = v instanceof TensorValue ? datasetElement(v, ctx, depth + 1) : undefined;
          if (!e || (batched !== undefined && batched !== e.batched)) return undefined;
          batched = e.batched;
          props[k] = e.spec;
        }
        return { spec: { kind: 'object', props }, batched: batched ?? false };
      }
      if (Array.isArray(arg)) {
        const items: ElementSpec[] = [];
        let batched: boolean | undefined;
        for (const v of arg) {
          const e = v instanceof TensorValue ? datasetElement(v, ctx, depth + 1) : undefined;
          if (!e || (batched !== undefined && batched !== e.batched)) return undefined;
          batched = e.batched;
          items.push(e.spec);
        }
        return { spec: { kind: 'array', items }, batched: batched ?? false };
      }
    }
    return undefined;
  }
  const receiver = ctx.value(t.operands[0]);
  if (!(receiver instanceof TensorValue)) return undefined;
  if (KEEP.has(t.op)) return datasetElement(receiver, ctx, depth + 1);
  if (t.op === 'batch') {
    const inner = datasetElement(receiver, ctx, depth + 1);
    if (!inner || inner.batched) return undefined;
    return { spec: batchSpec(inner.spec), batched: true };
  }
  return undefined;
}

function itemSpec(v: Value, ctx: DatasetContext): ElementSpec | undefined {
  if (v === UNKNOWN) return undefined;
  if (v instanceof TensorValue) {
    const shape = ctx.shapeOf(v);
    return shape ? { kind: 'tensor', shape, dtype: ctx.dtypeOf(v), plain: false } : undefined;
  }
  if (v instanceof ObjectValue) {
    if (v.open) return undefined;
    const props: Record<string, ElementSpec> = {};
    for (const [k, p] of v.props) {
      const s = itemSpec(p, ctx);
      if (!s) return undefined;
      props[k] = s;
    }
    return { kind: 'object', props };
  }
  const shape = dataShape(v);
  if (!shape) return undefined;
  return { kind: 'tensor', shape, dtype: dataDtype(v), plain: Array.isArray(v) };
}

/** Batching stacks each leaf: a batch dim (null: the last batch may be smaller) in front. */
function batchSpec(s: ElementSpec): ElementSpec {
  if (s.kind === 'tensor') return { kind: 'tensor', shape: [null, ...s.shape], dtype: s.dtype, plain: false };
  if (s.kind === 'object') return { kind: 'object', props: Object.fromEntries(Object.entries(s.props).map(([k, v]) => [k, batchSpec(v)])) };
  return { kind: 'array', items: s.items.map(batchSpec) };
}
