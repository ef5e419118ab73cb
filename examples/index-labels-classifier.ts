// A 3-class classifier trained on class-index labels with categoricalCrossentropy, for
// `npm run demo` (rule: label-format). tfjs throws at fit: "target expected a batch of
// elements where each example has shape [3] ... each with shape [1]". The fix switches the
// loss to sparseCategoricalCrossentropy, or wraps the labels in tf.oneHot.
import * as tf from '@tensorflow/tfjs';

const CLASSES = 3;

export async function trainIrisLike(): Promise<tf.History> {
  const xs = tf.tensor2d([[5.1, 3.5], [4.9, 3.0], [6.4, 3.2], [6.9, 3.1], [6.3, 3.3], [5.8, 2.7]]);
  const ys = tf.tensor2d([[0], [0], [1], [1], [2], [2]]);

  const model = tf.sequential({
    layers: [
      tf.layers.dense({units: 8, activation: 'relu', inputShape: [2]}),
      tf.layers.dense({units: CLASSES, activation: 'softmax'}),
    ],
  });
  model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy']});
  return model.fit(xs, ys, {epochs: 50});
}
