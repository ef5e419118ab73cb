// The static `--summary` against tfjs's own model.summary(): the same rows, shapes, parameter
// counts and totals for a few models, without running the linted code. Layer names carry a
// process-wide counter in tfjs, so numbers after names (and the padding they shift) are
// normalised before comparing.
import * as assert from 'node:assert/strict';
import { formatSummaryJson, formatSummaryText, runSummary, summarizeSource } from '../../server/src/cli/summary';
import { runSnippet } from '../harness/run-snippet';
import { parseArgs } from '../../server/src/cli/args';
import { memoryModules } from '../harness/memory-modules';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

const MODELS: Record<string, string> = {
  'MNIST CNN with batch normalization (non-trainable params)':
    NS +
    "export const model = tf.sequential();\nmodel.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 8, kernelSize: 5, strides: 1, activation: 'relu'}));\nmodel.add(tf.layers.maxPooling2d({poolSize: [2, 2], strides: [2, 2]}));\nmodel.add(tf.layers.batchNormalization());\nmodel.add(tf.layers.conv2d({filters: 16, kernelSize: 3, padding: 'same'}));\nmodel.add(tf.layers.flatten());\nmodel.add(tf.layers.dropout({rate: 0.2}));\nmodel.add(tf.layers.dense({units: 10, activation: 'softmax'}));",
  'text model: embedding, bidirectional LSTM, timeDistributed dense, GRU':
    NS +
    "export const model = tf.sequential({\n  layers: [\n    tf.layers.embedding({inputDim: 1000, outputDim: 16, inputLength: 20}),\n    tf.layers.bidirectional({layer: tf.layers.lstm({units: 8, returnSequences: true})}),\n    tf.layers.timeDistributed({layer: tf.layers.dense({units: 4})}),\n    tf.layers.gru({units: 6}),\n    tf.layers.repeatVector({n: 3}),\n    tf.layers.simpleRNN({units: 2, returnSequences: true}),\n  ],\n});",
  'decoder: conv2dTranspose, upSampling2d, zeroPadding2d, cropping2D, separable and depthwise convs':
    NS +
    "export const model = tf.sequential({\n  layers: [\n    tf.layers.dense({inputShape: [10], units: 49}),\n    tf.layers.reshape({targetShape: [7, 7, 1]}),\n    tf.layers.conv2dTranspose({filters: 4, kernelSize: 3, strides: 2, padding: 'same'}),\n    tf.layers.upSampling2d({size: [2, 2]}),\n    tf.layers.zeroPadding2d({padding: 2}),\n    tf.layers.cropping2D({cropping: [[1, 1], [2, 0]]}),\n    tf.layers.separableConv2d({filters: 3, kernelSize: 3, depthMultiplier: 2}),\n    tf.layers.depthwiseConv2d({kernelSize: 2, useBias: false}),\n    tf.layers.globalAveragePooling2d({}),\n    tf.layers.layerNormalization(),\n  ],\n});",
  'sequential with an explicit inputLayer, named layers and a permute':
    NS + "export const model = tf.sequential({layers: [tf.layers.inputLayer({inputShape: [6, 4]}), tf.layers.permute({dims: [2, 1]}), tf.layers.conv1d({filters: 3, kernelSize: 2, name: 'features'}), tf.layers.globalMaxPooling1d({})]});",
  'functional chain (sequential-like layout)':
    NS + "const inp = tf.input({shape: [12], name: 'features'});\nconst h = tf.layers.dense({units: 8, activation: 'relu'}).apply(inp);\nconst out = tf.layers.dense({units: 3, activation: 'softmax'}).apply(h);\nexport const model = tf.model({inputs: inp, outputs: out});",
  'functional two inputs, concatenate and add (layout with connections)':
    NS +
    "const a = tf.input({shape: [4]});\nconst b = tf.input({shape: [6]});\nconst ha = tf.layers.dense({units: 5}).apply(a);\nconst hb = tf.layers.dense({units: 5}).apply(b);\nconst sum = tf.layers.add().apply([ha, hb]);\nconst both = tf.layers.concatenate().apply([sum, b]);\nconst out = tf.layers.dense({units: 1, activation: 'sigmoid'}).apply(both);\nexport const model = tf.model({inputs: [a, b], outputs: out});",
  'RL agent: the model kept in this.model, built in the constructor':
    NS + "class Agent {\n  model: tf.Sequential;\n  constructor() {\n    this.model = tf.sequential();\n    this.model.add(tf.layers.dense({units: 16, inputShape: [4], activation: 'relu'}));\n    this.model.add(tf.layers.dense({units: 2, activation: 'linear'}));\n    this.model.compile({optimizer: 'adam', loss: 'meanSquaredError'});\n  }\n  act(state: number[]) {\n    return tf.tidy(() => (this.model.predict(tf.tensor2d([state])) as tf.Tensor).argMax(1));\n  }\n}\nexport const model = new Agent().model;",
  'a class field initialised by a method that builds and returns the model':
    NS + "class Classifier {\n  model = this.build();\n  build() {\n    const m = tf.sequential();\n    m.add(tf.layers.dense({units: 6, inputShape: [3], activation: 'relu'}));\n    m.add(tf.layers.dense({units: 3, activation: 'softmax'}));\n    return m;\n  }\n}\nexport const model = new Classifier().model;",
  'a helper with parameters called once (the call site gives the sizes)':
    NS + "function createModel(inputSize: number, hidden: number, classes: number) {\n  const m = tf.sequential();\n  m.add(tf.layers.dense({units: hidden, inputShape: [inputSize], activation: 'relu'}));\n  m.add(tf.layers.dense({units: classes, activation: 'softmax'}));\n  return m;\n}\nexport const model = createModel(4, 10, 3);",
  'functional chain through one reassigned let (x = layer.apply(x))':
    NS + "const input = tf.input({shape: [20]});\nlet x = tf.layers.dense({units: 16, activation: 'relu'}).apply(input) as tf.SymbolicTensor;\nx = tf.layers.dropout({rate: 0.25}).apply(x) as tf.SymbolicTensor;\nx = tf.layers.dense({units: 4, activation: 'softmax'}).apply(x) as tf.SymbolicTensor;\nexport const model = tf.model({inputs: input, outputs: x});",
  'tf.layers.rnn over an LSTM cell and over stacked cells; inputShape as a bare number':
    NS + "const input = tf.input({shape: [7, 3]});\nconst seq = tf.layers.rnn({cell: tf.layers.lstmCell({units: 5}), returnSequences: true}).apply(input) as tf.SymbolicTensor;\nconst last = tf.layers.rnn({cell: [tf.layers.gruCell({units: 4}), tf.layers.simpleRNNCell({units: 2, useBias: false})]}).apply(seq) as tf.SymbolicTensor;\nexport const model = tf.model({inputs: input, outputs: last});",
  'a dense layer with inputShape: 1 (tfjs concatenates the number)':
    NS + "export const model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: 1 as unknown as number[], units: 3}));\nmodel.add(tf.layers.dense({units: 1}));",
  'an encoder kept in an object, its output and model set as properties after, input shape a bare number':
    NS + "const imageVolume = 16 * 3;\nconst encoder: any = {\n  input: tf.input({shape: imageVolume as unknown as number[]}),\n  hidden: [tf.layers.dense({units: 20, activation: 'relu'}), tf.layers.dense({units: 10, activation: 'relu'})],\n};\nencoder.output = tf.layers.dense({units: 5}).apply(encoder.hidden[1].apply(encoder.hidden[0].apply(encoder.input)));\nencoder.model = tf.model({inputs: encoder.input, outputs: encoder.output});\nexport const model = encoder.model;",
  'layers frozen in their config (trainable: false), a frozen batch normalization, then a trainable head':
    NS + "export const model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [3], units: 4, trainable: false}));\nmodel.add(tf.layers.batchNormalization({trainable: false}));\nmodel.add(tf.layers.dense({units: 2, activation: 'softmax'}));",
  'this.model built in a method; a loaded model replaces it in another':
    NS + "class Classifier {\n  model: any;\n  initializeModel() {\n    this.model = tf.sequential();\n    this.model.add(tf.layers.conv2d({inputShape: [28, 28, 1], kernelSize: 5, filters: 8, activation: 'relu'}));\n    this.model.add(tf.layers.maxPooling2d({poolSize: [2, 2], strides: [2, 2]}));\n    this.model.add(tf.layers.flatten());\n    this.model.add(tf.layers.dense({units: 10, activation: 'softmax'}));\n  }\n  async load() {\n    this.model = await tf.loadLayersModel('indexeddb://classifier');\n  }\n}\nconst classifier = new Classifier();\nclassifier.initializeModel();\nexport const model = classifier.model;",
  'an outer var built by one function and loaded by another':
    NS + "var net: any;\nfunction createModel() {\n  net = tf.sequential();\n  const hidden = tf.layers.dense({units: 4, activation: 'sigmoid', inputShape: [2]});\n  net.add(hidden);\n  net.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));\n}\nasync function restore() {\n  net = await tf.loadLayersModel('localstorage://net');\n}\ncreateModel();\nexport const model = net;",
  'identical hidden layers added in a counted loop, and a forEach over a literal array':
    NS + "export const model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [16], activation: 'relu', units: 12}));\nfor (let i = 0; i < 3; i += 1) {\n  model.add(tf.layers.dense({activation: 'relu', units: 12}));\n}\n['a', 'b'].forEach(() => model.add(tf.layers.dropout({rate: 0.1})));\nmodel.add(tf.layers.dense({activation: 'sigmoid', units: 1}));",
  'LSTM sizes from an array, one layer per round of a counted loop (lstm-text-generation)':
    NS + "function createModel(sampleLen: number, charSetSize: number, lstmLayerSizes: number[]) {\n  const model = tf.sequential();\n  for (let i = 0; i < lstmLayerSizes.length; ++i) {\n    const lstmLayerSize = lstmLayerSizes[i];\n    model.add(tf.layers.lstm({units: lstmLayerSize, returnSequences: i < lstmLayerSizes.length - 1, inputShape: i === 0 ? [sampleLen, charSetSize] : undefined}));\n  }\n  model.add(tf.layers.dense({units: charSetSize, activation: 'softmax'}));\n  return model;\n}\nexport const model = createModel(20, 52, [32, 16]);",
  'a policy network: hidden sizes from a forEach, the input shape on the first round (cart-pole)':
    NS + "const HIDDEN_LAYER_SIZES = [12, 6];\nexport const model = tf.sequential();\nHIDDEN_LAYER_SIZES.forEach((hiddenLayerSize, i) => {\n  model.add(tf.layers.dense({units: hiddenLayerSize, activation: 'elu', inputShape: i === 0 ? [4] : undefined}));\n});\nmodel.add(tf.layers.dense({units: 1}));",
  'a layer class of the file (Swish: computeOutputShape returns its input, no weights) applied between dense layers':
    NS + "class Swish extends tf.layers.Layer {\n  alpha: number;\n  constructor(config: any) {\n    super(config);\n    this.alpha = config.alpha;\n  }\n  call(input: any) {\n    return tf.tidy(() => {\n      const x = Array.isArray(input) ? input[0] : input;\n      return tf.sigmoid(x.mul(this.alpha)).mul(x);\n    });\n  }\n  computeOutputShape(inputShape: any) {\n    return inputShape;\n  }\n  static get className() {\n    return 'Swish';\n  }\n}\ntf.serialization.registerClass(Swish);\n\nconst input = tf.input({shape: [1]});\nconst hidden = tf.layers.dense({units: 8}).apply(input) as tf.SymbolicTensor;\nconst activated = new Swish({alpha: 1}).apply(hidden) as tf.SymbolicTensor;\nconst output = tf.layers.dense({units: 1}).apply(activated) as tf.SymbolicTensor;\nexport const model = tf.model({inputs: input, outputs: output});",
  'a VAE encoder from a helper with parameters: a two-input sampling layer asserting its inputs and returning the first shape':
    NS + "class ZLayer extends tf.layers.Layer {\n  constructor(config: any) {\n    super(config);\n  }\n  computeOutputShape(inputShape: any) {\n    tf.util.assert(inputShape.length === 2 && Array.isArray(inputShape[0]), () => `Expected exactly 2 input shapes. But got: ${inputShape}`);\n    return inputShape[0];\n  }\n  call(inputs: any) {\n    const [zMean, zLogVar] = inputs;\n    const epsilon = tf.randomNormal(zMean.shape, 0, 1);\n    return zMean.add(zLogVar.mul(0.5).exp().mul(epsilon));\n  }\n  static get className() {\n    return 'ZLayer';\n  }\n}\ntf.serialization.registerClass(ZLayer);\n\nfunction encoder(opts: {originalDim: number; intermediateDim: number; latentDim: number}) {\n  const {originalDim, intermediateDim, latentDim} = opts;\n  const inputs = tf.input({shape: [originalDim], name: 'encoder_input'});\n  const x = tf.layers.dense({units: intermediateDim, activation: 'relu'}).apply(inputs);\n  const zMean = tf.layers.dense({units: latentDim, name: 'z_mean'}).apply(x) as tf.SymbolicTensor;\n  const zLogVar = tf.layers.dense({units: latentDim, name: 'z_log_var'}).apply(x) as tf.SymbolicTensor;\n  const z = new ZLayer({name: 'z', outputShape: [latentDim]}).apply([zMean, zLogVar]) as tf.SymbolicTensor;\n  return tf.model({inputs, outputs: [zMean, zLogVar, z], name: 'encoder'});\n}\nexport const model = encoder({originalDim: 784, intermediateDim: 512, latentDim: 2});",
  'a layer class that ignores its config (super({})) and doubles the channels, in a sequential CNN (tfjs-examples custom-layer)':
    NS + "class Antirectifier extends tf.layers.Layer {\n  constructor() {\n    super({});\n    this.supportsMasking = true;\n  }\n  computeOutputShape(inputShape: any) {\n    return [inputShape[0], inputShape[1], inputShape[2], 2 * inputShape[3]];\n  }\n  call(inputs: any) {\n    const input = Array.isArray(inputs) ? inputs[0] : inputs;\n    return tf.concat([input.relu(), input.neg().relu()], 3);\n  }\n  static get className() {\n    return 'Antirectifier';\n  }\n}\ntf.serialization.registerClass(Antirectifier);\nfunction antirectifier() {\n  return new Antirectifier();\n}\n\nexport const model = tf.sequential();\nmodel.add(tf.layers.conv2d({inputShape: [28, 28, 1], filters: 4, kernelSize: 3}));\nmodel.add(antirectifier());\nmodel.add(tf.layers.flatten());\nmodel.add(tf.layers.dense({units: 10, activation: 'softmax'}));",
  'a model assigned to an outer let by a function':
    NS + "let net: tf.Sequential | undefined;\nfunction createModel() {\n  net = tf.sequential();\n  net.add(tf.layers.dense({units: 5, inputShape: [2]}));\n  net.add(tf.layers.dense({units: 1}));\n}\ncreateModel();\nexport const model = net!;",
};

/**
 * Rows split at tfjs's fixed column positions (90-wide: 28/54/80/90; 115-wide with the
 * "Receives inputs" column: 27/55/80/92/115). Columns holding layer names lose their
 * counters and are cut short, since a longer counter changes where tfjs truncates them.
 */
function normalise(lines: string[]): string[] {
  const width = lines.find((l) => /^_+$/.test(l))?.length ?? 90;
  const positions = width === 90 ? [0, 28, 54, 80, 90] : [0, 27, 55, 80, 92, 115];
  const nameColumns = new Set([0, 4]);
  return lines
    .filter((l) => l.trim() !== '')
    .map((l) => {
      if (/^[_=]+$/.test(l) || /^(Total|Trainable|Non-trainable) params/.test(l)) return l;
      return positions
        .slice(0, -1)
        .map((start, i) => {
          const cell = l.slice(start, positions[i + 1]).trim();
          return nameColumns.has(i) ? cell.replace(/\d+/g, '#').slice(0, 14) : cell;
        })
        .join(' | ');
    });
}

/** Our summary of the one model in `models` (header line dropped) against tfjs's summary and count of the model the snippet exported, which is then disposed. */
function assertSameAsTfjs(models: ReturnType<typeof summarizeSource>, exported: unknown): void {
  const tfModel = exported as { summary(a?: number, b?: number[], print?: (s: string) => void): void; countParams(): number; dispose(): void };
  const theirs: string[] = [];
  tfModel.summary(undefined, undefined, (line: string) => theirs.push(line));
  assert.deepEqual(normalise(formatSummaryText(models, '/').split('\n').slice(1)), normalise(theirs));
  assert.equal(models[0].totalParams, tfModel.countParams());
  tfModel.dispose();
}

describe('static model summary (--summary) matches tfjs model.summary()', function () {
  this.timeout(30000);

  for (const [name, source] of Object.entries(MODELS)) {
    it(name, async () => {
      const models = summarizeSource('model.ts', source);
      assert.equal(models.length, 1);
      assertSameAsTfjs(models, (await runSnippet(source)).model);
    });
  }

  it('sizes imported from another file (named and namespace imports, as tfjs-examples mnist and iris do)', async () => {
    const data = "export const IMAGE_H = 28;\nexport const IMAGE_W = 28;\nexport const CLASSES = ['T-shirt', 'Trouser', 'Pullover'];\nexport const NUM_CLASSES = CLASSES.length;\n";
    const index =
      NS + "import {IMAGE_H, IMAGE_W} from './data';\nimport * as data from './data';\n\n" +
      "function createConvModel() {\n  const model = tf.sequential();\n  model.add(tf.layers.conv2d({inputShape: [IMAGE_H, IMAGE_W, 1], kernelSize: 3, filters: 16, activation: 'relu'}));\n" +
      "  model.add(tf.layers.maxPooling2d({poolSize: 2, strides: 2}));\n  model.add(tf.layers.flatten({}));\n  model.add(tf.layers.dense({units: data.NUM_CLASSES, activation: 'softmax'}));\n  return model;\n}\n" +
      'export const model = createConvModel();\n';
    const models = summarizeSource('/p/index.js', index, memoryModules({ '/p/data.js': data, '/p/index.js': index }));
    assert.equal(models.length, 1);
    assert.equal(summarizeSource('/p/index.js', index)[0].totalParams, null, 'without the workspace the imported sizes are unknown');
    // tfjs runs the same file with the data module's real exports in place of its imports.
    const dataExports = await runSnippet(data);
    const exports = await runSnippet(index.replace(/^import .* from '\.\/data';\n/gm, ''), { ...dataExports, data: dataExports });
    assertSameAsTfjs(models, exports.model);
  });

  it('a layer class imported from its own file (as public code keeps custom layers), against tfjs', async () => {
    const layerFile = NS + "export class Sampling extends tf.layers.Layer {\n  constructor(config?: any) {\n    super(config || {});\n  }\n  computeOutputShape(inputShape: any) {\n    tf.util.assert(inputShape.length === 2 && Array.isArray(inputShape[0]), () => 'Sampling takes [zMean, zLogVar]');\n    return inputShape[0];\n  }\n  call(inputs: any) {\n    const [zMean, zLogVar] = inputs;\n    return zMean.add(zLogVar.mul(0.5).exp().mul(tf.randomNormal(zMean.shape)));\n  }\n  static get className() {\n    return 'Sampling';\n  }\n}\ntf.serialization.registerClass(Sampling);\n";
    const index =
      NS + "import {Sampling} from './sampling';\n\nconst LATENT = 3;\nconst input = tf.input({shape: [10]});\nconst h = tf.layers.dense({units: 6, activation: 'relu'}).apply(input) as tf.SymbolicTensor;\n" +
      "const zMean = tf.layers.dense({units: LATENT}).apply(h) as tf.SymbolicTensor;\nconst zLogVar = tf.layers.dense({units: LATENT}).apply(h) as tf.SymbolicTensor;\nconst z = new Sampling().apply([zMean, zLogVar]) as tf.SymbolicTensor;\n" +
      "export const model = tf.model({inputs: input, outputs: [zMean, zLogVar, z]});\n";
    const models = summarizeSource('/p/index.ts', index, memoryModules({ '/p/sampling.ts': layerFile, '/p/index.ts': index }));
    assert.equal(models.length, 1);
    assert.equal(summarizeSource('/p/index.ts', index)[0].totalParams, null, 'without the workspace the class is unknown');
    const layerExports = await runSnippet(layerFile);
    const exports = await runSnippet(index.replace(/^import .* from '\.\/sampling';\n/gm, ''), { ...layerExports });
    assertSameAsTfjs(models, exports.model);
  });

  const GAN =
    NS +
    `const LATENT_SIZE = 4;

function makeGenerator() {
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [LATENT_SIZE], units: 8, activation: 'relu'}));
  model.add(tf.layers.dense({units: 6, activation: 'tanh'}));
  return model;
}

function makeDiscriminator() {
  let model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [6], units: 5}));
  model.add(tf.layers.leakyReLU());
  model.add(tf.layers.dropout({rate: 0.3}));

  const inputLayer = tf.input({shape: [6]});
  const features = model.apply(inputLayer) as tf.SymbolicTensor;
  const outputLayer = tf.layers.dense({units: 1, activation: 'sigmoid'}).apply(features) as tf.SymbolicTensor;
  model = tf.model({inputs: inputLayer, outputs: outputLayer});
  model.compile({optimizer: tf.train.adam(0.0002, 0.5), loss: 'binaryCrossentropy'});
  return model;
}

function buildCombinedModel(generator: tf.Sequential, discriminator: tf.LayersModel) {
  const generatorInput = tf.input({shape: [LATENT_SIZE]});
  const generatorLayers = generator.apply(generatorInput) as tf.SymbolicTensor;
  // We want the combined model to only train the generator.
  discriminator.trainable = false;
  const discriminatorLayers = discriminator.apply(generatorLayers) as tf.SymbolicTensor;
  const combined = tf.model({inputs: generatorInput, outputs: discriminatorLayers});
  combined.compile({optimizer: tf.train.adam(0.0002, 0.5), loss: 'binaryCrossentropy'});
  return combined;
}

export const generator = makeGenerator();
export const discriminator = makeDiscriminator();
export const model = buildCombinedModel(generator, discriminator);
`;

  /** tfjs's model.summary() lines of one model. */
  function tfjsSummary(m: unknown): string[] {
    const lines: string[] = [];
    (m as { summary(a?: number, b?: number[], print?: (s: string) => void): void }).summary(undefined, undefined, (line: string) => lines.push(line));
    return lines;
  }

  it('models used as layers (a GAN): a sequential generator and a functional discriminator applied in a combined model, the discriminator frozen', async () => {
    const models = summarizeSource('gan.ts', GAN);
    const combined = models.find((m) => m.model === 'combined');
    assert.ok(combined);
    const exports = await runSnippet(GAN);
    assert.deepEqual(normalise(formatSummaryText([combined], '/').split('\n').slice(1)), normalise(tfjsSummary(exports.model)));
    assert.deepEqual(
      combined.layers.map((l) => [l.className, l.outputShape, l.params]),
      [['InputLayer', [null, 4], 0], ['Sequential', [null, 6], 94], ['Model', [null, 1], 41]],
    );
    assert.deepEqual([combined.totalParams, combined.trainableParams, combined.nonTrainableParams], [135, 94, 41]);
    // The discriminator itself, frozen after compile: tfjs prints its weights twice (Total 82
    // for 41 weights), so its own totals stay unknown rather than disagree.
    const discriminator = models.find((m) => m.model === 'model' && m.kind === 'functional');
    assert.ok(discriminator);
    assert.equal(discriminator.totalParams, null);
    assert.equal((exports.discriminator as { countParams(): number }).countParams(), 41);
    assert.ok(tfjsSummary(exports.discriminator).includes('Total params: 82'));
    (exports.model as { dispose(): void }).dispose(); // and the models inside it
  });

  it('a model used as a layer stays unknown where tfjs would list it otherwise or we cannot see it all', () => {
    const cases: Record<string, string> = {
      'applied twice (a second node of the same row)': NS + "const encoder = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 2}), tf.layers.dense({units: 2})]});\nconst a = tf.input({shape: [4]});\nconst b = tf.input({shape: [4]});\nconst both = tf.layers.concatenate().apply([encoder.apply(a), encoder.apply(b)] as tf.SymbolicTensor[]) as tf.SymbolicTensor;\nconst model = tf.model({inputs: [a, b], outputs: both});",
      'its layers frozen one by one in a loop': NS + "const base = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 3}), tf.layers.dense({units: 2})]});\nfor (const layer of base.layers) layer.trainable = false;\nconst x = tf.input({shape: [4]});\nconst model = tf.model({inputs: x, outputs: tf.layers.dense({units: 1}).apply(base.apply(x)) as tf.SymbolicTensor});",
      'frozen by a value we do not know': NS + "declare const fineTune: boolean;\nconst base = tf.sequential({layers: [tf.layers.dense({inputShape: [4], units: 3}), tf.layers.dense({units: 2})]});\nbase.trainable = fineTune;\nconst x = tf.input({shape: [4]});\nconst model = tf.model({inputs: x, outputs: tf.layers.dense({units: 1}).apply(base.apply(x)) as tf.SymbolicTensor});",
      'a model handed to unknown code before it is applied': NS + "declare function addHead(m: tf.Sequential): void;\nconst base = tf.sequential();\nbase.add(tf.layers.dense({inputShape: [4], units: 3}));\naddHead(base);\nconst x = tf.input({shape: [4]});\nconst model = tf.model({inputs: x, outputs: tf.layers.dense({units: 1}).apply(base.apply(x)) as tf.SymbolicTensor});",
    };
    const fineTune = summarizeSource('model.ts', NS + "declare const fineTune: boolean;\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [3], units: 4, trainable: fineTune}));\nmodel.add(tf.layers.dense({units: 1}));")[0];
    assert.deepEqual([fineTune.totalParams, fineTune.trainableParams, fineTune.nonTrainableParams], [21, null, null], 'a layer whose trainable option we do not know: the split, not the count');
    assert.deepEqual(fineTune.layers.map((l) => l.params), [16, 5], 'its parameter count is still known');
    for (const [what, source] of Object.entries(cases)) {
      const m = summarizeSource('model.ts', source).find((s) => s.kind === 'functional');
      assert.ok(m, what);
      assert.equal(m.totalParams === null || m.trainableParams === null, true, `${what}: ${formatSummaryText([m], '/')}`);
    }
  });

  it('layer classes of the workspace: what their code does not settle prints ?, never a guess', () => {
    const layerClass = (body: string, ctor = 'constructor(config: any) {\n    super(config);\n  }') =>
      `class Custom extends tf.layers.Layer {\n  units = 4;\n  ${ctor}\n  ${body}\n  call(inputs: any) {\n    return Array.isArray(inputs) ? inputs[0] : inputs;\n  }\n  static get className() {\n    return 'Custom';\n  }\n}\n`;
    const functional = (cls: string, applied = 'new Custom({}).apply(hidden)') =>
      NS + cls + `const input = tf.input({shape: [6]});\nconst hidden = tf.layers.dense({units: 3}).apply(input) as tf.SymbolicTensor;\nconst custom = ${applied} as tf.SymbolicTensor;\nconst output = tf.layers.dense({units: 1}).apply(custom) as tf.SymbolicTensor;\nexport const model = tf.model({inputs: input, outputs: output});`;
    const cases: Record<string, [string, { name: string; className: string; outputShape: unknown; params: unknown } | undefined]> = {
      'computeOutputShape reads a field (this.units)': [
        functional(layerClass('computeOutputShape(inputShape: any) {\n    return [inputShape[0], this.units];\n  }')),
        { name: 'custom_Custom1', className: 'Custom', outputShape: null, params: 0 },
      ],
      'arithmetic on a batch dimension (tfjs would make 2 * null a 0)': [
        functional(layerClass('computeOutputShape(inputShape: any) {\n    return [2 * inputShape[0], inputShape[1]];\n  }')),
        { name: 'custom_Custom1', className: 'Custom', outputShape: null, params: 0 },
      ],
      'an assertion that does not hold on one input (tfjs throws building it)': [
        functional(layerClass("computeOutputShape(inputShape: any) {\n    tf.util.assert(Array.isArray(inputShape[0]), () => 'two inputs');\n    return inputShape[0];\n  }")),
        { name: 'custom_Custom1', className: 'Custom', outputShape: null, params: 0 },
      ],
      'an expression nested deeper than the reader goes': [
        functional(layerClass(`computeOutputShape(inputShape: any) {\n    return ${'('.repeat(100)}inputShape${')'.repeat(100)};\n  }`)),
        { name: 'custom_Custom1', className: 'Custom', outputShape: null, params: 0 },
      ],
      'a statement other than an assertion before the return': [
        functional(layerClass('computeOutputShape(inputShape: any) {\n    const out = inputShape.slice();\n    out.splice(1, 1);\n    return out;\n  }')),
        { name: 'custom_Custom1', className: 'Custom', outputShape: null, params: 0 },
      ],
      'a constructor that renames the layer': [
        functional(layerClass('computeOutputShape(inputShape: any) {\n    return inputShape;\n  }', "constructor(config: any) {\n    super({...config, name: 'mine'});\n  }")),
        { name: '?', className: 'Custom', outputShape: [null, 3], params: 0 },
      ],
      'a config we cannot read (its name may be given)': [
        functional(layerClass('computeOutputShape(inputShape: any) {\n    return inputShape;\n  }'), 'new Custom(JSON.parse(text)).apply(hidden)').replace('const input', 'declare const text: string;\nconst input'),
        { name: '?', className: 'Custom', outputShape: [null, 3], params: 0 },
      ],
      'weights added in build': [
        functional(layerClass("build(inputShape: any) {\n    this.addWeight('w', [inputShape[1], 3], 'float32', tf.initializers.ones());\n    this.built = true;\n  }")),
        undefined,
      ],
      'an apply of its own': [functional(layerClass('apply(inputs: any) {\n    return inputs;\n  }')), undefined],
      'a subclass of another layer class': [
        functional(layerClass('computeOutputShape(inputShape: any) {\n    return inputShape;\n  }') + 'class Sub extends Custom {}\n', 'new Sub({}).apply(hidden)'),
        undefined,
      ],
      'a class of a file the workspace does not have': [
        functional("import {Custom} from './missing';\n", 'new Custom({}).apply(hidden)'),
        undefined,
      ],
      'a class of another file whose computeOutputShape reads a field': [
        functional("import {Custom} from './custom';\n", 'new Custom({}).apply(hidden)'),
        { name: 'custom_Custom1', className: 'Custom', outputShape: null, params: 0 },
      ],
    };
    for (const [what, [source, row]] of Object.entries(cases)) {
      const models = summarizeSource('/p/model.ts', source, memoryModules({ '/p/model.ts': source, '/p/custom.ts': NS + 'export ' + layerClass('computeOutputShape(inputShape: any) {\n    return [inputShape[0], this.units];\n  }') }));
      assert.equal(models.length, 1, what);
      const m = models[0];
      // Known shapes: the counts are too (a name we cannot know is not a count); otherwise unknown after it.
      const shapeKnown = !!row && row.outputShape !== null;
      assert.equal(m.totalParams, shapeKnown ? 25 : null, `${what}: ${formatSummaryText(models, '/')}`);
      assert.equal(m.layers[m.layers.length - 1].params, shapeKnown ? 4 : null, `${what}: the dense layer after it`);
      const custom = m.layers.find((l) => l.className === 'Custom');
      if (row) assert.deepEqual(custom && { name: custom.name, className: custom.className, outputShape: custom.outputShape, params: custom.params }, row, what);
      else assert.equal(custom, undefined, `${what}: not read as a layer`);
    }
  });

  it('an HTML page: the models of its tfjs script blocks, at host-file lines; a block before tfjs loads is left out', () => {
    const page = [
      '<!doctype html>',
      '<script>const model = tf.sequential(); model.add(tf.layers.dense({units: 1, inputShape: [1]}));</script>',
      '<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>',
      '<body>',
      '<script>',
      'const net = tf.sequential();',
      'net.add(tf.layers.dense({units: 4, inputShape: [3]}));',
      '</script>',
    ].join('\n');
    const models = summarizeSource('/p/page.html', page);
    assert.deepEqual(
      models.map((m) => [m.file, m.model, m.line, m.totalParams]),
      [['/p/page.html', 'net', 6, 16]],
    );
  });

  it('layers after sizes read at run time: what does not depend on them is known and agrees with tfjs for any size; the rest stays ?', async () => {
    // boston-housing / abalone: `inputShape: [numFeatures]` of a CSV's column count; snake-dqn: a board of h x w.
    const builders =
      NS +
      "export function regression(numFeatures: number) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({inputShape: [numFeatures], units: 50, activation: 'sigmoid'}));\n  model.add(tf.layers.dense({units: 50, activation: 'sigmoid'}));\n  model.add(tf.layers.dense({units: 1}));\n  return model;\n}\n" +
      "export function images(channels: number) {\n  const model = tf.sequential();\n  model.add(tf.layers.conv2d({inputShape: [28, 28, channels], filters: 8, kernelSize: 3}));\n  model.add(tf.layers.maxPooling2d({poolSize: 2}));\n  model.add(tf.layers.flatten());\n  model.add(tf.layers.dense({units: 10}));\n  return model;\n}\n" +
      "export function board(h: number, w: number) {\n  const model = tf.sequential();\n  model.add(tf.layers.conv2d({filters: 16, kernelSize: 3, activation: 'relu', inputShape: [h, w, 2]}));\n  model.add(tf.layers.batchNormalization());\n  model.add(tf.layers.conv2d({filters: 8, kernelSize: 3, activation: 'relu'}));\n  model.add(tf.layers.flatten());\n  model.add(tf.layers.dense({units: 10, activation: 'relu'}));\n  model.add(tf.layers.dropout({rate: 0.25}));\n  model.add(tf.layers.dense({units: 4}));\n  return model;\n}\n" +
      "export function sequences(steps: number) {\n  const model = tf.sequential();\n  model.add(tf.layers.inputLayer({inputShape: [steps, 4]}));\n  model.add(tf.layers.lstm({units: 8, returnSequences: true}));\n  model.add(tf.layers.flatten());\n  model.add(tf.layers.dense({units: 1}));\n  return model;\n}\n";
    const ours = summarizeSource('model.ts', builders);
    assert.deepEqual(
      ours.map((m) => m.layers.map((l) => [l.outputShape, l.params])),
      [
        [[[null, 50], null], [[null, 50], 2550], [[null, 1], 51]],
        [[[null, 26, 26, 8], null], [[null, 13, 13, 8], 0], [[null, 1352], 0], [[null, 10], 13530]],
        [[null, 304], [null, 64], [null, 1160], [null, 0], [[null, 10], null], [[null, 10], 0], [[null, 4], 44]],
        [[null, 0], [null, 416], [null, 0], [[null, 1], null]],
      ],
    );
    assert.ok(ours.every((m) => m.totalParams === null && m.trainableParams === null), 'the totals need every row');
    const text = formatSummaryText([ours[0], ours[2]], '/');
    assert.match(text, /dense_Dense1 \(Dense\) +\? +\[null,50\] +\? /);
    assert.match(text, /conv2d_Conv2D2 \(Conv2D\) +\? +\? +304 /);
    const exports = await runSnippet(builders);
    for (const size of [5, 9, 13]) {
      for (const [i, name] of ['regression', 'images', 'board', 'sequences'].entries()) {
        const build = exports[name] as (...n: number[]) => { layers: { outputShape: unknown; countParams(): number }[]; dispose(): void };
        const tfModel = build(size, size + 2);
        ours[i].layers.forEach((row, r) => {
          if (row.outputShape) assert.deepEqual(row.outputShape, tfModel.layers[r].outputShape, `${name}(${size}) row ${r + 1}`);
          if (row.params !== null) assert.equal(row.params, tfModel.layers[r].countParams(), `${name}(${size}) row ${r + 1}`);
        });
        tfModel.dispose();
      }
    }
  });

  it('layers after sizes read at run time stay ? where the rank is unknown or a layer may throw on the real sizes', () => {
    const cases: Record<string, string> = {
      'the whole inputShape from a parameter: its rank is unknown': "function build(shape: number[]) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({inputShape: shape, units: 4}));\n  model.add(tf.layers.dense({units: 1}));\n  return model;\n}",
      'a rank conv2d does not take (tfjs throws, but we stay quiet where sizes are unknown)': "declare const h: number, w: number;\nconst model = tf.sequential();\nmodel.add(tf.layers.conv2d({inputShape: [h, w], filters: 8, kernelSize: 3}));\nmodel.add(tf.layers.dense({units: 1}));",
    };
    for (const [what, body] of Object.entries(cases)) {
      const [m] = summarizeSource('model.ts', NS + body);
      assert.ok(m, what);
      assert.ok(m.layers.every((l) => l.outputShape === null && l.params === null), `${what}: ${formatSummaryText([m], '/')}`);
    }
  });

  it('unknowns print as ? (a custom layer makes everything after it unknown); json gives the same as data', () => {
    const source = NS + "declare const custom: any;\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [4], units: 3}));\nmodel.add(custom);\nmodel.add(tf.layers.dense({units: 2}));";
    const models = summarizeSource('/p/model.ts', source);
    const text = formatSummaryText(models, '/p');
    assert.match(text, /^model\.ts:3: sequential model 'model'\n/);
    assert.match(text, /dense_Dense1 \(Dense\) +\[\[null,4\]\] +\[null,3\] +15 /);
    assert.match(text, /\? \(\?\) +\? +\? +\? /);
    assert.match(text, /dense_Dense2 \(Dense\) +\? +\? +\? /);
    assert.match(text, /Total params: \?\nTrainable params: \?\nNon-trainable params: \?/);
    const json = JSON.parse(formatSummaryJson(models));
    assert.deepEqual(json, [
      {
        file: '/p/model.ts',
        model: 'model',
        line: 3,
        layers: [
          { name: 'dense_Dense1', className: 'Dense', outputShape: [null, 3], params: 15, certain: true },
          { name: '?', className: '?', outputShape: null, params: null, certain: null },
          { name: 'dense_Dense2', className: 'Dense', outputShape: null, params: null, certain: true },
        ],
        rowsComplete: true,
        totalParams: null,
        trainableParams: null,
        nonTrainableParams: null,
      },
    ]);
  });

  it('rows a run may not have are named under the table: each case of a branch, a loop body (tfjs builds only some of them)', async () => {
    // addition-rnn's pattern: the RNN class chosen at run time, a hidden size from the caller.
    const source =
      NS +
      "export function build(rnnType: string, hidden: number, layers: number) {\n  const model = tf.sequential();\n  if (rnnType === 'GRU') model.add(tf.layers.gru({units: hidden, inputShape: [5, 12]}));\n  else model.add(tf.layers.lstm({units: hidden, inputShape: [5, 12]}));\n" +
      "  for (let i = 0; i < layers; i++) model.add(tf.layers.dense({units: hidden}));\n  model.add(tf.layers.dense({units: 12, activation: 'softmax'}));\n  return model;\n}\n";
    const [summary] = summarizeSource('model.ts', source);
    const text = formatSummaryText([summary], '/');
    assert.deepEqual(summary.layers.map((l) => [l.className, l.certain]), [['GRU', false], ['LSTM', false], ['Dense', false], ['Dense', true]]);
    assert.match(text, /\nAdded in a loop, a branch, a try block or another function \(the model may hold each any number of times\): gru_GRU1, lstm_LSTM1, dense_Dense1\n?$/);
    assert.equal(summary.rowsComplete, true);
    assert.equal(summary.totalParams, null);
    const exports = await runSnippet(source);
    for (const [rnnType, layers] of [['GRU', 0], ['LSTM', 3]] as const) {
      const tfModel = (exports.build as (t: string, h: number, n: number) => { layers: { getClassName(): string }[]; dispose(): void })(rnnType, 4, layers);
      const theirs = tfModel.layers.map((l) => l.getClassName());
      // The certain rows are in every run; each row a run has beyond them is one the note names.
      const certain = summary.layers.filter((l) => l.certain).map((l) => l.className);
      const uncertain = new Set(summary.layers.filter((l) => l.certain === false).map((l) => l.className));
      assert.deepEqual(theirs.slice(-certain.length), certain);
      for (const c of theirs.slice(0, -certain.length)) assert.ok(uncertain.has(c), `${rnnType}: ${c} is named in the note`);
      tfModel.dispose();
    }
  });

  it('a functional model through code the linter does not follow says its rows may be incomplete; a fully known one says nothing more', () => {
    const partial = summarizeSource(
      'model.ts',
      NS + "declare function customBlock(x: tf.SymbolicTensor): tf.SymbolicTensor;\nconst input = tf.input({shape: [8]});\nconst h = customBlock(tf.layers.dense({units: 4}).apply(input) as tf.SymbolicTensor);\nconst out = tf.layers.dense({units: 1}).apply(h) as tf.SymbolicTensor;\nexport const model = tf.model({inputs: input, outputs: out});",
    );
    assert.equal(partial[0].rowsComplete, false);
    assert.equal(partial[0].totalParams, null);
    assert.match(formatSummaryText(partial, '/'), /\nThe model may have more layers than listed: some come from code the linter does not follow\.\n$/);
    assert.equal(JSON.parse(formatSummaryJson(partial))[0].rowsComplete, false);
    const known = summarizeSource('model.ts', MODELS['functional two inputs, concatenate and add (layout with connections)']);
    assert.equal(known[0].rowsComplete, true);
    assert.ok(known[0].layers.every((l) => l.certain));
    assert.match(formatSummaryText(known, '/'), /Non-trainable params: 0\n_+\n$/);
  });

  it('an RNN applied with initialState: tfjs makes the states inputs of its node, so the row list may differ from ours', () => {
    const source = NS + "const encoderInput = tf.input({shape: [5, 3]});\nconst decoderInput = tf.input({shape: [4, 3]});\nconst encoderLast = tf.layers.lstm({units: 8}).apply(encoderInput) as tf.SymbolicTensor;\nconst decoder = tf.layers.lstm({units: 8, returnSequences: true}).apply(decoderInput, {initialState: [encoderLast, encoderLast]}) as tf.SymbolicTensor;\nconst output = tf.layers.dense({units: 2}).apply(decoder) as tf.SymbolicTensor;\nexport const model = tf.model({inputs: [encoderInput, decoderInput], outputs: output});";
    const [withStates] = summarizeSource('model.ts', source);
    assert.equal(withStates.rowsComplete, false, formatSummaryText([withStates], '/'));
    const [training] = summarizeSource('model.ts', source.replace('{initialState: [encoderLast, encoderLast]}', '{training: true}').replace('[encoderInput, decoderInput]', 'decoderInput'));
    assert.equal(training.rowsComplete, true, 'kwargs that add no inputs change nothing');
  });

  it('a model whose layers may be added by code we do not follow has unknown totals, never 0', () => {
    const cases: Record<string, string> = {
      'kept in an object property': NS + "const store: any = {};\nstore.model = tf.sequential();\nstore.model.add(tf.layers.dense({units: 3, inputShape: [2]}));",
      'handed to a helper before any layer': NS + "declare function addLayers(m: tf.Sequential): void;\nconst model = tf.sequential();\naddLayers(model);",
      'this.model filled by a method the constructor calls': NS + "class Net {\n  model: any;\n  constructor() {\n    this.model = tf.sequential();\n    this.init();\n  }\n  init() {\n    this.model.add(tf.layers.dense({units: 3, inputShape: [2]}));\n  }\n}",
      'a functional model cut from a loaded model': NS + "async function truncated() {\n  const mobilenet = await tf.loadLayersModel('https://example.com/model.json');\n  const layer = mobilenet.getLayer('conv_pw_13_relu');\n  const model = tf.model({inputs: mobilenet.inputs, outputs: layer.output});\n  return model;\n}",
      'an add after a call of other code, on a var another function loads into': NS + "var net: any;\nfunction build() {\n  net = tf.sequential();\n  net.add(tf.layers.dense({units: 3, inputShape: [2]}));\n  prepare();\n  net.add(tf.layers.dense({units: 1}));\n}\nfunction prepare() {}\nasync function restore() {\n  net = await tf.loadLayersModel('localstorage://net');\n}",
      'this.model assigned from outside the class too': NS + "class Net {\n  model: any = tf.sequential();\n}\nconst n = new Net();\nn.model = tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [1]})]});",
    };
    for (const [what, source] of Object.entries(cases)) {
      const models = summarizeSource('model.ts', source);
      assert.ok(models.length >= 1, what);
      const first = models[0];
      assert.equal(first.totalParams, null, `${what}: ${formatSummaryText(models, '/')}`);
      assert.doesNotMatch(formatSummaryText([first], '/'), /Total params: 0/, what);
    }
    const empty = summarizeSource('model.ts', NS + 'const model = tf.sequential();\nconsole.log(model.layers.length);');
    assert.equal(empty[0].totalParams, 0, 'a model that really has no layers');
  });

  it("an empty sequential model (a course exercise's tf.sequential({})): 0 params, and the note that tfjs's own summary() throws", async () => {
    const source = NS + 'export const model = tf.sequential({});\n';
    const models = summarizeSource('model.ts', source);
    assert.equal(models[0].totalParams, 0);
    assert.match(formatSummaryText(models, '/'), /Total params: 0\n[^]*\nThe model has no layers: tfjs's model\.summary\(\) throws 'Sequential model cannot be built: model is empty\.'\n$/);
    const tfModel = (await runSnippet(source)).model as { summary(): void; trainableWeights: unknown[] };
    assert.equal(tfModel.trainableWeights.length, 0);
    assert.throws(() => tfModel.summary(), /Sequential model cannot be built: model is empty\./);
    // A model whose layers the linter may not see says nothing of the kind.
    const handed = summarizeSource('model.ts', NS + 'declare function addLayers(m: tf.Sequential): void;\nexport const model = tf.sequential();\naddLayers(model);\n');
    assert.doesNotMatch(formatSummaryText(handed, '/'), /no layers/);
  });

  it('the CLI mode: --summary with --format json over a file', () => {
    const fs = require('node:fs') as typeof import('node:fs');
    const os = require('node:os') as typeof import('node:os');
    const path = require('node:path') as typeof import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-summary-'));
    fs.writeFileSync(path.join(dir, 'net.ts'), MODELS['functional chain (sequential-like layout)']);
    fs.writeFileSync(path.join(dir, 'plain.ts'), 'export const x = 1;\n');
    // A model sized by a config module beside it: the CLI follows the import as the lint does.
    fs.writeFileSync(path.join(dir, 'config.js'), 'export const NUM_FEATURES = 13;\n');
    fs.writeFileSync(path.join(dir, 'game.js'), NS + "import {NUM_FEATURES} from './config';\nexport const model = tf.sequential();\nmodel.add(tf.layers.dense({inputShape: [NUM_FEATURES], units: 20, activation: 'relu'}));\nmodel.add(tf.layers.dense({units: 1, activation: 'sigmoid'}));\n");
    const parsed = parseArgs(['--summary', '--format', 'json', 'net.ts', 'plain.ts', 'game.js']);
    assert.ok('options' in parsed);
    let out = '';
    const code = runSummary(parsed.options, { cwd: dir, out: (t) => void (out += t), err: (t) => assert.fail(t) });
    assert.equal(code, 0);
    const data = JSON.parse(out) as { file: string; model: string; totalParams: number; layers: { name: string }[] }[];
    const net = data.filter((m) => m.file.endsWith('net.ts'));
    assert.equal(net.length, 1);
    assert.equal(net[0].model, 'model');
    assert.equal(net[0].totalParams, 12 * 8 + 8 + 8 * 3 + 3);
    assert.deepEqual(net[0].layers.map((l) => l.name), ['features', 'dense_Dense1', 'dense_Dense2']);
    assert.deepEqual(data.filter((m) => m.file.endsWith('game.js')).map((m) => m.totalParams), [13 * 20 + 20 + 20 + 1]);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
