// Generates a synthetic but realistic workspace for benchmarks: tfjs model files (models built
// in helpers, data pipelines, training loops, custom losses) among ordinary application code.
// Deterministic for a given seed, so runs compare like with like.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface WorkspaceSpec {
  files: number;
  /** Fraction of files that are tfjs model files. */
  modelFraction: number;
  /** Line count range of model files. */
  modelLines: [number, number];
  seed: number;
}

export interface GeneratedFile {
  name: string;
  text: string;
  isModel: boolean;
}

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
}

export function generateWorkspace(spec: WorkspaceSpec): GeneratedFile[] {
  const rand = rng(spec.seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const int = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
  const files: GeneratedFile[] = [];
  const modelCount = Math.round(spec.files * spec.modelFraction);
  for (let i = 0; i < spec.files; i++) {
    const isModel = i % Math.round(spec.files / modelCount) === 0 && files.filter((f) => f.isModel).length < modelCount;
    const ts = rand() < 0.6;
    const ext = ts ? '.ts' : '.js';
    if (isModel) {
      const target = int(spec.modelLines[0], spec.modelLines[1]);
      files.push({ name: `src/models/model${i}${ext}`, text: modelFile(target, ts, int, pick), isModel: true });
    } else {
      const target = int(40, 400);
      files.push({ name: `src/app/${pick(['util', 'service', 'view', 'store', 'api'])}${i}${ext}`, text: appFile(target, ts, int, pick), isModel: false });
    }
  }
  return files;
}

export function writeWorkspace(dir: string, files: readonly GeneratedFile[]): void {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const f of files) {
    const full = path.join(dir, f.name);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, f.text);
  }
}

type Int = (lo: number, hi: number) => number;
type Pick = <T>(xs: readonly T[]) => T;

const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'linear'] as const;

function modelFile(targetLines: number, typed: boolean, int: Int, pick: Pick): string {
  const t = (s: string) => (typed ? s : '');
  const out: string[] = [];
  // Code that type-checks against the installed @tensorflow/tfjs, so tsc does its full work.
  out.push(typed ? `import * as tf from '@tensorflow/tfjs';` : `const tf = require('@tensorflow/tfjs');`);
  out.push('', `const BATCH_SIZE = ${pick([16, 32, 64])};`, `const LEARNING_RATE = ${pick(['0.001', '1e-3', '0.01'])};`, '');
  let block = 0;
  while (out.length < targetLines) {
    block++;
    const kind = int(0, 3);
    if (kind === 0) {
      const units = int(4, 256);
      const inputs = int(2, 64);
      out.push(
        `export function buildDense${block}(inputSize${t(': number')} = ${inputs})${t(': tf.Sequential')} {`,
        `  const model = tf.sequential();`,
        `  model.add(tf.layers.dense({inputShape: [${inputs}], units: ${units}, activation: '${pick(ACTIVATIONS)}'}));`,
      );
      for (let l = int(1, 6); l > 0; l--) {
        out.push(`  model.add(tf.layers.dense({units: ${int(4, 128)}, activation: '${pick(ACTIVATIONS)}'}));`);
        if (l % 2 === 0) out.push(`  model.add(tf.layers.dropout({rate: ${pick(['0.1', '0.2', '0.5'])}}));`);
      }
      out.push(
        `  model.add(tf.layers.dense({units: ${int(1, 10)}, activation: 'softmax'}));`,
        `  model.compile({optimizer: tf.train.adam(LEARNING_RATE), loss: 'categoricalCrossentropy', metrics: ['accuracy']});`,
        `  return model;`,
        `}`,
        '',
      );
    } else if (kind === 1) {
      const size = pick([28, 32, 64]);
      out.push(
        `export function buildConv${block}()${t(': tf.LayersModel')} {`,
        `  const input = tf.input({shape: [${size}, ${size}, ${pick([1, 3])}]});`,
        `  let x = tf.layers.conv2d({filters: ${int(8, 64)}, kernelSize: 3, activation: 'relu', padding: 'same'}).apply(input)${t(' as tf.SymbolicTensor')};`,
        `  x = tf.layers.maxPooling2d({poolSize: 2}).apply(x)${t(' as tf.SymbolicTensor')};`,
        `  x = tf.layers.conv2d({filters: ${int(8, 64)}, kernelSize: 3, activation: 'relu'}).apply(x)${t(' as tf.SymbolicTensor')};`,
        `  x = tf.layers.flatten().apply(x)${t(' as tf.SymbolicTensor')};`,
        `  const output = tf.layers.dense({units: ${int(2, 10)}, activation: 'softmax'}).apply(x)${t(' as tf.SymbolicTensor')};`,
        `  const model = tf.model({inputs: input, outputs: output});`,
        `  model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy'});`,
        `  return model;`,
        `}`,
        '',
      );
    } else if (kind === 2) {
      out.push(
        `export function loss${block}(labels${t(': tf.Tensor')}, logits${t(': tf.Tensor')})${t(': tf.Scalar')} {`,
        `  return tf.tidy(() => {`,
        `    const probs = tf.sigmoid(logits);`,
        `    const clipped = tf.clipByValue(probs, 1e-7, 1 - 1e-7);`,
        `    const pos = tf.mul(labels, tf.log(clipped));`,
        `    const neg = tf.mul(tf.sub(1, labels), tf.log(tf.sub(1, clipped)));`,
        `    return tf.neg(tf.mean(tf.add(pos, neg)))${t(' as tf.Scalar')};`,
        `  });`,
        `}`,
        '',
      );
    } else {
      const n = int(8, 64);
      const f = int(2, 16);
      out.push(
        `export async function train${block}(model${t(': tf.LayersModel')})${t(': Promise<number>')} {`,
        `  const xs = tf.randomNormal([${n}, ${f}]);`,
        `  const ys = tf.oneHot(tf.tensor1d(Array.from({length: ${n}}, (_, i) => i % 3), 'int32'), 3);`,
        `  const history = await model.fit(xs, ys, {`,
        `    batchSize: BATCH_SIZE,`,
        `    epochs: ${int(5, 15)},`,
        `    shuffle: true,`,
        `  });`,
        `  for (const [i, v] of history.history.loss.entries()) {`,
        `    if (i % 5 === 0) console.log('epoch', i, v);`,
        `  }`,
        `  xs.dispose();`,
        `  ys.dispose();`,
        `  return history.history.loss[history.history.loss.length - 1]${t(' as number')};`,
        `}`,
        '',
      );
    }
  }
  return out.join('\n');
}

function appFile(targetLines: number, typed: boolean, int: Int, pick: Pick): string {
  const t = (s: string) => (typed ? s : '');
  const out: string[] = [`import { EventEmitter } from 'node:events';`, ''];
  let block = 0;
  while (out.length < targetLines) {
    block++;
    const name = pick(['User', 'Order', 'Invoice', 'Session', 'Cart', 'Product']) + block;
    if (int(0, 1) === 0) {
      out.push(
        `export class ${name}Store extends EventEmitter {`,
        `  ${t('private ')}items${t(`: Map<string, { id: string; total: number }>`)} = new Map();`,
        `  add(id${t(': string')}, total${t(': number')})${t(': void')} {`,
        `    this.items.set(id, { id, total });`,
        `    this.emit('change', id);`,
        `  }`,
        `  total()${t(': number')} {`,
        `    let sum = 0;`,
        `    for (const item of this.items.values()) sum += item.total;`,
        `    return Math.round(sum * 100) / 100;`,
        `  }`,
        `}`,
        '',
      );
    } else {
      out.push(
        `export function format${name}(value${t(': number')}, currency = '${pick(['EUR', 'USD', 'JPY'])}')${t(': string')} {`,
        `  const parts = value.toFixed(2).split('.');`,
        `  const whole = parts[0].replace(/\\B(?=(\\d{3})+(?!\\d))/g, ',');`,
        `  return \`\${whole}.\${parts[1]} \${currency}\`;`,
        `}`,
        '',
      );
    }
  }
  return out.join('\n');
}
