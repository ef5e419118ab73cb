// A Node training script, for `npm run demo` (rules: unawaited-fit, no-early-stopping).
// - fit is not awaited, so the predictions printed right after come from the untrained model
//   (fix: await the fit).
// - 100 epochs with a validation split and no early stopping: training goes on long after the
//   validation loss stops improving (fix: tf.callbacks.earlyStopping).
const tf = require('@tensorflow/tfjs');

function makeData(n: number) {
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = Math.random() * 2 - 1;
    const b = Math.random() * 2 - 1;
    x.push([a, b]);
    y.push(3 * a - 2 * b + 0.5);
  }
  return {xs: tf.tensor2d(x), ys: tf.tensor2d(y, [n, 1])};
}

export async function main() {
  const {xs, ys} = makeData(200);
  const model = tf.sequential({
    layers: [
      tf.layers.dense({units: 16, activation: 'relu', inputShape: [2]}),
      tf.layers.dense({units: 1}),
    ],
  });
  model.compile({optimizer: tf.train.adam(0.01), loss: 'meanSquaredError'});

  model.fit(xs, ys, {
    epochs: 100,
    batchSize: 32,
    validationSplit: 0.2,
  });
  model.predict(tf.tensor2d([[0.5, -0.5]])).print();
}
