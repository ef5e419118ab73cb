// A small MNIST-style CNN with the shape mistakes of the post's "the library throws a strange
// error although I gave it the right input", for `npm run demo` (rule: shape-mismatch).
// - The classifier has no flatten between the conv stack and the dense head: dense works on
//   the last axis only, so the model's output is [null, 13, 13, 10], and fit rejects the
//   [n, 10] one-hot labels ("expected dense_Dense1 to have 4 dimension(s)").
// - predict is given flat [n, 784] pixels while the model takes [null, 28, 28, 1] images.
// - The autoencoder's first layer has no inputShape: tf.sequential throws at once; the x
//   given to fit shows what it should be.
// Try `tfjs-lint --summary examples/mnist-cnn-shapes.ts` to see the shapes it infers.
import * as tf from '@tensorflow/tfjs';

const IMAGE = [28, 28, 1];

export async function trainClassifier(images: tf.Tensor4D, labels: tf.Tensor2D): Promise<tf.Sequential> {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({inputShape: IMAGE, filters: 8, kernelSize: 3, activation: 'relu'}));
  model.add(tf.layers.maxPooling2d({poolSize: 2}));
  model.add(tf.layers.dense({units: 10, activation: 'softmax'}));
  model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy']});

  const xs = tf.zeros([64, 28, 28, 1]);
  const ys = tf.oneHot(tf.zeros([64], 'int32'), 10);
  await model.fit(xs, ys, {epochs: 1, batchSize: 32});

  const flat = tf.zeros([8, 784]);
  model.predict(flat);
  return model;
}

export async function trainAutoencoder(): Promise<tf.Sequential> {
  const autoencoder = tf.sequential({
    layers: [
      tf.layers.dense({units: 32, activation: 'relu'}),
      tf.layers.dense({units: 784, activation: 'sigmoid'}),
    ],
  });
  autoencoder.compile({optimizer: 'adam', loss: 'binaryCrossentropy'});
  const pixels = tf.randomUniform([128, 784]);
  await autoencoder.fit(pixels, pixels, {epochs: 1});
  return autoencoder;
}
