// What a saved layers model's model.json says about its shapes: the batch input shape of each
// input layer and, where the layer classes make it plain, the output shape. Only the topology
// is read (never the weight files); anything unusual leaves the shape unknown.
import type { ModelSignature } from './values';
import type { Shape } from './types';

/** model.json files larger than this are not read (the topology of big models is big). */
export const MAX_MODEL_JSON_BYTES = 4 * 1024 * 1024;

interface KerasLayer {
  class_name?: unknown;
  config?: Record<string, unknown>;
  name?: unknown;
}

/** The signature of the layers model a model.json holds; undefined for a graph model or anything unreadable. */
export function modelJsonSignature(fileName: string, text: string): ModelSignature | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(json) || (json.format !== undefined && json.format !== 'layers-model')) return undefined;
  const topology = json.modelTopology;
  if (!isRecord(topology)) return undefined;
  const model = isRecord(topology.model_config) ? topology.model_config : topology;
  const config = model.config;
  const layers = (Array.isArray(config) ? config : isRecord(config) && Array.isArray(config.layers) ? config.layers : undefined) as KerasLayer[] | undefined;
  if (!layers || layers.length === 0 || !layers.every(isRecord)) return undefined;
  if (model.class_name === 'Sequential') {
    const input = batchShape(layers[0]);
    return { fileName, inputShapes: input ? [input] : undefined, outputShapes: sequentialOutput(layers, input) };
  }
  if ((model.class_name === 'Model' || model.class_name === 'Functional') && isRecord(config) && Array.isArray(config.input_layers)) {
    const inputs: Shape[] = [];
    for (const ref of config.input_layers) {
      const layer = Array.isArray(ref) ? layers.find((l) => l.name === ref[0] || (l.config as { name?: unknown } | undefined)?.name === ref[0]) : undefined;
      const shape = layer && batchShape(layer);
      if (!shape) return { fileName, inputShapes: undefined, outputShapes: undefined };
      inputs.push(shape);
    }
    return { fileName, inputShapes: inputs.length ? inputs : undefined, outputShapes: undefined };
  }
  return undefined;
}

function batchShape(layer: KerasLayer): Shape | undefined {
  const s = layer.config?.batch_input_shape ?? layer.config?.batch_shape;
  if (!Array.isArray(s) || s.length === 0 || !s.every((d) => d === null || (Number.isInteger(d) && d >= 0))) return undefined;
  return [null, ...(s.slice(1) as (number | null)[])];
}

/** Layers that keep their input's rank. */
const RANK_KEEPING = new Set([
  'Dense', 'Dropout', 'Activation', 'BatchNormalization', 'LayerNormalization', 'Conv1D', 'Conv2D', 'Conv3D',
  'Conv2DTranspose', 'SeparableConv2D', 'DepthwiseConv2D', 'MaxPooling1D', 'MaxPooling2D', 'AveragePooling1D',
  'AveragePooling2D', 'ZeroPadding2D', 'Cropping2D', 'UpSampling2D', 'LeakyReLU', 'ReLU', 'PReLU', 'ELU', 'Softmax',
  'GaussianNoise', 'GaussianDropout', 'SpatialDropout1D', 'SpatialDropout2D', 'InputLayer',
]);

/**
 * The output of a sequential model ending in a dense layer: the rank follows from the layer
 * classes, the last dim is its units, the other dims unknown (null). Undefined otherwise.
 */
function sequentialOutput(layers: KerasLayer[], input: Shape | undefined): Shape[] | undefined {
  if (!input) return undefined;
  let rank = input.length;
  for (const layer of layers) {
    const cls = layer.class_name;
    const cfg = layer.config ?? {};
    if (cls === 'Flatten') rank = 2;
    else if (typeof cls === 'string' && /^Global(Average|Max)Pooling[123]D$/.test(cls)) rank -= 1;
    else if (cls === 'Embedding') rank += 1;
    else if (cls === 'LSTM' || cls === 'GRU' || cls === 'SimpleRNN') rank = cfg.return_sequences === true ? rank : rank - 1;
    else if (cls === 'Reshape' && Array.isArray(cfg.target_shape)) rank = cfg.target_shape.length + 1;
    else if (typeof cls !== 'string' || !RANK_KEEPING.has(cls)) return undefined;
  }
  const last = layers[layers.length - 1];
  const units = last.config?.units;
  if (last.class_name !== 'Dense' || !Number.isInteger(units) || rank < 2) return undefined;
  return [[...new Array<null>(rank - 1).fill(null), units as number]];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
