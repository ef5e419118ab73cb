// The tfjs API catalog: one record per API path (the path below the namespace, 'sigmoid',
// 'layers.dense', 'train.adam'), holding what the engine and the rules know about it. Every
// other module asks here instead of keeping its own list of names. test/engine/tfjs-catalog
// checks each record against the installed @tensorflow/tfjs 4.22 (the path exists with the
// claimed kind, dtypes and output ranges hold on real tensors, optimizer defaults).
//
// A tensor op's `path` is also its name as a Tensor method when `form` says so (`x.sigmoid()`):
// the evaluator records methods by name and functions by path, and the two meet here.

/** What calling the path gives. */
export type ApiKind =
  | 'op' // a tensor (ops, tensor factories, image and browser functions)
  | 'layer' // a Layer (tf.layers.<factory>(config))
  | 'input' // a SymbolicTensor (tf.input, tf.layers.input)
  | 'model' // a new LayersModel (tf.sequential, tf.model)
  | 'loader' // a model loaded from elsewhere (Promise of a LayersModel or GraphModel)
  | 'optimizer' // a tf.train optimizer
  | 'callback' // a training callback
  | 'dataset' // a tf.data Dataset
  | 'loss' // a loss function: (yTrue, yPred) => tensor
  | 'metric' // a metric function: (yTrue, yPred) => tensor
  | 'scope' // runs a function and returns what it returns (tf.tidy)
  | 'io' // an IO handler or router (tf.io.*)
  | 'other'; // anything that is not a tensor (util, backend, memory, version, ...)

/** The dtype of an op's result. */
export type DtypeRule =
  | 'same' // the first operand's dtype
  | 'float32' // float32 whatever the input
  | 'int32'
  | 'bool'
  | 'float-only' // float32 in, float32 out; int32 and bool inputs throw
  | 'bool-only' // bool in, bool out; other dtypes throw
  | 'upcast' // tfjs's upcastType of the two operands
  | 'data' // a factory: the dtype argument, else inferred from the data
  | 'argument' // the dtype argument (`dtypeArg`), else float32
  | 'custom'; // worked out by code in shapes/tensors.ts

/** How the result's shape follows from the operands (shapes/tensors.ts holds the code). */
export type ShapeRule =
  | 'same' // the first operand's shape
  | 'broadcast' // the two operands broadcast together
  | 'reduce' // reduction over axes, with keepDims
  | 'arg-reduce' // argMax/argMin: one axis removed
  | 'constructor' // from the data (or the shape argument), of rank `rank`
  | 'shape-argument' // the first argument is the shape
  | 'custom'; // an op-specific rule in shapes/tensors.ts

/** Closed bounds every element of the result lies in (±Infinity when open on that side). */
export interface Bounds {
  readonly lo: number;
  readonly hi: number;
}

/**
 * What an op keeps of its (first) operand's values:
 * - value: every element is kept (reshape, clone, cast to float)
 * - subset: some elements are kept (slice, gather): bounds still hold but may not be reached
 * - scale: values change but stay on the same scale (resize, mean, round, cast to int)
 */
export type Preserves = 'value' | 'subset' | 'scale';

export interface OpRecord {
  readonly kind: 'op';
  /** `tf.x(...)` (function), `t.x(...)` (method) or both. */
  readonly form: 'function' | 'method' | 'both';
  readonly dtype?: DtypeRule;
  /** Where the dtype argument sits for 'data' and 'argument' dtype rules. */
  readonly dtypeArg?: number;
  readonly shape?: ShapeRule;
  /** Constructors: the rank of the result (undefined: any rank). */
  readonly rank?: number;
  /** Bounds of the result whatever the input. */
  readonly range?: Bounds;
  readonly preserves?: Preserves;
}

export interface LayerRecord {
  readonly kind: 'layer';
  /** The class name model.summary() prints. */
  readonly className: string;
  /** The default of the layer's own `activation` option, for layers that have one. */
  readonly activation?: string;
  /** Stand-alone activation layers: the activation they apply. */
  readonly applies?: string;
  /** Passes values through with their range (so an activation before it is the output's). */
  readonly keepsRange?: boolean;
  /** Keeps its input's rank (flatten before the first such layer fixes a rank). */
  readonly keepsRank?: boolean;
  /** Takes exactly this input rank, batch included. */
  readonly inputRank?: number;
  /** tfjs 4.22 accepts the factory with no argument (the others throw reading it). */
  readonly noArgument?: boolean;
  /** Takes a list of inputs. */
  readonly merge?: boolean;
}

export interface OptimizerRecord {
  readonly kind: 'optimizer';
  /** tf.train.<name>()'s default learning rate; undefined when the rate must be given. */
  readonly learningRate: number | undefined;
  /** The rate tfjs-layers uses for the same optimizer given to compile as a string. */
  readonly compileRate: number | undefined;
  /** Its positional parameters, in order: tf.train factories take no config object. */
  readonly parameters: readonly string[];
}

export interface LossRecord {
  readonly kind: 'loss' | 'metric';
  /** The compile-string loss it computes ('meanSquaredError'); losses.* cross-entropies take logits. */
  readonly computes?: string;
}

export interface OtherRecord {
  readonly kind: Exclude<ApiKind, 'op' | 'layer' | 'optimizer' | 'loss' | 'metric'>;
}

export type ApiRecord = (OpRecord | LayerRecord | OptimizerRecord | LossRecord | OtherRecord) & {
  /** Only in this package (tfjs-node); the installed tfjs cannot check it. */
  readonly package?: 'tfjs-node';
};

// ---- builders: each line below reads as one fact ------------------------------------------

const R01: Bounds = { lo: 0, hi: 1 };
const R0INF: Bounds = { lo: 0, hi: Infinity };
const RSIGNED1: Bounds = { lo: -1, hi: 1 };

type OpExtra = Omit<OpRecord, 'kind' | 'form'>;
function fn(extra: OpExtra = {}): OpRecord {
  return { kind: 'op', form: 'function', ...extra };
}
function both(extra: OpExtra = {}): OpRecord {
  return { kind: 'op', form: 'both', ...extra };
}
function method(extra: OpExtra = {}): OpRecord {
  return { kind: 'op', form: 'method', ...extra };
}
/** Elementwise, same shape. */
function unary(dtype: DtypeRule, extra: OpExtra = {}): OpRecord {
  return both({ dtype, shape: 'same', ...extra });
}
function binary(dtype: DtypeRule = 'upcast', extra: OpExtra = {}): OpRecord {
  return both({ dtype, shape: 'broadcast', ...extra });
}
function layer(className: string, extra: Omit<LayerRecord, 'kind' | 'className'> = {}): LayerRecord {
  return { kind: 'layer', className, ...extra };
}
function optimizer(learningRate: number | undefined, compileRate: number | undefined, ...rest: string[]): OptimizerRecord {
  return { kind: 'optimizer', learningRate, compileRate, parameters: ['learningRate', ...rest] };
}
const other: OtherRecord = { kind: 'other' };
const dataset: OtherRecord = { kind: 'dataset' };
const io: OtherRecord = { kind: 'io' };

const CONV_LIKE = { activation: 'linear' } as const;
const RECURRENT = { activation: 'tanh', inputRank: 3 } as const;
const PASS = { keepsRange: true } as const;

const RECORDS: Record<string, ApiRecord> = {
  // -- tensor factories ------------------------------------------------------------------
  tensor: fn({ dtype: 'data', dtypeArg: 2, shape: 'constructor', preserves: 'value' }),
  scalar: fn({ dtype: 'data', dtypeArg: 1, shape: 'constructor', rank: 0, preserves: 'value' }),
  tensor1d: fn({ dtype: 'data', dtypeArg: 1, shape: 'constructor', rank: 1, preserves: 'value' }),
  tensor2d: fn({ dtype: 'data', dtypeArg: 2, shape: 'constructor', rank: 2, preserves: 'value' }),
  tensor3d: fn({ dtype: 'data', dtypeArg: 2, shape: 'constructor', rank: 3, preserves: 'value' }),
  tensor4d: fn({ dtype: 'data', dtypeArg: 2, shape: 'constructor', rank: 4, preserves: 'value' }),
  tensor5d: fn({ dtype: 'data', dtypeArg: 2, shape: 'constructor', rank: 5, preserves: 'value' }),
  tensor6d: fn({ dtype: 'data', dtypeArg: 2, shape: 'constructor', rank: 6, preserves: 'value' }),
  variable: both({ dtype: 'same', shape: 'same', preserves: 'value' }),
  zeros: fn({ dtype: 'argument', dtypeArg: 1, shape: 'shape-argument' }),
  ones: fn({ dtype: 'argument', dtypeArg: 1, shape: 'shape-argument' }),
  fill: fn({ dtype: 'custom', dtypeArg: 2, shape: 'shape-argument' }),
  buffer: other, // a TensorBuffer (get/set/toTensor), not a tensor
  randomNormal: fn({ dtype: 'argument', dtypeArg: 3, shape: 'shape-argument' }),
  randomUniform: fn({ dtype: 'argument', dtypeArg: 3, shape: 'shape-argument' }),
  randomUniformInt: fn({ dtype: 'int32', shape: 'shape-argument' }),
  truncatedNormal: fn({ dtype: 'argument', dtypeArg: 3, shape: 'shape-argument' }),
  randomStandardNormal: fn({ dtype: 'argument', dtypeArg: 1, shape: 'shape-argument' }),
  randomGamma: fn({ dtype: 'argument', dtypeArg: 4, shape: 'shape-argument', range: R0INF }),
  zerosLike: unary('same'),
  onesLike: unary('same'),
  eye: fn({ dtype: 'custom', shape: 'custom', range: R01 }),
  linspace: fn({ dtype: 'float32', shape: 'custom' }),
  range: fn({ dtype: 'custom', dtypeArg: 3, shape: 'custom' }),
  oneHot: both({ dtype: 'int32', shape: 'custom', range: R01 }),
  complex: fn(),
  multinomial: fn({ dtype: 'int32' }),
  // -- elementwise, same dtype -------------------------------------------------------------
  abs: unary('same', { range: R0INF, preserves: 'scale' }),
  neg: unary('same'),
  square: unary('same', { range: R0INF }),
  relu: unary('same', { range: R0INF }),
  relu6: unary('same', { range: { lo: 0, hi: 6 } }),
  clone: unary('same', { preserves: 'value' }),
  round: unary('same', { preserves: 'scale' }),
  sign: unary('same', { range: RSIGNED1 }),
  clipByValue: unary('same'),
  step: unary('same'),
  reverse: both({ dtype: 'same', shape: 'same', preserves: 'value' }),
  selu: unary('same'),
  softplus: unary('same', { range: R0INF }),
  asin: unary('same'),
  acos: unary('same'),
  atan: unary('same'),
  sinh: unary('same'),
  asinh: unary('same'),
  acosh: unary('same'),
  atanh: unary('same'),
  reciprocal: unary('same'),
  log1p: unary('same'),
  expm1: unary('same'),
  logSigmoid: unary('same'),
  // -- elementwise, float32 out ---------------------------------------------------------------
  exp: unary('float32', { range: R0INF }),
  logSoftmax: unary('float32'),
  leakyRelu: unary('float32'),
  erf: unary('float32', { range: RSIGNED1 }),
  dropout: fn({ dtype: 'float32', shape: 'same' }),
  toFloat: method({ dtype: 'float32', shape: 'same', preserves: 'value' }),
  // prelu computes with its (float) alpha: an int32 input gives float32.
  prelu: both({ dtype: 'upcast', shape: 'same' }),
  // -- elementwise, float32 only ------------------------------------------------------------
  log: unary('float-only'),
  sigmoid: unary('float-only', { range: R01 }),
  tanh: unary('float-only', { range: RSIGNED1 }),
  sqrt: unary('float-only', { range: R0INF }),
  rsqrt: unary('float-only', { range: R0INF }),
  softmax: unary('float-only', { range: R01 }),
  elu: unary('float-only', { range: { lo: -1, hi: Infinity } }),
  sin: unary('float-only', { range: RSIGNED1 }),
  cos: unary('float-only', { range: RSIGNED1 }),
  tan: unary('float-only'),
  cosh: unary('float-only', { range: { lo: 1, hi: Infinity } }),
  floor: unary('float-only', { preserves: 'scale' }),
  ceil: unary('float-only', { preserves: 'scale' }),
  // -- to bool, to int ------------------------------------------------------------------------
  isNaN: unary('bool'),
  isInf: unary('bool'),
  isFinite: unary('bool'),
  toBool: method({ dtype: 'bool', shape: 'same' }),
  toInt: method({ dtype: 'int32', shape: 'same', preserves: 'scale' }),
  cast: both({ dtype: 'custom', shape: 'same', preserves: 'scale' }),
  logicalNot: both({ dtype: 'bool-only', shape: 'same' }),
  // -- binary -------------------------------------------------------------------------------
  add: binary(),
  sub: binary(),
  mul: binary(),
  div: binary(),
  pow: binary(),
  maximum: binary(),
  minimum: binary(),
  mod: binary(),
  squaredDifference: binary('upcast', { range: R0INF }),
  divNoNan: binary(),
  floorDiv: binary('int32'),
  atan2: binary(),
  equal: binary('bool'),
  notEqual: binary('bool'),
  less: binary('bool'),
  lessEqual: binary('bool'),
  greater: binary('bool'),
  greaterEqual: binary('bool'),
  logicalAnd: binary('bool-only'),
  logicalOr: binary('bool-only'),
  logicalXor: binary('bool-only'),
  where: fn({ dtype: 'custom' }),
  // -- reductions ---------------------------------------------------------------------------
  sum: both({ dtype: 'custom', shape: 'reduce' }),
  mean: both({ dtype: 'float32', shape: 'reduce', preserves: 'scale' }),
  max: both({ dtype: 'same', shape: 'reduce', preserves: 'scale' }),
  min: both({ dtype: 'same', shape: 'reduce', preserves: 'scale' }),
  prod: both({ dtype: 'custom', shape: 'reduce' }),
  any: both({ dtype: 'bool-only', shape: 'reduce' }),
  all: both({ dtype: 'bool-only', shape: 'reduce' }),
  logSumExp: both({ dtype: 'float32', shape: 'reduce' }),
  argMax: both({ dtype: 'int32', shape: 'arg-reduce' }),
  argMin: both({ dtype: 'int32', shape: 'arg-reduce' }),
  norm: both({ dtype: 'float-only', range: R0INF }),
  euclideanNorm: both({ dtype: 'float-only', range: R0INF }),
  moments: fn(),
  cumsum: both({ dtype: 'same', shape: 'same' }),
  cumprod: both({ dtype: 'same', shape: 'same' }),
  topk: both(),
  unique: both(),
  // -- shape and selection ---------------------------------------------------------------------
  reshape: both({ dtype: 'same', shape: 'custom', preserves: 'value' }),
  reshapeAs: method({ dtype: 'same', preserves: 'value' }),
  expandDims: both({ dtype: 'same', shape: 'custom', preserves: 'value' }),
  squeeze: both({ dtype: 'same', shape: 'custom', preserves: 'value' }),
  flatten: method({ dtype: 'same', shape: 'custom', preserves: 'value' }),
  transpose: both({ dtype: 'same', shape: 'custom', preserves: 'value' }),
  as1D: method({ dtype: 'same', preserves: 'value' }),
  as2D: method({ dtype: 'same', preserves: 'value' }),
  as3D: method({ dtype: 'same', preserves: 'value' }),
  as4D: method({ dtype: 'same', preserves: 'value' }),
  as5D: method({ dtype: 'same', preserves: 'value' }),
  asType: method({ dtype: 'custom', preserves: 'scale' }),
  broadcastTo: both({ dtype: 'same', preserves: 'value' }),
  tile: both({ dtype: 'same', shape: 'custom', preserves: 'value' }),
  pad: both({ dtype: 'same', shape: 'custom', preserves: 'scale' }),
  mirrorPad: both({ dtype: 'same', preserves: 'value' }),
  slice: both({ dtype: 'same', shape: 'custom', preserves: 'subset' }),
  stridedSlice: both({ dtype: 'same', preserves: 'subset' }),
  gather: both({ dtype: 'same', preserves: 'subset' }),
  gatherND: fn({ dtype: 'same', preserves: 'subset' }),
  concat: both({ dtype: 'custom', shape: 'custom', preserves: 'value' }),
  stack: both({ dtype: 'custom', shape: 'custom', preserves: 'value' }),
  unstack: both({ preserves: 'subset' }),
  split: both({ preserves: 'subset' }),
  // -- linear algebra, convolution ------------------------------------------------------------
  matMul: both({ dtype: 'upcast', shape: 'custom' }),
  dot: both({ dtype: 'upcast', shape: 'custom' }),
  outerProduct: fn({ dtype: 'upcast' }),
  conv1d: both(),
  conv2d: both(),
  conv2dTranspose: both(),
  conv3d: fn(),
  depthwiseConv2d: both(),
  separableConv2d: both(),
  maxPool: both({ dtype: 'same', preserves: 'scale' }),
  avgPool: both({ dtype: 'float-only', preserves: 'scale' }),
  batchNorm: both(),
  einsum: fn(),
  // -- image and browser ------------------------------------------------------------------------
  'image.resizeBilinear': fn({ dtype: 'float32', preserves: 'scale' }),
  'image.resizeNearestNeighbor': fn({ dtype: 'same', preserves: 'scale' }),
  'image.flipLeftRight': fn({ dtype: 'float-only', preserves: 'value' }),
  'image.cropAndResize': fn({ dtype: 'float32', preserves: 'scale' }),
  'image.rotateWithOffset': fn({ dtype: 'float-only', preserves: 'scale' }),
  'image.rgbToGrayscale': fn({ dtype: 'same', preserves: 'scale' }),
  'image.grayscaleToRGB': fn({ dtype: 'same', preserves: 'value' }),
  'image.nonMaxSuppression': fn({ dtype: 'int32' }),
  resizeBilinear: method({ dtype: 'float32', preserves: 'scale' }),
  resizeNearestNeighbor: method({ dtype: 'same', preserves: 'scale' }),
  'browser.fromPixels': fn({ dtype: 'int32', range: { lo: 0, hi: 255 } }),
  'browser.fromPixelsAsync': fn({ dtype: 'int32', range: { lo: 0, hi: 255 } }),
  'browser.toPixels': { kind: 'other' },
  'node.decodeImage': { ...fn({ dtype: 'int32', range: { lo: 0, hi: 255 } }), package: 'tfjs-node' },
  'node.decodeJpeg': { ...fn({ dtype: 'int32', range: { lo: 0, hi: 255 } }), package: 'tfjs-node' },
  'node.decodePng': { ...fn({ dtype: 'int32', range: { lo: 0, hi: 255 } }), package: 'tfjs-node' },
  'node.decodeBmp': { ...fn({ dtype: 'int32', range: { lo: 0, hi: 255 } }), package: 'tfjs-node' },
  'node.decodeGif': { ...fn({ dtype: 'int32', range: { lo: 0, hi: 255 } }), package: 'tfjs-node' },
  // -- models and layers ------------------------------------------------------------------------
  sequential: { kind: 'model' },
  model: { kind: 'model' },
  input: { kind: 'input' },
  'layers.input': { kind: 'input' },
  loadLayersModel: { kind: 'loader' },
  loadGraphModel: { kind: 'loader' },
  'models.modelFromJSON': { kind: 'loader' },
  'layers.inputLayer': layer('InputLayer', PASS),
  'layers.dense': layer('Dense', { activation: 'linear', keepsRank: true }),
  'layers.flatten': layer('Flatten', { ...PASS, noArgument: true }),
  'layers.reshape': layer('Reshape', PASS),
  'layers.conv1d': layer('Conv1D', { ...CONV_LIKE, inputRank: 3 }),
  'layers.conv2d': layer('Conv2D', { ...CONV_LIKE, inputRank: 4 }),
  'layers.conv3d': layer('Conv3D', CONV_LIKE),
  'layers.conv2dTranspose': layer('Conv2DTranspose', { ...CONV_LIKE, inputRank: 4 }),
  'layers.conv3dTranspose': layer('Conv3DTranspose', CONV_LIKE),
  'layers.separableConv2d': layer('SeparableConv2D', { ...CONV_LIKE, inputRank: 4 }),
  'layers.depthwiseConv2d': layer('DepthwiseConv2D', CONV_LIKE),
  'layers.maxPooling1d': layer('MaxPooling1D', { ...PASS, inputRank: 3 }),
  'layers.averagePooling1d': layer('AveragePooling1D', { inputRank: 3 }),
  'layers.maxPooling2d': layer('MaxPooling2D', { ...PASS, inputRank: 4 }),
  'layers.averagePooling2d': layer('AveragePooling2D', { inputRank: 4 }),
  'layers.maxPooling3d': layer('MaxPooling3D'),
  'layers.averagePooling3d': layer('AveragePooling3D'),
  'layers.globalMaxPooling1d': layer('GlobalMaxPooling1D', { ...PASS, inputRank: 3, noArgument: true }),
  'layers.globalAveragePooling1d': layer('GlobalAveragePooling1D', { inputRank: 3, noArgument: true }),
  'layers.globalMaxPooling2d': layer('GlobalMaxPooling2D', { ...PASS, inputRank: 4 }),
  'layers.globalAveragePooling2d': layer('GlobalAveragePooling2D', { inputRank: 4 }),
  'layers.dropout': layer('Dropout', { ...PASS, keepsRank: true }),
  'layers.spatialDropout1d': layer('SpatialDropout1D', { ...PASS, inputRank: 3 }),
  'layers.gaussianNoise': layer('GaussianNoise', { keepsRank: true }),
  'layers.gaussianDropout': layer('GaussianDropout', { ...PASS, keepsRank: true }),
  'layers.alphaDropout': layer('AlphaDropout', { ...PASS, keepsRank: true }),
  'layers.activation': layer('Activation', { activation: 'linear', keepsRank: true }),
  'layers.reLU': layer('ReLU', { applies: 'relu', keepsRank: true, noArgument: true }),
  'layers.leakyReLU': layer('LeakyReLU', { applies: 'leakyReLU', keepsRank: true, noArgument: true }),
  'layers.elu': layer('ELU', { applies: 'elu', keepsRank: true, noArgument: true }),
  'layers.prelu': layer('PReLU', { applies: 'prelu', noArgument: true }),
  'layers.softmax': layer('Softmax', { applies: 'softmax', keepsRank: true, noArgument: true }),
  'layers.thresholdedReLU': layer('ThresholdedReLU', { applies: 'thresholdedReLU', noArgument: true }),
  'layers.batchNormalization': layer('BatchNormalization', { keepsRank: true, noArgument: true }),
  'layers.layerNormalization': layer('LayerNormalization', { keepsRank: true, noArgument: true }),
  'layers.embedding': layer('Embedding'),
  'layers.simpleRNN': layer('SimpleRNN', RECURRENT),
  'layers.lstm': layer('LSTM', RECURRENT),
  'layers.gru': layer('GRU', RECURRENT),
  'layers.convLstm2d': layer('ConvLSTM2D'),
  'layers.rnn': layer('RNN'),
  'layers.bidirectional': layer('Bidirectional', { inputRank: 3 }),
  'layers.timeDistributed': layer('TimeDistributed'),
  'layers.repeatVector': layer('RepeatVector', { ...PASS, inputRank: 2 }),
  'layers.permute': layer('Permute', PASS),
  'layers.upSampling2d': layer('UpSampling2D', { ...PASS, inputRank: 4 }),
  'layers.zeroPadding2d': layer('ZeroPadding2D', { inputRank: 4, noArgument: true }),
  'layers.cropping2D': layer('Cropping2D', { ...PASS, inputRank: 4 }),
  'layers.concatenate': layer('Concatenate', { merge: true, noArgument: true }),
  'layers.add': layer('Add', { merge: true, noArgument: true }),
  'layers.multiply': layer('Multiply', { merge: true, noArgument: true }),
  'layers.average': layer('Average', { merge: true, noArgument: true }),
  'layers.maximum': layer('Maximum', { merge: true, noArgument: true }),
  'layers.minimum': layer('Minimum', { merge: true, noArgument: true }),
  'layers.dot': layer('Dot', { merge: true }),
  'layers.masking': layer('Masking', { ...PASS, noArgument: true }),
  'layers.rescaling': layer('Rescaling'),
  'layers.resizing': layer('Resizing'),
  'layers.centerCrop': layer('CenterCrop'),
  'layers.categoryEncoding': layer('CategoryEncoding'),
  'layers.randomWidth': layer('RandomWidth'),
  'layers.simpleRNNCell': layer('SimpleRNNCell', { activation: 'tanh' }),
  'layers.lstmCell': layer('LSTMCell', { activation: 'tanh' }),
  'layers.gruCell': layer('GRUCell', { activation: 'tanh' }),
  'layers.convLstm2dCell': layer('ConvLSTM2DCell'),
  'layers.stackedRNNCells': layer('StackedRNNCells'),
  // -- training -----------------------------------------------------------------------------------
  'train.sgd': optimizer(undefined, 0.01),
  'train.momentum': optimizer(undefined, undefined, 'momentum', 'useNesterov'),
  'train.adagrad': optimizer(undefined, 0.01, 'initialAccumulatorValue'),
  'train.adadelta': optimizer(0.001, 1, 'rho', 'epsilon'),
  'train.adam': optimizer(0.001, 0.001, 'beta1', 'beta2', 'epsilon'),
  'train.adamax': optimizer(0.002, 0.002, 'beta1', 'beta2', 'epsilon', 'decay'),
  'train.rmsprop': optimizer(undefined, 0.001, 'decay', 'momentum', 'epsilon', 'centered'),
  'callbacks.earlyStopping': { kind: 'callback' },
  'losses.meanSquaredError': { kind: 'loss', computes: 'meanSquaredError' },
  'losses.absoluteDifference': { kind: 'loss', computes: 'meanAbsoluteError' },
  'losses.huberLoss': { kind: 'loss', computes: 'huberLoss' },
  'losses.logLoss': { kind: 'loss', computes: 'binaryCrossentropy' },
  'losses.sigmoidCrossEntropy': { kind: 'loss', computes: 'sigmoidCrossEntropy' },
  'losses.softmaxCrossEntropy': { kind: 'loss', computes: 'softmaxCrossEntropy' },
  'losses.hingeLoss': { kind: 'loss', computes: 'hinge' },
  'losses.cosineDistance': { kind: 'loss', computes: 'cosineProximity' },
  'losses.computeWeightedLoss': { kind: 'loss' },
  'metrics.meanSquaredError': { kind: 'metric', computes: 'meanSquaredError' },
  'metrics.MSE': { kind: 'metric', computes: 'meanSquaredError' },
  'metrics.mse': { kind: 'metric', computes: 'meanSquaredError' },
  'metrics.meanAbsoluteError': { kind: 'metric', computes: 'meanAbsoluteError' },
  'metrics.meanAbsolutePercentageError': { kind: 'metric', computes: 'meanAbsolutePercentageError' },
  'metrics.MAPE': { kind: 'metric', computes: 'meanAbsolutePercentageError' },
  'metrics.mape': { kind: 'metric', computes: 'meanAbsolutePercentageError' },
  'metrics.binaryCrossentropy': { kind: 'metric', computes: 'binaryCrossentropy' },
  'metrics.categoricalCrossentropy': { kind: 'metric', computes: 'categoricalCrossentropy' },
  'metrics.binaryAccuracy': { kind: 'metric' },
  'metrics.categoricalAccuracy': { kind: 'metric' },
  'metrics.sparseCategoricalAccuracy': { kind: 'metric' },
  'metrics.cosineProximity': { kind: 'metric' },
  'metrics.precision': { kind: 'metric' },
  'metrics.recall': { kind: 'metric' },
  'metrics.r2Score': { kind: 'metric' },
  tidy: { kind: 'scope' },
  // -- data -------------------------------------------------------------------------------------
  'data.array': dataset,
  'data.csv': dataset,
  'data.generator': dataset,
  'data.zip': dataset,
  'data.func': dataset,
  'data.webcam': dataset,
  'data.microphone': dataset,
  // -- io ---------------------------------------------------------------------------------------
  'io.browserFiles': io,
  'io.http': io,
  'io.browserHTTPRequest': io,
  'io.fromMemory': io,
  'io.withSaveHandler': io,
  'io.listModels': io,
  'io.removeModel': io,
  'io.copyModel': io,
  'io.moveModel': io,
  // -- not tensors --------------------------------------------------------------------------------
  memory: other,
  getBackend: other,
  setBackend: other,
  ready: other,
  dispose: other,
  disposeVariables: other,
  enableProdMode: other,
  enableDebugMode: other,
  env: other,
  engine: other,
  profile: other,
  time: other,
  nextFrame: other,
  keep: other,
  print: other,
  registerOp: other,
  backend: other,
  grad: other,
  grads: other,
  valueAndGrad: other,
  valueAndGrads: other,
  variableGrads: other,
  customGrad: other,
};

/** Other names of the same layer classes: each alias has its class's record. */
const LAYER_ALIASES: Record<string, string> = {
  maxPool1d: 'maxPooling1d', avgPool1d: 'averagePooling1d', avgPooling1d: 'averagePooling1d',
  maxPool2d: 'maxPooling2d', avgPool2d: 'averagePooling2d', avgPooling2d: 'averagePooling2d',
  avgPool3d: 'averagePooling3d', avgPooling3d: 'averagePooling3d', globalMaxPool1d: 'globalMaxPooling1d',
  globalMaxPool2d: 'globalMaxPooling2d',
};
for (const [alias, name] of Object.entries(LAYER_ALIASES)) RECORDS[`layers.${alias}`] = RECORDS[`layers.${name}`];

/** Namespaces whose members are never tensors (any member, listed or not). */
const OTHER_NAMESPACES = ['util.', 'version.', 'serialization.', 'regularizers.', 'initializers.', 'constraints.'];

/** The record for a tfjs path; undefined for paths the catalog does not know. */
export function apiRecord(path: string): ApiRecord | undefined {
  const r = RECORDS[path];
  if (r) return r;
  if (path === 'version' || OTHER_NAMESPACES.some((ns) => path.startsWith(ns))) return other;
  return undefined;
}

/** Every catalogued path (for the catalog test and the tables built below). */
export function catalogPaths(): string[] {
  return Object.keys(RECORDS);
}

/**
 * What a call of this path gives. For paths the catalog does not know, the namespace decides
 * (a layer, an optimizer, a callback) and anything else is taken for an op.
 */
export function apiKind(path: string): ApiKind {
  const r = apiRecord(path);
  if (r) return r.kind;
  if (path.startsWith('layers.')) return 'layer';
  if (path.startsWith('train.')) return 'optimizer';
  if (path.startsWith('callbacks.')) return 'callback';
  return 'op';
}

/** The op record for an op name (a function path or a Tensor method name). */
export function opRecord(op: string): OpRecord | undefined {
  const r = RECORDS[op];
  return r && r.kind === 'op' ? r : undefined;
}

/** The layer record for a layer factory name ('dense'). */
export function layerRecord(layerType: string): LayerRecord | undefined {
  const r = RECORDS[`layers.${layerType}`];
  return r && r.kind === 'layer' ? r : undefined;
}

/** The optimizer record for a tf.train name ('adam'). */
export function optimizerRecord(name: string): OptimizerRecord | undefined {
  const r = RECORDS[`train.${name}`];
  return r && r.kind === 'optimizer' ? r : undefined;
}

/** The compile-string loss a loss or metric function computes ('losses.logLoss' -> 'binaryCrossentropy'). */
export function lossComputed(path: string): string | undefined {
  const r = RECORDS[path];
  return r && (r.kind === 'loss' || r.kind === 'metric') ? r.computes : undefined;
}

/** Names of the op records matching a predicate, as a set (built once by each user). */
export function opsWhere(test: (r: OpRecord, op: string) => boolean): ReadonlySet<string> {
  const out = new Set<string>();
  for (const [path, r] of Object.entries(RECORDS)) if (r.kind === 'op' && test(r, path)) out.add(path);
  return out;
}

/** Names of the layer factories matching a predicate ('dense', not 'layers.dense'). */
export function layersWhere(test: (r: LayerRecord) => boolean): ReadonlySet<string> {
  const out = new Set<string>();
  for (const [path, r] of Object.entries(RECORDS)) if (r.kind === 'layer' && test(r)) out.add(path.slice('layers.'.length));
  return out;
}

// ---- beyond API paths: strings tfjs accepts ---------------------------------------------------

/** The loss strings tfjs's compile accepts (tfjs-layers lossesMap; 'mse' and friends throw). */
export const COMPILE_LOSSES: ReadonlySet<string> = new Set([
  'meanSquaredError', 'meanAbsoluteError', 'meanAbsolutePercentageError', 'meanSquaredLogarithmicError',
  'squaredHinge', 'hinge', 'categoricalHinge', 'logcosh', 'categoricalCrossentropy',
  'sparseCategoricalCrossentropy', 'binaryCrossentropy', 'kullbackLeiblerDivergence', 'poisson', 'cosineProximity',
]);

/** Activation strings and the bounds of what they output (undefined: unbounded both ways). */
export const ACTIVATIONS: Readonly<Record<string, Bounds | undefined>> = {
  linear: undefined,
  sigmoid: R01,
  hardSigmoid: R01,
  softmax: R01,
  tanh: RSIGNED1,
  softsign: RSIGNED1,
  relu: R0INF,
  relu6: { lo: 0, hi: 6 },
  softplus: R0INF,
  elu: { lo: -1, hi: Infinity },
  selu: undefined,
  swish: undefined,
  mish: undefined,
  gelu: undefined,
  gelu_new: undefined,
  logSoftmax: { lo: -Infinity, hi: 0 },
};

/** The bounds of an activation's output; undefined when unbounded or unknown. */
export function activationBounds(activation: string): Bounds | undefined {
  return Object.prototype.hasOwnProperty.call(ACTIVATIONS, activation) ? ACTIVATIONS[activation] : undefined;
}

/** The tfjs Tensor methods that return plain JS data (or nothing), not a tensor. */
export const NON_TENSOR_METHODS: ReadonlySet<string> = new Set([
  'data', 'dataSync', 'array', 'arraySync', 'print', 'dispose', 'toString', 'buffer', 'bufferSync',
  'bytes', 'dataToGPU', 'isDisposed', 'throwIfDisposed',
  // Dataset methods the evaluator sees on data.* values:
  'forEachAsync', 'toArray', 'iterator', 'size', 'then', 'catch',
]);

/**
 * Tensor methods a syntactic match may accept on a receiver of unknown type, with the argument
 * counts tfjs's method takes (`yPred.log()` in an untyped custom loss).
 */
export const TENSOR_METHOD_ARITY: Readonly<Record<string, readonly number[]>> = {
  log: [0], log1p: [0], exp: [0], neg: [0], sigmoid: [0], softmax: [0, 1], reciprocal: [0], square: [0], abs: [0], relu: [0],
  add: [1], sub: [1], mul: [1], div: [1], maximum: [1], minimum: [1],
  sum: [0, 1, 2], mean: [0, 1, 2], clipByValue: [2],
};

/** The dtype strings tfjs knows. */
export const DTYPES: ReadonlySet<string> = new Set(['float32', 'int32', 'bool', 'string', 'complex64']);
