// Protocol test: HTML, Vue and Svelte documents. The server lints their <script> blocks and
// answers in the host document's positions; the quick fix edits only the block, and hover
// shows the inferred shape of code inside a block.
import * as assert from 'node:assert/strict';
import type { CodeAction, Diagnostic, Hover, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, LspTestClient } from './support/lsp-client';
import { TFJS_CDN, PAGE, VUE } from '../support/host-pages';

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

  it('"disable for this line" goes inside the block, and is not offered on the line of the <script> tag', async () => {
    const uri = 'file:///virtual/disable.html';
    const text = `${TFJS_CDN}\n<script>const a = tf.log(tf.sigmoid(tf.zeros([2])));\n  const b = tf.log(tf.sigmoid(tf.zeros([2])));\n</script>\n`;
    const found = await diagnostics(uri, 'html', text);
    assert.deepEqual(found.map((d) => d.range.start.line), [1, 2]);
    const titles = async (d: Diagnostic) =>
      ((await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[]);
    const onTagLine = (await titles(found[0])).map((a) => a.title);
    assert.ok(!onTagLine.includes('Disable unsafe-log for this line'), 'no comment line above the <script> tag');
    assert.ok(onTagLine.includes('Disable unsafe-log for this file'), 'the file-wide comment goes inside the block');
    const disable = (await titles(found[1])).find((a) => a.title === 'Disable unsafe-log for this line')!;
    const fixed = applyEdits(text, (disable.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]);
    assert.deepEqual(fixed.split('\n').slice(1, 4), ['<script>const a = tf.log(tf.sigmoid(tf.zeros([2])));', '  // tfjs-lint-disable-next-line unsafe-log', '  const b = tf.log(tf.sigmoid(tf.zeros([2])));']);
  });

  it('"disable for this file" goes at the start of the first <script> block, not above the page, and silences the rule', async () => {
    const uri = 'file:///virtual/disable-file.html';
    const text = `<!doctype html>\n${TFJS_CDN}\n<script>\n  const a = tf.log(tf.sigmoid(tf.zeros([2])));\n</script>\n`;
    const [d] = await diagnostics(uri, 'html', text);
    const actions = (await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
    const disable = actions.find((a) => a.title === 'Disable unsafe-log for this file')!;
    assert.ok(disable, `offered among ${actions.map((a) => a.title).join(', ')}`);
    const fixed = applyEdits(text, (disable.edit!.documentChanges![0] as TextDocumentEdit).edits as TextEdit[]);
    assert.deepEqual(fixed.split('\n').slice(0, 3), ['<!doctype html>', TFJS_CDN, '<script>/* tfjs-lint-disable unsafe-log */'], 'the doctype stays first');
    await client.change(uri, 2, fixed);
    await client.diagnosticsFor(uri, (p) => p.version === 2 && p.diagnostics.length === 0);
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
