// `npm run corpus -- --unknown`: the cause named for a summary that is not fully known, and
// the ranked table (the corpus itself is never part of npm test).
import * as assert from 'node:assert/strict';
import { unknownCausesOf } from './unknown-causes';
import { formatCauseTable, type RepoStats } from './report';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const causes = (code: string) => unknownCausesOf('a.js', NS + code).map((c) => c.cause);

describe('corpus: why a summary is unknown', () => {
  it('names the first thing the engine could not follow', () => {
    assert.deepEqual(causes("const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 4, inputShape: [3]}));\nmodel.add(tf.layers.dense({units: 1}));"), [undefined], 'fully known');
    assert.deepEqual(causes("export function build(n) {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({units: 4, inputShape: [n]}));\n  return model;\n}"), ['first layer: input shape from parameter']);
    assert.deepEqual(causes("import {N} from './data';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({units: 4, inputShape: [N]}));"), ['first layer: input shape from import from another file']);
    assert.deepEqual(causes("const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 4, inputShape: [3]}));\nif (window.deep) model.add(tf.layers.dense({units: 4}));\nmodel.add(tf.layers.dense({units: 1}));"), ['layer added under a branch']);
    assert.deepEqual(causes("const model = tf.sequential();\nmodel.add(tf.layers.dense({units: 4, inputShape: [3]}));\nmodel.add(tf.layers.dense({units: window.classes}));"), ['sequential: units from undeclared global']);
  });

  it('ranks the causes, most frequent first, with examples', () => {
    const model = (cause?: string) => ({ file: 'm.js', line: 1, model: 'model', layers: 2, fullyKnown: cause === undefined, zeroParams: false, cause });
    const repo: RepoStats = { repo: 'a/b', files: 1, lines: 10, tfjsFiles: 1, hostFiles: 0, models: [model('x'), model('y'), model('y'), model()], findings: [], problems: [], ms: 1 };
    const lines = formatCauseTable([repo]).split('\n');
    assert.match(lines[0], /\(3 models;/);
    assert.deepEqual(lines.filter((l) => /^ {2}\s*\d/.test(l)).map((l) => l.trim()), ['2  y', '1  x']);
  });
});
