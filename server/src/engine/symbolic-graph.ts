// The functional (symbolic) graph of a file, walked backwards: which tensors a symbolic tensor
// is computed from. Only edges the evaluator knows for certain are followed; whenever an
// operand cannot be known the walk says so (`complete: false`), and rules that need the whole
// picture stay quiet.
import type { FileAnalysis } from './analysis';
import type { ts } from './ts';
import { LayerValue, ModelValue, TensorValue, tensorList } from './values';

/** A tensor made by applying a layer or a model to symbolic tensors, or a `tf.input`. */
export function isSymbolicStep(t: TensorValue): boolean {
  return t.op === 'input' || (t.op === 'apply' && (t.producer instanceof LayerValue || t.producer instanceof ModelValue));
}

/** The tensors an `apply` step consumes (its first argument); undefined when not known. */
export function operandTensors(t: TensorValue, file: FileAnalysis): TensorValue[] | undefined {
  if (t.op !== 'apply') return undefined;
  const first: ts.Expression | undefined = t.operands[0];
  return first ? tensorList(file.evaluate(first)) : undefined;
}

export interface Ancestry {
  /** Every tensor reached walking back from the start tensors (they included). */
  reached: Set<TensorValue>;
  /** For each reached tensor, the tensor it was reached from (towards the start). */
  via: Map<TensorValue, TensorValue>;
  /** The `tf.input`s reached. */
  inputs: TensorValue[];
  /** False when some step's operands could not be known: more ancestors may exist. */
  complete: boolean;
}

/** Walks from `start` back to the inputs, through layer and model applications. */
export function ancestry(start: readonly TensorValue[], file: FileAnalysis): Ancestry {
  const reached = new Set<TensorValue>();
  const via = new Map<TensorValue, TensorValue>();
  const inputs: TensorValue[] = [];
  let complete = true;
  const queue = [...start];
  for (const t of start) reached.add(t);
  while (queue.length) {
    const t = queue.shift() as TensorValue;
    if (t.op === 'input') {
      inputs.push(t);
      continue;
    }
    const operands = isSymbolicStep(t) ? operandTensors(t, file) : undefined;
    if (!operands) {
      complete = false;
      continue;
    }
    for (const o of operands) {
      if (reached.has(o)) continue;
      reached.add(o);
      via.set(o, t);
      queue.push(o);
    }
  }
  return { reached, via, inputs, complete };
}
