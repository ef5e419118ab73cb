// A two-headed functional model built wrong, for `npm run demo` (rule: disconnected-layers).
// - `aux` is computed from the shared trunk but left out of the outputs: its layer is in no
//   model and is never trained.
// - `meta` is listed in inputs but no output depends on it: fit and predict demand data for
//   it and ignore that data.
// - `norm` is created and never added or applied.
// - `buildScorer` computes its output from `features`, which it forgets to list in inputs:
//   tf.model throws "Graph disconnected".
import * as tf from '@tensorflow/tfjs';

export function buildTagger(): tf.LayersModel {
  const image = tf.input({shape: [64]});
  const meta = tf.input({shape: [4]});
  const trunk = tf.layers.dense({units: 32, activation: 'relu'}).apply(image) as tf.SymbolicTensor;
  const norm = tf.layers.batchNormalization();
  const aux = tf.layers.dense({units: 5, activation: 'softmax'}).apply(trunk);
  const tags = tf.layers.dense({units: 10, activation: 'sigmoid'}).apply(trunk) as tf.SymbolicTensor;
  return tf.model({inputs: [image, meta], outputs: tags});
}

export function buildScorer(): tf.LayersModel {
  const ids = tf.input({shape: [8]});
  const features = tf.input({shape: [8]});
  const hidden = tf.layers.dense({units: 16, activation: 'relu'}).apply(features) as tf.SymbolicTensor;
  const score = tf.layers.dense({units: 1}).apply(hidden) as tf.SymbolicTensor;
  return tf.model({inputs: ids, outputs: score});
}
