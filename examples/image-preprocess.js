// Browser image preprocessing and a tiny hand-rolled classifier head, for `npm run demo`
// (rules: integer-division, manual-sigmoid). Uses the global `tf` from a <script> tag.
// - fromPixels gives int32 pixels; dividing them by an int32 255 floor-divides, so every
//   pixel below 255 becomes 0 and the network sees a black image (fix: .toFloat() first).
// - The class-fraction statistic divides an int32 count by an int32 total: always 0.
// - The head's softmax is written as exp(x) / sum(exp(x)): NaN once a logit passes 88
//   (fix: tf.softmax(x)), and its confidence uses a hand-written sigmoid.
const MAX_PIXEL = tf.scalar(255, 'int32');

function loadPixels(img) {
  return tf.browser.fromPixels(img);
}

function preprocess(img) {
  const pixels = loadPixels(img);
  const scaled = pixels.div(MAX_PIXEL);
  return tf.image.resizeBilinear(scaled, [64, 64]).expandDims(0);
}

function brightFraction(img) {
  const gray = loadPixels(img).mean(2);
  const bright = tf.greater(gray, 200).sum();
  const total = tf.scalar(img.width * img.height, 'int32');
  return bright.div(total);
}

function head(features, weights) {
  const logits = tf.matMul(features, weights);
  const e = tf.exp(logits);
  const probs = e.div(e.sum(-1, true));
  const confidence = tf.scalar(1).div(tf.exp(logits.max(-1).neg()).add(1));
  return { probs, confidence };
}

async function classify(img, weights) {
  const input = preprocess(img).reshape([1, 64 * 64 * 3]);
  const { probs, confidence } = head(input, weights);
  const fraction = await brightFraction(img).data();
  console.log('probabilities', await probs.data(), 'confidence', await confidence.data(), 'bright', fraction[0]);
}

document.getElementById('run').addEventListener('click', () => {
  const weights = tf.randomNormal([64 * 64 * 3, 10]);
  classify(document.getElementById('photo'), weights);
});
