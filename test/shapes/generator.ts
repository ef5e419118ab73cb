// A seeded generator of random tfjs models (sequential and functional) for the differential
// test. Each model is kept as plain data (layer kinds and configs) and rendered two ways: as
// source text for the linter, and as real tfjs objects built straight from the same data.
import { NO_ARGUMENT_OK } from '../../server/src/engine/shapes/layers';

export type Json = number | string | boolean | null | Json[] | { [k: string]: Json } | LayerSpec;

export interface LayerSpec {
  kind: string;
  config: { [k: string]: Json };
}

export interface SequentialSpec {
  type: 'sequential';
  layers: LayerSpec[];
  /** Render with model.add(...) statements instead of a `layers: [...]` array. */
  useAdd: boolean;
}

export interface FunctionalNode {
  /** Index of the node(s) this layer is applied to (inputs are nodes too). */
  from: number[];
  layer: LayerSpec;
}

export interface FunctionalSpec {
  type: 'functional';
  inputs: { shape: number[] }[];
  /** Nodes after the inputs: node i (0-based among all nodes) is inputs[i] for i < inputs.length. */
  nodes: FunctionalNode[];
  /** Node indices that are the outputs. */
  outputs: number[];
}

export type ModelSpec = SequentialSpec | FunctionalSpec;

/** mulberry32: small, fast, good enough for test generation. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  constructor(readonly r: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.r() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)];
  }
  chance(p: number): boolean {
    return this.r() < p;
  }
  /** A number, or a pair of numbers, in [lo, hi]. */
  intOrPair(lo: number, hi: number, n = 2): Json {
    return this.chance(0.6) ? this.int(lo, hi) : Array.from({ length: n }, () => this.int(lo, hi));
  }
}

const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'linear', 'softmax'];

/** Layer kinds by the input rank (batch included) they accept; merges are handled apart. */
const BY_RANK: Record<number, string[]> = {
  2: ['dense', 'dropout', 'activation', 'reLU', 'leakyReLU', 'softmax', 'gaussianNoise', 'batchNormalization', 'layerNormalization', 'repeatVector', 'reshape', 'embedding', 'permute'],
  3: ['dense', 'conv1d', 'maxPooling1d', 'averagePooling1d', 'globalMaxPooling1d', 'globalAveragePooling1d', 'flatten', 'simpleRNN', 'lstm', 'gru', 'bidirectional', 'timeDistributed', 'spatialDropout1d', 'dropout', 'reshape', 'permute', 'batchNormalization', 'layerNormalization', 'embedding'],
  4: ['conv2d', 'conv2dTranspose', 'depthwiseConv2d', 'separableConv2d', 'maxPooling2d', 'averagePooling2d', 'globalMaxPooling2d', 'globalAveragePooling2d', 'flatten', 'upSampling2d', 'zeroPadding2d', 'cropping2D', 'dense', 'reshape', 'permute', 'batchNormalization', 'dropout', 'timeDistributed'],
};
const ALL_KINDS = [...new Set(Object.values(BY_RANK).flat())];

/** A random config for a layer kind; `rank` is the expected input rank (a guess, may be wrong). */
function layerConfig(g: Gen, kind: string, rank: number): LayerSpec {
  const c: { [k: string]: Json } = {};
  const pad = (): string => (g.chance(0.5) ? 'valid' : 'same');
  switch (kind) {
    case 'dense':
      c.units = g.int(1, 8);
      if (g.chance(0.3)) c.activation = g.pick(ACTIVATIONS);
      if (g.chance(0.2)) c.useBias = false;
      break;
    case 'conv1d':
      c.filters = g.int(1, 4);
      c.kernelSize = g.chance(0.8) ? g.int(1, 4) : [g.int(1, 4)];
      if (g.chance(0.4)) c.strides = g.int(1, 2);
      if (g.chance(0.5)) c.padding = g.chance(0.1) ? 'causal' : pad();
      if (g.chance(0.15)) c.dilationRate = 2;
      if (g.chance(0.2)) c.useBias = false;
      break;
    case 'conv2d':
    case 'separableConv2d':
    case 'conv2dTranspose':
      c.filters = g.int(1, 4);
      c.kernelSize = g.intOrPair(1, 4);
      if (g.chance(0.4)) c.strides = g.intOrPair(1, 2);
      if (g.chance(0.5)) c.padding = pad();
      if (g.chance(0.1)) c.dataFormat = 'channelsFirst';
      if (kind === 'conv2d' && g.chance(0.1) && c.strides === undefined) c.dilationRate = 2;
      if (kind === 'separableConv2d' && g.chance(0.3)) c.depthMultiplier = g.int(1, 2);
      if (g.chance(0.2)) c.useBias = false;
      break;
    case 'depthwiseConv2d':
      c.kernelSize = g.intOrPair(1, 4);
      if (g.chance(0.4)) c.strides = g.intOrPair(1, 2);
      if (g.chance(0.5)) c.padding = pad();
      if (g.chance(0.4)) c.depthMultiplier = g.int(1, 3);
      if (g.chance(0.1)) c.dataFormat = 'channelsFirst';
      if (g.chance(0.05)) c.dilationRate = 2;
      break;
    case 'maxPooling1d':
    case 'averagePooling1d':
      c.poolSize = g.chance(0.8) ? g.int(1, 3) : [g.int(1, 3)];
      if (g.chance(0.3)) c.strides = g.int(1, 3);
      if (g.chance(0.4)) c.padding = pad();
      break;
    case 'maxPooling2d':
    case 'averagePooling2d':
      if (g.chance(0.8)) c.poolSize = g.intOrPair(1, 3);
      if (g.chance(0.3)) c.strides = g.intOrPair(1, 3);
      if (g.chance(0.4)) c.padding = pad();
      if (g.chance(0.1)) c.dataFormat = 'channelsFirst';
      break;
    case 'globalMaxPooling2d':
    case 'globalAveragePooling2d':
      if (g.chance(0.1)) c.dataFormat = 'channelsFirst';
      break;
    case 'reshape': {
      const a = g.int(1, 6);
      const b = g.int(1, 6);
      c.targetShape = g.pick([[a, b], [-1, a], [a * b], [a, -1, 1], [-1]]);
      break;
    }
    case 'dropout':
    case 'spatialDropout1d':
      c.rate = g.pick([0.1, 0.25, 0.5]);
      break;
    case 'activation':
      c.activation = g.pick(ACTIVATIONS);
      break;
    case 'gaussianNoise':
      c.stddev = 0.1;
      break;
    case 'batchNormalization':
      if (g.chance(0.2)) c.axis = g.int(1, Math.max(1, rank - 1));
      if (g.chance(0.2)) c.center = false;
      if (g.chance(0.2)) c.scale = false;
      break;
    case 'layerNormalization':
      if (g.chance(0.2)) c.center = false;
      break;
    case 'embedding':
      c.inputDim = g.int(3, 12);
      c.outputDim = g.int(1, 5);
      break;
    case 'simpleRNN':
    case 'lstm':
    case 'gru':
      c.units = g.int(1, 5);
      if (g.chance(0.5)) c.returnSequences = true;
      if (g.chance(0.1)) c.useBias = false;
      break;
    case 'bidirectional': {
      const inner = layerConfig(g, g.pick(['simpleRNN', 'lstm', 'gru']), rank);
      c.layer = inner;
      if (g.chance(0.5)) c.mergeMode = g.pick(['concat', 'sum', 'mul', 'ave']);
      break;
    }
    case 'timeDistributed':
      c.layer = layerConfig(g, g.chance(0.8) ? 'dense' : 'conv1d', rank - 1);
      break;
    case 'repeatVector':
      c.n = g.int(1, 4);
      break;
    case 'permute': {
      const n = Math.max(1, Math.min(3, rank - 1));
      const dims = Array.from({ length: n }, (_, i) => i + 1);
      for (let i = dims.length - 1; i > 0; i--) {
        const j = g.int(0, i);
        [dims[i], dims[j]] = [dims[j], dims[i]];
      }
      c.dims = dims;
      break;
    }
    case 'upSampling2d':
      if (g.chance(0.6)) c.size = g.intOrPair(1, 3);
      break;
    case 'zeroPadding2d':
      if (g.chance(0.8)) c.padding = g.pick([g.int(0, 2), [g.int(0, 2), g.int(0, 2)], [[g.int(0, 2), g.int(0, 2)], [g.int(0, 2), g.int(0, 2)]]]);
      break;
    case 'cropping2D':
      c.cropping = g.pick([g.int(0, 2), [g.int(0, 2), g.int(0, 2)], [[g.int(0, 2), g.int(0, 2)], [g.int(0, 2), g.int(0, 2)]]]);
      break;
    case 'concatenate':
      if (g.chance(0.3)) c.axis = g.int(1, Math.max(1, rank - 1));
      break;
  }
  return { kind, config: c };
}

/** Rank after a layer, as far as the generator can tell without shapes. */
function rankAfter(spec: LayerSpec, rank: number): number {
  const c = spec.config;
  switch (spec.kind) {
    case 'flatten':
    case 'globalMaxPooling1d':
    case 'globalAveragePooling1d':
    case 'globalMaxPooling2d':
    case 'globalAveragePooling2d':
      return 2;
    case 'reshape':
      return (c.targetShape as number[]).length + 1;
    case 'embedding':
      return rank + 1;
    case 'repeatVector':
      return 3;
    case 'simpleRNN':
    case 'lstm':
    case 'gru':
      return c.returnSequences ? 3 : 2;
    case 'bidirectional':
      return (c.layer as LayerSpec).config.returnSequences ? 3 : 2;
  }
  return rank;
}

function inputShape(g: Gen, rank: number): number[] {
  return Array.from({ length: rank - 1 }, () => g.int(1, 12));
}

export function randomSequential(g0: () => number): SequentialSpec {
  const g = new Gen(g0);
  let rank = g.pick([2, 3, 4, 4, 3]);
  const shape = inputShape(g, rank);
  const n = g.int(1, 6);
  const layers: LayerSpec[] = [];
  for (let i = 0; i < n; i++) {
    const pool = g.chance(0.85) ? BY_RANK[rank] ?? ALL_KINDS : ALL_KINDS;
    const spec = layerConfig(g, g.pick(pool), rank);
    if (i === 0 && g.chance(0.05)) layers.push({ kind: 'inputLayer', config: { inputShape: shape } });
    else if (i === 0) {
      const r = g.r();
      if (r < 0.04) {
        // no input shape at all (tfjs throws)
      } else if (r < 0.07) spec.config.inputShape = [null, ...shape];
      else if (r < 0.12) spec.config.batchInputShape = [g.pick([null, 4]), ...shape];
      else if (r < 0.15 && spec.kind === 'dense' && shape.length === 1) spec.config.inputDim = shape[0];
      else spec.config.inputShape = shape;
    }
    layers.push(spec);
    rank = rankAfter(spec, rank);
  }
  return { type: 'sequential', layers, useAdd: g.chance(0.4) };
}

const MERGES = ['add', 'multiply', 'average', 'maximum', 'minimum', 'concatenate'];

export function randomFunctional(g0: () => number): FunctionalSpec {
  const g = new Gen(g0);
  const nIn = g.int(1, 2);
  const baseRank = g.pick([2, 3, 4]);
  const base = inputShape(g, baseRank);
  const inputs = Array.from({ length: nIn }, () => ({
    // usually the same shape (so merges work), sometimes different
    shape: g.chance(0.75) ? [...base] : inputShape(g, g.pick([2, 3, 4, baseRank])),
  }));
  const ranks = inputs.map((i) => i.shape.length + 1);
  const nodes: FunctionalNode[] = [];
  const n = g.int(1, 6);
  for (let k = 0; k < n; k++) {
    const total = inputs.length + nodes.length;
    if (total >= 2 && g.chance(0.3)) {
      const a = g.int(0, total - 1);
      let b = g.int(0, total - 1);
      if (b === a) b = (a + 1) % total;
      const spec = layerConfig(g, g.pick(MERGES), ranks[a]);
      nodes.push({ from: [a, b], layer: spec });
      ranks.push(spec.kind === 'concatenate' ? ranks[a] : Math.max(ranks[a], ranks[b]));
    } else {
      const a = g.chance(0.6) ? total - 1 : g.int(0, total - 1);
      const pool = g.chance(0.85) ? BY_RANK[ranks[a]] ?? ALL_KINDS : ALL_KINDS;
      const spec = layerConfig(g, g.pick(pool), ranks[a]);
      nodes.push({ from: [a], layer: spec });
      ranks.push(rankAfter(spec, ranks[a]));
    }
  }
  const last = inputs.length + nodes.length - 1;
  const outputs = [last];
  // sometimes a second output
  if (nodes.length >= 2 && g.chance(0.2)) outputs.push(last - 1);
  return { type: 'functional', inputs, nodes, outputs };
}

export function randomModel(seed: number): ModelSpec {
  const r = rng(seed);
  return r() < 0.65 ? randomSequential(r) : randomFunctional(r);
}

// ---- rendering as source ------------------------------------------------------------------

function isLayerSpec(v: Json): v is LayerSpec {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && 'kind' in v && 'config' in v && typeof (v as LayerSpec).kind === 'string';
}

function jsonSource(v: Json, tf: string): string {
  if (isLayerSpec(v)) return layerSource(v, tf);
  if (Array.isArray(v)) return `[${v.map((x) => jsonSource(x, tf)).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${Object.entries(v).map(([k, x]) => `${k}: ${jsonSource(x as Json, tf)}`).join(', ')}}`;
  }
  return typeof v === 'string' ? `'${v}'` : String(v);
}

/** An empty config is written as no argument where tfjs accepts that, else as `{}`. */
export function omitsArgument(spec: LayerSpec): boolean {
  return Object.keys(spec.config).length === 0 && NO_ARGUMENT_OK.has(spec.kind);
}

function layerSource(spec: LayerSpec, tf: string): string {
  return `${tf}.layers.${spec.kind}(${omitsArgument(spec) ? '' : jsonSource(spec.config, tf)})`;
}

export function modelSource(spec: ModelSpec, seed: number): string {
  const style = seed % 3;
  const header = style === 0 ? `import * as tf from '@tensorflow/tfjs';` : style === 1 ? `const tf = require('@tensorflow/tfjs');` : `import * as tfl from '@tensorflow/tfjs';`;
  const tf = style === 2 ? 'tfl' : 'tf';
  const lines = [header];
  if (spec.type === 'sequential') {
    if (spec.useAdd) {
      lines.push(`const model = ${tf}.sequential();`);
      for (const l of spec.layers) lines.push(`model.add(${layerSource(l, tf)});`);
    } else {
      // sometimes hold the first config in a const, to go through the evaluator
      if (spec.layers.length && seed % 5 === 0) {
        lines.push(`const firstConfig = ${jsonSource(spec.layers[0].config, tf)};`);
        const rest = spec.layers.slice(1).map((l) => `    ${layerSource(l, tf)},`);
        lines.push(`const model = ${tf}.sequential({`, `  layers: [`, `    ${tf}.layers.${spec.layers[0].kind}(firstConfig),`, ...rest, `  ],`, `});`);
      } else {
        lines.push(`const model = ${tf}.sequential({`, `  layers: [`, ...spec.layers.map((l) => `    ${layerSource(l, tf)},`), `  ],`, `});`);
      }
    }
  } else {
    const names: string[] = [];
    spec.inputs.forEach((inp, i) => {
      names.push(`in${i}`);
      lines.push(`const in${i} = ${tf}.input({shape: ${jsonSource(inp.shape, tf)}});`);
    });
    spec.nodes.forEach((node, i) => {
      const name = `t${i}`;
      const arg = node.from.length === 1 ? names[node.from[0]] : `[${node.from.map((f) => names[f]).join(', ')}]`;
      lines.push(`const ${name} = ${layerSource(node.layer, tf)}.apply(${arg});`);
      names.push(name);
    });
    const outs = spec.outputs.map((o) => names[o]);
    const ins = spec.inputs.map((_, i) => `in${i}`);
    lines.push(`const model = ${tf}.model({inputs: ${ins.length === 1 ? ins[0] : `[${ins.join(', ')}]`}, outputs: ${outs.length === 1 ? outs[0] : `[${outs.join(', ')}]`}});`);
  }
  return lines.join('\n') + '\n';
}
