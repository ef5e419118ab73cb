// The browser global `tf`: a script that loads tfjs with a <script> tag uses `tf` undeclared.
// It stays the global when the file only mentions a tfjs package in a comment or a CDN URL,
// and is not the global when the file really imports or requires tfjs (under another name).
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';
import { LayerValue } from '../../server/src/engine/values';
import { Modules } from '../../server/src/engine/modules';
import { MemoryModuleHost } from '../harness/memory-modules';

function isLayer(code: string, fileName = 'page.js'): boolean {
  const file = FileAnalysis.parse(fileName, code);
  const decl = file.index.bindings.find((d) => (d.name as ts.Identifier).text === 'd');
  assert.ok(decl);
  return file.evaluate(decl.initializer) instanceof LayerValue;
}

describe('engine: the browser global tf', () => {
  it('is the global in a script with no tfjs import, even with a commented-out import or a CDN URL', () => {
    assert.equal(isLayer('const d = tf.layers.dense({units: 1});'), true);
    assert.equal(isLayer("// import * as tf from '@tensorflow/tfjs';\nconst d = tf.layers.dense({units: 1});"), true);
    assert.equal(isLayer("/* const tf = require('@tensorflow/tfjs'); */\nconst d = tf.layers.dense({units: 1});"), true);
    assert.equal(isLayer("const s = document.createElement('script');\ns.src = 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js';\nconst d = tf.layers.dense({units: 1});"), true);
  });

  it('is not the global where the file imports or requires tfjs', () => {
    assert.equal(isLayer("import * as tfjs from '@tensorflow/tfjs';\nconst d = tf.layers.dense({units: 1});", 'a.ts'), false);
    assert.equal(isLayer("const tfn = require('@tensorflow/tfjs-node');\nconst d = tf.layers.dense({units: 1});"), false);
    assert.equal(isLayer("async function load() { return import('@tensorflow/tfjs'); }\nconst d = tf.layers.dense({units: 1});"), false);
  });

  it('fixes name the global tf in such a script', () => {
    const file = FileAnalysis.parse('page.js', "// import * as tf from '@tensorflow/tfjs';\nconst d = tf.layers.dense({units: 1});");
    assert.equal(file.tfName('losses.logLoss'), 'tf.losses.logLoss');
  });

  it('a file that cannot name tfjs (its own `tf`, no tfjs import, no workspace module) is known as such, and builds no graph', () => {
    const reaches = (code: string, fileName = 'lib.js', withModules = false): boolean => {
      const link = withModules ? new Modules(new MemoryModuleHost({ 'model.js': 'export const m = 1;' })).linkFor(fileName) : undefined;
      return FileAnalysis.parse(fileName, code, link).evaluator.reachesTfjs;
    };
    // A vendored library with a helper named tf (cytoscape.js): nothing in it is tfjs.
    const library = 'var tf = function tf(v) { return v ? "t" : "f"; };\nvar key = tf(a) + tf(b);\nfoo.log(key);';
    assert.equal(reaches(library), false);
    assert.equal(reaches(library, 'lib.js', true), false);
    assert.equal(FileAnalysis.parse('lib.js', library).graph.calls.length, 3, 'the graph still lists the calls');
    // Any way in to tfjs: the global, a global used beside a local one elsewhere, an import, a require, a module of the workspace.
    assert.equal(reaches('const m = tf.sequential();'), true);
    assert.equal(reaches('function f() { var tf = 1; return tf; }\nconst m = tf.sequential();'), true);
    assert.equal(reaches("import * as tfjs from '@tensorflow/tfjs';\nvar tf = 1;", 'a.ts'), true);
    assert.equal(reaches("var tf = 1;\nconst t = require('@tensorflow/tfjs-node');"), true);
    assert.equal(reaches("var tf = 1;\nimport { m } from './model';", 'a.ts', true), true);
    assert.equal(reaches("var tf = 1;\nconst { m } = require('./model');", 'a.js', true), true);
    assert.equal(reaches("var tf = 1;\nexport * from './model';", 'a.ts', true), true);
    // Without a workspace, relative imports stay unknown: they cannot bring tfjs in.
    assert.equal(reaches("var tf = 1;\nconst { m } = require('./model');", 'a.js'), false);
  });

  it('a library without tfjs has no tf paths and no models, while the same code with the global tf has them', () => {
    const code = (decl: string) => `${decl}\nconst m = tf.sequential();\nm.add(tf.layers.dense({units: 1}));`;
    const local = FileAnalysis.parse('lib.js', code('var tf = { sequential() { return {}; }, layers: { dense() {} } };'));
    assert.equal(local.graph.models.length, 0);
    const global = FileAnalysis.parse('page.js', code(''));
    assert.equal(global.graph.models.length, 1);
  });
});
