// Editor behaviour issue 13 found wrong, over the protocol: Lint Workspace's count, files
// deleted on disk, misspelled rule ids, unused disable comments, "disable for this file",
// "fix all auto-fixable problems", and no size notice for a large file without tfjs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CodeAction, Diagnostic, TextDocumentEdit, TextEdit } from 'vscode-languageserver-protocol';
import { applyEdits, LspTestClient, pathToUri, waitFor } from './support/lsp-client';
import { sample, serverFor } from './support/samples';

interface LintWorkspaceResult {
  files: number;
  total: number;
  problems: number;
  cancelled: boolean;
}

function write(root: string, rel: string, text: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

function ours(diagnostics: Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.code === sample.ruleId);
}

/** What the Problems panel lists: the latest diagnostics of every uri, counted. */
function shownCount(client: LspTestClient, pulled: Map<string, number> = new Map()): number {
  const latest = new Map<string, number>();
  for (const p of client.published) latest.set(p.uri, p.diagnostics.length);
  for (const [uri, n] of pulled) latest.set(uri, n);
  return [...latest.values()].reduce((a, b) => a + b, 0);
}

describe('LSP editor fixes (issue 13)', function () {
  this.timeout(60000);

  it('Lint Workspace counts what the Problems panel shows, open files included', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-count-')));
    write(root, 'a.ts', sample.one);
    write(root, 'b.ts', sample.two);
    const open = write(root, 'open.ts', sample.two);
    const client = await LspTestClient.start({ ...serverFor(), rootPath: root, settings: { debounceMs: 0 } });
    try {
      await client.open(pathToUri(open), sample.two);
      await client.diagnosticsFor(pathToUri(open), (p) => ours(p.diagnostics).length === 2);
      const result = await client.connection.sendRequest<LintWorkspaceResult>('tfjsLint/lintWorkspace', {});
      assert.equal(result.problems, shownCount(client));
      assert.equal(result.problems, 5, 'one in a.ts, two in b.ts, two in the open file');
    } finally {
      await client.stop();
    }
  });

  it('a file deleted or renamed on disk loses its diagnostics (workspace/didChangeWatchedFiles)', async () => {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-deleted-')));
    const gone = write(root, 'src/gone.ts', sample.one);
    const renamed = write(root, 'src/old-name.ts', sample.one);
    write(root, 'folder/inner.ts', sample.one);
    const client = await LspTestClient.start({ ...serverFor(), rootPath: root });
    try {
      await client.connection.sendRequest('tfjsLint/lintWorkspace', {});
      const uri = (f: string) => pathToUri(f);
      const newName = path.join(root, 'src/new-name.ts');
      fs.rmSync(gone);
      fs.renameSync(renamed, newName);
      fs.rmSync(path.join(root, 'folder'), { recursive: true });
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', {
        changes: [
          { uri: uri(gone), type: 3 },
          { uri: uri(renamed), type: 3 },
          { uri: uri(newName), type: 1 },
          { uri: uri(path.join(root, 'folder')), type: 3 },
        ],
      });
      for (const f of [gone, renamed, path.join(root, 'folder/inner.ts')]) await client.diagnosticsFor(uri(f), (p) => p.diagnostics.length === 0);
      assert.equal(ours((await client.diagnosticsFor(uri(newName))).diagnostics).length, 1, 'the renamed file is linted under its new name');
    } finally {
      await client.stop();
    }
  });

  it('a misspelled rule id in tfjsLint.rules warns once, with "did you mean"', async () => {
    const client = await LspTestClient.start({ ...serverFor(), settings: { debounceMs: 0, rules: { 'unsafe-logg': 'off' } } });
    try {
      await client.open('file:///virtual/typo.ts', sample.one);
      await client.diagnosticsFor('file:///virtual/typo.ts');
      const warning = await waitFor(() => client.shown.find((m) => m.message.includes('unsafe-logg')), 5000, 'a warning');
      assert.equal(warning.type, 2, 'a warning');
      assert.match(warning.message, /tfjsLint\.rules: unknown rule "unsafe-logg" \(did you mean "unsafe-log"\?\)/);
      await client.open('file:///virtual/typo2.ts', sample.one);
      await client.diagnosticsFor('file:///virtual/typo2.ts');
      assert.equal(client.shown.filter((m) => m.message.includes('unsafe-logg')).length, 1, 'once');
    } finally {
      await client.stop();
    }
  });

  it('a misspelled rule id in a disable comment is a warning with "did you mean"; an unused comment is reported, with a fix that removes it', async () => {
    const client = await LspTestClient.start({ ...serverFor(), settings: { debounceMs: 0 } });
    try {
      const uri = 'file:///virtual/directives.ts';
      const lines = sample.one.split('\n');
      lines.splice(sample.line, 0, '  // tfjs-lint-disable-next-line unsafe-logg');
      const text = `// tfjs-lint-disable-next-line ${sample.ruleId}\nconst unrelated = 1;\n${lines.join('\n')}`;
      await client.open(uri, text);
      const { diagnostics } = await client.diagnosticsFor(uri, (p) => p.diagnostics.length >= 3);
      const typo = diagnostics.find((d) => /unsafe-logg/.test(String(d.message)));
      assert.match(String(typo?.message ?? ''), /Unknown rule "unsafe-logg" in tfjs-lint-disable-next-line \(did you mean "unsafe-log"\?\)/);
      assert.equal(typo?.severity, 2);
      assert.equal(ours(diagnostics).length, 1, 'the misspelled comment suppresses nothing');
      const unused = diagnostics.find((d) => /Unused tfjs-lint-disable-next-line/.test(String(d.message)));
      assert.ok(unused, JSON.stringify(diagnostics.map((d) => String(d.message))));
      assert.equal(unused.range.start.line, 0);
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: unused.range,
        context: { diagnostics: [unused] },
      });
      const remove = actions.find((a) => a.title === 'Remove the unused comment');
      const edits = (remove?.edit?.documentChanges?.[0] as TextDocumentEdit | undefined)?.edits as TextEdit[] | undefined ?? [];
      assert.equal(applyEdits(text, edits), text.split('\n').slice(1).join('\n'));
      assert.ok(!actions.some((a) => /Disable disable-directive/.test(a.title)), 'no "disable" action for a comment about a comment');
    } finally {
      await client.stop();
    }
  });

  it('"Disable <rule> for this file" inserts a file-wide comment that silences the rule', async () => {
    const client = await LspTestClient.start({ ...serverFor(), settings: { debounceMs: 0 } });
    try {
      const uri = 'file:///virtual/disable-file.ts';
      await client.open(uri, sample.two);
      const { diagnostics } = await client.diagnosticsFor(uri, (p) => ours(p.diagnostics).length === 2);
      const actions = await client.connection.sendRequest<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri },
        range: diagnostics[0].range,
        context: { diagnostics: ours(diagnostics) },
      });
      const disable = actions.filter((a) => a.title === `Disable ${sample.ruleId} for this file`);
      assert.equal(disable.length, 1, 'offered once per rule');
      const fixed = applyEdits(sample.two, (disable[0].edit?.documentChanges?.[0] as TextDocumentEdit).edits as TextEdit[]);
      assert.ok(fixed.startsWith(`/* tfjs-lint-disable ${sample.ruleId} */\n`));
      await client.change(uri, 2, fixed);
      await client.diagnosticsFor(uri, (p) => p.version === 2 && p.diagnostics.length === 0);
    } finally {
      await client.stop();
    }
  });

  it('"Fix all auto-fixable problems" applies every safe fix of the document through workspace/applyEdit', async () => {
    const client = await LspTestClient.start({ ...serverFor(), settings: { debounceMs: 0 } });
    try {
      const uri = 'file:///virtual/fix-all.ts';
      await client.open(uri, sample.two);
      await client.diagnosticsFor(uri, (p) => ours(p.diagnostics).length === 2);
      const answer = await client.connection.sendRequest<{ applied: boolean; fixes: number }>('workspace/executeCommand', {
        command: 'tfjsLint.applyFixAll',
        arguments: [{ uri, version: 1 }],
      });
      assert.deepEqual(answer, { applied: true, fixes: 2 });
      const edit = client.appliedEdits.at(-1)?.edit as { documentChanges: TextDocumentEdit[] };
      const fixed = applyEdits(sample.two, edit.documentChanges[0].edits as TextEdit[]);
      await client.change(uri, 2, fixed);
      await client.diagnosticsFor(uri, (p) => p.version === 2 && ours(p.diagnostics).length === 0);
      // A stale version is not fixed: the user asks again on what they see.
      const stale = await client.connection.sendRequest('workspace/executeCommand', { command: 'tfjsLint.applyFixAll', arguments: [{ uri, version: 1 }] });
      assert.deepEqual(stale, { applied: false, fixes: 0 });
    } finally {
      await client.stop();
    }
  });

  it('a file over the size limit gets the "not linted" notice only when it looks like tfjs code', async () => {
    const client = await LspTestClient.start({ ...serverFor(), settings: { maxFileSize: 1000, debounceMs: 0 } });
    try {
      const plain = 'file:///virtual/bundle.js';
      await client.open(plain, 'var a = 1;\n'.repeat(500), 'javascript');
      assert.deepEqual((await client.diagnosticsFor(plain)).diagnostics, []);
      const model = 'file:///virtual/model.ts';
      await client.open(model, sample.one + '// padding\n'.repeat(200));
      assert.match(String((await client.diagnosticsFor(model)).diagnostics[0]?.message), /not linted/);
    } finally {
      await client.stop();
    }
  });
});
