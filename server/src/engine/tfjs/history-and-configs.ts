// Beside the catalog: the tfjs API over its versions (names older releases had and tfjs 4.22 no
// longer has, Keras names it never had) and the config keys and strings tfjs reads. Each entry
// was checked against the installed @tensorflow/tfjs 4.22 (removed names absent, replacements
// present, keys and strings re-read from tfjs-layers): test/engine/tfjs-history-and-configs.test.ts.
import { ACTIVATIONS, COMPILE_LOSSES } from './catalog';

export interface RemovedApi {
  /** The old name, as a path under the tfjs namespace ('loadModel') or a method name ('get'). */
  name: string;
  /** The first major version without it. */
  removedIn: number;
  /** What to write instead: the replacement's path ('tf.loadLayersModel', 'model.fitDataset'). */
  instead: string;
  /**
   * A drop-in rename: the replacement path (or method) and whether it takes the same arguments
   * and returns the same thing (then the fix is safe); with `onlyWithArgs`, only for calls
   * with at most that many arguments.
   */
  rename?: { to: string; safe: boolean; onlyWithArgs?: number };
}

const strict = (op: string): RemovedApi => ({
  name: `${op}Strict`,
  removedIn: 3,
  instead: `tf.${op}`,
  // The strict op also asserted equal shapes; tf.op broadcasts instead, so the fix is not safe.
  rename: { to: op, safe: false },
});

/** Functions and classes of the tfjs namespace, by path. */
export const REMOVED_TF_PATHS: ReadonlyMap<string, RemovedApi> = new Map(
  [
    // 1.0 (tensorflow/tfjs#1175, #1210)
    // tf.loadModel(path, strict) took a boolean second argument; loadLayersModel takes options.
    { name: 'loadModel', removedIn: 1, instead: 'tf.loadLayersModel', rename: { to: 'loadLayersModel', safe: true, onlyWithArgs: 1 } },
    // loadGraphModel reads the model.json tfjs-converter 1.x writes, not the .pb and weights manifest URLs.
    { name: 'loadFrozenModel', removedIn: 1, instead: 'tf.loadGraphModel' },
    { name: 'fromPixels', removedIn: 1, instead: 'tf.browser.fromPixels', rename: { to: 'browser.fromPixels', safe: true } },
    { name: 'toPixels', removedIn: 1, instead: 'tf.browser.toPixels', rename: { to: 'browser.toPixels', safe: true } },
    { name: 'Model', removedIn: 1, instead: 'tf.LayersModel', rename: { to: 'LayersModel', safe: true } },
    { name: 'FrozenModel', removedIn: 1, instead: 'tf.GraphModel' },
    // 2.0 (tensorflow/tfjs#3232): deprecated in 1.x; batchNorm takes offset, scale, epsilon in another order.
    ...['', '2d', '3d', '4d'].map((rank): RemovedApi => ({
      name: `batchNormalization${rank}`,
      removedIn: 2,
      instead: `tf.batchNorm${rank}`,
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
    // The generators' replacements take a tf.data.Dataset, or run on each batch.
    { name: 'fit_generator', instead: 'model.fitDataset' },
    { name: 'evaluate_generator', instead: 'model.evaluateDataset' },
    { name: 'predict_generator', instead: 'model.predict' },
    // Keras returns and takes NumPy arrays where tfjs returns and takes tensors: not a drop-in.
    { name: 'get_weights', instead: 'model.getWeights', rename: { to: 'getWeights', safe: false } },
    { name: 'set_weights', instead: 'model.setWeights', rename: { to: 'setWeights', safe: false } },
    { name: 'get_layer', instead: 'model.getLayer', rename: { to: 'getLayer', safe: true } },
    { name: 'save_weights', instead: 'model.save' },
    { name: 'load_weights', instead: 'tf.loadLayersModel' },
    { name: 'count_params', instead: 'model.countParams', rename: { to: 'countParams', safe: true } },
  ].map((r) => [r.name, { ...r, removedIn: 0 }]),
);

// ---- config keys and strings tfjs accepts (tfjs-layers 4.22) --------------------------------
// Keys: the properties of ModelCompileArgs, ModelFitArgs, ModelFitDatasetArgs,
// EarlyStoppingCallbackArgs and every layer *Args interface in the installed .d.ts files;
// strings: metricsMap (+ the 'accuracy'/'acc'/'crossentropy'/'ce' shorthands of training.js)
// and getOptimizer's optimizerMap; losses and activations come from the catalog.

export const COMPILE_KEYS: ReadonlySet<string> = new Set(['optimizer', 'loss', 'metrics']);
export const FIT_KEYS: ReadonlySet<string> = new Set([
  'batchSize', 'epochs', 'verbose', 'callbacks', 'validationSplit', 'validationData', 'shuffle', 'classWeight',
  'sampleWeight', 'initialEpoch', 'stepsPerEpoch', 'validationSteps', 'yieldEvery',
]);
export const FIT_DATASET_KEYS: ReadonlySet<string> = new Set([
  'batchesPerEpoch', 'epochs', 'verbose', 'callbacks', 'validationData', 'validationBatchSize', 'validationBatches',
  'yieldEvery', 'initialEpoch', 'classWeight',
]);
export const EARLY_STOPPING_KEYS: ReadonlySet<string> = new Set(['monitor', 'minDelta', 'patience', 'verbose', 'mode', 'baseline', 'restoreBestWeights']);
/** Every key of a layer config, over all layers (a snake_case key is judged against these). */
export const LAYER_CONFIG_KEYS: ReadonlySet<string> = new Set((
  'activation activityRegularizer alpha alphaConstraint alphaInitializer alphaRegularizer axes axis batchInputShape ' +
  'batchSize betaConstraint betaInitializer betaRegularizer biasConstraint biasInitializer biasRegularizer cell cells ' +
  'center cropping dataFormat depthMultiplier depthwiseConstraint depthwiseInitializer depthwiseRegularizer ' +
  'dilationRate dims dropout dropoutFunc dtype embeddingsConstraint embeddingsInitializer embeddingsRegularizer epsilon ' +
  'filters gammaConstraint gammaInitializer gammaRegularizer goBackwards implementation inputDType inputDim inputLength ' +
  'inputShape interpolation kernelConstraint kernelInitializer kernelRegularizer kernelSize layer maskValue maskZero ' +
  'maxValue mergeMode momentum movingMeanInitializer movingVarianceInitializer n name noiseShape ' +
  'padding pointwiseConstraint pointwiseInitializer pointwiseRegularizer poolSize rate recurrentActivation ' +
  'recurrentConstraint recurrentDropout recurrentInitializer recurrentRegularizer resetAfter returnSequences returnState ' +
  'scale seed sharedAxes size stateful stddev strides targetShape theta trainable unitForgetBias units unroll useBias weights'
).split(' '));

/** The loss strings compile accepts: the catalog's. */
export const LOSS_STRINGS: ReadonlySet<string> = COMPILE_LOSSES;
export const METRIC_STRINGS: ReadonlySet<string> = new Set([
  'accuracy', 'acc', 'crossentropy', 'ce',
  'binaryAccuracy', 'categoricalAccuracy', 'precision', 'categoricalCrossentropy', 'sparseCategoricalCrossentropy',
  'mse', 'MSE', 'mae', 'MAE', 'mape', 'MAPE', 'cosine',
]);
export const OPTIMIZER_STRINGS: ReadonlySet<string> = new Set(['Adagrad', 'Adadelta', 'Adam', 'Adamax', 'RMSProp', 'SGD', 'adagrad', 'adadelta', 'adam', 'adamax', 'rmsprop', 'sgd']);
/** The activation strings layers accept: the catalog's. */
export const ACTIVATION_STRINGS: ReadonlySet<string> = new Set(Object.keys(ACTIVATIONS));

/** Keras spellings of losses and metrics, with the tfjs name (the short ones name losses, not metrics). */
export const KERAS_ALIASES: ReadonlyMap<string, string> = new Map([
  ['mse', 'meanSquaredError'], ['MSE', 'meanSquaredError'], ['mae', 'meanAbsoluteError'], ['MAE', 'meanAbsoluteError'],
  ['mape', 'meanAbsolutePercentageError'], ['MAPE', 'meanAbsolutePercentageError'],
  ['msle', 'meanSquaredLogarithmicError'], ['MSLE', 'meanSquaredLogarithmicError'],
  ['kld', 'kullbackLeiblerDivergence'], ['KLD', 'kullbackLeiblerDivergence'], ['kl_divergence', 'kullbackLeiblerDivergence'],
  ['cosine_similarity', 'cosineProximity'],
]);

/**
 * The accepted spelling a written one most likely meant: the same name in camelCase
 * (`batch_size` -> `batchSize`), in another case (`Relu`... `relu`), with a plural `s`
 * (`epoch` -> `epochs`), or a Keras alias. Undefined when none, or more than one, fits.
 */
export function didYouMean(written: string, accepted: ReadonlySet<string>, aliases?: ReadonlyMap<string, string>): string | undefined {
  const alias = aliases?.get(written);
  if (alias && accepted.has(alias)) return alias;
  const camel = written.replace(/[_-]+([a-zA-Z0-9])/g, (_, c: string) => c.toUpperCase());
  const fold = (s: string) => s.replace(/[_-]/g, '').toLowerCase();
  const candidates = new Set<string>();
  for (const name of accepted) {
    if (name === camel || fold(name) === fold(written) || name === `${written}s` || name === `${camel}s`) candidates.add(name);
  }
  // 'Adam' and 'adam' are the same optimizer: prefer the lower-case one when both match.
  if (candidates.size > 1) {
    const lower = [...candidates].filter((c) => c === c.toLowerCase());
    if (lower.length === 1) return lower[0];
  }
  return candidates.size === 1 ? [...candidates][0] : undefined;
}
