import { rule } from '../../rules/disconnected-layers';
import { runRuleTable } from '../harness/rule-tester';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const NAMED = "import {input, layers, model} from '@tensorflow/tfjs';\n";
const REQ = "const tf = require('@tensorflow/tfjs');\n";
const ALIAS = "import * as tfjs from '@tensorflow/tfjs-node';\n";

const DISCONNECTED = /^The model's outputs depend on input 'b' \(line \d+\), which is not in its inputs \[a\]: tfjs throws "Graph disconnected"/;
const UNUSED_INPUT = /^Input '(\w+)' \(line \d+\) is in the model's inputs, but no output depends on it: tfjs still demands data for it/;
const DEAD_BRANCH = /^This dense branch is computed but never used: no model output depends on it/;
const DEAD_LAYER = (type: string) => new RegExp(`^This ${type} layer is created but never used: it is not added to a model, applied, passed or stored`);

runRuleTable(rule, {
  valid: [
    {
      name: 'a layer whose name is logged and that is added to the model',
      code: NS + "const hidden = tf.layers.dense({units: 4, inputShape: [3]});\nconsole.log(hidden.name, hidden.outputShape);\nconst model = tf.sequential({layers: [hidden, tf.layers.dense({units: 1})]});",
    },
    {
      name: 'a layer whose weights are read is not inert (it relies on being built)',
      code: NS + "const inp = tf.input({shape: [8]});\nconst d = tf.layers.dense({units: 4});\nconst h = d.apply(inp) as tf.SymbolicTensor;\nconsole.log(d.getWeights().length);\nexport const m = tf.model({inputs: inp, outputs: h});",
    },
    {
      name: 'functional model, every layer on the way from input to output',
      code: NS + "const inp = tf.input({shape: [4]});\nconst h = tf.layers.dense({units: 8, activation: 'relu'}).apply(inp);\nconst out = tf.layers.dense({units: 1}).apply(h);\nexport const m = tf.model({inputs: inp, outputs: out});",
    },
    {
      name: 'shared layer applied twice in a two-input (siamese) model',
      code: NS + "const a = tf.input({shape: [4]});\nconst b = tf.input({shape: [4]});\nconst shared = tf.layers.dense({units: 8});\nconst ha = shared.apply(a);\nconst hb = shared.apply(b);\nconst merged = tf.layers.concatenate().apply([ha, hb]);\nconst out = tf.layers.dense({units: 1, activation: 'sigmoid'}).apply(merged);\nconst m = tf.model({inputs: [a, b], outputs: out});\nm.summary();",
    },
    {
      name: 'multi-output model uses both branches (named imports)',
      code: NAMED + "const inp = input({shape: [10]});\nconst h = layers.dense({units: 16}).apply(inp);\nconst cls = layers.dense({units: 3, activation: 'softmax'}).apply(h);\nconst reg = layers.dense({units: 1}).apply(h);\nconst m = model({inputs: inp, outputs: [cls, reg]});\nm.summary();",
    },
    {
      name: 'layer handed to another function',
      code: NS + 'const d = tf.layers.dense({units: 3});\nregister(d);',
    },
    {
      name: 'layer returned from a helper, and layers stored in an array and a property',
      code: NS + "function makeHead() {\n  return tf.layers.dense({units: 1});\n}\nconst heads = [tf.layers.dense({units: 2})];\nclass Net {\n  dense = tf.layers.dense({units: 4});\n}\nconst registry = {};\nregistry.extra = tf.layers.dense({units: 5});",
    },
    {
      name: 'layer kept for a later apply in another function that is called (require)',
      code: REQ + "const head = tf.layers.dense({units: 1});\nfunction attach(x) {\n  return head.apply(x);\n}\nconst inp = tf.input({shape: [4]});\nconst out = attach(tf.layers.dense({units: 8}).apply(inp));\nconst m = tf.model({inputs: inp, outputs: out});\nm.summary();",
    },
    {
      name: 'sequential model built with add',
      code: NS + "const model = tf.sequential();\nconst hidden = tf.layers.dense({units: 8, inputShape: [4]});\nmodel.add(hidden);\nmodel.add(tf.layers.dense({units: 1}));",
    },
    {
      name: 'branch result handed to a function',
      code: NS + "const inp = tf.input({shape: [4]});\nconst h = tf.layers.dense({units: 8}).apply(inp);\nconst aux = tf.layers.dense({units: 3}).apply(h);\nlogShape(aux);\nconst m = tf.model({inputs: inp, outputs: tf.layers.dense({units: 1}).apply(h)});\nm.summary();",
    },
    {
      name: 'browser global tf: top-level names of a classic script may be read by other scripts',
      code: "const spare = tf.layers.dense({units: 1});\nconst inp = tf.input({shape: [4]});\nconst h = tf.layers.dense({units: 8}).apply(inp);\nconst probe = tf.layers.dense({units: 2}).apply(h);\nconst m = tf.model({inputs: inp, outputs: tf.layers.dense({units: 1}).apply(h)});",
    },
    {
      name: 'layer applied once only to build its weights, which are then read',
      code: NS + "const inp = tf.input({shape: [4]});\nconst d = tf.layers.dense({units: 3});\nd.apply(inp);\nconsole.log(d.getWeights().length);",
    },
    {
      name: 'outputs built by a helper from a parameter: the wiring cannot be known',
      code: NS + "function block(x) {\n  return tf.layers.dense({units: 4}).apply(x);\n}\nconst a = tf.input({shape: [4]});\nconst b = tf.input({shape: [4]});\nexport const m = tf.model({inputs: [a, b], outputs: block(a)});\nexport const n = tf.model({inputs: b, outputs: block(b)});",
    },
    {
      name: 'a helper exported (other files may call it): its parameter stays unknown',
      code: NS + "export function block(x) {\n  return tf.layers.dense({units: 4}).apply(x);\n}\nconst a = tf.input({shape: [4]});\nconst b = tf.input({shape: [4]});\nexport const m = tf.model({inputs: [a, b], outputs: block(a)});",
    },
    {
      name: 'file uses eval: a name may be read where we cannot see',
      code: NS + "function f() {\n  const d = tf.layers.dense({units: 3});\n  return eval('d');\n}\nf();",
    },
    {
      name: 'exported layer (export const and export {...})',
      code: NS + "export const head = tf.layers.dense({units: 1});\nconst tail = tf.layers.dense({units: 2});\nexport { tail };",
    },
    {
      name: 'nested model applied to another input (alias import)',
      code: ALIAS + "const a = tfjs.input({shape: [4]});\nconst enc = tfjs.model({inputs: a, outputs: tfjs.layers.dense({units: 2}).apply(a)});\nconst b = tfjs.input({shape: [4]});\nconst out = tfjs.layers.dense({units: 1}).apply(enc.apply(b));\nexport const full = tfjs.model({inputs: b, outputs: out});",
    },
    {
      name: 'eager apply on a concrete tensor is not a graph branch',
      code: NS + "function warmUp() {\n  const y = tf.layers.dense({units: 3}).apply(tf.zeros([1, 4]));\n}\nwarmUp();",
    },
    {
      name: 'reassigned variable: the value may flow on',
      code: NS + "const inp = tf.input({shape: [4]});\nlet h = tf.layers.dense({units: 8}).apply(inp);\nh = tf.layers.dense({units: 4}).apply(h);\nexport const m = tf.model({inputs: inp, outputs: h});",
    },
    {
      name: 'inputs from an unknown source',
      code: NS + "export function build(inputs) {\n  const out = tf.layers.dense({units: 1}).apply(inputs[0]);\n  return tf.model({inputs, outputs: out});\n}",
    },
  ],
  invalid: [
    {
      name: 'a layer only logged (its name read in console.log) is still in no model',
      code: NS + "const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 4, inputShape: [3]}));\nconst extra = tf.layers.dense({units: 2});\nconsole.log('created', extra.name);\nmodel.add(tf.layers.dense({units: 1}));",
      errors: [{ message: DEAD_LAYER('dense'), line: 4, column: 15 }],
      output: null,
    },
    {
      name: 'a branch whose result is only inspected (its shape logged) is computed but never used',
      code: NS + "const inp = tf.input({shape: [8]});\nconst h = tf.layers.dense({units: 4}).apply(inp) as tf.SymbolicTensor;\nconst side = tf.layers.dense({units: 2}).apply(h) as tf.SymbolicTensor;\nconsole.log('side branch', side.shape);\nconst out = tf.layers.dense({units: 1}).apply(h) as tf.SymbolicTensor;\nexport const m = tf.model({inputs: inp, outputs: out});",
      errors: [{ message: DEAD_BRANCH, line: 4, column: 14 }],
      output: null,
    },
    {
      name: 'outputs computed from an input that is not listed (namespace import)',
      code: NS + "const a = tf.input({shape: [4]});\nconst b = tf.input({shape: [4]});\nconst h = tf.layers.dense({units: 8, activation: 'relu'}).apply(b);\nconst out = tf.layers.dense({units: 1}).apply(h);\nexport const m = tf.model({inputs: a, outputs: out});",
      errors: [{ message: DISCONNECTED, line: 6, column: 39, endLine: 6, endColumn: 51 }],
      output: null,
    },
    {
      name: 'two-input merge, one input forgotten in inputs (named imports)',
      code: NAMED + "const a = input({shape: [4]});\nconst b = input({shape: [2]});\nconst merged = layers.concatenate().apply([a, b]);\nconst out = layers.dense({units: 1}).apply(merged);\nconst m = model({inputs: [a], outputs: out});\nm.summary();",
      errors: [{ message: /^The model's outputs depend on input 'b' \(line 3\), which is not in its inputs \[a\]: tfjs throws "Graph disconnected" when tf\.model builds it\. Add b to inputs/, line: 6, column: 31 }],
      output: null,
    },
    {
      name: 'an input no output depends on (require)',
      code: REQ + "const a = tf.input({shape: [4]});\nconst b = tf.input({shape: [3]});\nconst out = tf.layers.dense({units: 1}).apply(a);\nconst m = tf.model({inputs: [a, b], outputs: out});\nm.summary();",
      errors: [{ message: /^Input 'b' \(line 3\) is in the model's inputs/, line: 5, column: 33, endLine: 5, endColumn: 34 }],
      output: null,
    },
    {
      name: 'unused input inside a helper that builds and returns the model (alias)',
      code: ALIAS + "function build() {\n  const img = tfjs.input({shape: [8]});\n  const meta = tfjs.input({shape: [2]});\n  const h = tfjs.layers.dense({units: 4, activation: 'relu'}).apply(img);\n  return tfjs.model({inputs: [img, meta], outputs: tfjs.layers.dense({units: 1}).apply(h)});\n}\nexport const m = build();",
      errors: [{ message: UNUSED_INPUT, line: 6, column: 36 }],
      output: null,
    },
    {
      name: 'a branch assigned to a variable nobody reads',
      code: NS + "const inp = tf.input({shape: [4]});\nconst h = tf.layers.dense({units: 8}).apply(inp);\nconst aux = tf.layers.dense({units: 3, activation: 'softmax'}).apply(h);\nconst out = tf.layers.dense({units: 1}).apply(h);\nexport const m = tf.model({inputs: inp, outputs: out});",
      errors: [{ message: DEAD_BRANCH, line: 4, column: 13 }],
      output: null,
    },
    {
      name: 'a branch applied as a bare statement, layer held in a variable (require)',
      code: REQ + "function build() {\n  const inp = tf.input({shape: [4]});\n  const h = tf.layers.dense({units: 8}).apply(inp);\n  const side = tf.layers.dense({units: 2});\n  side.apply(h);\n  return tf.model({inputs: inp, outputs: tf.layers.dense({units: 1}).apply(h)});\n}\nmodule.exports = build;",
      errors: [{ message: DEAD_BRANCH, line: 6, column: 3 }],
      output: null,
    },
    {
      name: 'a dead branch of two layers is reported once, at its start (browser global, in a function)',
      code: "function build() {\n  const inp = tf.input({shape: [4]});\n  const h = tf.layers.dense({units: 8}).apply(inp);\n  const b1 = tf.layers.dense({units: 4}).apply(h);\n  const b2 = tf.layers.dropout({rate: 0.5}).apply(b1);\n  return tf.model({inputs: inp, outputs: tf.layers.dense({units: 1}).apply(h)});\n}\nbuild();",
      errors: [{ message: /^This branch of 2 layers \(dense -> dropout\) is computed but never used/, line: 4, column: 14 }],
      output: null,
    },
    {
      name: 'a merge of two live tensors left out of the outputs (alias)',
      code: ALIAS + "const inp = tfjs.input({shape: [4]});\nconst h1 = tfjs.layers.dense({units: 4}).apply(inp);\nconst h2 = tfjs.layers.dense({units: 4}).apply(inp);\nconst both = tfjs.layers.concatenate().apply([h1, h2]);\nexport const m = tfjs.model({inputs: inp, outputs: [h1, h2]});",
      errors: [{ message: /^This concatenate branch is computed but never used/, line: 5, column: 14 }],
      output: null,
    },
    {
      name: 'a layer created into a variable that is never read (namespace import, fix removes the line)',
      code: NS + "const model = tf.sequential();\nconst extra = tf.layers.dense({units: 4, activation: 'relu'});\nmodel.add(tf.layers.dense({units: 1, inputShape: [3]}));\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});",
      errors: [{ message: DEAD_LAYER('dense'), line: 3, column: 15 }],
      output: NS + "const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 1, inputShape: [3]}));\nmodel.compile({optimizer: 'sgd', loss: 'meanSquaredError'});",
    },
    {
      name: 'a layer created as a bare statement instead of added (named imports)',
      code: "import {sequential, layers} from '@tensorflow/tfjs';\nconst model = sequential();\nmodel.add(layers.dense({units: 8, inputShape: [4]}));\nlayers.dropout({rate: 0.2});\nmodel.add(layers.dense({units: 1}));",
      errors: [{ message: DEAD_LAYER('dropout'), line: 4, column: 1 }],
      output: "import {sequential, layers} from '@tensorflow/tfjs';\nconst model = sequential();\nmodel.add(layers.dense({units: 8, inputShape: [4]}));\nmodel.add(layers.dense({units: 1}));",
    },
    {
      name: 'unused layer inside a helper that builds and returns a model (require)',
      code: REQ + "function createModel(units) {\n  const norm = tf.layers.batchNormalization();\n  return tf.sequential({layers: [tf.layers.dense({units, inputShape: [4]})]});\n}\nmodule.exports = createModel;",
      errors: [{ message: DEAD_LAYER('batchNormalization'), line: 3, column: 16 }],
      output: REQ + "function createModel(units) {\n  return tf.sequential({layers: [tf.layers.dense({units, inputShape: [4]})]});\n}\nmodule.exports = createModel;",
    },
    {
      name: 'browser global tf, inside a function, config from a constant',
      code: "const CFG = {units: 2};\nfunction make() {\n  const unused = tf.layers.dense(CFG);\n  return tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2]})]});\n}\nmake();",
      errors: [{ message: DEAD_LAYER('dense'), line: 3, column: 18 }],
      output: "const CFG = {units: 2};\nfunction make() {\n  return tf.sequential({layers: [tf.layers.dense({units: 1, inputShape: [2]})]});\n}\nmake();",
    },
    {
      name: 'statement sharing its line with other code: only it is removed',
      code: NS + "const model = tf.sequential();\nconst d = tf.layers.dense({units: 2}); model.add(tf.layers.dense({units: 1, inputShape: [2]}));",
      errors: [{ message: DEAD_LAYER('dense'), line: 3, column: 11 }],
      output: NS + "const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 1, inputShape: [2]}));",
    },
    {
      name: 'config with a call in it: flagged, but no removal offered',
      code: NS + "export function f() {\n  const d = tf.layers.dense({units: 2, kernelInitializer: tf.initializers.heNormal({})});\n  return 1;\n}",
      errors: [{ message: DEAD_LAYER('dense'), line: 3, column: 13 }],
      output: null,
    },
    {
      name: 'the body of an if: flagged, but removing it would not parse, so no fix',
      code: NS + "export function f(c) {\n  if (c) tf.layers.flatten();\n}",
      errors: [{ message: DEAD_LAYER('flatten'), line: 3, column: 10 }],
      output: null,
    },
  ],
});
