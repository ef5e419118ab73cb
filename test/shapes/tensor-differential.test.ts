// Differential test of tensor-op shape and dtype inference against tfjs's eager ops. A seeded
// generator writes straight-line programs of tensor constructors and ops (valid and
// invalid); each statement is also run with the real tfjs. Where the engine claims a shape or
// dtype for a variable, tfjs must produce exactly that; where it reports a problem at a
// statement, tfjs must throw there.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { realTf } from '../harness/run-snippet';
import { messageOf } from '../../rules/shape-mismatch';
import { rng } from './generator';

type Tf = Awaited<ReturnType<typeof realTf>>;
type T = ReturnType<Tf['zeros']>;

const PROGRAMS = Number(process.env.TENSOR_DIFF_COUNT ?? 400);
const SEED0 = 7_000_000;

interface Stmt {
  /** Source of the right-hand side, with variables named v0, v1, ... */
  source: string;
  /** The same op on real tensors. */
  run(vars: (T | undefined)[]): T;
}

function randomShape(r: () => number, rank: number): number[] {
  return Array.from({ length: rank }, () => 1 + Math.floor(r() * 4));
}

function statement(tf: Tf, r: () => number, vars: (T | undefined)[]): Stmt {
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(r() * xs.length)];
  const live = vars.map((v, i) => (v ? i : -1)).filter((i) => i >= 0);
  const anyVar = (): number => pick(live);
  const j = (x: unknown): string => JSON.stringify(x);
  const kinds = live.length === 0 ? ['zeros'] : ['zeros', 'ones', 'tensor', 'reshape', 'expandDims', 'squeeze', 'transpose', 'matMul', 'concat', 'stack', 'slice', 'tile', 'binary', 'reduce', 'argMax', 'oneHot', 'cast', 'method'];
  const kind = pick(kinds);
  switch (kind) {
    case 'zeros':
    case 'ones': {
      const s = randomShape(r, int(0, 3));
      const dtype = r() < 0.3 ? pick(['int32', 'bool', 'float32']) : undefined;
      const args = dtype ? `${j(s)}, '${dtype}'` : j(s);
      return { source: `tf.${kind}(${args})`, run: () => (tf[kind] as (s: number[], d?: string) => T)(s, dtype) };
    }
    case 'tensor': {
      const s = randomShape(r, int(1, 2));
      const n = s.reduce((a, b) => a * b, 1);
      const flat = Array.from({ length: n }, (_, i) => (r() < 0.5 ? i : i + 0.5));
      if (r() < 0.5) {
        const dtype = r() < 0.4 ? "'int32'" : undefined;
        return { source: `tf.tensor(${j(flat)}, ${j(s)}${dtype ? `, ${dtype}` : ''})`, run: () => tf.tensor(flat, s, dtype ? 'int32' : undefined) as T };
      }
      const nested = s.length === 1 ? flat : Array.from({ length: s[0] }, (_, i) => flat.slice(i * s[1], (i + 1) * s[1]));
      const fn = s.length === 1 ? 'tensor1d' : 'tensor2d';
      return { source: `tf.${fn}(${j(nested)})`, run: () => (s.length === 1 ? tf.tensor1d(flat) : tf.tensor2d(nested as number[][])) as T };
    }
    case 'reshape': {
      const v = anyVar();
      const size = vars[v]!.size;
      const target = r() < 0.6 ? pick([[size], [1, size], [size, 1], [-1], [-1, 1]]) : randomShape(r, int(1, 3));
      return { source: `tf.reshape(v${v}, ${j(target)})`, run: (vs) => tf.reshape(vs[v]!, target) as T };
    }
    case 'expandDims': {
      const v = anyVar();
      const axis = int(-1, vars[v]!.rank);
      return { source: `v${v}.expandDims(${axis})`, run: (vs) => vs[v]!.expandDims(axis) as T };
    }
    case 'squeeze': {
      const v = anyVar();
      return { source: `tf.squeeze(v${v})`, run: (vs) => tf.squeeze(vs[v]!) as T };
    }
    case 'transpose': {
      const v = anyVar();
      return { source: `v${v}.transpose()`, run: (vs) => vs[v]!.transpose() as T };
    }
    case 'matMul': {
      const a = anyVar();
      const b = anyVar();
      const tb = r() < 0.3;
      return { source: `tf.matMul(v${a}, v${b}${tb ? ', false, true' : ''})`, run: (vs) => tf.matMul(vs[a]! as never, vs[b]! as never, false, tb) as T };
    }
    case 'concat': {
      const a = anyVar();
      const b = anyVar();
      const axis = int(0, 1);
      return { source: `tf.concat([v${a}, v${b}], ${axis})`, run: (vs) => tf.concat([vs[a]!, vs[b]!], axis) as T };
    }
    case 'stack': {
      const a = anyVar();
      const b = anyVar();
      return { source: `tf.stack([v${a}, v${b}])`, run: (vs) => tf.stack([vs[a]!, vs[b]!]) as T };
    }
    case 'slice': {
      const v = anyVar();
      const shape = vars[v]!.shape;
      const begin = shape.map((d) => int(0, Math.max(0, d - 1)));
      const size = shape.map((d, i) => (r() < 0.4 ? -1 : int(1, Math.max(1, d - begin[i]))));
      return { source: `tf.slice(v${v}, ${j(begin)}, ${j(size)})`, run: (vs) => tf.slice(vs[v]!, begin, size) as T };
    }
    case 'tile': {
      const v = anyVar();
      const reps = vars[v]!.shape.map(() => int(1, 2));
      return { source: `tf.tile(v${v}, ${j(reps)})`, run: (vs) => tf.tile(vs[v]!, reps) as T };
    }
    case 'binary': {
      const op = pick(['add', 'sub', 'mul', 'div', 'maximum', 'greater', 'equal'] as const);
      const a = anyVar();
      if (r() < 0.25) return { source: `tf.${op}(v${a}, 2)`, run: (vs) => (tf[op] as (x: T, y: number) => T)(vs[a]!, 2) };
      const b = anyVar();
      return { source: `tf.${op}(v${a}, v${b})`, run: (vs) => (tf[op] as (x: T, y: T) => T)(vs[a]!, vs[b]!) };
    }
    case 'reduce': {
      const op = pick(['sum', 'mean', 'max'] as const);
      const v = anyVar();
      const rank = vars[v]!.rank;
      const axis = r() < 0.3 || rank === 0 ? undefined : int(-rank, rank - 1);
      const keep = r() < 0.4;
      const args = axis === undefined ? (keep ? 'undefined, true' : '') : `${axis}${keep ? ', true' : ''}`;
      return { source: `tf.${op}(v${v}${args ? `, ${args}` : ''})`, run: (vs) => (tf[op] as (x: T, a?: number, k?: boolean) => T)(vs[v]!, axis, keep) };
    }
    case 'argMax': {
      const v = anyVar();
      return { source: `tf.argMax(v${v})`, run: (vs) => tf.argMax(vs[v]!) as T };
    }
    case 'oneHot': {
      const n = int(1, 4);
      const depth = int(2, 5);
      const idx = Array.from({ length: n }, () => int(0, depth - 1));
      return { source: `tf.oneHot(tf.tensor1d(${j(idx)}, 'int32'), ${depth})`, run: () => tf.oneHot(tf.tensor1d(idx, 'int32'), depth) as T };
    }
    case 'cast': {
      const v = anyVar();
      const d = pick(['int32', 'float32', 'bool'] as const);
      return { source: `tf.cast(v${v}, '${d}')`, run: (vs) => tf.cast(vs[v]!, d) as T };
    }
    default: {
      const v = anyVar();
      const m = pick(['relu', 'sigmoid', 'abs', 'square', 'exp', 'neg', 'toFloat', 'toInt', 'flatten'] as const);
      return { source: `v${v}.${m}()`, run: (vs) => (vs[v]! as unknown as Record<string, () => T>)[m]() };
    }
  }
}

describe('tensor op shapes and dtypes agree with tfjs (differential)', function () {
  this.timeout(120_000);

  it(`${PROGRAMS} random programs`, async () => {
    const tf = await realTf();
    let claims = 0;
    let unknown = 0;
    let problems = 0;
    let dtypeClaims = 0;
    const bad: string[] = [];
    for (let p = 0; p < PROGRAMS; p++) {
      const r = rng(SEED0 + p);
      const vars: (T | undefined)[] = [];
      const errors: (string | undefined)[] = [];
      const lines = ["import * as tf from '@tensorflow/tfjs';"];
      const n = 3 + Math.floor(r() * 6);
      for (let i = 0; i < n; i++) {
        const st = statement(tf, r, vars);
        lines.push(`const v${i} = ${st.source};`);
        try {
          vars.push(tf.tidy(() => st.run(vars)));
          errors.push(undefined);
        } catch (e) {
          vars.push(undefined);
          errors.push((e as Error).message);
        }
      }
      const source = lines.join('\n');
      const file = FileAnalysis.parse('ops.ts', source);
      const shapes = file.shapes;
      const decls = file.sourceFile.statements.slice(1).map((s) => (s as unknown as { declarationList: { declarations: { initializer: never }[] } }).declarationList.declarations[0].initializer);
      decls.forEach((init, i) => {
        const actual = vars[i];
        const shape = shapes.tensorShape(init);
        const dtype = shapes.tensorDtype(init);
        const problem = shapes.problems.find((q) => q.node === init);
        if (problem) {
          problems++;
          if (!errors[i]) bad.push(`program ${p}, v${i}: engine reports "${messageOf(file, problem)}" but tfjs ran it\n${source}`);
        }
        if (!shape) {
          unknown++;
          return;
        }
        claims++;
        if (!actual) return void bad.push(`program ${p}, v${i}: engine ${JSON.stringify(shape)} but tfjs threw ${errors[i]}\n${source}`);
        if (JSON.stringify(actual.shape) !== JSON.stringify(shape)) bad.push(`program ${p}, v${i}: engine ${JSON.stringify(shape)}, tfjs ${JSON.stringify(actual.shape)}\n${source}`);
        if (dtype) {
          dtypeClaims++;
          if (dtype !== actual.dtype) bad.push(`program ${p}, v${i}: engine dtype ${dtype}, tfjs ${actual.dtype}\n${source}`);
        }
      });
      tf.dispose(vars.filter((v): v is T => !!v));
    }
    console.log(`      tensor ops: ${claims} shapes claimed (${dtypeClaims} dtypes), ${unknown} unknown, ${problems} problems reported; disagreements: ${bad.length}`);
    assert.equal(bad.length, 0, bad.slice(0, 40).join('\n\n'));
    assert.ok(claims > unknown, 'the engine should know most tensor shapes');
  });
});
