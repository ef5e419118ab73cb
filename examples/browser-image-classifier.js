// A browser script (global `tf` from a <script> tag) that trains a small image classifier on
// canvas snapshots, for `npm run demo` (rules: separate-shuffle, unnormalized-input).
// - The snapshots and their labels are shuffled each on its own: every image ends up next to
//   a random label and the model learns nothing (fix: tf.util.shuffleCombo).
// - fromPixels gives int32 values 0-255 and nothing scales them (fix: .toFloat().div(255)).

const IMAGE_SIZE = 32;
const CLASSES = ['cat', 'dog'];

const model = tf.sequential({
  layers: [
    tf.layers.conv2d({inputShape: [IMAGE_SIZE, IMAGE_SIZE, 3], filters: 8, kernelSize: 3, activation: 'relu'}),
    tf.layers.maxPooling2d({poolSize: 2}),
    tf.layers.flatten(),
    tf.layers.dense({units: CLASSES.length, activation: 'softmax'}),
  ],
});
model.compile({optimizer: 'adam', loss: 'categoricalCrossentropy', metrics: ['accuracy']});

function snapshot(canvas) {
  return tf.browser.fromPixels(canvas).resizeBilinear([IMAGE_SIZE, IMAGE_SIZE]);
}

async function train(canvases, classIndices) {
  const images = canvases.map((c) => snapshot(c));
  const labels = classIndices.map((i) => tf.oneHot(i, CLASSES.length));
  tf.util.shuffle(images);
  tf.util.shuffle(labels);
  await model.fit(tf.stack(images), tf.stack(labels), {epochs: 10, batchSize: 8});
}

function classify(canvas) {
  const probs = model.predict(snapshot(canvas).expandDims(0));
  return CLASSES[probs.argMax(-1).dataSync()[0]];
}
