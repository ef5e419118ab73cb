// The CLI on HTML, Vue and Svelte files: found in folders, linted in their <script> blocks,
// reported in the host file's lines, and --fix rewrites only the blocks.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli, runJson, treesRemovedAfter } from './helpers';
import { PAGE, VUE, SVELTE } from '../support/host-pages';

describe('tfjs-lint CLI: HTML, Vue and Svelte files', function () {
  this.timeout(60_000);
  const tree = treesRemovedAfter();

  it('lints the <script> blocks of the files in a folder, in the host files\' lines and columns', () => {
    const cwd = tree({ 'src/page.html': PAGE, 'src/Model.vue': VUE, 'src/Chart.svelte': SVELTE, 'src/about.html': '<p>No tfjs here</p>' });
    const r = runJson(['src'], { cwd });
    assert.equal(r.status, 0, r.stderr);
    const columnOf = (text: string, line: number, needle: string) => text.split('\n')[line - 1].indexOf(needle) + 1;
    const byFile = Object.fromEntries(r.results.map((res) => [path.basename(res.filePath), res.messages.map((m) => [m.ruleId, m.line, m.column])]));
    assert.deepEqual(byFile, {
      'Chart.svelte': [['unsafe-log', 4, columnOf(SVELTE, 4, 'tf.log')]],
      'Model.vue': [['loss-activation-mismatch', 7, columnOf(VUE, 7, "'meanSquaredError'")]],
      'about.html': [],
      'page.html': [['unsafe-log', 7, columnOf(PAGE, 7, 'tf.log')]],
    });
  });

  it('--fix rewrites only the blocks; the markup stays byte for byte; a second run changes nothing', () => {
    const cwd = tree({ 'page.html': PAGE, 'Chart.svelte': SVELTE });
    const first = runCli(['--fix', '.'], { cwd });
    assert.equal(first.status, 0, first.stderr);
    const page = fs.readFileSync(path.join(cwd, 'page.html'), 'utf8');
    assert.equal(page, PAGE.replace('tf.log(tf.sigmoid(logits))', 'tf.logSigmoid(logits)'));
    const chart = fs.readFileSync(path.join(cwd, 'Chart.svelte'), 'utf8');
    assert.notEqual(chart, SVELTE);
    assert.equal(chart.slice(chart.indexOf('</script>')), SVELTE.slice(SVELTE.indexOf('</script>')));
    assert.doesNotMatch(chart, /tf\.log\(tf\.softmax/);
    runCli(['--fix', '.'], { cwd });
    assert.equal(fs.readFileSync(path.join(cwd, 'page.html'), 'utf8'), page);
    assert.equal(fs.readFileSync(path.join(cwd, 'Chart.svelte'), 'utf8'), chart);
  });
});
