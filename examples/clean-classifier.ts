// A classifier and a regressor written the right way, for `npm run demo`: tfjs-lint should
// report nothing here. Softmax with categoricalCrossentropy, sigmoid with binaryCrossentropy,
// a linear output for standardised targets, a relu output for counts, usual learning rates.
import * as tf from '@tensorflow/tfjs';

export async function trainDigitClassifier(xs: tf.Tensor2D, labels: tf.Tensor1D): Promise<tf.LayersModel> {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({units: 64, inputShape: [64], activation: 'relu'}),
      tf.layers.dropout({rate: 0.2}),
      tf.layers.dense({units: 10, activation: 'softmax'}),
    ],
  });
  model.compile({optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy']});
  await model.fit(xs, tf.oneHot(labels, 10), {epochs: 10, batchSize: 32});
  return model;
}

export async function trainSpamFilter(xs: tf.Tensor2D, isSpam: tf.Tensor2D): Promise<tf.LayersModel> {
  const input = tf.input({shape: [100]});
  const hidden = tf.layers.dense({units: 16, activation: 'relu'}).apply(input);
  const probability = tf.layers.dense({units: 1, activation: 'sigmoid'}).apply(hidden) as tf.SymbolicTensor;
  const model = tf.model({inputs: input, outputs: probability});
  model.compile({optimizer: tf.train.rmsprop(0.001), loss: 'binaryCrossentropy', metrics: ['accuracy']});
  await model.fit(xs, isSpam, {epochs: 10, batchSize: 32});
  return model;
}

export async function trainTemperatureModel(xs: tf.Tensor2D, temperatures: tf.Tensor2D): Promise<tf.LayersModel> {
  const {mean, variance} = tf.moments(temperatures);
  const ys = temperatures.sub(mean).div(variance.sqrt());
  const model = tf.sequential({
    layers: [
      tf.layers.dense({units: 32, inputShape: [6], activation: 'relu'}),
      tf.layers.dense({units: 1}),
    ],
  });
  model.compile({optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError'});
  await model.fit(xs, ys, {epochs: 10, batchSize: 32});
  return model;
}

export async function trainVisitorCounts(xs: tf.Tensor2D): Promise<tf.LayersModel> {
  const counts = tf.tensor2d([[0], [3], [12], [7]]);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({units: 8, inputShape: [4], activation: 'relu'}),
      tf.layers.dense({units: 1, activation: 'relu'}),
    ],
  });
  model.compile({optimizer: tf.train.adam(0.01), loss: 'meanAbsoluteError'});
  await model.fit(xs, counts, {epochs: 10});
  return model;
}
