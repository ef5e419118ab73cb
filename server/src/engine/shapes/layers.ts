// Per-layer shape rules with tfjs 4.22 semantics: one function per layer kind, taking the
// layer's config and its input shapes (batch dim first, usually null) and returning the
// output shape and parameter count, a problem tfjs will throw on, or undefined (unknown).
// The numbers mirror what tfjs computes symbolically (computeOutputShape) and counts
// (countParams); where tfjs's symbolic shape and its run-time shape differ we answer unknown.
import type { Dim, Shape } from '../types';
import { LayerConfig, Unknowable } from './config';
import { broadcastLikeMerge, type MergeResult } from './merge';
import { elementCount, isFullyKnown, normAxis } from './shape';
import { layerRecord, layersWhere } from '../tfjs/catalog';
import { LayerValue, UNKNOWN, type Value } from '../values';

/**
 * What a layer needs and does not get, as data (the rule words it): a rank, a larger input
 * (the output sizes it would have), known dims, stride or dilation, a reshape target that
 * holds the elements, softmax on the last axis, merge inputs that fit together.
 */
export type LayerFault =
  | { kind: 'rank'; rank: number; exact: boolean }
  | { kind: 'nonpositive'; outputSizes: Dim[] }
  | { kind: 'undefined-dim'; dims: 'channel' | 'after-batch' }
  | { kind: 'stride-dilation'; strides: number[]; dilationRate: number[] }
  | { kind: 'reshape-count'; targetShape: number[]; elements: number }
  /** `axis` as written; undefined for the default (1). */
  | { kind: 'axis'; axis: number | undefined; rank: number }
  /** Elementwise merge layers; `concatAxis` (as written, -1 by default) for concatenate. */
  | { kind: 'merge'; layerType: string; concatAxis?: number };

/** A layer's fault and when tfjs throws on it: building the model, or only once data flows. */
export interface LayerProblem {
  fault: LayerFault;
  when: 'build' | 'run';
  /** The layer outputs an empty tensor: no throw, but the input is lost. */
  empty?: boolean;
}

export interface LayerOutcome {
  /** Output shape (tfjs's symbolic shape); absent when a build-time problem stops the model. */
  shape?: Shape;
  /** Parameter count (tfjs countParams for this layer) and how many are not trainable. */
  params?: number;
  nonTrainable?: number;
  problem?: LayerProblem;
}

export type LayerRule = (cfg: LayerConfig, inputs: Shape[]) => LayerOutcome | undefined;

function rankProblem(rank: number, exact: boolean): LayerOutcome {
  return { problem: { fault: { kind: 'rank', rank, exact }, when: 'build' } };
}

/** The single input of a one-input layer, with an exact or minimum rank. */
function one(inputs: Shape[], rank: number | undefined, min?: number): Shape | LayerOutcome | undefined {
  if (inputs.length !== 1) return undefined;
  const s = inputs[0];
  if (rank !== undefined && s.length !== rank) return rankProblem(rank, true);
  if (min !== undefined && s.length < min) return rankProblem(min, false);
  return s;
}
function isOutcome(v: Shape | LayerOutcome | undefined): v is LayerOutcome | undefined {
  return v === undefined || !Array.isArray(v);
}

function channelsLast(cfg: LayerConfig): boolean {
  const f = cfg.str('dataFormat', 'channelsLast');
  if (f !== 'channelsLast' && f !== 'channelsFirst') throw new Unknowable('dataFormat');
  return f === 'channelsLast';
}

function padding(cfg: LayerConfig): 'valid' | 'same' {
  const p = cfg.str('padding', 'valid');
  // 'causal' pads at run time but tfjs computes the symbolic shape as 'valid': unknown.
  if (p !== 'valid' && p !== 'same') throw new Unknowable('padding');
  return p;
}

/** tfjs's convOutputLength. */
export function convLength(len: number | null, k: number, pad: 'valid' | 'same', stride: number, dilation = 1): number | null {
  if (len === null) return null;
  const dk = k + (k - 1) * (dilation - 1);
  const out = pad === 'same' ? len : len - dk + 1;
  return Math.floor((out + stride - 1) / stride);
}

function spatialAxes(rank: number, last: boolean): number[] {
  const n = rank - 2;
  return Array.from({ length: n }, (_, i) => (last ? 1 + i : 2 + i));
}

/**
 * An output size of 0 or less. tfjs builds such a layer (a sequential model throws "Negative
 * dimension size" when a size is below 0). Below 0 fails once data flows; exactly 0 gives an
 * empty tensor, so nothing after the layer ever sees the input.
 */
function checkSpatial(out: Dim[]): LayerProblem | undefined {
  if (out.some((d) => d !== null && d < 0)) return { fault: { kind: 'nonpositive', outputSizes: out }, when: 'run' };
  if (out.some((d) => d === 0)) return { fault: { kind: 'nonpositive', outputSizes: out }, when: 'run', empty: true };
  return undefined;
}

function conv(n: 1 | 2): LayerRule {
  return (cfg, inputs) => {
    const s = one(inputs, n + 2);
    if (isOutcome(s)) return s;
    const filters = cfg.posInt('filters');
    const k = cfg.tuple('kernelSize', n);
    const strides = cfg.tuple('strides', n, 1);
    const dil = cfg.tuple('dilationRate', n, 1);
    const pad = padding(cfg);
    const last = channelsLast(cfg);
    const useBias = cfg.bool('useBias', true);
    const cin = last ? s[s.length - 1] : s[1];
    if (cin === null) return { problem: { fault: { kind: 'undefined-dim', dims: 'channel' }, when: 'build' } };
    const out = spatialAxes(s.length, last).map((ax, i) => convLength(s[ax], k[i], pad, strides[i], dil[i]));
    const shape = last ? [s[0], ...out, filters] : [s[0], filters, ...out];
    // tfjs's conv kernels take a stride or a dilation, not both ("Either strides or dilations must be 1").
    const both = strides.some((st) => st > 1) && dil.some((d) => d > 1);
    const problem: LayerProblem | undefined = both
      ? { fault: { kind: 'stride-dilation', strides, dilationRate: dil }, when: 'run' }
      : checkSpatial(out);
    return { shape, params: k.reduce((a, b) => a * b, 1) * cin * filters + (useBias ? filters : 0), problem };
  };
}

const conv2dTranspose: LayerRule = (cfg, inputs) => {
  const s = one(inputs, 4);
  if (isOutcome(s)) return s;
  const filters = cfg.posInt('filters');
  const k = cfg.tuple('kernelSize', 2);
  const strides = cfg.tuple('strides', 2, 1);
  const pad = padding(cfg);
  const last = channelsLast(cfg);
  const useBias = cfg.bool('useBias', true);
  if (cfg.tuple('dilationRate', 2, 1).some((d) => d !== 1)) return undefined;
  const cin = last ? s[3] : s[1];
  if (cin === null) return undefined;
  const out = spatialAxes(4, last).map((ax, i) => {
    const d = s[ax];
    if (d === null) return null;
    return pad === 'valid' ? d * strides[i] + Math.max(k[i] - strides[i], 0) : d * strides[i];
  });
  const shape = last ? [s[0], out[0], out[1], filters] : [s[0], filters, out[0], out[1]];
  return { shape, params: k[0] * k[1] * cin * filters + (useBias ? filters : 0) };
};

const depthwiseConv2d: LayerRule = (cfg, inputs) => {
  // tfjs checks only for rank < 4 here.
  if (inputs.length === 1 && inputs[0].length > 4) return undefined;
  const s = one(inputs, 4);
  if (isOutcome(s)) return s;
  const k = cfg.tuple('kernelSize', 2);
  const strides = cfg.tuple('strides', 2, 1);
  // tfjs leaves dilation out of the symbolic shape but applies it at run time: unknown.
  if (cfg.tuple('dilationRate', 2, 1).some((d) => d !== 1)) return undefined;
  const dm = cfg.posInt('depthMultiplier', 1);
  const pad = padding(cfg);
  const last = channelsLast(cfg);
  const useBias = cfg.bool('useBias', true);
  const cin = last ? s[3] : s[1];
  if (cin === null) return undefined;
  const out = spatialAxes(4, last).map((ax, i) => convLength(s[ax], k[i], pad, strides[i]));
  const cout = cin * dm;
  const shape = last ? [s[0], out[0], out[1], cout] : [s[0], cout, out[0], out[1]];
  return { shape, params: k[0] * k[1] * cin * dm + (useBias ? cout : 0), problem: checkSpatial(out) };
};

const separableConv2d: LayerRule = (cfg, inputs) => {
  const s = one(inputs, 4);
  if (isOutcome(s)) return s;
  const filters = cfg.posInt('filters');
  const k = cfg.tuple('kernelSize', 2);
  const strides = cfg.tuple('strides', 2, 1);
  const dil = cfg.tuple('dilationRate', 2, 1);
  const dm = cfg.posInt('depthMultiplier', 1);
  const pad = padding(cfg);
  const last = channelsLast(cfg);
  // channelsFirst: tfjs's symbolic shape and what it computes on data disagree.
  if (!last) return undefined;
  const useBias = cfg.bool('useBias', true);
  const cin = s[3];
  if (cin === null) return undefined;
  const out = spatialAxes(4, last).map((ax, i) => convLength(s[ax], k[i], pad, strides[i], dil[i]));
  const shape = last ? [s[0], out[0], out[1], filters] : [s[0], filters, out[0], out[1]];
  return { shape, params: k[0] * k[1] * cin * dm + cin * dm * filters + (useBias ? filters : 0), problem: checkSpatial(out) };
};

function pooling(n: 1 | 2): LayerRule {
  return (cfg, inputs) => {
    const s = one(inputs, n + 2);
    if (isOutcome(s)) return s;
    const pool = cfg.tuple('poolSize', n, 2);
    const strides = cfg.has('strides') ? cfg.tuple('strides', n) : pool;
    const pad = padding(cfg);
    const last = n === 1 ? true : channelsLast(cfg);
    const out = spatialAxes(s.length, last).map((ax, i) => convLength(s[ax], pool[i], pad, strides[i]));
    const shape = last ? [s[0], ...out, s[s.length - 1]] : [s[0], s[1], ...out];
    // tfjs builds the model with a zero or negative size; it fails once data flows.
    return { shape, params: 0, problem: checkSpatial(out) };
  };
}

function globalPooling(n: 1 | 2): LayerRule {
  return (cfg, inputs) => {
    const s = one(inputs, n + 2);
    if (isOutcome(s)) return s;
    const last = n === 1 ? true : channelsLast(cfg);
    return { shape: [s[0], last ? s[s.length - 1] : s[1]], params: 0 };
  };
}

const dense: LayerRule = (cfg, inputs) => {
  const s = one(inputs, undefined, 2);
  if (isOutcome(s)) return s;
  const units = cfg.posInt('units');
  const useBias = cfg.bool('useBias', true);
  const last = s[s.length - 1];
  if (last === null) return undefined;
  return { shape: [...s.slice(0, -1), units], params: last * units + (useBias ? units : 0) };
};

const flatten: LayerRule = (cfg, inputs) => {
  const s = one(inputs, undefined, 3);
  if (isOutcome(s)) return s;
  const n = elementCount(s.slice(1));
  if (n === undefined) {
    return { problem: { fault: { kind: 'undefined-dim', dims: 'after-batch' }, when: 'build' } };
  }
  return { shape: [s[0], n], params: 0 };
};

const reshape: LayerRule = (cfg, inputs) => {
  const s = one(inputs, undefined);
  if (isOutcome(s)) return s;
  const target = cfg.intList('targetShape');
  if (!target || target.some((d) => d === null || d < -1 || d === 0) || target.filter((d) => d === -1).length > 1) return undefined;
  const have = elementCount(s.slice(1));
  const want = elementCount(target.filter((d) => d !== -1) as number[]);
  // With every dim known, batch included, tfjs resolves -1 (and checks the count) while
  // building; otherwise it keeps -1 unresolved (null) and the count fails on data.
  const resolved = s[0] !== null && have !== undefined;
  let problem: LayerProblem | undefined;
  if (have !== undefined && want !== undefined) {
    const bad = target.includes(-1) ? want === 0 || have % want !== 0 : have !== want;
    if (bad) {
      problem = { fault: { kind: 'reshape-count', targetShape: target as number[], elements: have }, when: resolved ? 'build' : 'run' };
    }
  }
  const shape: Shape = [s[0], ...target.map((d) => (d === -1 ? (resolved && want ? (have as number) / want : null) : d))];
  return { shape, params: 0, problem };
};

const identity: LayerRule = (_cfg, inputs) => (inputs.length === 1 ? { shape: inputs[0], params: 0 } : undefined);

/** tf.layers.softmax: axis 1 by default, and tfjs computes softmax only along the last axis. */
const softmaxLayer: LayerRule = (cfg, inputs) => {
  if (inputs.length !== 1) return undefined;
  const s = inputs[0];
  const written = cfg.has('axis');
  const a = normAxis(cfg.num('axis', 1), s.length);
  if (a === undefined) return undefined;
  if (a === s.length - 1) return { shape: s, params: 0 };
  return { shape: s, params: 0, problem: { fault: { kind: 'axis', axis: written ? cfg.num('axis') : undefined, rank: s.length }, when: 'run' } };
};

const spatialDropout1d: LayerRule = (_cfg, inputs) => {
  const s = one(inputs, 3);
  if (isOutcome(s)) return s;
  return { shape: s, params: 0 };
};

const activation: LayerRule = (cfg, inputs) => {
  cfg.raw('activation');
  return identity(cfg, inputs);
};

/** Size of the normalised axis (batchNormalization, layerNormalization); undefined when unknown. */
function axisSize(cfg: LayerConfig, s: Shape): number | undefined {
  const axis = cfg.raw('axis');
  if (axis !== undefined && typeof axis !== 'number') throw new Unknowable('axis');
  const a = normAxis(axis ?? -1, s.length);
  if (a === undefined || a === 0) return undefined;
  const d = s[a];
  return d === null ? undefined : d;
}

const batchNormalization: LayerRule = (cfg, inputs) => {
  const s = one(inputs, undefined);
  if (isOutcome(s)) return s;
  const c = axisSize(cfg, s);
  if (c === undefined) return undefined;
  const trainable = (cfg.bool('center', true) ? c : 0) + (cfg.bool('scale', true) ? c : 0);
  return { shape: s, params: trainable + 2 * c, nonTrainable: 2 * c };
};

const layerNormalization: LayerRule = (cfg, inputs) => {
  const s = one(inputs, undefined);
  if (isOutcome(s)) return s;
  if (cfg.raw('axis') !== undefined) return undefined; // list-valued axes: not modelled
  const c = axisSize(cfg, s);
  if (c === undefined) return undefined;
  return { shape: s, params: (cfg.bool('center', true) ? c : 0) + (cfg.bool('scale', true) ? c : 0) };
};

const embedding: LayerRule = (cfg, inputs) => {
  const s = one(inputs, undefined);
  if (isOutcome(s)) return s;
  const inputDim = cfg.posInt('inputDim');
  const outputDim = cfg.posInt('outputDim');
  if (cfg.has('inputLength')) {
    const raw = cfg.raw('inputLength');
    const lens = typeof raw === 'number' ? [raw] : cfg.intList('inputLength', true);
    if (!lens || lens.length !== s.length - 1) return undefined;
    if (lens.some((l, i) => l !== null && s[i + 1] !== null && l !== s[i + 1])) return undefined;
    return { shape: [s[0], ...lens.map((l, i) => l ?? s[i + 1]), outputDim], params: inputDim * outputDim };
  }
  return { shape: [...s, outputDim], params: inputDim * outputDim };
};

/** simpleRNN, lstm, gru: gates per unit and bias per gate. */
function recurrent(gates: number): LayerRule {
  return (cfg, inputs) => {
    const s = one(inputs, 3);
    if (isOutcome(s)) return s;
    const units = cfg.posInt('units');
    if (cfg.bool('returnState', false) || cfg.bool('stateful', false)) return undefined;
    if (gates === 3 && cfg.bool('resetAfter', false)) return undefined;
    const seq = cfg.bool('returnSequences', false);
    const useBias = cfg.bool('useBias', true);
    const din = s[2];
    if (din === null) return undefined;
    const params = gates * units * (din + units) + (useBias ? gates * units : 0);
    return { shape: seq ? [s[0], s[1], units] : [s[0], units], params };
  };
}

/** Gates of each recurrent cell kind (`tf.layers.rnn({cell})`). */
const CELL_GATES: Record<string, number> = { simpleRNNCell: 1, lstmCell: 4, gruCell: 3 };

/**
 * `tf.layers.rnn({cell})`: one cell, or a list of cells stacked (each fed the previous one's
 * units); the parameters are the cells' own, counted as the matching recurrent layer's.
 */
const rnn: LayerRule = (cfg, inputs) => {
  const s = one(inputs, 3);
  if (isOutcome(s)) return s;
  if (cfg.bool('returnState', false) || cfg.bool('stateful', false)) return undefined;
  const raw = cfg.raw('cell');
  const cells = Array.isArray(raw) ? raw : [raw];
  if (cells.length === 0) return undefined;
  let din = s[2];
  let params = 0;
  for (const cell of cells) {
    if (!(cell instanceof LayerValue) || din === null) return undefined;
    const gates = CELL_GATES[cell.layerType];
    if (gates === undefined) return undefined;
    const c = LayerConfig.of(cell);
    const units = c.posInt('units');
    if (gates === 3 && c.bool('resetAfter', false)) return undefined;
    params += gates * units * (din + units) + (c.bool('useBias', true) ? gates * units : 0);
    din = units;
  }
  return { shape: cfg.bool('returnSequences', false) ? [s[0], s[1], din] : [s[0], din], params };
};

const repeatVector: LayerRule = (cfg, inputs) => {
  const s = one(inputs, 2);
  if (isOutcome(s)) return s;
  return { shape: [s[0], cfg.posInt('n'), s[1]], params: 0 };
};

const permute: LayerRule = (cfg, inputs) => {
  const dims = cfg.intList('dims');
  if (!dims) return undefined;
  const s = one(inputs, dims.length + 1);
  if (isOutcome(s)) return s;
  const sorted = [...dims].sort((a, b) => (a as number) - (b as number));
  if (!sorted.every((d, i) => d === i + 1)) return undefined;
  return { shape: [s[0], ...dims.map((d) => s[d as number])], params: 0 };
};

const upSampling2d: LayerRule = (cfg, inputs) => {
  const s = one(inputs, 4);
  if (isOutcome(s)) return s;
  // tfjs reads size[0] and size[1] without normalising: a plain number gives NaN sizes.
  if (typeof cfg.raw('size') === 'number') return undefined;
  const size = cfg.tuple('size', 2, 2);
  const last = channelsLast(cfg);
  const [h, w] = spatialAxes(4, last);
  const shape = [...s];
  shape[h] = s[h] === null ? null : (s[h] as number) * size[0];
  shape[w] = s[w] === null ? null : (s[w] as number) * size[1];
  return { shape, params: 0 };
};

/** [[top, bottom], [left, right]] from a number, a symmetric pair, or a pair of pairs. */
function pairOfPairs(cfg: LayerConfig, key: string, fallback: number | undefined): [[number, number], [number, number]] {
  let v = cfg.raw(key);
  if (v === undefined) v = fallback;
  const nat = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x) && x >= 0;
  if (nat(v)) return [[v, v], [v, v]];
  if (Array.isArray(v) && v.length === 2) {
    if (nat(v[0]) && nat(v[1])) return [[v[0], v[0]], [v[1], v[1]]];
    const [a, b] = v;
    if (Array.isArray(a) && Array.isArray(b) && a.length === 2 && b.length === 2 && [...a, ...b].every(nat)) {
      return [[a[0] as number, a[1] as number], [b[0] as number, b[1] as number]];
    }
  }
  throw new Unknowable(key);
}

function padOrCrop(key: string, sign: 1 | -1, fallback: number | undefined): LayerRule {
  return (cfg, inputs) => {
    const s = one(inputs, 4);
    if (isOutcome(s)) return s;
    const p = pairOfPairs(cfg, key, fallback);
    const last = channelsLast(cfg);
    const axes = spatialAxes(4, last);
    // tfjs subtracts the cropping from a null size too (giving a meaningless number): unknown.
    if (sign < 0 && axes.some((ax) => s[ax] === null)) return undefined;
    const shape = [...s];
    axes.forEach((ax, i) => {
      const d = s[ax];
      shape[ax] = d === null ? null : d + sign * (p[i][0] + p[i][1]);
    });
    // A crop below zero: a sequential model throws when the layer is added (the flow checks
    // that); a functional one slices something else at run time, so we claim nothing.
    const sizes = axes.map((ax) => shape[ax]);
    const problem = sizes.some((d) => d !== null && d < 0) ? undefined : checkSpatial(sizes);
    return { shape, params: 0, problem };
  };
}

function mergeRule(kind: string): LayerRule {
  return (_cfg, inputs) => {
    if (inputs.length < 2) return undefined;
    const r: MergeResult = broadcastLikeMerge(inputs);
    if (r === 'incompatible') {
      return { problem: { fault: { kind: 'merge', layerType: kind }, when: 'build' } };
    }
    // Inputs of different ranks are reshaped by tfjs before the op; with a null size among
    // them the symbolic shape and the computed one part ways.
    if (inputs.some((s) => s.length !== inputs[0].length) && inputs.some((s) => s.slice(1).some((d) => d === null))) return undefined;
    return { shape: r, params: 0 };
  };
}

const concatenate: LayerRule = (cfg, inputs) => {
  if (inputs.length < 2) return undefined;
  const axisRaw = cfg.raw('axis');
  if (axisRaw !== undefined && (typeof axisRaw !== 'number' || !Number.isInteger(axisRaw))) return undefined;
  const rawAxis = axisRaw ?? -1;
  // tfjs's build check: drop the entry at the configured axis (Array.splice semantics, so a
  // negative axis counts from the end and one past the end drops nothing) and compare.
  const without = (s: Shape): string => {
    const copy = [...s];
    copy.splice(rawAxis, 1);
    return JSON.stringify(copy);
  };
  if (new Set(inputs.map(without)).size > 1) {
    return { problem: { fault: { kind: 'merge', layerType: 'concatenate', concatAxis: rawAxis }, when: 'build' } };
  }
  const rank = inputs[0].length;
  if (inputs.some((s) => s.length !== rank)) return undefined; // passes tfjs's check, fails later
  const axis = normAxis(rawAxis, rank);
  if (axis === undefined || axis === 0) return undefined;
  const shape = [...inputs[0]];
  let sum: number | null = 0;
  for (const s of inputs) sum = sum === null || s[axis] === null ? null : sum + (s[axis] as number);
  shape[axis] = sum;
  return { shape, params: 0 };
};

const inputLayer: LayerRule = (_cfg, inputs) => (inputs.length === 1 ? { shape: inputs[0], params: 0 } : undefined);

const timeDistributed = (outcomeOf: NestedRule): LayerRule => (cfg, inputs) => {
  const s = one(inputs, undefined, 3);
  if (isOutcome(s)) return s;
  const inner = outcomeOf(cfg.layer('layer'), [[s[0], ...s.slice(2)]]);
  if (!inner?.shape || inner.problem) return undefined;
  return { shape: [s[0], s[1], ...inner.shape.slice(1)], params: inner.params, nonTrainable: inner.nonTrainable };
};

const bidirectional = (outcomeOf: NestedRule): LayerRule => (cfg, inputs) => {
  const s = one(inputs, 3);
  if (isOutcome(s)) return s;
  const mode = cfg.raw('mergeMode');
  if (mode !== undefined && mode !== 'concat' && mode !== 'sum' && mode !== 'mul' && mode !== 'ave') return undefined;
  const inner = outcomeOf(cfg.layer('layer'), [s]);
  if (!inner?.shape || inner.problem || inner.params === undefined) return undefined;
  const shape = [...inner.shape];
  if ((mode ?? 'concat') === 'concat') {
    const last = shape[shape.length - 1];
    shape[shape.length - 1] = last === null ? null : last * 2;
  }
  return { shape, params: inner.params * 2 };
};

/** Computes a nested layer's outcome (timeDistributed, bidirectional wrap another layer). */
export type NestedRule = (layer: import('../values').LayerValue, inputs: Shape[]) => LayerOutcome | undefined;

export function layerRules(nested: NestedRule): Record<string, LayerRule> {
  return {
    inputLayer,
    dense,
    flatten,
    reshape,
    conv1d: conv(1),
    conv2d: conv(2),
    conv2dTranspose,
    depthwiseConv2d,
    separableConv2d,
    maxPooling1d: pooling(1),
    maxPool1d: pooling(1),
    averagePooling1d: pooling(1),
    avgPool1d: pooling(1),
    avgPooling1d: pooling(1),
    maxPooling2d: pooling(2),
    maxPool2d: pooling(2),
    averagePooling2d: pooling(2),
    avgPool2d: pooling(2),
    avgPooling2d: pooling(2),
    globalMaxPooling1d: globalPooling(1),
    globalMaxPool1d: globalPooling(1),
    globalAveragePooling1d: globalPooling(1),
    globalMaxPooling2d: globalPooling(2),
    globalMaxPool2d: globalPooling(2),
    globalAveragePooling2d: globalPooling(2),
    dropout: identity,
    gaussianNoise: identity,
    gaussianDropout: identity,
    alphaDropout: identity,
    spatialDropout1d,
    activation,
    reLU: identity,
    elu: identity,
    leakyReLU: identity,
    softmax: softmaxLayer,
    thresholdedReLU: identity,
    batchNormalization,
    layerNormalization,
    embedding,
    simpleRNN: recurrent(1),
    lstm: recurrent(4),
    gru: recurrent(3),
    rnn,
    bidirectional: bidirectional(nested),
    timeDistributed: timeDistributed(nested),
    repeatVector,
    permute,
    upSampling2d,
    zeroPadding2d: padOrCrop('padding', 1, 1),
    cropping2D: padOrCrop('cropping', -1, undefined),
    concatenate,
    add: mergeRule('add'),
    multiply: mergeRule('multiply'),
    average: mergeRule('average'),
    maximum: mergeRule('maximum'),
    minimum: mergeRule('minimum'),
  };
}

/** The tfjs class name of a layer factory, as model.summary() prints it (from the catalog). */
export function layerClassName(layerType: string): string {
  return layerRecord(layerType)?.className ?? layerType;
}

/** The input rank (batch included) a layer takes exactly; undefined when any rank goes. */
export function exactInputRank(layerType: string): number | undefined {
  return layerRecord(layerType)?.inputRank;
}

/** Layer factories tfjs 4.22 accepts with no argument at all (the others throw reading it). */
export const NO_ARGUMENT_OK = layersWhere((r) => !!r.noArgument);

/** Layer kinds that take a list of inputs. */
export const MERGE_LAYERS = layersWhere((r) => !!r.merge);

/**
 * The batch input shape a layer declares (inputShape + batchSize, batchInputShape, dense's
 * inputDim, embedding's implicit [null, inputLength]); undefined when it declares none.
 * Throws Unknowable when it cannot be known.
 */
export function declaredInputShape(cfg: LayerConfig): Shape | undefined {
  const batch = cfg.intList('batchInputShape', true);
  if (batch) return batch;
  // tfjs builds [batchSize].concat(inputShape): a bare number n is [batch, n].
  const single = cfg.raw('inputShape');
  const shape = typeof single === 'number' && Number.isInteger(single) && single > 0 ? [single] : cfg.intList('inputShape', true);
  if (shape) {
    const b = cfg.raw('batchSize');
    if (b !== undefined && typeof b !== 'number') throw new Unknowable('batchSize');
    return [b ?? null, ...shape];
  }
  const bs = cfg.raw('batchSize');
  const b = typeof bs === 'number' ? bs : null;
  if (cfg.layerType === 'dense' && cfg.has('inputDim')) return [b, cfg.posInt('inputDim')];
  if (cfg.layerType === 'embedding') {
    if (!cfg.has('inputLength')) return [b, null];
    const raw = cfg.raw('inputLength');
    if (typeof raw === 'number') return [b, raw];
    const lens = cfg.intList('inputLength', true);
    if (!lens) throw new Unknowable('inputLength');
    return [b, ...lens];
  }
  return undefined;
}

/**
 * A declared batch input shape whose rank is known but not every dim (`inputShape:
 * [data.numFeatures]`, a size read from a file at run time): the shape with those dims null,
 * and their positions. Undefined when the rank is not known either, or when declaredInputShape
 * can answer in full.
 */
export function declaredInputShapeInPart(cfg: LayerConfig): { shape: Shape; unknownDims: number[] } | undefined {
  const read = (key: string): Value => {
    try {
      return cfg.raw(key);
    } catch (e) {
      if (e instanceof Unknowable) return UNKNOWN;
      throw e;
    }
  };
  const unknownDims: number[] = [];
  const dimOf = (d: Value, at: number): Dim | undefined => {
    if (d === UNKNOWN) {
      unknownDims.push(at);
      return null;
    }
    if (d === null || (typeof d === 'number' && Number.isInteger(d))) return d;
    return undefined;
  };
  const listOf = (v: Value, offset: number): Shape | undefined => {
    if (!Array.isArray(v)) return undefined;
    const dims = v.map((d, i) => dimOf(d, offset + i));
    return dims.every((d) => d !== undefined) ? (dims as Shape) : undefined;
  };
  let shape: Shape | undefined;
  const batchShape = read('batchInputShape');
  if (batchShape !== undefined) shape = listOf(batchShape, 0);
  else {
    const inputShape = read('inputShape');
    const inputDim = cfg.layerType === 'dense' && inputShape === undefined ? read('inputDim') : undefined;
    const batch = dimOf(read('batchSize') ?? null, 0);
    const rest = inputShape !== undefined ? listOf(inputShape, 1) : inputDim !== undefined ? listOf([inputDim], 1) : undefined;
    if (batch !== undefined && rest) shape = [batch, ...rest];
  }
  return shape && unknownDims.length > 0 ? { shape, unknownDims } : undefined;
}

export { isFullyKnown, LayerConfig, Unknowable };
