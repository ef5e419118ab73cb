// Protocol test: HTML, Vue and Svelte documents. The server lints their <script> blocks and
// answers in the host document's positions; the quick fix edits only the block, and hover
// shows the inferred shape of code inside a block.
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, Hover, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, LspTestClient } from './support/lsp-client';

const TFJS_CDN = '<script src="https://cdn.jsdelivr.net/npm/@tensorflow/tfjs@4.22.0/dist/tf.min.js"></script>';
const PAGE = `<!doctype html>
<html>
<head>${TFJS_CDN}</head>
<body>
<script>
  const logits = tf.zeros([2, 3]);
  const lp = tf.log(tf.sigmoid(logits));
</script>
<p>tf.log(tf.sigmoid(logits)) in the markup is text, not code</p>
</body>
</html>
`;
const VUE = `<template><div>{{ n }}</div></template>
<script setup lang="ts">
import * as tf from '@tensorflow/tfjs';
const n: number = 3;
const model = tf.sequential();
model.add(tf.layers.dense({ units: n, activation: 'softmax', inputShape: [4] }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
</script>
`;

describe('LSP: HTML, Vue and Svelte documents', function () {
  this.timeout(30000);
  let client: LspTestClient;

  before(async () => {
    client = await LspTestClient.start({ settings: { debounceMs: 0 } });
  });
  after(() => client.stop());

  async function diagnostics(uri: string, languageId: string, text: string): Promise<Diagnostic[]> {
    await client.open(uri, text, languageId, 1);
    return (await client.diagnosticsFor(uri, (p) => p.version === 1)).diagnostics;
  }

  it('HTML: a diagnostic on the inline script, a fix that edits only the block, hover inside the block', async () => {
    const uri = 'file:///virtual/page.html';
    const [d, ...rest] = await diagnostics(uri, 'html', PAGE);
    assert.deepEqual(rest, []);
    assert.equal(d.code, 'unsafe-log');
    const lines = PAGE.split('\n');
    assert.deepEqual(d.range.start, { line: 6, character: lines[6].indexOf('tf.log') });
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const fix = actions.find((a) => a.isPreferred)!;
    assert.ok(fix, `a preferred fix among ${actions.map((a) => a.title).join(', ')}`);
    const edits = (fix.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[];
    const fixed = applyEdits(PAGE, edits);
    const blockStart = PAGE.indexOf('<script>\n') + '<script>'.length;
    assert.equal(fixed.slice(0, blockStart), PAGE.slice(0, blockStart), 'markup before the block unchanged');
    assert.ok(fixed.endsWith(PAGE.slice(PAGE.indexOf('</script>\n<p>'))), 'markup after the block unchanged');
    assert.match(fixed.split('\n')[6], /tf\.logSigmoid\(logits\)/);
    const hover = (await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 5, character: lines[5].indexOf('tf.zeros') + 4 } })) as Hover | null;
    assert.ok(hover, 'hover on tf.zeros in the block');
    assert.match(JSON.stringify(hover.contents), /\[2, 3\]/);
  });

  it('Vue: <script setup lang="ts"> with type annotations, in the .vue file\'s lines', async () => {
    const uri = 'file:///virtual/Model.vue';
    const found = await diagnostics(uri, 'vue', VUE);
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line]), [['loss-activation-mismatch', 6]]);
  });

  it('Svelte, opened as plain text (no Svelte extension): known by its file name', async () => {
    const uri = 'file:///virtual/Model.svelte';
    const text = VUE.replace('<template><div>{{ n }}</div></template>\n', '').replace(' setup lang="ts"', ' lang="ts"') + '\n<p>{n}</p>\n';
    const found = await diagnostics(uri, 'plaintext', text);
    assert.deepEqual(found.map((d) => [d.code, d.range.start.line]), [['loss-activation-mismatch', 5]]);
  });
});
