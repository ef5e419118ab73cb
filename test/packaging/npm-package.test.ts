// The npm package as a user gets it: `npm pack` (its prepack builds), the tarball installed
// into a fresh project with no network (its runtime dependencies come from the npm cache, at
// the versions this repository's lock file resolved: test/support/offline-install.ts), then
// both bins run from that project. A package needed at run time but declared as a
// devDependency is not installed there, and the bins fail.
import * as assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { installOffline, lockEntriesFor, REPO } from '../support/offline-install';

const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface Manifest {
  name: string;
  version: string;
  license: string;
  bin: Record<string, string>;
  engines: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  files: string[];
  exports: Record<string, unknown>;
  scripts: Record<string, string>;
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;

const SAMPLE = `import * as tf from '@tensorflow/tfjs';

const model = tf.sequential();
model.add(tf.layers.dense({ units: 10, activation: 'softmax', inputShape: [4] }));
model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
`;

function npm(args: string[], cwd: string): string {
  const r = spawnSync(NPM, args, { cwd, encoding: 'utf8', timeout: 180_000, env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/** Installs the tarball (and its runtime dependencies) into `dir`, as `npm i ./tfjs-lint-x.tgz` would. */
function installTarball(dir: string, tarball: string): void {
  const spec = `file:${path.relative(dir, tarball).split(path.sep).join('/')}`;
  const integrity = `sha512-${crypto.createHash('sha512').update(fs.readFileSync(tarball)).digest('base64')}`;
  const own = { version: manifest.version, resolved: spec, integrity, license: manifest.license, dependencies: manifest.dependencies, bin: manifest.bin, engines: manifest.engines };
  installOffline(dir, { [manifest.name]: spec }, { [`node_modules/${manifest.name}`]: own, ...lockEntriesFor(Object.keys(manifest.dependencies)) });
}

describe('npm package', function () {
  this.timeout(300_000);
  let work: string;
  let project: string;
  let packed: string[];

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-pack-'));
    const listing = JSON.parse(npm(['pack', '--json', '--pack-destination', work], REPO).replace(/^[^[]*/, '')) as { filename: string; files: { path: string }[] }[];
    packed = listing[0].files.map((f) => f.path);
    project = path.join(work, 'project');
    fs.mkdirSync(path.join(project, 'src'), { recursive: true });
    fs.writeFileSync(path.join(project, 'src', 'model.ts'), SAMPLE);
    installTarball(project, path.join(work, listing[0].filename));
  });

  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('declares what it needs to run: the parser as a dependency, node engines, bins, no build-only packages', () => {
    assert.ok(manifest.dependencies['ts-morph'], 'ts-morph (the TypeScript parser the engine uses) is a runtime dependency');
    assert.equal(manifest.devDependencies['ts-morph'], undefined);
    for (const buildOnly of ['typescript', 'esbuild', '@vscode/vsce', 'mocha', '@tensorflow/tfjs']) assert.equal(manifest.dependencies[buildOnly], undefined, `${buildOnly} stays a devDependency`);
    assert.match(manifest.engines.node, /^>=\d+/);
    assert.match(manifest.scripts.prepack, /npm run build/);
    assert.deepEqual(Object.keys(manifest.bin).sort(), ['tfjs-lint', 'tfjs-lint-server']);
  });

  it('packs the compiled code, rule docs and schema, and no sources, tests, bundles or maps', () => {
    for (const needed of ['package.json', 'README.md', 'LICENSE', 'bin/tfjs-lint.js', 'bin/tfjs-lint-server.js', 'out/server/src/cli/main.js', 'out/server/src/lsp/server.js', 'out/rules/index.js', 'rules/unsafe-log.md', 'schemas/tfjslintrc.schema.json']) {
      assert.ok(packed.includes(needed), `${needed} is packed`);
    }
    const unwanted = packed.filter((f) => /^out\/test\/|^test\/|^dist\/|^client\/|^scripts\/|^examples\/|\.map$|(?<!\.d)\.ts$|\.vsix$|\.tsbuildinfo$/.test(f));
    assert.deepEqual(unwanted, []);
  });

  it('npx tfjs-lint src/ reports a finding from the installed package', () => {
    const r = spawnSync(NPM, ['exec', '--offline', '--', 'tfjs-lint', 'src/', '--format', 'json'], { cwd: project, encoding: 'utf8', timeout: 60_000 });
    const results = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    assert.equal(results.length, 1, r.stderr);
    assert.equal(results[0].filePath, path.join(project, 'src', 'model.ts'));
    assert.deepEqual(results[0].messages.map((m) => [m.ruleId, m.line]), [['loss-activation-mismatch', 5]]);
    assert.equal(r.status, 0, 'warnings only: exit 0');
    assert.equal(execFileSync(path.join(project, 'node_modules', '.bin', 'tfjs-lint'), ['--version'], { encoding: 'utf8' }).trim(), manifest.version);
  });

  it('tfjs-lint-server --stdio answers initialize and publishes diagnostics', async () => {
    const child = spawn(path.join(project, 'node_modules', '.bin', 'tfjs-lint-server'), ['--stdio'], { cwd: project, stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += String(d)));
    const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const published = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification('textDocument/publishDiagnostics', resolve));
    connection.listen();
    try {
      const init = await connection.sendRequest<InitializeResult>('initialize', { processId: process.pid, rootUri: pathToFileURL(project).href, capabilities: {} });
      assert.deepEqual(init.serverInfo, { name: manifest.name, version: manifest.version }, stderr);
      await connection.sendNotification('initialized', {});
      const uri = pathToFileURL(path.join(project, 'src', 'model.ts')).href;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: SAMPLE } });
      const diagnostics = await published;
      assert.deepEqual(diagnostics.diagnostics.map((d) => [d.code, d.range.start.line]), [['loss-activation-mismatch', 4]], stderr);
      await connection.sendRequest('shutdown');
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      await connection.sendNotification('exit');
      assert.equal(await exited, 0);
    } finally {
      connection.dispose();
      child.kill();
    }
  });
});
