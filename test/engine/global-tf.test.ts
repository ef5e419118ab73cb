// The browser global `tf`: a script that loads tfjs with a <script> tag uses `tf` undeclared.
// It stays the global when the file only mentions a tfjs package in a comment or a CDN URL,
// and is not the global when the file really imports or requires tfjs (under another name).
import * as assert from 'node:assert/strict';
import { FileAnalysis } from '../../server/src/engine/analysis';
import { ts } from '../../server/src/engine/ts';
import { LayerValue } from '../../server/src/engine/values';

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
});
