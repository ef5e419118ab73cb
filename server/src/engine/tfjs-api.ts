// Facts about the tfjs API over its versions: names that older releases had and tfjs 4.22 no
// longer has. Each entry was checked against the installed @tensorflow/tfjs 4.22 (the removed
// name is absent, the replacement present; test/engine/tfjs-api.test.ts checks it again).
// Kept in one module so it can move into the tfjs API catalog as a whole.

export interface RemovedApi {
  /** The old name, as a path under the tfjs namespace ('loadModel') or a method name ('get'). */
  name: string;
  /** The first major version without it. */
  removedIn: number;
  /** What to write instead, as the message says it ('tf.loadLayersModel'). */
  instead: string;
  /**
   * A drop-in rename: the replacement path (or method) and whether it takes the same arguments
   * and returns the same thing (then the fix is safe).
   */
  rename?: { to: string; safe: boolean; onlyWithArgs?: number; otherwise?: string };
  /** One short clause on what differs, when the replacement is not a drop-in. */
  note?: string;
}

const strict = (op: string): RemovedApi => ({
  name: `${op}Strict`,
  removedIn: 3,
  instead: `tf.${op}`,
  // The strict op also asserted equal shapes; tf.op broadcasts instead, so the fix is not safe.
  rename: { to: op, safe: false },
  note: `tf.${op} broadcasts where the strict op threw on different shapes`,
});

/** Functions and classes of the tfjs namespace, by path. */
export const REMOVED_TF_PATHS: ReadonlyMap<string, RemovedApi> = new Map(
  [
    // 1.0 (tensorflow/tfjs#1175, #1210)
    // tf.loadModel(path, strict) took a boolean second argument; loadLayersModel takes options.
    { name: 'loadModel', removedIn: 1, instead: 'tf.loadLayersModel', rename: { to: 'loadLayersModel', safe: true, onlyWithArgs: 1, otherwise: 'its second argument is an options object such as {strict: false}, not a boolean' } },
    { name: 'loadFrozenModel', removedIn: 1, instead: 'tf.loadGraphModel', note: 'it loads the model.json that tfjs-converter 1.x writes, not the .pb and weights manifest URLs' },
    { name: 'fromPixels', removedIn: 1, instead: 'tf.browser.fromPixels', rename: { to: 'browser.fromPixels', safe: true } },
    { name: 'toPixels', removedIn: 1, instead: 'tf.browser.toPixels', rename: { to: 'browser.toPixels', safe: true } },
    { name: 'Model', removedIn: 1, instead: 'tf.LayersModel', rename: { to: 'LayersModel', safe: true } },
    { name: 'FrozenModel', removedIn: 1, instead: 'tf.GraphModel', note: 'loaded with tf.loadGraphModel' },
    // 2.0 (tensorflow/tfjs#3232): deprecated in 1.x; batchNorm takes offset, scale, epsilon in another order.
    ...['', '2d', '3d', '4d'].map((rank): RemovedApi => ({
      name: `batchNormalization${rank}`,
      removedIn: 2,
      instead: `tf.batchNorm${rank}`,
      note: 'its arguments are (x, mean, variance, offset, scale, varianceEpsilon): offset and scale swap places and the epsilon moves last',
    })),
    // 3.0 (tensorflow/tfjs#3232, #4527)
    ...['add', 'sub', 'mul', 'div', 'mod', 'pow', 'minimum', 'maximum', 'squaredDifference',
      'equal', 'notEqual', 'less', 'lessEqual', 'greater', 'greaterEqual'].map(strict),
    { name: 'depthwiseConv2D', removedIn: 3, instead: 'tf.depthwiseConv2d', rename: { to: 'depthwiseConv2d', safe: true } },
  ].map((r) => [r.name, r]),
);

/** Tensor methods removed in 1.0. */
export const REMOVED_TENSOR_METHODS: ReadonlyMap<string, RemovedApi> = new Map([
  // Tensor.get(...indices) became TensorBuffer.get: same indices, same number.
  ['get', { name: 'get', removedIn: 1, instead: 'tensor.bufferSync().get', rename: { to: 'bufferSync().get', safe: true } }],
]);

/**
 * Tensor methods whose contract changed in 1.0: `buffer()` now returns a Promise, so a
 * synchronous use of its result (`t.buffer().get(0)`) throws.
 */
export const NOW_ASYNC_TENSOR_METHODS: ReadonlyMap<string, RemovedApi> = new Map([
  ['buffer', { name: 'buffer', removedIn: 1, instead: 'tensor.bufferSync()', rename: { to: 'bufferSync', safe: true } }],
]);

/**
 * Python Keras method names that LayersModel never had (tfjs uses camelCase), with the tfjs
 * method that does the same, when there is one.
 */
export const KERAS_MODEL_METHODS: ReadonlyMap<string, RemovedApi> = new Map(
  [
    { name: 'predict_classes', instead: 'model.predict(x).argMax(-1)' },
    { name: 'predict_proba', instead: 'model.predict(x)' },
    { name: 'predict_on_batch', instead: 'model.predictOnBatch', rename: { to: 'predictOnBatch', safe: true } },
    { name: 'train_on_batch', instead: 'model.trainOnBatch', rename: { to: 'trainOnBatch', safe: true } },
    { name: 'fit_generator', instead: 'model.fitDataset with a tf.data.Dataset' },
    { name: 'evaluate_generator', instead: 'model.evaluateDataset with a tf.data.Dataset' },
    { name: 'predict_generator', instead: 'model.predict on each batch' },
    // Keras returns and takes NumPy arrays where tfjs returns and takes tensors: not a drop-in.
    { name: 'get_weights', instead: 'model.getWeights (it returns tensors)', rename: { to: 'getWeights', safe: false } },
    { name: 'set_weights', instead: 'model.setWeights (it takes tensors)', rename: { to: 'setWeights', safe: false } },
    { name: 'get_layer', instead: 'model.getLayer', rename: { to: 'getLayer', safe: true } },
    { name: 'save_weights', instead: 'model.save' },
    { name: 'load_weights', instead: 'tf.loadLayersModel' },
    { name: 'count_params', instead: 'model.countParams', rename: { to: 'countParams', safe: true } },
  ].map((r) => [r.name, { ...r, removedIn: 0 }]),
);

/**
 * The tfjs major version a text pins in a package URL (`.../npm/@tensorflow/tfjs@0.13.0`,
 * `unpkg.com/@tensorflow/tfjs@0.15`), or undefined when it pins none.
 */
export function pinnedTfjsMajor(text: string): number | undefined {
  const m = /@tensorflow\/tfjs(?:-core|-layers)?@\^?~?(\d+)(?:\.|\b)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * The lowest major version a package.json range admits ('^0.13.0' -> 0, '~1.2' -> 1,
 * 'latest' or '*' -> undefined: not pinned to an old release).
 */
export function rangeMajor(range: string): number | undefined {
  const m = /^\s*(?:[\^~=v]|>=?)?\s*(\d+)(?:\.|$|\s)/.exec(range);
  return m ? Number(m[1]) : undefined;
}
