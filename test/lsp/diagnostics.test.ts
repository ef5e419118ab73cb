// Protocol tests: the built server over stdio, driven by a real JSON-RPC client.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { CancellationTokenSource, type CodeAction, type Diagnostic, type TextDocumentEdit, type TextEdit } from 'vscode-languageserver-protocol';
import * as fs from 'node:fs';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { docsUrl } from '../../server/src/engine/rule';
import { lintText } from '../../server/src/engine/linter';
import { rules } from '../../rules/index';
import { applyEdits, LspTestClient, pathToUri, REPO_ROOT, waitFor } from './support/lsp-client';
import { sample, serverFor } from './support/samples';

const URI = 'file:///virtual/model.ts';

function ours(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.code === sample.ruleId);
}

async function codeActions(client: LspTestClient, uri: string, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[]> {
  const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  return client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only ? { only } : {}) } });
}

function editsOf(action: CodeAction, uri: string) {
  const change = action.edit?.documentChanges?.[0] as TextDocumentEdit | undefined;
  assert.ok(change, `action "${action.title}" has a versioned document edit`);
  assert.equal(change.textDocument.uri, uri);
  return change.edits as TextEdit[];
}

for (const mode of ['push', 'pull'] as const) {
  describe(`LSP diagnostics and code actions (${mode} model, rule ${sample.ruleId})`, function () {
    this.timeout(30000);
    let client: LspTestClient;
    let version = 1;

    async function diagnosticsOf(text: string | undefined): Promise<Diagnostic[]> {
      if (text !== undefined) await client.change(URI, ++version, text);
      if (mode === 'pull') return client.pull(URI);
      const v = version;
      return (await client.diagnosticsFor(URI, (p) => p.version === v)).diagnostics;
    }

    before(async () => {
      client = await LspTestClient.start({ ...serverFor(), pull: mode === 'pull', settings: { debounceMs: 20 } });
      await client.open(URI, sample.one, 'typescript', version);
    });
    after(() => client.stop());

    it('reports the problem with source, code, doc link, severity and fix data', async () => {
      const found = ours(await diagnosticsOf(undefined));
      assert.equal(found.length, 1);
      const [d] = found;
      assert.equal(d.source, 'tfjs-lint');
      assert.equal(d.codeDescription?.href, docsUrl(sample.ruleId));
      assert.ok(d.severity !== undefined && d.severity >= 1 && d.severity <= 3);
      assert.equal(d.range.start.line, sample.line);
      const data = d.data as { ruleId: string; version: number; fixes: { title: string; edits: unknown[] }[] };
      assert.equal(data.ruleId, sample.ruleId);
      assert.equal(data.version, version);
      assert.ok(data.fixes.length > 0 && data.fixes[0].edits.length > 0, 'the fix travels in data');
    });

    it('offers the preferred quick fix, disable-line and documentation actions; the fix clears the problem', async () => {
      const diagnostics = ours(await diagnosticsOf(undefined));
      const actions = await codeActions(client, URI, diagnostics);
      const preferred = actions.filter((a) => a.isPreferred);
      assert.equal(preferred.length, 1, 'exactly one preferred fix');
      assert.equal(preferred[0].kind, 'quickfix');
      assert.ok(actions.some((a) => a.title === `Disable ${sample.ruleId} for this line`));
      const docs = actions.find((a) => a.command?.command === 'tfjsLint.showDocumentation');
      assert.ok(docs, 'show documentation action');

      const fixed = applyEdits(sample.one, editsOf(preferred[0], URI));
      assert.notEqual(fixed, sample.one);
      assert.deepEqual(ours(await diagnosticsOf(fixed)), [], `after the quick fix:\n${fixed}`);
      await client.change(URI, ++version, sample.one); // back to the problem for the next tests
    });

    it('"disable for this line" inserts an indented suppression comment that silences the rule', async () => {
      const diagnostics = ours(await diagnosticsOf(sample.one));
      const disable = (await codeActions(client, URI, diagnostics)).find((a) => a.title === `Disable ${sample.ruleId} for this line`)!;
      const edited = applyEdits(sample.one, editsOf(disable, URI));
      const lines = edited.split('\n');
      const indent = /^\s*/.exec(sample.one.split('\n')[sample.line])![0];
      assert.equal(lines[sample.line], `${indent}// tfjs-lint-disable-next-line ${sample.ruleId}`);
      assert.deepEqual(ours(await diagnosticsOf(edited)), []);
    });

    it('fixes all problems of the rule in the file, and source.fixAll applies only safe fixes', async () => {
      const diagnostics = ours(await diagnosticsOf(sample.two));
      assert.equal(diagnostics.length, 2);
      const all = (await codeActions(client, URI, diagnostics)).find((a) => a.title === `Fix all ${sample.ruleId} problems in this file`);
      assert.ok(all, 'fix-all action for two problems');
      const fixed = applyEdits(sample.two, editsOf(all, URI));
      assert.deepEqual(ours(await diagnosticsOf(fixed)), [], `after fix all:\n${fixed}`);

      await client.change(URI, ++version, sample.two);
      const source = await codeActions(client, URI, [], ['source.fixAll']);
      const safe = (diagnostics[0].data as { fixes: { safe: boolean }[] }).fixes.some((f) => f.safe);
      if (safe) {
        assert.equal(source.length, 1);
        assert.equal(source[0].kind, 'source.fixAll.tfjs-lint');
        const onSave = applyEdits(sample.two, editsOf(source[0], URI));
        assert.deepEqual(ours(await diagnosticsOf(onSave)), [], `after source.fixAll:\n${onSave}`);
      } else {
        assert.deepEqual(source, [], 'no safe fix, so fix-on-save changes nothing');
      }
    });

    it('lists the registered rules with their doc links (tfjsLint/rules)', async () => {
      const listed = await client.connection.sendRequest<{ id: string; docsUrl: string }[]>('tfjsLint/rules');
      assert.deepEqual(listed.find((r) => r.id === sample.ruleId)?.docsUrl, docsUrl(sample.ruleId));
    });

    it('runs the show-documentation command through window/showDocument: the bundled page, in the editor (offline)', async () => {
      await client.connection.sendRequest('workspace/executeCommand', { command: 'tfjsLint.showDocumentation', arguments: [sample.ruleId, docsUrl(sample.ruleId)] });
      assert.deepEqual(client.shownDocuments.at(-1), { uri: pathToUri(path.join(REPO_ROOT, 'rules', `${sample.ruleId}.md`)), external: false });
    });
  });
}

describe('LSP edit-while-typing', function () {
  this.timeout(30000);

  it('20 rapid changes end with diagnostics for the last version only (push)', async () => {
    // A debounce well above the time it takes to send 20 notifications, even on a loaded machine.
    const client = await LspTestClient.start({ ...serverFor(), settings: { debounceMs: 250 } });
    try {
      const uri = 'file:///virtual/typing.ts';
      await client.open(uri, sample.clean, 'typescript', 1);
      await client.diagnosticsFor(uri, (p) => p.version === 1);
      const before = client.published.length;
      // Each version moves the problem one line further down: the final position proves which text was linted.
      for (let v = 2; v <= 21; v++) {
        const [head, ...rest] = sample.one.split('\n');
        await client.change(uri, v, [head, ...Array<string>(v).fill(''), ...rest].join('\n'));
      }
      const last = await client.diagnosticsFor(uri, (p) => p.version === 21);
      await new Promise((r) => setTimeout(r, 500)); // anything stale would arrive by now
      const after = client.published.slice(before).filter((p) => p.uri === uri);
      assert.deepEqual(after.map((p) => p.version), [21], 'only the last version was published');
      const found = ours(last.diagnostics);
      assert.equal(found.length, 1);
      assert.equal(found[0].range.start.line, sample.line + 21);
    } finally {
      await client.stop();
    }
  });

  it('typing a line into a real model file and deleting it, a keystroke at a time: each version\'s diagnostics are a fresh lint\'s', async () => {
    // The server reparses an edited file from its last tree (engine/parse.ts): what it finds
    // after each incremental change must be what a lint of the whole text finds.
    const client = await LspTestClient.start({ settings: { debounceMs: 0 } });
    try {
      const uri = 'file:///virtual/typed.ts';
      let text = fs.readFileSync(path.join(REPO_ROOT, 'examples', 'custom-loss-nan.ts'), 'utf8');
      const line = text.split('\n').findIndex((l) => l.startsWith('const FEATURES'));
      const typed = 'const p = tf.log(tf.sigmoid(tf.zeros([2, 3])));';
      const described = (diagnostics: Diagnostic[]) => diagnostics.map((d) => `${d.code} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.message}`).sort();
      const fresh = (t: string) => {
        const doc = TextDocument.create(uri, 'typescript', 1, t);
        return described(lintText(t, { fileName: '/virtual/typed.ts', rules }).findings.map((f) => ({ code: f.ruleId, message: f.message, range: { start: doc.positionAt(f.range.start), end: doc.positionAt(f.range.end) } }) as Diagnostic));
      };
      await client.open(uri, text, 'typescript', 1);
      await client.diagnosticsFor(uri, (p) => p.version === 1);
      const keystrokes = [...[...typed].map((c, i) => ({ at: i, insert: c })), ...[...typed].map((_, i) => ({ at: typed.length - 1 - i, insert: '' }))];
      const offsetOf = (character: number) => text.split('\n').slice(0, line).join('\n').length + 1 + character;
      let version = 1;
      let flagged = 0;
      for (const k of keystrokes) {
        const end = k.insert ? k.at : k.at + 1;
        text = text.slice(0, offsetOf(k.at)) + k.insert + text.slice(offsetOf(end));
        const v = ++version;
        await client.connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version: v },
          contentChanges: [{ range: { start: { line, character: k.at }, end: { line, character: end } }, text: k.insert }],
        });
        const published = await client.diagnosticsFor(uri, (p) => p.version === v);
        assert.deepEqual(described(published.diagnostics), fresh(text), `version ${v}: ${text.split('\n')[line]}`);
        if (published.diagnostics.some((d) => d.code === 'unsafe-log' && d.range.start.line === line)) flagged++;
      }
      assert.ok(flagged > 0, 'the typed line was flagged once complete');
    } finally {
      await client.stop();
    }
  });

  it('in a file with syntax errors, a quick fix is offered only if its text parses no worse (checked when asked, not on every keystroke)', async () => {
    const client = await LspTestClient.start({ settings: { debounceMs: 0 } });
    try {
      const uri = 'file:///virtual/broken.ts';
      const text = "import * as tf from '@tensorflow/tfjs';\nconst p = tf.log(tf.sigmoid(tf.zeros([2])));\n\nfunction later() {\n  return f(1;\n}\n";
      await client.open(uri, text, 'typescript', 1);
      const published = await client.diagnosticsFor(uri, (p) => p.version === 1);
      const found = published.diagnostics.find((d) => d.code === 'unsafe-log');
      assert.ok(found, 'the unsafe log is found in the broken file');
      const line = 1;
      const breaking = { title: 'Break it', safe: true, edits: [{ range: { start: { line, character: 16 }, end: { line, character: 17 } }, newText: '(((' }] };
      const data = found.data as { fixes: unknown[] };
      const diagnostic = { ...found, data: { ...data, fixes: [breaking, ...data.fixes] } };
      const actions = await codeActions(client, uri, [diagnostic]);
      assert.equal(actions.filter((a) => a.title === 'Break it').length, 0, 'the fix that parses worse is not offered');
      assert.ok(data.fixes.length > 0 && actions.some((a) => a.title === (data.fixes[0] as { title: string }).title && a.isPreferred), 'the rule\'s own fix is, as the preferred one');
    } finally {
      await client.stop();
    }
  });

  it('a pull after 20 rapid changes describes the last text (pull)', async () => {
    const client = await LspTestClient.start({ ...serverFor(), pull: true, settings: { debounceMs: 50 } });
    try {
      const uri = 'file:///virtual/typing-pull.ts';
      await client.open(uri, sample.clean, 'typescript', 1);
      assert.deepEqual(ours(await client.pull(uri)), []);
      const [head, ...rest] = sample.one.split('\n');
      for (let v = 2; v <= 21; v++) await client.change(uri, v, [head, ...Array<string>(v).fill(''), ...rest].join('\n'));
      const found = ours(await client.pull(uri));
      assert.equal(found.length, 1);
      assert.equal(found[0].range.start.line, sample.line + 21);
      assert.equal((found[0].data as { version: number }).version, 21);
    } finally {
      await client.stop();
    }
  });

  it('a pull still waiting out the debounce is cancelled by the client (pull)', async () => {
    const client = await LspTestClient.start({ ...serverFor(), pull: true, settings: { debounceMs: 2000 } });
    try {
      const uri = 'file:///virtual/cancel-pull.ts';
      await client.open(uri, sample.clean);
      assert.deepEqual(ours(await client.pull(uri)), [], 'the first pull after opening answers at once');
      await client.change(uri, 2, sample.one);
      const source = new CancellationTokenSource();
      const started = Date.now();
      const pending = client.connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } }, source.token);
      setTimeout(() => source.cancel(), 100);
      await assert.rejects(pending, (error: { code?: number }) => error.code === -32800);
      assert.ok(Date.now() - started < 1500, 'answered without waiting out the 2 s debounce');
    } finally {
      await client.stop();
    }
  });

  it('closing a document clears its diagnostics (push)', async () => {
    const client = await LspTestClient.start({ ...serverFor(), settings: { debounceMs: 0 } });
    try {
      const uri = 'file:///virtual/closed.ts';
      await client.open(uri, sample.one);
      await client.diagnosticsFor(uri, (p) => ours(p.diagnostics).length === 1);
      await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      await waitFor(() => (client.published.at(-1)?.uri === uri && client.published.at(-1)!.diagnostics.length === 0 ? true : undefined), 5000, 'cleared');
    } finally {
      await client.stop();
    }
  });
});

describe('LSP transports and run modes', function () {
  this.timeout(30000);

  it('serves over node IPC (--node-ipc), as the VS Code client starts it', async () => {
    const client = await LspTestClient.start({ ...serverFor(), transport: 'ipc', settings: { debounceMs: 0 } });
    try {
      const uri = 'file:///virtual/ipc.ts';
      await client.open(uri, sample.one);
      const { diagnostics } = await client.diagnosticsFor(uri);
      assert.deepEqual(ours(diagnostics).map((d) => d.range.start.line), [sample.line]);
    } finally {
      await client.stop();
    }
  });

  it('with run "onSave", edits are not linted until the file is saved', async () => {
    const client = await LspTestClient.start({ ...serverFor(), settings: { run: 'onSave', debounceMs: 0 } });
    try {
      const uri = 'file:///virtual/on-save.ts';
      await client.open(uri, sample.clean, 'typescript', 1);
      await client.diagnosticsFor(uri, (p) => p.version === 1);
      await client.change(uri, 2, sample.one);
      await new Promise((r) => setTimeout(r, 300));
      const unsaved = client.published.filter((p) => p.uri === uri && p.version === 2);
      assert.ok(unsaved.every((p) => ours(p.diagnostics).length === 0), 'the unsaved text is not linted');
      await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
      await client.diagnosticsFor(uri, (p) => p.version === 2 && ours(p.diagnostics).length === 1); // linted at the save
    } finally {
      await client.stop();
    }
  });

  for (const pull of [false, true]) {
    it(`with run "onSave" (${pull ? 'pull' : 'push'}), squiggles follow unsaved edits: moved with the lines above, hidden when their line is edited`, async () => {
      const client = await LspTestClient.start({ ...serverFor(), pull, settings: { run: 'onSave', debounceMs: 0 } });
      try {
        const uri = `file:///virtual/on-save-${pull}.ts`;
        const shown = async (version: number) =>
          ours(pull ? await client.pull(uri) : (await client.diagnosticsFor(uri, (p) => p.version === version)).diagnostics).map((d) => d.range.start.line);
        await client.open(uri, sample.one, 'typescript', 1);
        assert.deepEqual(await shown(1), [sample.line]);
        // A comment line above the problem, not saved: the squiggle moves down with its line.
        await client.change(uri, 2, `// a note\n${sample.one}`);
        assert.deepEqual(await shown(2), [sample.line + 1]);
        // The flagged line itself edited: its old squiggle would sit on the wrong text, so it is hidden.
        const lines = `// a note\n${sample.one}`.split('\n');
        lines[sample.line + 1] = lines[sample.line + 1].replace('tf.', 'tf .');
        await client.change(uri, 3, lines.join('\n'));
        assert.deepEqual(await shown(3), []);
        await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
        if (!pull) assert.equal((await client.diagnosticsFor(uri, (p) => p.version === 3 && ours(p.diagnostics).length === 1)).version, 3);
        else assert.deepEqual(await shown(3), [sample.line + 1], 'linted again at the save');
      } finally {
        await client.stop();
      }
    });
  }

  it('severity comes from tfjsLint.rules (info -> Information, error -> Error)', async () => {
    const client = await LspTestClient.start({ ...serverFor(), settings: { debounceMs: 0, rules: { [sample.ruleId]: 'info' } } });
    try {
      const uri = 'file:///virtual/severity.ts';
      await client.open(uri, sample.one);
      const info = await client.diagnosticsFor(uri, (p) => ours(p.diagnostics).length === 1);
      assert.equal(ours(info.diagnostics)[0].severity, 3);
      client.settings = { debounceMs: 0, rules: { [sample.ruleId]: 'error' } };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.diagnosticsFor(uri, (p) => ours(p.diagnostics)[0]?.severity === 1);
    } finally {
      await client.stop();
    }
  });

  it('clients without workspace/configuration pass settings in initializationOptions and didChangeConfiguration', async () => {
    const client = await LspTestClient.start({
      ...serverFor(),
      noConfiguration: true,
      initializationOptions: { settings: { debounceMs: 0, rules: { [sample.ruleId]: 'off' } } },
    });
    try {
      const uri = 'file:///virtual/no-config.ts';
      await client.open(uri, sample.one);
      assert.deepEqual(ours((await client.diagnosticsFor(uri)).diagnostics), [], 'the rule is off from initializationOptions');
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { tfjsLint: { debounceMs: 0 } } });
      await client.diagnosticsFor(uri, (p) => ours(p.diagnostics).length === 1);
    } finally {
      await client.stop();
    }
  });

  it('tfjsLint.enable false clears the diagnostics', async () => {
    const client = await LspTestClient.start({ ...serverFor(), settings: { debounceMs: 0 } });
    try {
      const uri = 'file:///virtual/disabled.ts';
      await client.open(uri, sample.one);
      await client.diagnosticsFor(uri, (p) => ours(p.diagnostics).length === 1);
      client.settings = { enable: false };
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 0);
    } finally {
      await client.stop();
    }
  });
});
