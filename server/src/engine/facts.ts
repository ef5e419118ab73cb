// Facts for the editor: one entry per layer, model and tensor the file creates, with the
// inferred shape and dtype where known. Hover and inlay hints read these.
import type { FileAnalysis } from './analysis';
import type { ShapeFact } from './types';

export function collectFacts(file: FileAnalysis): ShapeFact[] {
  const facts: ShapeFact[] = [];
  const { graph } = file;
  for (const layer of graph.layers) {
    facts.push({
      range: file.rangeOf(layer.call),
      kind: 'layer',
      label: `${layer.layerType} layer`,
      ...(layer.outputShape ? { shape: layer.outputShape } : {}),
    });
  }
  for (const model of graph.models) {
    facts.push({ range: file.rangeOf(model.call), kind: 'model', label: `${model.modelType} model` });
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
