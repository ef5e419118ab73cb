// The comparison behind `npm run corpus:summaries`, without the corpus: a real tfjs model against
// the linter's summary of the same source, planted differences, unknowns, snippet paths, sampling.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { summarizeSource } from '../../server/src/cli/summary';
import { runSnippet } from '../harness/run-snippet';
import { compareSummaries, modelKeyOfSnippet, rowsAnnounced, seededSample, snippetPathOf, tfjsSummaryOf, type LinterSummary, type TfjsModelLike } from './summary-check';

const SOURCE =
  "const tf = require('@tensorflow/tfjs');\n" +
  'const model = tf.sequential();\n' +
  "model.add(tf.layers.conv2d({inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: 'relu'}));\n" +
  'model.add(tf.layers.batchNormalization());\n' +
  'model.add(tf.layers.flatten());\n' +
  "model.add(tf.layers.dense({units: 3, activation: 'softmax'}));\n" +
  'module.exports.model = model;\n';

describe('corpus summary check (compare --summary with tfjs)', function () {
  this.timeout(30000);
  let tfModel: TfjsModelLike & { dispose(): void };
  let ours: LinterSummary;

  before(async () => {
    tfModel = (await runSnippet(SOURCE)).model as typeof tfModel;
    [ours] = summarizeSource('model.js', SOURCE);
  });
  after(() => tfModel.dispose());

  it('reads rows and totals from tfjs as model.summary() prints them (batch norm statistics are non-trainable)', () => {
    const theirs = tfjsSummaryOf(tfModel);
    assert.deepEqual(
      theirs.layers.map((l) => [l.className, l.outputShape, l.params]),
      [
        ['Conv2D', [null, 6, 6, 4], 40],
        ['BatchNormalization', [null, 6, 6, 4], 16],
        ['Flatten', [null, 144], 0],
        ['Dense', [null, 3], 435],
      ],
    );
    assert.deepEqual([theirs.totalParams, theirs.trainableParams, theirs.nonTrainableParams], [491, 483, 8]);
  });

  it("the linter's summary of the same source matches, with nothing unknown and the same rows", () => {
    assert.deepEqual(compareSummaries(ours, tfjsSummaryOf(tfModel)), { mismatches: [], unknown: [], rowDiffs: [] });
  });

  it('a wrong shape, parameter count, name or total is a mismatch', () => {
    const wrong: LinterSummary = structuredClone(ours);
    wrong.layers[0].outputShape = [null, 8, 8, 4];
    wrong.layers[2].name = 'features';
    wrong.layers[3].params = 432;
    wrong.nonTrainableParams = 0;
    const { mismatches, rowDiffs } = compareSummaries(wrong, tfjsSummaryOf(tfModel));
    assert.deepEqual(
      mismatches.map((m) => m.replace(/\d+ \(/, '# (')),
      [
        'row 1 conv2d_Conv2D# (Conv2D): output shape: linter [null,8,8,4], tfjs [null,6,6,4]',
        `row 3 flatten_Flatten# (Flatten): name: linter features, tfjs ${tfModel.layers[2].name}`,
        'row 4 dense_Dense# (Dense): params: linter 432, tfjs 435',
        'nonTrainableParams: linter 0, tfjs 8',
      ],
    );
    assert.deepEqual(rowDiffs, []);
  });

  it('rows only one side has are listed apart, and the rows after them still pair up', () => {
    // Layers the model cannot have together (each case of a switch), and a layer class changed.
    const extra: LinterSummary = structuredClone(ours);
    extra.layers.splice(1, 0, { name: 'lstm_LSTM1', className: 'LSTM', outputShape: null, params: null });
    extra.layers[2].className = 'LayerNormalization';
    const { mismatches, rowDiffs } = compareSummaries(extra, tfjsSummaryOf(tfModel));
    assert.deepEqual(mismatches, []);
    assert.deepEqual(
      rowDiffs.map((d) => d.replace(/\d+ \(/, '# (')),
      [
        'linter row 2 lstm_LSTM# (LSTM): tfjs has no such layer there',
        'linter row 3 batch_normalization_BatchNormalization# (LayerNormalization): tfjs has no such layer there',
        'tfjs row 2 batch_normalization_BatchNormalization# (BatchNormalization): missing from the linter\'s rows',
      ],
    );
    // Layers the linter never saw (a graph through code it does not follow): the rest still compare.
    const fewer: LinterSummary = structuredClone(ours);
    fewer.layers.splice(0, 2);
    fewer.layers[1].params = 999;
    const cmp = compareSummaries(fewer, tfjsSummaryOf(tfModel));
    assert.equal(cmp.rowDiffs.length, 2);
    assert.deepEqual(cmp.mismatches.map((m) => m.replace(/\d+ \(/, '# (')), ['row 4 dense_Dense# (Dense): params: linter 999, tfjs 435']);
  });

  it('rows may differ only where the summary says so: a row that may repeat, a `?` row, layers not followed', () => {
    assert.equal(rowsAnnounced(ours), false, 'every row certain, the list complete');
    const repeats: LinterSummary = structuredClone(ours);
    repeats.layers[1].certain = false;
    assert.equal(rowsAnnounced(repeats), true);
    const unknownRow: LinterSummary = structuredClone(ours);
    unknownRow.layers[1].certain = null;
    assert.equal(rowsAnnounced(unknownRow), true);
    assert.equal(rowsAnnounced({ ...ours, rowsComplete: false }), true);
  });

  it('an unknown (`?`) is listed with what tfjs says, never counted as a mismatch', () => {
    const partial: LinterSummary = structuredClone(ours);
    partial.layers[3].params = null;
    partial.totalParams = null;
    const { mismatches, unknown } = compareSummaries(partial, tfjsSummaryOf(tfModel));
    assert.deepEqual(mismatches, []);
    assert.equal(unknown.length, 2);
    assert.match(unknown[0], /row 4 .*params \? \(tfjs 435\)/);
    assert.equal(unknown[1], 'totalParams ? (tfjs 491)');
  });

  it('a layer with several inbound nodes has the output shape tfjs prints: "multiple"', () => {
    const shared = {
      layers: [{ name: 'd', getClassName: () => 'Dense', countParams: () => 6, get outputShape(): unknown { throw new Error('multiple inbound nodes'); } }],
      countParams: () => 6,
      trainableWeights: [{ shape: [2, 2] }, { shape: [2] }],
      nonTrainableWeights: [],
    };
    assert.deepEqual(tfjsSummaryOf(shared).layers[0].outputShape, 'multiple');
  });

  it('snippet paths: <owner+name>/<file>-<line>.js, read back to the same model', () => {
    const p = snippetPathOf('/c/.summary-checks', 'owner/my repo', 'Section 6/source/index.html', 154);
    assert.equal(p, path.join('/c/.summary-checks', 'owner+my repo', 'Section 6', 'source', 'index.html-154.js'));
    assert.deepEqual(modelKeyOfSnippet(path.relative('/c/.summary-checks', p)), { repo: 'owner/my repo', file: 'Section 6/source/index.html', line: 154 });
    assert.equal(modelKeyOfSnippet('README.md'), undefined);
    assert.equal(modelKeyOfSnippet('owner+name/notes.js'), undefined);
  });

  it('the sample is seeded: the same seed gives the same models, in corpus order; another seed differs', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const a = seededSample(items, 30, 1);
    assert.deepEqual(a, seededSample(items, 30, 1));
    assert.equal(new Set(a).size, 30);
    assert.deepEqual(a, [...a].sort((x, y) => x - y));
    assert.notDeepEqual(a, seededSample(items, 30, 2));
    assert.deepEqual(seededSample(items.slice(0, 5), 30, 1), [0, 1, 2, 3, 4]);
  });
});
