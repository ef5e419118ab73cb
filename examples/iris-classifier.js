// Iris species classifier in the browser (global `tf` from a <script> tag), for `npm run demo`
// (rules: loss-activation-mismatch, extreme-learning-rate).
// - Three softmax probabilities are trained with meanSquaredError, whose gradient vanishes
//   through the softmax: training crawls (fix: loss 'categoricalCrossentropy').
// - The "is it setosa?" model has a single softmax unit, which always outputs 1: it predicts
//   setosa for every flower (fix: activation 'sigmoid' with binaryCrossentropy).
// - Adam with a learning rate of 1e-7 barely moves the weights (fix: 0.001).

const IRIS = [
  [5.1, 3.5, 1.4, 0.2, 0], [4.9, 3.0, 1.4, 0.2, 0], [7.0, 3.2, 4.7, 1.4, 1],
  [6.4, 3.2, 4.5, 1.5, 1], [6.3, 3.3, 6.0, 2.5, 2], [5.8, 2.7, 5.1, 1.9, 2],
];

function irisTensors() {
  const xs = tf.tensor2d(IRIS.map((r) => r.slice(0, 4)));
  const labels = tf.tensor1d(IRIS.map((r) => r[4]), 'int32');
  return {xs, ys: tf.oneHot(labels, 3), isSetosa: tf.tensor2d(IRIS.map((r) => [r[4] === 0 ? 1 : 0]))};
}

const hiddenLayer = () => tf.layers.dense({units: 10, activation: 'relu', inputShape: [4]});

async function trainSpecies() {
  const {xs, ys} = irisTensors();
  const model = tf.sequential({
    layers: [hiddenLayer(), tf.layers.dense({units: 3, activation: 'softmax'})],
  });
  model.compile({optimizer: tf.train.adam(1e-7), loss: 'meanSquaredError', metrics: ['accuracy']});
  await model.fit(xs, ys, {epochs: 100});
  return model;
}

async function trainSetosaDetector() {
  const {xs, isSetosa} = irisTensors();
  const input = tf.input({shape: [4]});
  const hidden = tf.layers.dense({units: 8, activation: 'relu'}).apply(input);
  const output = tf.layers.dense({units: 1, activation: 'softmax'}).apply(hidden);
  const model = tf.model({inputs: input, outputs: output});
  model.compile({optimizer: 'adam', loss: 'binaryCrossentropy', metrics: ['accuracy']});
  await model.fit(xs, isSetosa, {epochs: 50});
  return model;
}

document.getElementById('train').addEventListener('click', async () => {
  await trainSpecies();
  await trainSetosaDetector();
});
