// Hover (shape, dtype, why a diagnostic matters) and inlay hints over the protocol, and the
// pure helpers they use.
import * as assert from 'node:assert/strict';
import type { Hover, InlayHint, MarkupContent } from 'vscode-languageserver-protocol';
import { lintText } from '../../server/src/engine/linter';
import { describeFact, formatShape } from '../../server/src/lsp/hover';
import { whyParagraph } from '../../server/src/workspace/package';
import { rules } from '../../rules/index';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspTestClient, REPO_ROOT } from './support/lsp-client';
import { sample, serverFor } from './support/samples';

const MODEL = `import * as tf from '@tensorflow/tfjs';
const model = tf.sequential();
model.add(tf.layers.dense({ units: 4, inputShape: [3], activation: 'relu' }));
model.add(tf.layers.dense({ units: 1 }));
const x = tf.zeros([2, 3], 'int32');
`;

function hoverText(h: Hover | null): string {
  assert.ok(h, 'a hover');
  return (h.contents as MarkupContent).value;
}

describe('LSP hover and inlay hints', function () {
  this.timeout(30000);
  let client: LspTestClient;
  const uri = 'file:///virtual/hover.ts';

  before(async () => {
    client = await LspTestClient.start({ ...serverFor(), settings: { debounceMs: 0, inlayHints: true } });
    await client.open(uri, MODEL);
  });
  after(() => client.stop());

  const at = (line: number, needle: string) => ({ line, character: MODEL.split('\n')[line].indexOf(needle) + 1 });

  it('shows what the engine inferred for a layer, a model and a tensor', async () => {
    const layer = hoverText(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(2, 'layers.dense') }));
    assert.match(layer, /^\*\*dense layer\*\* \(layer\)/);
    assert.ok(layer.includes('output shape: `[null, 4]`'), layer);
    const model = hoverText(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(1, 'sequential') }));
    assert.match(model, /^\*\*sequential model\*\* \(model\)/);
    assert.ok(model.includes('output shape: `[null, 1]`'), model);
    assert.ok(model.includes('input [null, 3]'), model);
    const tensor = hoverText(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(4, 'zeros') }));
    assert.match(tensor, /^\*\*zeros\*\* \(tensor\)/);
    assert.ok(tensor.includes('shape: `[2, 3]`'), tensor);
    assert.ok(tensor.includes('dtype: `int32`'), tensor);

    // The hover shows exactly what the engine inferred (shape inference lands separately).
    const facts = lintText(MODEL, { fileName: 'hover.ts', rules, collectFacts: true }).facts;
    const zeros = facts.find((f) => f.label === 'zeros')!;
    assert.ok(tensor.includes(describeFact(zeros)));
  });

  it('shows the same on a variable that holds the model or tensor, where it is used', async () => {
    const use = hoverText(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(3, 'model') }));
    assert.match(use, /^\*\*`model`: sequential model\*\* \(model\)/);
    assert.ok(use.includes('output shape: `[null, 1]`'), use);
    const decl = hoverText(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: at(4, 'x =') }));
    assert.match(decl, /^\*\*`x`: zeros\*\* \(tensor\)/);
    assert.ok(decl.includes('shape: `[2, 3]`'), decl);
  });

  it('explains a diagnostic under the cursor with the rule doc link', async () => {
    const doc = 'file:///virtual/hover-diag.ts';
    await client.open(doc, sample.one);
    const d = (await client.diagnosticsFor(doc)).diagnostics[0];
    const text = hoverText(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: doc }, position: d.range.start }));
    assert.ok(text.includes(`tfjs-lint: ${sample.ruleId}`));
    assert.ok(!text.includes(String(d.message)), 'the editor shows the message itself; the hover adds the why');
    assert.ok(text.includes(`(https://github.com/tfjs-lint/tfjs-lint/blob/main/rules/${sample.ruleId}.md)`));
    // Why it matters: the first paragraph of the "Why" section of the shipped doc page.
    const why = whyParagraph(fs.readFileSync(path.join(REPO_ROOT, 'rules', `${sample.ruleId}.md`), 'utf8'));
    assert.ok(why, `rules/${sample.ruleId}.md has a Why section`);
    assert.ok(text.includes(`*Why it matters:* ${why}`));
  });

  it('no hover where there is nothing to say', async () => {
    const h = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 1 } });
    assert.equal(h, null);
  });

  it('inlay hints give the output shape after each layer whose shape is known, and nothing when off', async () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } };
    const hints = await client.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', { textDocument: { uri }, range });
    assert.deepEqual(
      hints.map((h) => [h.position.line, h.label]),
      [
        [2, '→ [null, 4]'],
        [3, '→ [null, 1]'],
      ],
    );
    client.settings = { debounceMs: 0, inlayHints: false };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(await client.connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range }), []);
  });
});

describe('hover helpers', () => {
  it('formats shapes with null for the batch dimension', () => {
    assert.equal(formatShape([null, 28, 28, 1]), '[null, 28, 28, 1]');
    assert.equal(formatShape([]), '[]');
  });

  it('describes a fact with its shape and dtype, or says they are unknown', () => {
    assert.equal(
      describeFact({ range: { start: 0, end: 1 }, kind: 'tensor', label: 'tensor2d', shape: [2, 3], dtype: 'float32' }),
      '**tensor2d** (tensor)  \nshape: `[2, 3]`  \ndtype: `float32`',
    );
    assert.equal(describeFact({ range: { start: 0, end: 1 }, kind: 'layer', label: 'dense' }), '**dense layer** (layer)  \noutput shape: not inferred');
  });

  it('words the parameter counts and model inputs the engine gives as data', () => {
    const range = { start: 0, end: 1 };
    assert.equal(
      describeFact({ range, kind: 'layer', label: 'dense', className: 'Dense', shape: [null, 8], params: 40, nonTrainable: 0 }),
      '**dense layer** (layer)  \noutput shape: `[null, 8]`  \nDense, 40 params',
    );
    assert.equal(
      describeFact({ range, kind: 'layer', label: 'batchNormalization', className: 'BatchNormalization', params: 16, nonTrainable: 8 }),
      '**batchNormalization layer** (layer)  \noutput shape: not inferred  \nBatchNormalization, 16 params (8 non-trainable)',
    );
    assert.equal(
      describeFact({ range, kind: 'model', label: 'functional', inputShapes: [[null, 4], [null, 2]], outputShapes: [[null, 1], [null, 3]], params: 52 }),
      '**functional model** (model)  \noutput shape: not inferred  \ninput [null, 4], [null, 2]; outputs [null, 1], [null, 3]; 52 params',
    );
    assert.equal(describeFact({ range, kind: 'model', label: 'sequential', variable: 'model', shape: [null, 1], outputShapes: [[null, 1]] }), '**`model`: sequential model** (model)  \noutput shape: `[null, 1]`');
  });

  it('takes the first paragraph of the Why section of a rule page', () => {
    const md = '# r\n\n## What it flags\n\nx\n\n## Why it fails at run time\n\nLine one\nline two.\n\nSecond paragraph.\n\n## Bad\n';
    assert.equal(whyParagraph(md), 'Line one line two.');
    assert.equal(whyParagraph('# r\n\n## Bad\n'), undefined);
  });

  it('never stops at a colon: a lead-in that ends with one is skipped for prose, or kept with its list', () => {
    const table = '## Why it fails at run time\n\nMeasured:\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nA rate above the ceiling diverges.\n';
    assert.equal(whyParagraph(table), 'A rate above the ceiling diverges.');
    const list = '## Why it fails at run time\n\nChecked with tfjs (CPU; `test/witness/x.witness.test.ts`):\n\n- one: it throws\n  at once.\n- two.\n\n## Bad\n';
    assert.equal(whyParagraph(list), 'Checked with tfjs (CPU):\n\n- one: it throws at once.\n- two.');
  });

  it('every shipped rule page: the hover text is whole (no trailing colon) and cites no test file', () => {
    for (const rule of rules) {
      const why = whyParagraph(fs.readFileSync(path.join(REPO_ROOT, 'rules', `${rule.meta.id}.md`), 'utf8'));
      assert.ok(why, `${rule.meta.id} has a Why section`);
      assert.ok(!/:\s*$/.test(why), `${rule.meta.id}: ends at a colon: ${why}`);
      assert.doesNotMatch(why, /test\/|\.test\.ts|witness test/, `${rule.meta.id}: cites a test: ${why}`);
      assert.match(why, /[.)`!]$/, `${rule.meta.id}: ends mid-sentence: ${why}`);
    }
  });
});
