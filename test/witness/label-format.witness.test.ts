// Runtime witness for label-format: each flagged category, run with the real tfjs 4.22 (CPU
// backend), throws or mis-trains as the message says; the linter's own fixes make it train.
import * as assert from 'node:assert/strict';
import { rule } from '../../rules/label-format';
import { applyFixes } from '../../server/src/engine';
import { fixOnce, lintWith } from '../harness/rule-tester';
import { runMain } from '../harness/run-snippet';

const NS = "import * as tf from '@tensorflow/tfjs';\n";

/** Three separable clusters, four points each; `labels` is how the classes are written. */
function classifier(loss: string, labels: string, units = 3, activation = 'softmax'): string {
  return NS + `export async function main() {
  const xs = tf.tensor2d([[-2, 0], [-2.2, 0.3], [-1.8, -0.2], [-2.1, 0.1], [2, 0], [2.2, 0.2], [1.9, -0.3], [2.1, 0.1], [0, 2], [0.2, 2.2], [-0.2, 1.9], [0.1, 2.1]]);
  const ys = ${labels};
  const model = tf.sequential({layers: [tf.layers.dense({units: ${units}, activation: '${activation}', inputShape: [2]})]});
  model.compile({optimizer: tf.train.adam(0.1), loss: '${loss}'});
  const h = await model.fit(xs, ys, {epochs: 60, verbose: 0});
  const predicted = Array.from(model.predict(xs).argMax(-1).dataSync());
  return { losses: h.history.loss, predicted };
}`;
}
const INDEX_COLUMN = 'tf.tensor2d([[0], [0], [0], [0], [1], [1], [1], [1], [2], [2], [2], [2]])';
const INDEX_VECTOR = 'tf.tensor1d([0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2])';
const ONE_HOT = 'tf.tensor2d([[1, 0, 0], [1, 0, 0], [1, 0, 0], [1, 0, 0], [0, 1, 0], [0, 1, 0], [0, 1, 0], [0, 1, 0], [0, 0, 1], [0, 0, 1], [0, 0, 1], [0, 0, 1]])';
const TRUE_CLASSES = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];

interface Trained {
  losses: number[];
  predicted: number[];
}

function assertTrains(r: Trained): void {
  assert.ok(r.losses.every(Number.isFinite), `non-finite loss: ${r.losses}`);
  assert.ok(r.losses[r.losses.length - 1] < r.losses[0] / 3, `loss did not fall: ${r.losses[0]} -> ${r.losses[r.losses.length - 1]}`);
  assert.deepEqual(Array.from(r.predicted), TRUE_CLASSES); // the snippet's array is from another realm
}

function findingsOf(code: string, pattern: RegExp) {
  const found = lintWith(rule, code);
  assert.equal(found.length, 1, found.map((f) => f.message).join('\n'));
  assert.match(found[0].message, pattern);
  return found;
}

const TARGET_MISMATCH = /target expected a batch of elements where each example has shape \[3\] \(i\.e\.,tensor shape \[\*,3\]\) but the target received an input with 12 examples, each with shape \[1\] \(tensor shape \[12,1\]\)/;

describe('label-format (witness)', function () {
  this.timeout(20000);

  it('[n, 1] class indices with categoricalCrossentropy throw; both fixes train', async () => {
    const code = classifier('categoricalCrossentropy', INDEX_COLUMN);
    const found = findingsOf(code, /labels are \[12, 1\]: categoricalCrossentropy needs one-hot labels of width 3/);
    await assert.rejects(runMain(code), TARGET_MISMATCH);

    const switched = fixOnce(rule, code);
    assert.ok(switched.includes("loss: 'sparseCategoricalCrossentropy'"));
    assertTrains(await runMain<Trained>(switched));

    const wrapped = applyFixes(code, [found[0].fixes[1]]).output;
    assert.ok(wrapped.includes('tf.oneHot(ys.flatten().toInt(), 3)'), wrapped);
    assert.equal(lintWith(rule, wrapped).length, 0, 'the wrapped labels are not flagged again');
    assertTrains(await runMain<Trained>(wrapped));
  });

  it('[n] class indices with categoricalCrossentropy throw the same way', async () => {
    const code = classifier('categoricalCrossentropy', INDEX_VECTOR);
    findingsOf(code, /labels are \[12\]: categoricalCrossentropy needs one-hot labels of width 3/);
    await assert.rejects(runMain(code), TARGET_MISMATCH);
    assertTrains(await runMain<Trained>(fixOnce(rule, code)));
  });

  it('one-hot labels with sparseCategoricalCrossentropy throw; the switch to categorical trains', async () => {
    const code = classifier('sparseCategoricalCrossentropy', ONE_HOT);
    findingsOf(code, /labels are one-hot \[12, 3\]: sparseCategoricalCrossentropy needs one class index per example/);
    await assert.rejects(runMain(code), /each example has shape \[1\] \(i\.e\.,tensor shape \[\*,1\]\) but the target received an input with 12 examples, each with shape \[3\]/);
    const fixed = fixOnce(rule, code);
    assert.ok(fixed.includes("loss: 'categoricalCrossentropy'"));
    assertTrains(await runMain<Trained>(fixed));
  });

  it('labels wider than the output, and two-column labels for the sparse loss, throw', async () => {
    const wide = classifier('categoricalCrossentropy', ONE_HOT.replace(/\[(\d), (\d), (\d)\]/g, '[$1, $2, $3, 0]'));
    findingsOf(wide, /labels are \[12, 4\]: categoricalCrossentropy needs labels of width 3/);
    await assert.rejects(runMain(wide), /each example has shape \[3\].*each with shape \[4\]/);

    const twoColumns = classifier('sparseCategoricalCrossentropy', ONE_HOT.replace(/\[(\d), (\d), \d\]/g, '[$1, $2]'));
    findingsOf(twoColumns, /labels are \[12, 2\]: sparseCategoricalCrossentropy needs one class index per example/);
    await assert.rejects(runMain(twoColumns), /each example has shape \[1\].*each with shape \[2\]/);
  });

  it('binaryCrossentropy: one label column for two sigmoid units throws', async () => {
    const code = classifier('binaryCrossentropy', INDEX_COLUMN.replace(/2\]/g, '1]'), 2, 'sigmoid');
    findingsOf(code, /labels are \[12, 1\]: binaryCrossentropy needs labels of width 2/);
    await assert.rejects(runMain(code), /each example has shape \[2\].*each with shape \[1\]/);
  });

  it('binaryCrossentropy with -1/1 labels trains to a negative loss (it has no minimum); mapped to 0/1 it trains', async () => {
    const signs = 'tf.tensor2d([[-1], [-1], [-1], [-1], [1], [1], [1], [1], [1], [1], [1], [1]])';
    const code = classifier('binaryCrossentropy', signs, 1, 'sigmoid');
    findingsOf(code, /the labels hold -1: binaryCrossentropy needs labels between 0 and 1/);
    const bad = await runMain<Trained>(code);
    const last = bad.losses[bad.losses.length - 1];
    assert.ok(last < 0, `a cross-entropy below 0 is impossible with labels in [0, 1], got ${last}`);
    // Mapped to 0/1 as the message says, the same data trains to a small positive loss.
    const mapped = classifier('binaryCrossentropy', `${signs}.add(1).div(2)`, 1, 'sigmoid');
    assert.equal(lintWith(rule, mapped).length, 0);
    const good = await runMain<Trained>(mapped);
    const lastGood = good.losses[good.losses.length - 1];
    assert.ok(lastGood > 0 && lastGood < good.losses[0] / 3, `mapped labels: ${good.losses[0]} -> ${lastGood}`);
  });
});
