// A tiny classifier whose log-probability is written by hand.
const tf = require('@tensorflow/tfjs');

const model = tf.sequential();
model.add(tf.layers.dense({ units: 16, activation: 'relu', inputShape: [4] }));
model.add(tf.layers.dense({ units: 1 })); // logits

function positiveLogProbability(xs) {
  const logits = model.predict(xs);
  return tf.log(tf.sigmoid(logits));
}

// The stable form: tfjs-lint must leave it alone.
function negativeLogProbability(xs) {
  return tf.logSigmoid(tf.neg(model.predict(xs)));
}

module.exports = { positiveLogProbability, negativeLogProbability };
