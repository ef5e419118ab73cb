// Workspace lint over a folder of fixtures: include/exclude, node_modules and symlinked
// folders skipped, $/progress with files done/total, cancellation, results for unopened files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource } from 'vscode-languageserver-protocol';
import { LspTestClient, pathToUri, waitFor } from './support/lsp-client';
import { sample, serverFor } from './support/samples';

interface LintWorkspaceResult {
  files: number;
  total: number;
  problems: number;
  cancelled: boolean;
}

function ours(diagnostics: { code?: number | string }[]) {
  return diagnostics.filter((d) => d.code === sample.ruleId);
}

function write(root: string, rel: string, text: string): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

describe('LSP workspace lint', function () {
  this.timeout(60000);
  let root: string;

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-ws-'));
    write(root, 'src/bad.ts', sample.one);
    write(root, 'src/nested/also-bad.js', sample.one);
    write(root, 'src/clean.ts', sample.clean);
    write(root, 'src/notes.txt', sample.one); // not a JS/TS file
    write(root, 'node_modules/dep/bad.ts', sample.one);
    write(root, 'generated/bad.ts', sample.one); // excluded by the settings
    write(root, 'vendor/bad.ts', sample.one); // excluded by .tfjslintrc.json
    write(root, '.tfjslintrc.json', JSON.stringify({ exclude: ['vendor/**'] }));
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-outside-'));
    write(outside, 'bad.ts', sample.one);
    fs.symlinkSync(outside, path.join(root, 'linked'), 'dir');
  });

  it('lints matching files with progress and publishes problems for unopened files only where they belong', async () => {
    const client = await LspTestClient.start({ ...serverFor(), rootPath: root, settings: { exclude: ['generated/**'] } });
    try {
      const openUri = pathToUri(path.join(root, 'src/clean.ts'));
      await client.open(openUri, sample.clean);
      const result = await client.connection.sendRequest<LintWorkspaceResult>('tfjsLint/lintWorkspace', { workDoneToken: 'ws-1' });
      assert.deepEqual(result, { files: 3, total: 3, problems: 2, cancelled: false });

      const events = client.progress.get('ws-1') ?? [];
      assert.equal(events[0]?.kind, 'begin');
      assert.equal(events.at(-1)?.kind, 'end');
      // Reports are throttled (one per file would flood the client on a large tree); the first and the last always come.
      const reports = events.filter((e) => e.kind === 'report').map((e) => e.message);
      assert.equal(reports[0], '1/3 files');
      assert.equal(reports.at(-1), '3/3 files');

      const withProblems = client.published.filter((p) => p.diagnostics.some((d) => d.code === sample.ruleId)).map((p) => p.uri).sort();
      assert.deepEqual(withProblems, [pathToUri(path.join(root, 'src/bad.ts')), pathToUri(path.join(root, 'src/nested/also-bad.js'))].sort());
    } finally {
      await client.stop();
    }
  });

  it('an open file in an excluded folder is not linted', async () => {
    const client = await LspTestClient.start({ ...serverFor(), rootPath: root, settings: { exclude: ['generated/**'], debounceMs: 0 } });
    try {
      const excludedUri = pathToUri(path.join(root, 'generated/bad.ts'));
      const vendorUri = pathToUri(path.join(root, 'vendor/bad.ts'));
      const includedUri = pathToUri(path.join(root, 'src/bad.ts'));
      await client.open(excludedUri, sample.one);
      await client.open(vendorUri, sample.one);
      await client.open(includedUri, sample.one);
      assert.equal((await client.diagnosticsFor(includedUri)).diagnostics.length, 1);
      assert.deepEqual((await client.diagnosticsFor(excludedUri)).diagnostics, [], 'excluded by the settings');
      assert.deepEqual((await client.diagnosticsFor(vendorUri)).diagnostics, [], 'excluded by .tfjslintrc.json');
    } finally {
      await client.stop();
    }
  });

  it('pull clients: a file opened after a workspace lint switches from pushed to pulled diagnostics', async () => {
    const client = await LspTestClient.start({ ...serverFor(), rootPath: root, pull: true, settings: { exclude: ['generated/**'], debounceMs: 0 } });
    try {
      const uri = pathToUri(path.join(root, 'src/bad.ts'));
      await client.connection.sendRequest('tfjsLint/lintWorkspace', {});
      assert.equal((await client.diagnosticsFor(uri)).diagnostics.length, 1, 'pushed by the workspace lint');
      await client.open(uri, sample.one);
      await client.diagnosticsFor(uri, (p) => p.diagnostics.length === 0); // the pushed copy is withdrawn...
      assert.equal(ours(await client.pull(uri)).length, 1); // ...and the pulled one replaces it
    } finally {
      await client.stop();
    }
  });

  it('stops when cancelled and answers RequestCancelled', async () => {
    const big = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-big-'));
    for (let i = 0; i < 300; i++) write(big, `f${String(i).padStart(3, '0')}.ts`, sample.one);
    const client = await LspTestClient.start({ ...serverFor(), rootPath: big });
    try {
      const source = new CancellationTokenSource();
      const request = client.connection.sendRequest<LintWorkspaceResult>('tfjsLint/lintWorkspace', { workDoneToken: 'ws-2' }, source.token);
      await waitFor(() => (client.progress.get('ws-2')?.some((e) => e.kind === 'report') ? true : undefined), 20000, 'first progress report');
      source.cancel();
      await assert.rejects(request, (error: { code?: number }) => error.code === -32800);
      await waitFor(() => (client.progress.get('ws-2')?.at(-1)?.kind === 'end' ? true : undefined), 5000, 'progress end');
      const linted = new Set(client.published.map((p) => p.uri)).size;
      assert.ok(linted > 0 && linted < 300, `cancelled part way: ${linted} of 300 files published`);
      // The server is still up and serves a new request.
      const again = await client.connection.sendRequest<LintWorkspaceResult>('tfjsLint/lintWorkspace', {});
      assert.deepEqual(again, { files: 300, total: 300, problems: 300, cancelled: false });
    } finally {
      await client.stop();
    }
  });
});
