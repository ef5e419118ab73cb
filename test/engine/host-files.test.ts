// `<script>` blocks of HTML, Vue and Svelte files: which blocks are linted, and that each
// block's findings, fixes and facts are the ones the same code gets as a script of its own,
// moved to the host file's offsets, lines and columns, with fixes that stay inside the block.
import * as assert from 'node:assert/strict';
import { rules } from '../../rules/index';
import { lintText } from '../../server/src/engine/linter';
import { applyFixes } from '../../server/src/engine/fixes';
import { syntaxErrorCount } from '../../server/src/engine/fix-guard';
import { hostKindOf, scriptBlocks } from '../../server/src/engine/script-blocks';
import type { LintResult } from '../../server/src/engine/types';
import { TFJS_CDN } from '../support/host-pages';

/** Browser code using the global tf: MSE on softmax (loss-activation-mismatch) and tf.log of a sigmoid (unsafe-log, safe fix). */
const GLOBAL_TF_CODE = `
    const model = tf.sequential();
    model.add(tf.layers.dense({ units: 3, activation: 'softmax', inputShape: [4] }));
    model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
    const p = tf.log(tf.sigmoid(tf.zeros([2, 2])));
  `;

const TS_CODE = `
import * as tf from '@tensorflow/tfjs';
const units: number = 3;
const model: tf.Sequential = tf.sequential();
model.add(tf.layers.dense({ units, activation: 'softmax', inputShape: [4] }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`;

function lint(fileName: string, text: string, collectFacts = false): LintResult {
  return lintText(text, { fileName, rules, collectFacts });
}

/** 1-based line and column of an offset. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split(/\r\n|\r|\n/);
  return { line: before.length, column: before[before.length - 1].length + 1 };
}

/**
 * The host's findings are exactly the findings of each block linted alone, moved by the
 * block's offset; positions agree with the host text; every fix edits only its block and,
 * applied to the host, gives the host with the block's own fixed code.
 */
function assertSameAsBlocks(fileName: string, host: string, blockFile: (i: number) => string, expectedCount: number): LintResult {
  const kind = hostKindOf(fileName)!;
  const result = lint(fileName, host);
  const expected: { ruleId: string; message: string; start: number; end: number }[] = [];
  const blocks = scriptBlocks(host, kind);
  blocks.forEach((block, i) => {
    const code = host.slice(block.start, block.end);
    const alone = lint(blockFile(i), code);
    for (const f of alone.findings) expected.push({ ruleId: f.ruleId, message: f.message, start: f.range.start + block.start, end: f.range.end + block.start });
  });
  assert.deepEqual(result.findings.map((f) => ({ ruleId: f.ruleId, message: f.message, start: f.range.start, end: f.range.end })), expected);
  assert.equal(result.findings.length, expectedCount, 'findings in the host');
  for (const f of result.findings) {
    assert.deepEqual(f.start, positionOf(host, f.range.start), `start of ${f.ruleId}`);
    assert.deepEqual(f.end, positionOf(host, f.range.end), `end of ${f.ruleId}`);
    const block = blocks.find((b) => b.start <= f.range.start && f.range.end <= b.end)!;
    assert.ok(block, `${f.ruleId} lies in a block`);
    for (const fix of f.fixes) {
      for (const e of fix.edits) assert.ok(block.start <= e.start && e.end <= block.end, `${fix.title}: edit [${e.start}, ${e.end}) inside the block [${block.start}, ${block.end})`);
      const fixed = applyFixes(host, [fix]).output;
      const delta = fixed.length - host.length;
      assert.equal(fixed.slice(0, block.start), host.slice(0, block.start), 'markup before the block unchanged');
      assert.equal(fixed.slice(block.end + delta), host.slice(block.end), 'markup after the block unchanged');
      assert.ok(syntaxErrorCount(fileName, fixed) <= syntaxErrorCount(fileName, host), `${fix.title} keeps the host's scripts parsing`);
    }
  }
  return result;
}

describe('engine: script blocks of HTML, Vue and Svelte files', () => {
  it('knows host files by extension', () => {
    assert.deepEqual(['a.html', 'A.HTM', 'c.vue', 'd.svelte', 'e.js', 'f.ts', 'g.html.ts', 'noext'].map(hostKindOf), ['html', 'html', 'vue', 'svelte', undefined, undefined, undefined, undefined]);
  });

  it('HTML: inline scripts after the tfjs <script src> use the global tf; findings, positions and fixes land in the host', () => {
    const host = `<!doctype html>\n<html>\n<head>\n  ${TFJS_CDN}\n</head>\n<body>\n  <h1>Model</h1>\n  <script>${GLOBAL_TF_CODE}</script>\n  <p>between</p>\n  <script>const q = tf.log(tf.softmax(tf.zeros([2, 3])));</script>\n</body>\n</html>\n`;
    const result = assertSameAsBlocks('page.html', host, () => 'page.html.js', 3);
    assert.deepEqual(result.findings.map((f) => [f.ruleId, f.start.line]), [['loss-activation-mismatch', 11], ['unsafe-log', 12], ['unsafe-log', 15]]);
    // The second block starts on the <script> tag's line: its columns count from the line start.
    const last = result.findings[2];
    assert.equal(host.slice(last.range.start, last.range.end), 'tf.log(tf.softmax(tf.zeros([2, 3])))');
    assert.equal(last.start.column, host.split('\n')[14].indexOf('tf.log') + 1);
    // --fix-style: the safe fixes of every block applied together.
    const fixed = applyFixes(host, result.findings.map((f) => f.fixes.find((x) => x.safe)).filter((x) => x !== undefined)).output;
    assert.ok(fixed.startsWith(host.slice(0, host.indexOf('<script>' ) + 8)) && fixed.endsWith('</script>\n</body>\n</html>\n'));
    assert.deepEqual(lint('page.html', fixed).findings.filter((f) => f.ruleId === 'unsafe-log'), []);
  });

  it('HTML: no tfjs <script src> before a block (or only after it) means its tf is unknown: quiet', () => {
    for (const host of [`<script>${GLOBAL_TF_CODE}</script>`, `<script>${GLOBAL_TF_CODE}</script>\n${TFJS_CDN}`, `<script src="app.js"></script><script>${GLOBAL_TF_CODE}</script>`]) {
      assert.deepEqual(lint('page.html', host).findings, [], host);
    }
    // Local copies of the bundle and other CDNs count.
    for (const src of ['js/tf.min.js', 'https://unpkg.com/@tensorflow/tfjs', 'vendor/tfjs/tf.es2017.js', 'https://cdn.jsdelivr.net/npm/@tensorflow/tfjs-layers@4/dist/tf-layers.min.js']) {
      assert.equal(lint('page.html', `<script src="${src}"></script><script>${GLOBAL_TF_CODE}</script>`).findings.length, 2, src);
    }
  });

  it('HTML: skips <script src> bodies and non-JS types (templates, JSON, import maps); reads type="module" and text/babel', () => {
    const skipped = ['type="text/template"', 'type="application/json"', 'type="importmap"', 'type="x-shader/x-vertex"', 'src="model.js"'];
    for (const attribute of skipped) {
      assert.deepEqual(lint('page.html', `${TFJS_CDN}<script ${attribute}>${GLOBAL_TF_CODE}</script>`).findings, [], attribute);
    }
    for (const attribute of ['type="module"', 'type="text/javascript"', 'type="text/babel"', 'language="javascript"']) {
      assert.equal(lint('page.html', `${TFJS_CDN}<script ${attribute}>${GLOBAL_TF_CODE}</script>`).findings.length, 2, attribute);
    }
  });

  it('HTML: a module script importing tfjs is linted without a <script src>', () => {
    const code = `\nimport * as tf from '@tensorflow/tfjs';\nconst model = tf.sequential();\nmodel.add(tf.layers.dense({ units: 3, activation: 'softmax', inputShape: [4] }));\nmodel.compile({ optimizer: 'adam', loss: 'meanSquaredError' });\n`;
    assertSameAsBlocks('index.html', `<body>\n<script type="module">${code}</script>\n</body>`, () => 'index.html.js', 1);
  });

  it('Vue: <script setup lang="ts"> is TypeScript; a <script> inside the template is not component code', () => {
    const host = `<template>\n  <div>{{ a < b }}</div>\n  <script>${GLOBAL_TF_CODE}</script>\n</template>\n\n<script setup lang="ts">${TS_CODE}</script>\n\n<style scoped>\n.a { color: red }\n</style>\n`;
    assert.equal(scriptBlocks(host, 'vue').length, 1);
    const result = assertSameAsBlocks('Model.vue', host, () => 'Model.vue.ts', 1);
    assert.equal(result.findings[0].start.line, 16);
    // Parsed as JavaScript, the type annotations would be syntax errors.
    assert.equal(syntaxErrorCount('Model.vue', host), 0);
  });

  it('Vue with CRLF line endings and two script blocks', () => {
    const host = `<script lang="ts">\r\nexport default { name: 'M' };\r\n</script>\r\n<script setup lang="ts">${TS_CODE.replace(/\n/g, '\r\n')}</script>\r\n`;
    const result = assertSameAsBlocks('M.vue', host, () => 'M.vue.ts', 1);
    assert.equal(result.findings[0].start.line, 9);
  });

  it('Svelte: instance and module scripts; markup is not code', () => {
    const host = `<script context="module">\n  export const prerender = true;\n</script>\n\n<script>${TS_CODE}</script>\n\n{#if 1 < 2}\n  <p>tf.log(tf.sigmoid(x))</p>\n{/if}\n`;
    const result = assertSameAsBlocks('Model.svelte', host, () => 'Model.svelte.js', 1);
    assert.equal(result.findings[0].ruleId, 'loss-activation-mismatch');
  });

  it('facts (hover, inlay hints) point at the same code in the host', () => {
    const host = `${TFJS_CDN}\n<script>${GLOBAL_TF_CODE}</script>`;
    const block = scriptBlocks(host, 'html')[0];
    const code = host.slice(block.start, block.end);
    const alone = lint('x.js', code, true).facts;
    const hosted = lint('x.html', host, true).facts;
    assert.ok(alone.length > 0);
    assert.deepEqual(hosted.map((f) => host.slice(f.range.start, f.range.end)), alone.map((f) => code.slice(f.range.start, f.range.end)));
    assert.deepEqual(hosted.map((f) => f.shape), alone.map((f) => f.shape));
  });

  it('broken markup and broken scripts: an unclosed <script> runs to the end; syntax errors are noticed per block', () => {
    const host = `${TFJS_CDN}\n<div><p>unclosed\n<script>${GLOBAL_TF_CODE}`;
    const result = lint('page.html', host);
    assert.equal(result.findings.length, 2);
    const broken = lint('page.html', `${TFJS_CDN}\n<script>${GLOBAL_TF_CODE} const = ;</script>`);
    assert.ok(broken.notices.some((n) => n.kind === 'parse-error' && /^<script> at line 2: /.test(n.message)), JSON.stringify(broken.notices));
  });

  it('a page without tfjs is not parsed; size and binary checks apply to the whole host file', () => {
    assert.equal(lint('page.html', '<html><script>console.log(1)</script></html>').analyzed, false);
    assert.equal(lintText(`${TFJS_CDN}<script>${GLOBAL_TF_CODE}</script>`, { fileName: 'a.html', rules, maxFileBytes: 50 }).notices[0].kind, 'skipped');
    assert.equal(lint('a.vue', `<script>\u0000 tf</script>`).notices[0].kind, 'skipped');
  });
});
