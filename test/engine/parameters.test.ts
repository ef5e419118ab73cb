// Parameters of same-file helpers: the value every visible call site passes, when they agree.
// Exported helpers, helpers passed around, spread arguments and disagreeing call sites leave
// the parameter UNKNOWN.
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';
import { ModelValue, UNKNOWN, type Value } from '../../server/src/engine/values';
import { editsCallerValue } from '../../server/src/engine/call-sites';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

function valueOf(code: string, name: string): Value {
  const file = FileAnalysis.parse('a.ts', NS + code);
  void file.graph;
  const decl = file.index.bindings.filter((d) => (d.name as ts.Identifier).text === name).pop();
  assert.ok(decl, `no declaration of ${name}`);
  return file.evaluate(decl.initializer);
}

describe('engine: parameters bound from call sites', () => {
  it('one call site, or several that agree, give the value', () => {
    assert.equal(valueOf('function build(units) { const u = units; }\nbuild(8);', 'u'), 8);
    assert.equal(valueOf('const build = (n, act = "relu") => { const a = act; };\nbuild(1);\nbuild(2);', 'a'), 'relu', 'a default both calls leave out');
    assert.equal(valueOf('const SIZE = 4;\nfunction build(n) { const u = n * 2; }\nbuild(SIZE);\nbuild(4);', 'u'), 8);
    assert.equal(valueOf('function build({units, rate}) { const u = units; }\nbuild({units: 3, rate: 0.1});', 'u'), 3, 'a destructured parameter');
    assert.equal(valueOf('class Net {\n  constructor() { this.model = this.build(10); }\n  build(classes) { const c = classes; return tf.sequential(); }\n}', 'c'), 10, 'a class method called through this');
    assert.equal(
      valueOf('declare const first: boolean;\nfunction build(rows, cols) {\n  const layer = tf.layers.lstm({units: 4, inputShape: first ? [rows, cols] : undefined});\n  const c = cols;\n}\nbuild(20, 52);', 'c'),
      52,
      'a parameter inside an array literal a conditional hands to a layer config',
    );
    assert.equal(valueOf('declare const first: boolean;\nfunction build(xs) {\n  const kept = first ? [xs] : [];\n  kept[0].push(1);\n  const c = xs;\n}\nbuild([1]);', 'c'), UNKNOWN, 'an array literal a conditional stores in a variable');
  });

  it('a helper building a model from its parameters gives the model its shapes', () => {
    const file = FileAnalysis.parse('a.ts', NS + "function createModel(inputSize, classes) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({units: 16, inputShape: [inputSize], activation: 'relu'}));\n  model.add(tf.layers.dense({units: classes, activation: 'softmax'}));\n  return model;\n}\nconst model = createModel(4, 3);");
    const [m] = file.graph.models;
    assert.ok(m instanceof ModelValue);
    assert.deepEqual(file.shapes.modelOutputShapes(m), [[null, 3]]);
  });

  it('UNKNOWN where the call sites disagree or are not all visible', () => {
    const cases: [string, string][] = [
      ['function build(units) { const u = units; }\nbuild(8);\nbuild(16);', 'disagreeing call sites'],
      ['export function build(units) { const u = units; }\nbuild(8);', 'exported: other files call it'],
      ['function build(units) { const u = units; }\nbuild(8);\nconst f = build;', 'passed around'],
      ['function build(units) { const u = units; }\nconst args = [8];\nbuild(...args);', 'a spread argument'],
      ['function build(units) { const u = units; }', 'no call site'],
      ['function build(units) { units = units + 1; const u = units; }\nbuild(8);', 'a reassigned parameter'],
      ['class Net {\n  build(classes) { const c = classes; }\n  init() { this.build(3); }\n}\nnew Net().build(5);', 'a method also called from outside'],
      ['function build(n) { const u = n; if (n > 0) build(n - 1); }\nbuild(3);', 'a recursive helper'],
    ];
    for (const [code, what] of cases) assert.equal(valueOf(code, code.includes('const c') ? 'c' : 'u'), UNKNOWN, what);
  });
});

describe('engine: fixes keep values that belong to call sites', () => {
  const context = (code: string) => {
    const file = FileAnalysis.parse('a.ts', NS + code);
    void file.graph;
    return { file, ctx: { scopes: file.scopes, evaluate: (e: ts.Expression) => file.evaluate(e), identifiers: file.index.identifiers } };
  };
  const rangeOf = (text: string, code: string, nth = 0) => {
    let at = -1;
    for (let i = 0; i <= nth; i++) at = (NS + code).indexOf(text, at + 1);
    return [at, at + text.length] as const;
  };

  it('an edit that overwrites a bound parameter read (or a const computed from one) edits a caller value', () => {
    const code = 'function makeOptimizer(lr: number) {\n  const rate = lr * 2;\n  return [tf.train.adam(lr), tf.train.sgd(rate)];\n}\nconst opt = makeOptimizer(1e9);';
    const { ctx } = context(code);
    const [s1, e1] = rangeOf('lr)', code);
    assert.ok(editsCallerValue(ctx, s1, e1 - 1, '0.001'), 'the parameter itself');
    const [s2, e2] = rangeOf('rate)', code);
    assert.ok(editsCallerValue(ctx, s2, e2 - 1, '0.01'), 'a const computed from it');
    assert.ok(!editsCallerValue(ctx, s1, e1 - 1, 'Math.min(lr, 0.1)'), 'an edit that keeps the read');
  });

  it('an edit of a read of an unbound parameter or a plain const is not a caller value', () => {
    const code = 'const LR = 1e9;\nexport function makeOptimizer(lr: number) {\n  return [tf.train.adam(lr), tf.train.sgd(LR)];\n}';
    const { ctx } = context(code);
    const [s1, e1] = rangeOf('lr)', code);
    assert.ok(!editsCallerValue(ctx, s1, e1 - 1, '0.001'), 'exported: the parameter is not bound');
    const [s2, e2] = rangeOf('LR)', code);
    assert.ok(!editsCallerValue(ctx, s2, e2 - 1, '0.01'));
  });
});

describe('engine: constructor parameters bound from `new C(...)`', () => {
  /** An actor/agent pair the way RL scripts write them: sizes handed from an outer constructor to an inner one. */
  const AGENT = (call: string, extra = '') => `class Actor {
  constructor(nActions, inputShape) {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({inputShape: inputShape, units: 16, activation: 'relu'}));
    this.model.add(tf.layers.dense({units: nActions, activation: 'tanh'}));
  }
}
class Agent {
  constructor(nActions = 2, inputShapeA = 47, lr = 0.001) {
    this.actor = new Actor(nActions, inputShapeA);
    this.optimizer = tf.train.adam(lr);
  }
}
${extra}const agent = ${call};`;
  const outputOf = (code: string, filename = 'a.js') => {
    const file = FileAnalysis.parse(filename, code);
    const [m] = file.graph.models;
    assert.ok(m instanceof ModelValue);
    const summary = file.shapes.summary(m, file.shapes.namer());
    return { output: file.shapes.modelOutputShapes(m), total: summary?.totalParams };
  };

  it('every `new` agrees: the arguments, through a second constructor, size the model; a default applies only where the argument is missing', () => {
    // tfjs reads inputShape: 30 as [30] (Layer: [batchSize].concat(inputShape)).
    assert.deepEqual(outputOf(AGENT('new Agent(3, 30)')), { output: [[null, 3]], total: 30 * 16 + 16 + 16 * 3 + 3 });
    assert.deepEqual(outputOf(AGENT('new Agent()')), { output: [[null, 2]], total: 47 * 16 + 16 + 16 * 2 + 2 }, 'the defaults');
    assert.deepEqual(outputOf(AGENT('new Agent(undefined, 10)')), { output: [[null, 2]], total: 10 * 16 + 16 + 16 * 2 + 2 }, 'undefined takes the default');
    assert.deepEqual(outputOf(AGENT('new Agent(4, 10)', 'const other = new Agent(4, 10);\n')), { output: [[null, 4]], total: 10 * 16 + 16 + 16 * 4 + 4 }, 'two that agree');
    assert.equal(valueOf('class Net {\n  constructor(units) { const u = units; }\n}\nconst SIZE = 8;\nconst net = new Net(SIZE);', 'u'), 8);
  });

  it('UNKNOWN where a `new` disagrees, passes an unknown value, or the class is used in a way we do not follow', () => {
    const cases: [string, string][] = [
      [AGENT('new Agent(3, 30)', 'const other = new Agent(3, 31);\n'), 'disagreeing `new`s'],
      [AGENT('new Agent(3, Number(process.argv[2]))'), 'a value from the command line'],
      [AGENT('new Agent(3, 30)', 'const Kind = Agent;\n'), 'the class handed on (may be constructed anywhere)'],
      [AGENT('new Agent(3, 30)', 'class Bigger extends Agent {\n  constructor() { super(3, 64); }\n}\n'), 'a subclass calls the constructor through super'],
      [AGENT('new Agent(3, 30)').replace('class Agent', 'export class Agent'), 'exported: other modules construct it'],
      [AGENT('new Agent(...[3, 30])'), 'a spread argument'],
    ];
    for (const [code, what] of cases) assert.deepEqual(outputOf(code).total, undefined, what);
  });
});

describe('engine: a read before any code runs sees the initializer', () => {
  /** A browser game's settings object: handlers write its state by index later; a sized agent is built from it at load. */
  const SPACE = (between: string, read = 'const agent = new Agent(space.defaults[0].length);') => `const space = {
  norm: 0.002,
  update: function() {
    const defs = this.defaults;
    for (let i = 0; i < readings.length; i++) defs[0][i + 2] = readings[i] * this.norm;
  },
  defaults: [[0, 0, 1, 1, 1, 1, 1]],
};
class Agent {
  constructor(inputs) {
    this.model = tf.sequential();
    this.model.add(tf.layers.dense({inputShape: [inputs], units: 2}));
  }
}
function reset() {
  space.update();
}
${between}${read}
window.addEventListener('resize', reset);`;
  const total = (code: string) => {
    const file = FileAnalysis.parse('game.js', code);
    const [m] = file.graph.models;
    assert.ok(m instanceof ModelValue);
    return file.shapes.summary(m, file.shapes.namer())?.totalParams;
  };

  it('declarations only between the object and the read: its literal length', () => {
    assert.equal(total(SPACE('')), 7 * 2 + 2);
    assert.equal(total(SPACE('const episodes = 5;\nconst rewards = [];\nlet best = -Infinity;\nconst scale = space.norm * 2;\n')), 7 * 2 + 2, 'plain declarations');
    assert.equal(total(SPACE('class Memory {\n  size = load();\n}\n')), 7 * 2 + 2, 'an instance field runs only on new');
  });

  it('UNKNOWN when code that may change it runs first, or the read runs later', () => {
    const cases: [string, string][] = [
      ['reset();\n', 'a call before the read (it may extend the array through an index write)'],
      ['space.defaults[0].push(1);\n', 'a push'],
      ['space.defaults = [[1, 2]];\n', 'the array replaced'],
      ['space.defaults[0].length = 3;\n', 'a length write'],
      ['const size = (reset(), 1);\n', 'a call inside a declaration'],
      ['class Memory {\n  static size = load();\n}\n', 'a static field initializer runs with the class'],
      ['const settings = {\n  get size() { reset(); return 2; },\n};\nconst size = settings.size;\n', 'a property read in a file that declares a getter'],
      ['const width = canvas.width;\n', "a property of another script's object (a getter may run)"],
    ];
    for (const [between, what] of cases) assert.equal(total(SPACE(between)), undefined, what);
    assert.equal(total(SPACE('', 'const row = space.defaults[0];\nreset();\nconst agent = new Agent(row.length);')), undefined, 'an array read early and kept: a later call may have grown it');
    assert.equal(total(SPACE('', 'let agent;\nfunction start() {\n  agent = new Agent(space.defaults[0].length);\n}\nstart();')), undefined, 'a read in a function that runs later');
    assert.equal(total(SPACE('', 'for (let round = 0; round < 3; round++) {\n  const agent = new Agent(space.defaults[0].length);\n  reset();\n}')), undefined, 'a read in a loop that calls code after it');
  });
});
