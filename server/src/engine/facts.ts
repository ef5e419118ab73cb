// Facts for the editor: one entry per layer, model and tensor the file creates, with the
// inferred shape and dtype where known, as data. Hover and inlay hints read and word these.
import type { FileAnalysis } from './analysis';
import type { ShapeFact } from './types';
import type { ts } from './ts';
import { LayerValue, ModelValue, TensorValue } from './values';
import { layerClassName } from './shapes';

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
      label: layer.layerType,
      className: layerClassName(layer.layerType),
      ...(layer.outputShape ? { shape: layer.outputShape } : {}),
      ...(params ? { params: params.params, nonTrainable: params.nonTrainable } : {}),
    });
  }
  for (const model of graph.models) {
    const outs = shapes.modelOutputShapes(model);
    const ins = shapes.modelInputShapes(model);
    const total = model.modelType !== 'loaded' ? shapes.summary(model, shapes.namer())?.totalParams : undefined;
    facts.push({
      range: file.rangeOf(model.call),
      kind: 'model',
      label: model.modelType,
      ...(outs && outs.length === 1 ? { shape: outs[0] } : {}),
      ...(ins ? { inputShapes: ins } : {}),
      ...(outs ? { outputShapes: outs } : {}),
      ...(total !== undefined ? { params: total } : {}),
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
