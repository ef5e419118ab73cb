// The V8 code cache of the TypeScript module (server/src/code-cache.ts): written after a run,
// used by the next, and never a reason for a run to fail. Each case runs in a fresh process,
// because the cache applies only when TypeScript is loaded for the first time.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { HIGH_RATE, REPO, runCli, treesRemovedAfter } from './helpers';
import Module from 'node:module';
import { checksum, wrappedModule } from '../../server/src/code-cache';

const CODE_CACHE = path.join(REPO, 'out', 'server', 'src', 'code-cache.js');
const ENGINE_TS = path.join(REPO, 'out', 'server', 'src', 'engine', 'ts.js');

/** Loads TypeScript through the cache in `dir`, parses a line, saves; returns the cache's state and file. */
function loadTypeScript(dir: string): { state: string; file?: string; kinds: number } {
  const script = `
    const { cacheTypeScriptCode } = require(${JSON.stringify(CODE_CACHE)});
    const cache = cacheTypeScriptCode(${JSON.stringify(dir)});
    const { ts } = require(${JSON.stringify(ENGINE_TS)});
    const sf = ts.createSourceFile('a.ts', 'const x: number = f(1);', ts.ScriptTarget.Latest);
    const state = cache.state;
    cache.save();
    process.stdout.write(JSON.stringify({ state, file: cache.file, kinds: sf.statements.length }));
  `;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { state: string; file?: string; kinds: number };
}

describe('V8 code cache of the TypeScript module', function () {
  this.timeout(120_000);
  const tempTree = treesRemovedAfter();

  it('the first run compiles from source and writes the cache; the next compiles from it', () => {
    const dir = path.join(tempTree({}), 'cache');
    const first = loadTypeScript(dir);
    assert.deepEqual([first.state, first.kinds], ['miss', 1]);
    assert.ok(first.file && fs.statSync(first.file).size > 100_000, 'a cache of compiled code was written');
    assert.match(path.basename(first.file), new RegExp(`^typescript\\.v2_[0-9a-f]{16}_node${process.version.replace(/\./g, '\\.')}_${process.platform}_${process.arch}_[0-9a-f]{8}\\.v8cache$`));
    const second = loadTypeScript(dir);
    assert.deepEqual([second.state, second.kinds, second.file], ['hit', 1, first.file]);
  });

  it('a cache written removes those of other TypeScript builds and of the older format, nothing else', () => {
    const dir = tempTree({});
    const node = `node${process.version}_${process.platform}_${process.arch}_00000000.v8cache`;
    const others = [`typescript_0123456789abcdef_${node}`, `typescript.v2_ffffffff00000000_${node}`];
    const kept = ['notes.txt', `typescript.v2_ffffffff00000000_${node}.txt`];
    for (const name of [...others, ...kept]) fs.writeFileSync(path.join(dir, name), 'x');
    const file = loadTypeScript(dir).file!;
    assert.deepEqual(fs.readdirSync(dir).sort(), [...kept, path.basename(file)].sort());
  });

  it('a damaged cache file is ignored and replaced, never used', () => {
    const dir = tempTree({});
    const file = loadTypeScript(dir).file!;
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 100] ^= 0xff; // one flipped byte in V8's data: the checksum no longer matches
    fs.writeFileSync(file, bytes);
    assert.equal(loadTypeScript(dir).state, 'miss');
    assert.equal(loadTypeScript(dir).state, 'hit', 'the damaged file was replaced after the run');
    fs.writeFileSync(file, fs.readFileSync(file).subarray(0, 1000)); // truncated
    assert.equal(loadTypeScript(dir).state, 'miss');
  });

  it('a foreign file, and data V8 refuses under a valid checksum, are survived', () => {
    const dir = tempTree({});
    const file = loadTypeScript(dir).file!;
    fs.writeFileSync(file, 'not a cache at all');
    assert.equal(loadTypeScript(dir).state, 'miss');
    const header = fs.readFileSync(file).subarray(0, 'tfjs-lint v8 code cache 2\n'.length);
    const junk = Buffer.alloc(4096, 7);
    const digest = checksum(junk);
    fs.writeFileSync(file, Buffer.concat([header, digest, junk]));
    assert.equal(loadTypeScript(dir).state, 'rejected', 'V8 checks the data itself too');
    assert.equal(loadTypeScript(dir).state, 'hit');
  });

  it('an unwritable cache folder costs nothing but the cache', () => {
    const blocked = path.join(tempTree({ 'cache': 'a file where the folder should be' }), 'cache');
    const r = loadTypeScript(blocked);
    assert.deepEqual([r.state, r.kinds], ['miss', 1]);
    assert.equal(fs.readFileSync(blocked, 'utf8'), 'a file where the folder should be');
  });

  it('the CLI writes its cache where TFJS_LINT_CODE_CACHE says, with the same findings; "off" writes none', () => {
    const tree = tempTree({ 'model.ts': HIGH_RATE });
    const dir = path.join(tree, 'code-cache');
    const off = runCli(['--format', 'json', 'model.ts'], { cwd: tree, env: { TFJS_LINT_CODE_CACHE: 'off' } });
    assert.equal(fs.existsSync(dir), false);
    const cold = runCli(['--format', 'json', 'model.ts'], { cwd: tree, env: { TFJS_LINT_CODE_CACHE: dir } });
    // TypeScript's cache and that of tfjs-lint's own modules (own-code-cache.test.ts).
    assert.deepEqual(fs.readdirSync(dir).filter((f) => f.endsWith('.v8cache')).map((f) => f.split('_')[0]).sort(), ['tfjs-lint.v1', 'typescript.v2']);
    const warm = runCli(['--format', 'json', 'model.ts'], { cwd: tree, env: { TFJS_LINT_CODE_CACHE: dir } });
    assert.equal(JSON.parse(off.stdout)[0].messages.length, 1);
    assert.deepEqual([cold.stdout, warm.stdout, cold.stderr, warm.stderr], [off.stdout, off.stdout, '', '']);
  });

  it('the module text is wrapped as Node wraps it: ASCII, UTF-8 and a byte order mark alike, the key from the bytes', () => {
    const dir = tempTree({});
    const body = 'var s = "caf\u00e9 \u2192";\nmodule.exports = s;\n';
    const cases: Array<[string, Buffer, string]> = [
      ['ascii.js', Buffer.from('module.exports = 1;\n'), 'module.exports = 1;\n'],
      ['utf8.js', Buffer.from(body, 'utf8'), body],
      ['bom.js', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]), body],
    ];
    const keys = new Set<string>();
    for (const [name, bytes, text] of cases) {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      const wrapped = wrappedModule(file, '');
      assert.equal(wrapped.text, Module.wrap(text), name);
      keys.add(wrapped.key.split('_')[0]);
    }
    assert.equal(keys.size, 3, 'each content has a key of its own (the mark counts: it is in the bytes)');
    fs.writeFileSync(path.join(dir, 'again.js'), cases[1][1]);
    assert.equal(wrappedModule(path.join(dir, 'again.js'), '').key, wrappedModule(path.join(dir, 'utf8.js'), '').key);
  });
});
