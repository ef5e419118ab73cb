// The CLI and the language server read configs, globs and files through one module
// (server/src/workspace); these cases once disagreed between them. Each runs the real CLI and
// the real server on the same temporary tree and compares which files get problems.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runJson, tempTree } from '../cli/helpers';
import { LspTestClient, pathToUri } from '../lsp/support/lsp-client';
import { sample, serverFor } from '../lsp/support/samples';

interface LintWorkspaceResult {
  files: number;
  total: number;
  problems: number;
  cancelled: boolean;
}

/** Relative paths (sorted) of the files the CLI reports problems of the sample's rule in. */
function cliFilesWithProblems(cwd: string): string[] {
  const { results, stderr } = runJson(['.'], { cwd });
  assert.doesNotMatch(stderr, /internal error/);
  return results
    .filter((r) => r.messages.some((m) => m.ruleId === sample.ruleId))
    .map((r) => path.relative(cwd, r.filePath).split(path.sep).join('/'))
    .sort();
}

async function serverFilesWithProblems(root: string, settings: Record<string, unknown> = {}): Promise<string[]> {
  const client = await LspTestClient.start({ ...serverFor(), rootPath: root, settings });
  try {
    await client.connection.sendRequest<LintWorkspaceResult>('tfjsLint/lintWorkspace', {});
    const last = new Map<string, number>();
    for (const p of client.published) last.set(p.uri, p.diagnostics.filter((d) => d.code === sample.ruleId).length);
    return [...last].filter(([, n]) => n > 0).map(([uri]) => path.relative(root, new URL(uri).pathname).split(path.sep).join('/')).sort();
  } finally {
    await client.stop();
  }
}

describe('workspace: the CLI and the server agree on which files are linted', function () {
  this.timeout(60000);

  it('README\'s "exclude": ["generated"] skips src/generated/model.ts in both (workspace lint and open file)', async () => {
    const root = fs.realpathSync(
      tempTree({
        '.tfjslintrc.json': JSON.stringify({ exclude: ['generated'] }),
        'src/model.ts': sample.one,
        'src/generated/model.ts': sample.one,
        'generated/top.ts': sample.one,
      }),
    );
    assert.deepEqual(cliFilesWithProblems(root), ['src/model.ts']);
    assert.deepEqual(await serverFilesWithProblems(root), ['src/model.ts']);

    const client = await LspTestClient.start({ ...serverFor(), rootPath: root, settings: { debounceMs: 0 } });
    try {
      const generated = pathToUri(path.join(root, 'src/generated/model.ts'));
      const kept = pathToUri(path.join(root, 'src/model.ts'));
      await client.open(generated, sample.one);
      await client.open(kept, sample.one);
      assert.equal((await client.diagnosticsFor(kept)).diagnostics.length, 1);
      assert.deepEqual((await client.diagnosticsFor(generated)).diagnostics, [], 'an open file in an excluded folder');
    } finally {
      await client.stop();
    }
  });

  it('the editor setting tfjsLint.exclude follows the same glob rule (a bare name matches at any depth)', async () => {
    const root = fs.realpathSync(tempTree({ 'src/model.ts': sample.one, 'src/vendor/lib.ts': sample.one }));
    assert.deepEqual(await serverFilesWithProblems(root, { exclude: ['vendor'] }), ['src/model.ts']);
  });

  it('build folders (dist, out, build, coverage) are skipped by both', async () => {
    const root = fs.realpathSync(tempTree({ 'src/model.ts': sample.one, 'dist/model.js': sample.one, 'out/model.js': sample.one, 'coverage/x.js': sample.one }));
    assert.deepEqual(cliFilesWithProblems(root), ['src/model.ts']);
    assert.deepEqual(await serverFilesWithProblems(root), ['src/model.ts']);
  });

  it('a file over the size limit gets a notice in both only when it looks like tfjs code', async () => {
    const root = fs.realpathSync(
      tempTree({
        '.tfjslintrc.json': JSON.stringify({ maxFileSize: 2000 }),
        'bundle.js': 'var a = 1;\n'.repeat(400),
        'big-model.ts': sample.one + '// padding\n'.repeat(300),
      }),
    );
    const cli = runJson(['.'], { cwd: root });
    assert.match(cli.stderr, /big-model\.ts: not linted: .* over the/);
    assert.doesNotMatch(cli.stderr, /bundle\.js/);
    const client = await LspTestClient.start({ ...serverFor(), rootPath: root });
    try {
      await client.connection.sendRequest<LintWorkspaceResult>('tfjsLint/lintWorkspace', {});
      const noticed = client.published.filter((p) => p.diagnostics.some((d) => /not linted/.test(String(d.message)))).map((p) => path.basename(p.uri));
      assert.deepEqual(noticed, ['big-model.ts']);
    } finally {
      await client.stop();
    }
  });
});
