// A saved layers model's model.json (engine/model-json.ts): its input shapes and, for a
// sequential model ending in a dense layer, its output; graph models, unreadable JSON and
// unusual layers stay unknown. Fixtures are small hand-written topologies in the formats
// tfjs and the Keras converter write.
import * as assert from 'node:assert/strict';
import { modelJsonSignature } from '../../server/src/engine/model-json';

const layer = (cls: string, config: Record<string, unknown>) => ({ class_name: cls, config });
/** tfjs's own model.save(): modelTopology is the model config. */
export function tfjsSaved(layers: unknown[]): string {
  return JSON.stringify({ modelTopology: { class_name: 'Sequential', config: { name: 'sequential_1', layers }, keras_version: 'tfjs-layers 4.22.0', backend: 'tensor_flow.js' }, weightsManifest: [{ paths: ['weights.bin'], weights: [] }], format: 'layers-model' });
}

describe('engine: model.json topology', () => {
  it('tfjs model.save() of a conv net: input from batch_input_shape, output from the last dense', () => {
    const text = tfjsSaved([
      layer('Conv2D', { filters: 8, kernel_size: [3, 3], activation: 'relu', batch_input_shape: [null, 28, 28, 1] }),
      layer('MaxPooling2D', { pool_size: [2, 2] }),
      layer('Flatten', {}),
      layer('Dense', { units: 10, activation: 'softmax' }),
    ]);
    assert.deepEqual(modelJsonSignature('m.json', text), { fileName: 'm.json', inputShapes: [[null, 28, 28, 1]], outputShapes: [[null, 10]] });
  });

  it('the Keras converter: model_config with an InputLayer; a dense on rank 3 keeps the rank (middle dim unknown)', () => {
    const text = JSON.stringify({
      format: 'layers-model',
      modelTopology: { keras_version: '2.4.0', model_config: { class_name: 'Sequential', config: { layers: [layer('InputLayer', { batch_input_shape: [null, 5, 3] }), layer('Dense', { units: 4 })] } } },
    });
    assert.deepEqual(modelJsonSignature('m.json', text)?.outputShapes, [[null, null, 4]]);
    assert.deepEqual(modelJsonSignature('m.json', text)?.inputShapes, [[null, 5, 3]]);
  });

  it('a functional model: its input layers; outputs unknown', () => {
    const text = JSON.stringify({
      modelTopology: { model_config: { class_name: 'Functional', config: { layers: [{ class_name: 'InputLayer', name: 'img', config: { name: 'img', batch_input_shape: [null, 64, 64, 3] } }, { class_name: 'Dense', name: 'd', config: { units: 2 } }], input_layers: [['img', 0, 0]], output_layers: [['d', 0, 0]] } } },
    });
    assert.deepEqual(modelJsonSignature('m.json', text), { fileName: 'm.json', inputShapes: [[null, 64, 64, 3]], outputShapes: undefined });
  });

  it('stays unknown: a graph model, broken JSON, a layer class it does not know, no input shape', () => {
    assert.equal(modelJsonSignature('g.json', JSON.stringify({ format: 'graph-model', modelTopology: { node: [] } })), undefined);
    assert.equal(modelJsonSignature('b.json', '{"modelTopology": '), undefined);
    const custom = modelJsonSignature('c.json', tfjsSaved([layer('Dense', { units: 3, batch_input_shape: [null, 4] }), layer('MyCustomLayer', {}), layer('Dense', { units: 1 })]));
    assert.deepEqual(custom, { fileName: 'c.json', inputShapes: [[null, 4]], outputShapes: undefined });
    const noInput = modelJsonSignature('n.json', tfjsSaved([layer('Dense', { units: 3 })]));
    assert.deepEqual(noInput, { fileName: 'n.json', inputShapes: undefined, outputShapes: undefined });
  });
});
