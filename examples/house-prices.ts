// House-price regression, for `npm run demo` (rules: bounded-regression-output,
// extreme-learning-rate, relu-output-signed-targets).
// - The price head ends in a sigmoid, but prices are in the hundreds of thousands: every
//   prediction stays below 1 and the loss stays near 1.5e11 (fix: activation 'linear').
// - sgd with a learning rate of 1e9: once the output is linear, the loss turns NaN (fix: 0.01;
//   scaling the prices, e.g. to thousands, is the next step).
// - The second model predicts standardised prices (half of them negative) through a relu,
//   which can never be negative (fix: activation 'linear').
import * as tf from '@tensorflow/tfjs';

const LEARNING_RATE = 1e9;

interface House {
  rooms: number;
  area: number;
  age: number;
  price: number;
}

const houses: House[] = [
  {rooms: 3, area: 120, age: 12, price: 310000},
  {rooms: 2, area: 75, age: 30, price: 185000},
  {rooms: 4, area: 160, age: 5, price: 455000},
  {rooms: 5, area: 210, age: 2, price: 620000},
  {rooms: 1, area: 40, age: 45, price: 98000},
];

function features(rows: House[]): tf.Tensor2D {
  return tf.tensor2d(rows.map((h) => [h.rooms / 5, h.area / 200, h.age / 50]));
}

function buildPriceModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.dense({units: 16, inputShape: [3], activation: 'relu'}));
  model.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));
  model.compile({optimizer: tf.train.sgd(LEARNING_RATE), loss: 'meanSquaredError'});
  return model;
}

export async function trainRawPrices(): Promise<number> {
  const model = buildPriceModel();
  const prices = tf.tensor2d([[310000], [185000], [455000], [620000], [98000]]);
  const history = await model.fit(features(houses), prices, {epochs: 50, verbose: 0});
  return history.history.loss[49] as number;
}

export async function trainStandardised(): Promise<number> {
  const prices = tf.tensor2d(houses.map((h) => [h.price]));
  const {mean, variance} = tf.moments(prices);
  const ys = tf.div(tf.sub(prices, mean), tf.sqrt(variance));
  const model = tf.sequential({
    layers: [
      tf.layers.dense({units: 16, inputShape: [3], activation: 'relu'}),
      tf.layers.dense({units: 1, activation: 'relu'}),
    ],
  });
  model.compile({optimizer: tf.train.adam(0.01), loss: 'meanAbsoluteError'});
  const history = await model.fit(features(houses), ys, {epochs: 50, verbose: 0});
  return history.history.loss[49] as number;
}
