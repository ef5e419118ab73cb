// Binary cross-entropy written by hand, as in many tutorials.
const tf = require('@tensorflow/tfjs');

function bceLoss(labels, logits) {
  const o = tf.sigmoid(logits);
  return tf.neg(tf.mean(tf.add(tf.mul(labels, tf.log(o)), tf.mul(tf.sub(1, labels), tf.log(tf.sub(1, o))))));
}

module.exports = { bceLoss };
