// Facts for the editor: one entry per layer, model and tensor the file creates, with the
// inferred shape and dtype where known. Hover and inlay hints read these.
import type { FileAnalysis } from './analysis';
import type { ShapeFact } from './types';
import { CLASS_NAMES, formatShape } from './shapes';

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
      ...(params ? { detail: `${CLASS_NAMES[layer.layerType] ?? layer.layerType}, ${params.params} params${params.nonTrainable ? ` (${params.nonTrainable} non-trainable)` : ''}` } : {}),
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
  return facts;
}
