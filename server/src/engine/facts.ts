// Facts for the editor: one entry per layer, model and tensor the file creates, with the
// inferred shape and dtype where known. Hover and inlay hints read these.
import type { FileAnalysis } from './analysis';
import type { ShapeFact } from './types';
import type { ts } from './ts';
import { LayerValue, ModelValue, TensorValue } from './values';
import { layerClassName, formatShape } from './shapes';

export function collectFacts(file: FileAnalysis): ShapeFact[] {
  const facts: ShapeFact[] = [];
  const { graph } = file;
  const shapes = file.shapes;
  for (const layer of graph.layers) {
    shapes.layerOutput(layer);
    const params = shapes.layerParams(layer);
    facts.push({
      range: file.rangeOf(layer.call),
      kind: 'layer',
      label: `${layer.layerType} layer`,
      ...(layer.outputShape ? { shape: layer.outputShape } : {}),
      ...(params ? { detail: `${layerClassName(layer.layerType)}, ${params.params} params${params.nonTrainable ? ` (${params.nonTrainable} non-trainable)` : ''}` } : {}),
    });
  }
  for (const model of graph.models) {
    const outs = shapes.modelOutputShapes(model);
    const ins = shapes.modelInputShapes(model);
    const details: string[] = [];
    if (ins) details.push(`input ${ins.map(formatShape).join(', ')}`);
    if (outs && outs.length > 1) details.push(`outputs ${outs.map(formatShape).join(', ')}`);
    if (model.modelType !== 'loaded') {
      const total = shapes.summary(model, shapes.namer())?.totalParams;
      if (total !== undefined) details.push(`${total} params`);
    }
    facts.push({
      range: file.rangeOf(model.call),
      kind: 'model',
      label: `${model.modelType} model`,
      ...(outs && outs.length === 1 ? { shape: outs[0] } : {}),
      ...(details.length ? { detail: details.join('; ') } : {}),
    });
  }
  for (const tensor of graph.tensors) {
    facts.push({
      range: file.rangeOf(tensor.node),
      kind: tensor.op === 'apply' || tensor.op === 'input' ? 'symbolic' : 'tensor',
      label: tensor.op,
      ...(tensor.shape ? { shape: tensor.shape } : {}),
      ...(tensor.dtype ? { dtype: tensor.dtype } : {}),
    });
  }
  facts.push(...variableFacts(file, facts));
  return facts;
}

/**
 * The same facts on the variables that hold them: hovering `model` in `model.fit(...)` shows
 * the model. Only for variables whose value is known (const, or never reassigned).
 */
function variableFacts(file: FileAnalysis, created: readonly ShapeFact[]): ShapeFact[] {
  const byStart = new Map<number, ShapeFact>();
  for (const f of created) byStart.set(f.range.start, f);
  const out: ShapeFact[] = [];
  for (const decl of file.index.bindings) {
    const value = file.evaluate(decl.initializer);
    if (!(value instanceof LayerValue || value instanceof ModelValue || value instanceof TensorValue)) continue;
    const made = value instanceof TensorValue ? value.node : value.call;
    const fact = byStart.get(file.rangeOf(made).start);
    if (!fact) continue;
    const name = decl.name as ts.Identifier;
    const variable = name.text;
    out.push({ ...fact, variable, range: file.rangeOf(name) });
    for (const ref of file.scopes.referencesOf(decl)) {
      if (!ref.write) out.push({ ...fact, variable, range: file.rangeOf(ref.identifier) });
    }
  }
  return out;
}
