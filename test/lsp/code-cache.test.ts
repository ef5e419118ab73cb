// The language server loads TypeScript through the V8 code cache the CLI uses
// (server/src/code-cache.ts): a first start compiles from source and writes the cache after
// its first lint; the next start compiles from it, with the same diagnostics.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient, REPO_ROOT, pathToUri, waitFor } from './support/lsp-client';

const FIXTURE = path.join(REPO_ROOT, 'test', 'editors', 'workspace', 'cross-entropy.js');

describe('LSP: V8 code cache of the TypeScript module', function () {
  this.timeout(60_000);
  let dir: string;
  const saved = process.env.TFJS_LINT_CODE_CACHE;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-server-code-cache-'));
    process.env.TFJS_LINT_CODE_CACHE = dir; // the server inherits it
  });
  after(() => {
    if (saved === undefined) delete process.env.TFJS_LINT_CODE_CACHE;
    else process.env.TFJS_LINT_CODE_CACHE = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Starts a server, lints the fixture; returns the cache state it logged and the diagnostics. */
  async function start(waitForCacheFile: boolean): Promise<{ state: string; diagnostics: string[] }> {
    const client = await LspTestClient.start({ rootPath: path.dirname(FIXTURE), settings: { debounceMs: 0 } });
    try {
      const uri = pathToUri(FIXTURE);
      await client.open(uri, fs.readFileSync(FIXTURE, 'utf8'), 'javascript');
      const { diagnostics } = await client.diagnosticsFor(uri, (p) => p.diagnostics.length > 0);
      const started = await waitFor(() => client.logs.find((l) => l.message.startsWith('tfjs-lint server started')), 10_000, 'the start-up log line');
      if (waitForCacheFile) await waitFor(() => fs.readdirSync(dir).some((f) => /^typescript\.v2_.*\.v8cache$/.test(f)) || undefined, 20_000, 'the cache file');
      return { state: /TypeScript code cache (\w+)/.exec(started.message)?.[1] ?? 'not logged', diagnostics: diagnostics.map((d) => `${d.code}@${d.range.start.line}`) };
    } finally {
      await client.stop();
    }
  }

  it('the first start compiles TypeScript from source and writes the cache after its first lint; the next start compiles from it', async () => {
    const first = await start(true);
    assert.equal(first.state, 'miss');
    const second = await start(false);
    assert.deepEqual([second.state, second.diagnostics], ['hit', first.diagnostics]);
    assert.deepEqual(first.diagnostics, ['unsafe-log@9']);
  });

  it('a damaged cache file is ignored, the server lints as usual', async () => {
    for (const f of fs.readdirSync(dir)) fs.writeFileSync(path.join(dir, f), 'not a cache');
    const run = await start(false);
    assert.deepEqual([run.state, run.diagnostics], ['miss', ['unsafe-log@9']]);
  });
});
