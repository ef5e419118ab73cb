// A classic browser script's globals may be called by the other scripts of its pages
// (engine/page-scripts.ts, WorkspaceModuleHost.pageScriptsOf): a class or helper another
// script, an inline block or an onclick attribute names is not bound from this file's calls
// alone. Written the way browser games are: index.html loading tfjs from a CDN, then js/agent.js
// and js/game.js, with labels and comments that say "Agent".
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { Modules } from '../../server/src/engine/modules';
import { ModelValue } from '../../server/src/engine/values';
import { WorkspaceModuleHost } from '../../server/src/workspace/module-host';
import { treesRemovedAfter } from '../cli/helpers';

const AGENT = `class Actor {
  constructor(nActions, inputShape) {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({inputShape: inputShape, units: 16, activation: 'relu'}));
    this.model.add(tf.layers.dense({units: nActions, activation: 'tanh'}));
  }
}
class Agent {
  constructor(nActions = 2, inputs = 47) {
    this.actor = new Actor(nActions, inputs);
  }
}
const agent = new Agent(2, 30);
`;
const HELPER = `function buildModel(inputs) {
  const model = tf.sequential();
  model.add(tf.layers.dense({inputShape: [inputs], units: 1}));
  return model;
}
const model = buildModel(8);
`;
const PAGE = (extra = '', handler = 'agent.reset()') => `<!DOCTYPE html>
<html><body>
  <label for="agentX">Agent Start X</label>
  <button onclick="${handler}">Reset Agent</button>
  <script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>
  <script src="js/agent.js"></script>
  <script src="./js/game.js"></script>
  <script>
    // The Agent learns to run from the zombie.
    const title = 'Agent';${extra}
  </script>
</body></html>
`;
const GAME = '// Agent movement\nfunction step() {\n  agent.act();\n}\n';

describe('engine: globals of a classic script, called by other scripts of its page', () => {
  const tree = treesRemovedAfter();
  /** Total params of the first model built in `file`, linted as the command line does (importers and pages searched within the tree). */
  const total = (files: Record<string, string>, file = 'js/agent.js'): number | undefined => {
    const dir = tree(files);
    const fileName = path.join(dir, file);
    const modules = new Modules(new WorkspaceModuleHost(undefined, undefined, dir));
    const analysis = FileAnalysis.parse(fileName, fs.readFileSync(fileName, 'utf8'), modules.linkFor(fileName));
    const m = analysis.graph.models.find((v): v is ModelValue => v instanceof ModelValue);
    assert.ok(m);
    return analysis.shapes.summary(m, analysis.shapes.namer())?.totalParams;
  };

  it("no other script of the page names the class: this file's `new`s size the model (labels, comments and strings do not count)", () => {
    assert.equal(total({ 'index.html': PAGE(), 'js/agent.js': AGENT, 'js/game.js': GAME }), 30 * 16 + 16 + 16 * 2 + 2);
    assert.equal(total({ 'index.html': PAGE(), 'js/agent.js': HELPER, 'js/game.js': GAME }), 8 + 1, 'a helper function');
    assert.equal(total({ 'js/agent.js': AGENT, 'js/game.js': 'const other = new Agent(4, 9);\n' }), 30 * 16 + 16 + 16 * 2 + 2, 'no page loads them together');
  });

  it('another script, an inline block or a handler attribute of the page names it: UNKNOWN', () => {
    const cases: [Record<string, string>, string][] = [
      [{ 'index.html': PAGE(), 'js/agent.js': AGENT, 'js/game.js': GAME + 'const trained = new Agent(4, 9);\n' }, 'a later script constructs it with other sizes'],
      [{ 'index.html': PAGE('\n    const second = new Agent(2, 12);'), 'js/agent.js': AGENT, 'js/game.js': GAME }, "the page's inline block"],
      [{ 'index.html': PAGE('', 'window.agent = new Agent(2, 64)'), 'js/agent.js': AGENT, 'js/game.js': GAME }, 'an onclick attribute'],
      [{ 'index.html': PAGE(), 'js/agent.js': HELPER, 'js/game.js': GAME + 'const big = buildModel(64);\n' }, 'a helper function called by another script'],
      [{ 'index.html': PAGE().replace('game.js"', "game.js?v=2\"").replace('"js/agent.js"', "'js/agent.js'"), 'js/agent.js': AGENT, 'js/game.js': GAME + 'const trained = new Agent(4, 9);\n' }, 'scripts named with a cache-busting query, in single quotes'],
    ];
    for (const [files, what] of cases) assert.equal(total(files), undefined, what);
  });
  // shiffman's DoodleClassifier: classifier.js reads CLASSES, a const of sketch.js; the page loads both.
  const CLASSIFIER = "class Classifier {\n  constructor() {\n    this.model = tf.sequential();\n    this.model.add(tf.layers.flatten({inputShape: [IMAGE_H, IMAGE_W, 1]}));\n    this.model.add(tf.layers.dense({units: CLASSES, activation: 'softmax'}));\n  }\n}\n";
  const SKETCH = 'const CLASSES = 3;\nlet classifier;\nfunction setup() {\n  classifier = new Classifier();\n}\n';
  const DATA = 'const IMAGE_H = 28;\nconst IMAGE_W = IMAGE_H;\n';
  const DOODLE_PAGE = (scripts: string[], inline = '') =>
    `<html><body>\n  <script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@0.8.0"></script>\n${scripts.map((s) => `  <script src="${s}"></script>\n`).join('')}  <script>${inline}</script>\n</body></html>\n`;
  const doodle = { 'index.html': DOODLE_PAGE(['data.js', 'classifier.js', 'sketch.js']), 'data.js': DATA, 'classifier.js': CLASSIFIER, 'sketch.js': SKETCH };

  it("a global another script of the page declares as a const sizes the model (sketch.js's CLASSES, data.js's image size)", () => {
    assert.equal(total(doodle, 'classifier.js'), 28 * 28 * 3 + 3);
    const twoPages = { ...doodle, 'small.html': DOODLE_PAGE(['data.js', 'classifier.js', 'sketch.js']) };
    assert.equal(total(twoPages, 'classifier.js'), 28 * 28 * 3 + 3, 'two pages that load the same scripts');
  });

  it('a global of the page stays UNKNOWN where it may hold something else or nothing declares it', () => {
    const cases: [Record<string, string>, string][] = [
      [{ ...doodle, 'sketch.js': SKETCH.replace('const CLASSES', 'let CLASSES') }, 'a let another script may reassign'],
      [{ ...doodle, 'sketch.js': `${SKETCH}function more() {\n  CLASSES = 4;\n}\n` }, 'an assignment to it (throws on a const, but we do not guess)'],
      [{ ...doodle, 'index.html': DOODLE_PAGE(['data.js', 'classifier.js', 'sketch.js'], 'var CLASSES = 5;') }, "the page's inline block names it"],
      [{ ...doodle, 'other.html': DOODLE_PAGE(['data.js', 'classifier.js', 'other.js']), 'other.js': 'const CLASSES = 10;\n' }, 'two pages give it different values'],
      [{ ...doodle, 'sketch.js': 'let classifier;\n' }, 'no script of the page declares it'],
      [{ ...doodle, 'index.html': DOODLE_PAGE(['data.js', 'classifier.js']) }, 'the page does not load sketch.js'],
      [{ ...doodle, 'sketch.js': 'const CLASSES = labels.length;\n' }, 'a const of a value we do not know'],
      [{ ...doodle, 'sketch.js': "import { N } from './n.js';\nexport const CLASSES = 3;\n" }, 'a module: its top-level names are not globals'],
    ];
    for (const [files, what] of cases) assert.equal(total(files, 'classifier.js'), undefined, what);
  });

  // shiffman's 01_XOR: neuralnetwork.js declares the class, sketch.js (loaded after it) builds it in setup().
  const NETWORK = `class NeuralNetwork {
  constructor(inputs, hidden, outputs, lr) {
    this.model = tf.sequential();
    const hiddenLayer = tf.layers.dense({units: hidden, inputShape: [inputs], activation: 'sigmoid'});
    const outputLayer = tf.layers.dense({units: outputs, activation: 'sigmoid'});
    this.model.add(hiddenLayer);
    this.model.add(outputLayer);
    const LEARNING_RATE = lr || 0.5;
    this.model.compile({optimizer: tf.train.sgd(LEARNING_RATE), loss: 'meanSquaredError'});
  }

  predict(inputs) {
    return tf.tidy(() => this.model.predict(tf.tensor2d([inputs])).dataSync());
  }
}
`;
  const XOR_SKETCH = (build = 'new NeuralNetwork(2, 2, 1)', extra = '') => `let nn;
let statusP;

function setup() {
  createCanvas(400, 400);
  statusP = createP('0');
  nn = ${build};
  let y = nn.predict([0, 1]);
}
${extra}`;
  const XOR_PAGE = (body = '', scriptAttributes = '') => `<!DOCTYPE html>
<html>
<head>
  <title>Tensorflow.js XOR</title>
  <script src="https://cdnjs.cloudflare.com/ajax/libs/p5.js/0.6.1/p5.min.js"></script>
  <script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@latest"></script>
  <script src="neuralnetwork.js"></script>
  <script${scriptAttributes} src="sketch.js"></script>
</head>
<body>${body}</body>
</html>
`;
  const xor = (sketch = XOR_SKETCH(), page = XOR_PAGE()) => ({ 'index.html': page, 'neuralnetwork.js': NETWORK, 'sketch.js': sketch });
  const XOR_PARAMS = 2 * 2 + 2 + 2 * 1 + 1;

  it("a class or helper only another script of the page calls takes that script's arguments (01_XOR: new NeuralNetwork(2, 2, 1) in sketch.js)", () => {
    assert.equal(total(xor(), 'neuralnetwork.js'), XOR_PARAMS);
    assert.equal(total(xor(XOR_SKETCH('new NeuralNetwork(2, 2, 1)', 'function reset() {\n  nn = new NeuralNetwork(2, 2, 1, 0.1);\n}\n')), 'neuralnetwork.js'), XOR_PARAMS, 'two calls that agree on the sizes');
    const own = { ...xor(), 'neuralnetwork.js': `${NETWORK}const fallback = new NeuralNetwork(2, 2, 1);\n` };
    assert.equal(total(own, 'neuralnetwork.js'), XOR_PARAMS, "the class's own file builds it with the same sizes");
    const helperPage = { 'index.html': PAGE(), 'js/agent.js': HELPER.replace('const model = buildModel(8);\n', ''), 'js/game.js': `${GAME}const model = buildModel(8);\n` };
    assert.equal(total(helperPage), 8 + 1, 'a helper function another script calls');
  });

  it("it stays UNKNOWN unless every call on the page is one we see and they agree", () => {
    const cases: [Record<string, string>, string][] = [
      [xor(XOR_SKETCH('new NeuralNetwork(2, 2, 1)', 'function bigger() {\n  nn = new NeuralNetwork(2, 8, 1);\n}\n')), 'two calls that disagree'],
      [{ ...xor(), 'neuralnetwork.js': `${NETWORK}const fallback = new NeuralNetwork(3, 2, 1);\n` }, "the class's own file builds it with other sizes"],
      [{ ...xor(), 'other.html': XOR_PAGE().replace('sketch.js', 'big.js'), 'big.js': XOR_SKETCH('new NeuralNetwork(2, 16, 1)') }, 'another page builds it with other sizes'],
      [xor(XOR_SKETCH("new NeuralNetwork(int(select('#inputs').value()), 2, 1)")), 'a size read at run time'],
      [xor(XOR_SKETCH('new NeuralNetwork(...sizes)', 'const sizes = [2, 2, 1];\n')), 'arguments spread from an array'],
      [xor(XOR_SKETCH(), XOR_PAGE('\n<script>\n  const second = new NeuralNetwork(2, 2, 1);\n</script>\n')), "the page's inline block names it (even with the same sizes)"],
      [xor(XOR_SKETCH(), XOR_PAGE('\n<button onclick="nn = new NeuralNetwork(2, 2, 1)">Reset</button>\n')), 'an onclick attribute names it'],
      [xor(XOR_SKETCH('new Net(2, 2, 1)', 'const Net = NeuralNetwork;\n')), 'handed on to another name'],
      [xor(XOR_SKETCH('new window.NeuralNetwork(2, 2, 1)')), 'reached as a property of window'],
      [xor(XOR_SKETCH('new NeuralNetwork(2, 2, 1)', 'class Bigger extends NeuralNetwork {\n  constructor() {\n    super(2, 32, 1);\n  }\n}\n')), 'extended by a class of another script'],
      [xor(XOR_SKETCH('new NeuralNetwork(2, 2, 1)', 'function NeuralNetwork(a, b) {}\n')), 'another script declares the same global'],
      [xor(`import { N } from './n.js';\n${XOR_SKETCH()}`, XOR_PAGE('', ' type="module"')), 'a module script names it'],
      [xor(XOR_SKETCH('NeuralNetwork(2, 2, 1)')), 'a class called without new (throws; nothing to bind)'],
    ];
    for (const [files, what] of cases) assert.equal(total(files, 'neuralnetwork.js'), undefined, what);
  });

  it('a host that cannot list the pages (the editor) binds nothing from other scripts', () => {
    const dir = tree(xor());
    const fileName = path.join(dir, 'neuralnetwork.js');
    const modules = new Modules(new WorkspaceModuleHost());
    const analysis = FileAnalysis.parse(fileName, fs.readFileSync(fileName, 'utf8'), modules.linkFor(fileName));
    const m = analysis.graph.models.find((v): v is ModelValue => v instanceof ModelValue);
    assert.ok(m);
    assert.equal(analysis.shapes.summary(m, analysis.shapes.namer())?.totalParams, undefined);
  });
});
