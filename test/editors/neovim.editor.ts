// Neovim's built-in LSP client (0.7, headless) drives tfjs-lint-server over stdio: the
// diagnostics arrive with the right codes and lines, a quick fix comes back as a code action,
// and applying it clears the diagnostic. Proof that any LSP editor can use the server.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { copyWorkspace, editorPaths, editorsSrc, freshWorkDir, isolatedEnv, requireEditor, serverScript } from './lib/env';
import { run } from './lib/processes';

interface NvimDiagnostic {
  line: number;
  col: number;
  code: string | null;
  source: string | null;
  message: string;
  href: string | null;
}

interface NvimResult {
  nvim: string;
  initialized?: boolean;
  filetype?: string;
  timed_out?: boolean;
  error?: string;
  diagnostics?: NvimDiagnostic[];
  hover?: string;
  code_actions?: { title: string; kind: string | null; isPreferred: boolean }[];
  applied?: string;
  fixed_text?: string;
  cleared?: boolean;
  diagnostics_after_fix?: NvimDiagnostic[];
  server_log?: string[];
}

describe('Neovim (headless, built-in LSP client)', function () {
  this.timeout(90_000);
  let result: NvimResult;

  before(async function () {
    const { nvim } = editorPaths();
    requireEditor(this, 'nvim', nvim);
    assert.ok(fs.existsSync(serverScript), `${serverScript} is missing (npm run build first)`);
    const work = freshWorkDir('neovim');
    const workspace = copyWorkspace(path.join(work, 'workspace'));
    const env = isolatedEnv(work, {
      TFJS_LINT_SERVER: serverScript,
      TFJS_LINT_ROOT: workspace,
      TFJS_LINT_WAIT_MS: '20000',
    });
    const lua = path.join(editorsSrc, 'nvim', 'lsp-check.lua');
    const finished = await run(
      nvim,
      ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '--noplugin', path.join(workspace, 'cross-entropy.js'),
        '-c', `luafile ${lua}`, '-c', 'qa!'],
      { env, cwd: workspace, timeoutMs: 60_000 },
    );
    fs.writeFileSync(path.join(work, 'nvim.stdout'), finished.stdout);
    fs.writeFileSync(path.join(work, 'nvim.stderr'), finished.stderr);
    assert.ok(!finished.timedOut, `nvim did not finish within 60 s; output in ${work}`);
    const line = finished.stdout.split('\n').find((l) => l.startsWith('TFJS_LINT_RESULT '));
    assert.ok(line, `nvim printed no result (exit ${finished.code}):\n${finished.stderr.slice(-2000)}`);
    result = JSON.parse(line.slice('TFJS_LINT_RESULT '.length)) as NvimResult;
    fs.writeFileSync(path.join(work, 'result.json'), JSON.stringify(result, null, 2));
    console.log(`      nvim ${result.nvim}, ${finished.ms} ms for the whole session`);
    assert.equal(result.error, undefined, `the Lua client failed: ${result.error}`);
  });

  it('attaches the server and receives its diagnostics: unsafe-log on line 10 only', function () {
    assert.equal(result.initialized, true, 'the server did not finish initialize');
    assert.equal(result.filetype, 'javascript', 'the buffer reaches the server as languageId javascript');
    assert.ok(!result.timed_out, 'no diagnostics arrived within 20 s');
    const seen = (result.diagnostics ?? []).map((d) => ({ code: d.code, line: d.line, source: d.source }));
    assert.deepEqual(seen, [{ code: 'unsafe-log', line: 10, source: 'tfjs-lint' }]);
    const [d] = result.diagnostics!;
    assert.equal(d.col, 10, 'the range starts at `tf.log(`');
    assert.match(d.message, /sigmoid/, 'the message names what was inferred');
    assert.match(d.href ?? '', /unsafe-log/, 'codeDescription links the rule documentation');
  });

  it('answers a hover on the sigmoid with its inferred shape and dtype', function () {
    assert.ok(result.hover, 'no hover');
    assert.match(result.hover, /\[null, 1\]/, `hover: ${result.hover}`);
    assert.match(result.hover, /float32/, `hover: ${result.hover}`);
  });

  it('offers the quick fix as a code action, and applying it clears the diagnostic', function () {
    assert.ok((result.code_actions ?? []).length > 0, 'no code actions');
    assert.ok(result.applied, 'no code action carried an edit');
    const fixedLine = result.fixed_text!.split('\n')[9];
    assert.match(fixedLine, /logSigmoid\(logits\)/, `line 10 after the fix: ${fixedLine}`);
    assert.equal(result.cleared, true, 'the unsafe-log diagnostic was still there 20 s after the fix');
    assert.deepEqual(result.diagnostics_after_fix, []);
  });
});
