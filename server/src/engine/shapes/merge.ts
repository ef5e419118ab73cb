// The output shape of tfjs's elementwise merge layers (add, multiply, average, maximum,
// minimum): the non-batch dims broadcast, where any null (or negative) dim stays null, and
// the batch dim is kept only when every input agrees on it.
import type { Dim, Shape } from '../types';

export type MergeResult = Shape | 'incompatible';

function pair(a: Dim[], b: Dim[]): Dim[] | 'incompatible' {
  if (a.length < b.length) return pair(b, a);
  if (b.length === 0) return a;
  const out: Dim[] = a.slice(0, a.length - b.length);
  for (let k = 0; k < b.length; k++) {
    const i = a[a.length - b.length + k];
    const j = b[k];
    if (i === null || j === null || i < 0 || j < 0) out.push(null);
    else if (i === 1) out.push(j);
    else if (j === 1) out.push(i);
    else if (i !== j) return 'incompatible';
    else out.push(i);
  }
  return out;
}

export function broadcastLikeMerge(inputs: Shape[]): MergeResult {
  let out: Dim[] = inputs[0].slice(1);
  for (const s of inputs.slice(1)) {
    const r = pair(out, s.slice(1));
    if (r === 'incompatible') return r;
    out = r;
  }
  const batches = new Set(inputs.map((s) => s[0]).filter((d) => d !== null));
  return [batches.size === 1 ? [...batches][0] : null, ...out];
}
