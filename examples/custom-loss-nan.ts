// A spam scorer trained with a hand-written loss, for `npm run demo` (rules: unsafe-log,
// manual-sigmoid).
// - `crossEntropy` writes binary cross-entropy out with tf.log: once a score saturates, in
//   float32 sigmoid is exactly 0 or 1, log(0) is -Infinity, 0 * -Infinity is NaN, and every
//   weight turns NaN (fix: tf.losses.sigmoidCrossEntropy(labels, logits)).
// - `squash` is sigmoid written as 1 / (1 + exp(-z)): exp(-z) overflows past z = -88 and the
//   gradient is NaN even where the value looks fine (fix: tf.sigmoid(z)).
// - `logLikelihood` takes tf.log of the model's sigmoid output (fix: clip it first).
import * as tf from '@tensorflow/tfjs';

const FEATURES = 6;

/** Word counts per message, and whether it is spam; long messages have large counts. */
function makeData(n: number): { xs: tf.Tensor2D; ys: tf.Tensor2D } {
  const rows: number[][] = [];
  const labels: number[][] = [];
  for (let i = 0; i < n; i++) {
    const spam = i % 3 === 0;
    const length = 1 + (i % 7) * 20;
    rows.push(Array.from({ length: FEATURES }, (_, j) => (spam === j < 3 ? length : 0)));
    labels.push([spam ? 1 : 0]);
  }
  return { xs: tf.tensor2d(rows), ys: tf.tensor2d(labels) };
}

function squash(z: tf.Tensor): tf.Tensor {
  return tf.div(1, tf.add(1, tf.exp(tf.neg(z))));
}

function crossEntropy(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  const p = tf.sigmoid(logits);
  const positive = tf.mul(labels, tf.log(p));
  const negative = tf.mul(tf.sub(1, labels), tf.log(tf.sub(1, p)));
  return tf.neg(tf.mean(tf.add(positive, negative))) as tf.Scalar;
}

export async function trainScorer(): Promise<number[]> {
  const { xs, ys } = makeData(60);
  const w = tf.variable(tf.randomNormal([FEATURES, 1], 0, 0.5));
  const b = tf.variable(tf.zeros([1]));
  const optimizer = tf.train.adam(0.05);
  const losses: number[] = [];
  for (let step = 0; step < 50; step++) {
    const loss = optimizer.minimize(() => crossEntropy(ys, tf.add(tf.matMul(xs, w), b)), true);
    losses.push((await loss!.data())[0]);
    loss!.dispose();
  }
  const scores = squash(tf.add(tf.matMul(xs, w), b));
  scores.print();
  return losses;
}

export function logLikelihood(xs: tf.Tensor, ys: tf.Tensor): tf.Tensor {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 8, inputShape: [FEATURES], activation: 'relu' }),
      tf.layers.dense({ units: 1, activation: 'sigmoid' }),
    ],
  });
  const p = model.predict(xs) as tf.Tensor;
  return tf.sum(tf.mul(ys, tf.log(p)));
}

trainScorer().then((losses) => console.log('first and last loss:', losses[0], losses[losses.length - 1]));
