// What a model's structure means for training: its output layer and effective output
// activation, and what each compile call asks for (loss, optimizer). Every answer is
// "known" or undefined; rules stay quiet on undefined.
import { ts } from './ts';
import type { Evaluator } from './evaluator';
import {
  LayerValue,
  ModelValue,
  ObjectValue,
  OptimizerValue,
  TensorValue,
  TfRef,
  UNKNOWN,
  FunctionValue,
  type Value,
} from './values';
import { COMPILE_LOSSES, layerRecord, lossComputed } from './tfjs/catalog';

export interface OutputActivation {
  /** 'sigmoid', 'softmax', 'linear', ... as tfjs spells it. */
  activation: string;
  /** The layer that applies it. */
  layer: LayerValue;
  /** Output units of that layer when known (dense `units`). */
  units: number | undefined;
  /** The `activation: ...` property node, when written (what a fix replaces). */
  activationNode: ts.Node | undefined;
}

/** The layers whose outputs are the model's outputs; undefined when not certain. */
export function outputLayers(model: ModelValue, ev: Evaluator): LayerValue[] | undefined {
  if (model.modelType === 'sequential') {
    if (model.escapes || model.layers.length === 0) return undefined;
    const last = model.layers[model.layers.length - 1];
    if (!last.certain || !(last.layer instanceof LayerValue)) return undefined;
    return [last.layer];
  }
  if (model.modelType === 'functional' && model.config instanceof ObjectValue) {
    const outs = model.config.get('outputs');
    const list = Array.isArray(outs) ? outs : [outs];
    const layers: LayerValue[] = [];
    for (const o of list) {
      if (!(o instanceof TensorValue) || o.op !== 'apply' || !(o.producer instanceof LayerValue)) return undefined;
      layers.push(o.producer);
    }
    return layers;
  }
  return undefined;
}

/** The activation that the model's single output ends with, seen through dropout/flatten/etc. */
export function outputActivation(model: ModelValue, ev: Evaluator): OutputActivation | undefined {
  const outs = outputLayers(model, ev);
  if (!outs || outs.length !== 1) return undefined;
  if (model.modelType === 'sequential') {
    const entries = model.layers;
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i];
      if (!e.certain || !(e.layer instanceof LayerValue)) return undefined;
      const found = layerActivation(e.layer);
      if (found === 'pass') continue;
      return found ? withUnits(found, outs[0]) : undefined;
    }
    return undefined;
  }
  // functional: follow the output tensor back through range-preserving layers
  let layer: LayerValue | undefined = outs[0];
  for (let hops = 0; layer && hops < 50; hops++) {
    const found = layerActivation(layer);
    if (found !== 'pass') return found ? withUnits(found, outs[0]) : undefined;
    const app: TensorValue | undefined = layer.applications.length === 1 ? layer.applications[0] : undefined;
    const input: Value = app ? ev.evaluate(app.operands[0]) : UNKNOWN;
    layer = input instanceof TensorValue && input.op === 'apply' && input.producer instanceof LayerValue ? input.producer : undefined;
  }
  return undefined;
}

function withUnits(found: Omit<OutputActivation, 'units'>, outputLayer: LayerValue): OutputActivation {
  const units = outputLayer.option('units');
  return { ...found, units: typeof units === 'number' ? units : undefined };
}

/** A layer's own activation; 'pass' for range-preserving layers; undefined when unknown. */
export function layerActivation(layer: LayerValue): Omit<OutputActivation, 'units'> | 'pass' | undefined {
  const record = layerRecord(layer.layerType);
  if (record?.keepsRange) return 'pass';
  if (record?.applies) return { activation: record.applies, layer, activationNode: undefined };
  const def = record?.activation;
  if (def === undefined) return undefined;
  const v = layer.option('activation');
  const node = layer.config instanceof ObjectValue ? layer.config.propNodes.get('activation') : undefined;
  if (v === undefined) return layer.layerType === 'activation' ? undefined : { activation: def, layer, activationNode: undefined };
  if (typeof v !== 'string') return undefined;
  return { activation: v, layer, activationNode: node };
}

// ---- compile ------------------------------------------------------------------------------

export const REGRESSION_LOSSES = new Set([
  'meanSquaredError', 'meanAbsoluteError', 'meanAbsolutePercentageError', 'meanSquaredLogarithmicError', 'huberLoss', 'logcosh',
]);

export interface LossInfo {
  /** Canonical name ('meanSquaredError', 'softmaxCrossEntropy', ...). */
  name: string;
  /** How it was written, for messages ('mse', 'tf.losses.softmaxCrossEntropy'). */
  written: string;
  node: ts.Expression;
}

export interface CompileInfo {
  call: ts.CallExpression;
  config: ObjectValue | undefined;
  /** Known losses; several for multi-output models given an array/map. Undefined when unknown or custom. */
  loss: LossInfo | undefined;
  optimizer: OptimizerValue | string | undefined;
  optimizerNode: ts.Expression | undefined;
}

export function compileInfo(call: ts.CallExpression, ev: Evaluator): CompileInfo {
  const cfg = ev.evaluate(call.arguments[0]);
  const config = cfg instanceof ObjectValue ? cfg : undefined;
  const lossNode = propertyValueNode(config, 'loss');
  const optimizerNode = propertyValueNode(config, 'optimizer');
  const opt = config?.get('optimizer');
  return {
    call,
    config,
    loss: lossNode ? lossInfo(lossNode, ev) : undefined,
    optimizer: opt instanceof OptimizerValue || typeof opt === 'string' ? opt : undefined,
    optimizerNode,
  };
}

function lossInfo(node: ts.Expression, ev: Evaluator): LossInfo | undefined {
  const v = ev.evaluate(node);
  if (typeof v === 'string' && COMPILE_LOSSES.has(v)) return { name: v, written: `'${v}'`, node };
  const computed = v instanceof TfRef ? lossComputed(v.path) : undefined;
  if (computed && v instanceof TfRef) return { name: computed, written: `tf.${v.path}`, node };
  return undefined;
}

/** The expression written for `key` in an object literal value (through shorthand too). */
export function propertyValueNode(obj: Value, key: string): ts.Expression | undefined {
  if (!(obj instanceof ObjectValue)) return undefined;
  const p = obj.propNodes.get(key);
  if (!p) return undefined;
  if (ts.isPropertyAssignment(p)) return p.initializer;
  if (ts.isShorthandPropertyAssignment(p)) return p.name;
  return undefined;
}

export function isFunctionValue(v: Value): v is FunctionValue {
  return v instanceof FunctionValue;
}
