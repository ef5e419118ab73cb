// A hostile workspace through the language server (the CLI's version is hostile-workspace.test.ts):
// configs that are not JSON, not UTF-8, huge (20 MB) or carry __proto__/constructor keys; symlink
// loops and links out of the workspace; things that cannot be read as files (a folder named
// x.ts, a dangling link, a FIFO that would block a read forever, a chmod 000 file); a
// .tfjslintrc.js, other JS configs and npm scripts that leave a marker file if anything runs
// them; a node_modules with 100,000 files. Through workspace lint and didOpen: a clear
// message for each problem, the rest linted, and nothing of the workspace runs (the server is
// started with the side-effect guards, support/guarded-server.ts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';
import { LspTestClient, pathToUri, waitFor } from '../lsp/support/lsp-client';
import { GUARDED_SERVER, crashLogs } from './support/server-harness';

const FLAGGED = "import * as tf from '@tensorflow/tfjs';\nexport const opt = tf.train.sgd(1e9);\n";
const RULE = 'extreme-learning-rate';
const marker = (name: string) => `require('fs').writeFileSync(require('path').join(__dirname, '${name}'), 'ran');\n`;

interface LintWorkspaceResult {
  files: number;
  total: number;
  problems: number;
  cancelled: boolean;
}

function write(root: string, rel: string, content: string | Buffer): string {
  const file = path.join(root, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return file;
}

/** Marker files anywhere in the tree (not following links, skipping the big node_modules folder). */
function markers(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('MARK')) out.push(path.join(dir, e.name));
    if (e.isDirectory() && e.name !== 'huge') out.push(...markers(path.join(dir, e.name)));
  }
  return out;
}

describe('hostile workspace (language server)', function () {
  this.timeout(180_000);
  let root: string;
  let outside: string;
  let sideEffectLog: string;
  let client: LspTestClient;
  const rel = (uri: string) => path.relative(root, new URL(uri).pathname);
  const flaggedUris = () => [...new Set(client.published.filter((p) => p.diagnostics.some((d) => d.code === RULE)).map((p) => rel(p.uri)))].sort();

  before(async () => {
    const base = fs.existsSync('/dev/shm') ? '/dev/shm' : os.tmpdir();
    root = fs.mkdtempSync(path.join(base, 'tfjs-lint-hostile-server-'));
    outside = fs.mkdtempSync(path.join(base, 'tfjs-lint-outside-'));
    sideEffectLog = path.join(os.tmpdir(), `tfjs-lint-server-side-effects-${process.pid}-${Date.now()}.log`);
    write(outside, 'secret/model.ts', FLAGGED);

    // Code that would leave a marker if anything ran it.
    write(root, '.tfjslintrc.js', `${marker('MARK-rc-js')}module.exports = { rules: {} };\n`);
    write(root, 'tfjs-lint.config.js', marker('MARK-config-js'));
    write(root, '.eslintrc.js', marker('MARK-eslintrc'));
    write(root, 'package.json', JSON.stringify({ name: 'evil', main: 'evil.js', scripts: { preinstall: 'touch MARK-npm', prepare: 'touch MARK-npm', postinstall: 'touch MARK-npm', lint: 'touch MARK-npm', test: 'touch MARK-npm' } }));
    write(root, 'evil.js', marker('MARK-main'));
    write(root, 'src/model.ts', FLAGGED);
    write(root, 'src/uses-evil.ts', `import './../evil';\nimport * as x from '../.tfjslintrc.js';\n${FLAGGED}`);

    // One project per broken config: its model is still linted, with the default settings.
    write(root, 'broken-json/.tfjslintrc.json', `{ "rules": { "${RULE}": "off", } `);
    write(root, 'broken-json/model.ts', FLAGGED);
    write(root, 'not-utf8/.tfjslintrc.json', Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0xc3, 0x28, 0x7d]));
    write(root, 'not-utf8/model.ts', FLAGGED);
    const big = '{"rules": {' + Array.from({ length: 400_000 }, (_, i) => `"r${i}": "off"`).join(',') + '}}';
    write(root, 'huge/.tfjslintrc.json', big + ' '.repeat(Math.max(0, 20_000_000 - big.length)));
    write(root, 'huge/model.ts', FLAGGED);
    write(root, 'proto/.tfjslintrc.json', '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "rules": {"__proto__": "off", "constructor": "off"}}');
    write(root, 'proto/model.ts', FLAGGED);

    // Links: loops, and a folder and a file outside the workspace.
    fs.symlinkSync(root, path.join(root, 'src', 'loop'));
    fs.symlinkSync(path.join(root, 'src'), path.join(root, 'src', 'again'));
    fs.symlinkSync(path.join(outside, 'secret'), path.join(root, 'outside-dir'));
    fs.symlinkSync(path.join(outside, 'secret', 'model.ts'), path.join(root, 'outside-file.ts'));

    // Not readable as files.
    fs.mkdirSync(path.join(root, 'folder.ts'));
    fs.symlinkSync(path.join(root, 'missing.ts'), path.join(root, 'dangling.ts'));
    if (spawnSync('mkfifo', [path.join(root, 'pipe.ts')]).status !== 0) throw new Error('mkfifo failed');
    fs.chmodSync(write(root, 'locked/model.ts', FLAGGED), 0o000);

    // node_modules: 100,000 files and a package whose code would leave a marker.
    const nm = path.join(root, 'node_modules', 'huge');
    fs.mkdirSync(nm, { recursive: true });
    for (let i = 0; i < 100_000; i++) fs.closeSync(fs.openSync(path.join(nm, `f${i}.ts`), 'w'));
    write(root, 'node_modules/evil/package.json', JSON.stringify({ name: 'evil', main: 'index.js', scripts: { postinstall: 'touch MARK-npm' } }));
    write(root, 'node_modules/evil/index.js', marker('MARK-node-modules'));
    write(root, 'node_modules/evil/model.ts', FLAGGED);

    client = await LspTestClient.start({ entry: GUARDED_SERVER, args: [`--side-effect-log=${sideEffectLog}`], rootPath: root, settings: { debounceMs: 0 } });
  });

  after(async () => {
    await client?.stop();
    for (const d of [root, outside]) if (d) fs.rmSync(d, { recursive: true, force: true });
    fs.rmSync(sideEffectLog, { force: true });
  });

  it('workspace lint: every project linted despite its config, links out and loops not followed, node_modules not walked', async () => {
    const t0 = Date.now();
    const result = await client.connection.sendRequest<LintWorkspaceResult>('tfjsLint/lintWorkspace', { workDoneToken: 'hostile' });
    const ms = Date.now() - t0;
    console.log(`      workspace lint: ${JSON.stringify(result)} in ${ms} ms`);
    assert.equal(result.cancelled, false);
    assert.ok(ms < 10_000, `took ${ms} ms (node_modules must not be walked)`);

    const expected = ['broken-json/model.ts', 'huge/model.ts', 'not-utf8/model.ts', 'proto/model.ts', 'src/model.ts', 'src/uses-evil.ts'];
    // As root, chmod 000 does not stop a read: the locked file is then simply linted.
    const lockedReadable = (() => {
      try {
        fs.readFileSync(path.join(root, 'locked/model.ts'));
        return true;
      } catch {
        return false;
      }
    })();
    if (lockedReadable) expected.push('locked/model.ts');
    assert.deepEqual(flaggedUris(), expected.sort(), 'the rest linted; nothing outside, in node_modules or through a link');
    if (!lockedReadable) await waitFor(() => client.logs.find((l) => l.message.includes('locked/model.ts')), 5000, 'a log naming the unreadable file');
    assert.ok(!client.published.some((p) => rel(p.uri).startsWith('..') || rel(p.uri).includes('node_modules')), 'nothing published outside the workspace or in node_modules');
    const linkLog = client.logs.find((l) => l.message.includes(path.join(root, 'outside-file.ts')));
    assert.match(linkLog?.message ?? '', /outside the workspace/, 'the link out of the workspace is named in the log');

    // One clear message per broken config, naming the file.
    const shown = (dir: string) => client.shown.filter((m) => m.message.includes(path.join(root, dir, '.tfjslintrc.json')));
    for (const [dir, what] of [
      ['broken-json', /invalid JSON/i],
      ['not-utf8', /invalid JSON/], // it does not say "not UTF-8"; the position and the bytes it shows point at it
      ['huge', /at most 1 MB|not read/i],
      ['proto', /__proto__/],
    ] as const) {
      const messages = shown(dir);
      console.log(`      ${dir}: ${messages.map((m) => m.message.replace(root, '<ws>').slice(0, 160)).join(' | ')}`);
      assert.equal(messages.length, 1, `one message for ${dir}/.tfjslintrc.json: ${JSON.stringify(client.shown.map((m) => m.message))}`);
      assert.equal(messages[0].type, 1, 'an error');
      assert.match(messages[0].message, what);
      assert.match(messages[0].message, /Linting goes on/);
    }
    // The config's "off" was not applied from the broken or polluting files: defaults, still flagged (above).
    assert.deepEqual(crashLogs(client), []);
  });

  it('didOpen in a fresh server: each broken config named once, its files linted with defaults; node_modules, a JS config and a link out', async () => {
    // A server that never ran a workspace lint: the messages come from opening the files.
    const fresh = await LspTestClient.start({ entry: GUARDED_SERVER, args: [`--side-effect-log=${sideEffectLog}`], rootPath: root, settings: { debounceMs: 0 } });
    try {
      const open = async (relPath: string, text: string, languageId = 'typescript') => {
        const uri = pathToUri(path.join(root, relPath));
        const before = fresh.published.length;
        await fresh.open(uri, text, languageId);
        await waitFor(() => fresh.published.slice(before).find((p) => p.uri === uri), 10_000, `diagnostics for ${relPath}`);
        return fresh.diagnosticsFor(uri);
      };
      for (const dir of ['broken-json', 'not-utf8', 'huge', 'proto']) {
        assert.deepEqual((await open(`${dir}/model.ts`, FLAGGED)).diagnostics.map((d) => d.code), [RULE], `${dir}/model.ts linted with the defaults`);
        const messages = fresh.shown.filter((m) => m.message.includes(path.join(root, dir, '.tfjslintrc.json')));
        assert.equal(messages.length, 1, `one message for ${dir}/.tfjslintrc.json`);
        assert.match(messages[0].message, /Linting goes on/);
      }
      await open('broken-json/other.ts', FLAGGED);
      assert.equal(fresh.shown.filter((m) => m.message.includes('broken-json')).length, 1, 'the pop-up is not repeated');
      assert.deepEqual((await open('node_modules/evil/model.ts', FLAGGED)).diagnostics, [], 'node_modules is never linted');
      // The JS config opened in the editor is linted as text, never loaded.
      await open('.tfjslintrc.js', fs.readFileSync(path.join(root, '.tfjslintrc.js'), 'utf8'), 'javascript');
      await open('outside-file.ts', FLAGGED);
      const config = await open('broken-json/.tfjslintrc.json', fs.readFileSync(path.join(root, 'broken-json/.tfjslintrc.json'), 'utf8'), 'json');
      assert.equal(config.diagnostics.length, 1);
      assert.match(String(config.diagnostics[0].message), /invalid JSON/i);
      assert.ok(fresh.alive);
      assert.deepEqual(crashLogs(fresh), []);
    } finally {
      await fresh.stop(); // its exit runs the prototype check too
    }
  });

  it('nothing of the workspace ran: no marker, no process, connection, eval or foreign require, no prototype changed', async () => {
    await client.stop(); // the prototype check runs at exit
    assert.deepEqual(markers(root), [], 'workspace code ran');
    const log = fs.existsSync(sideEffectLog) ? fs.readFileSync(sideEffectLog, 'utf8').split('\n').filter(Boolean) : [];
    assert.deepEqual(log, [], 'side effects attempted by the server');
  });
});
