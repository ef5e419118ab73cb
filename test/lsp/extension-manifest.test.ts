// The extension manifest (package.json) against the code: contributed commands are the ones
// the client registers, contributed settings are the ones the server reads (with the same
// defaults), and the .vsix file list carries what the extension needs and nothing else.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { rules } from '../../rules/index';
import { DEFAULT_SETTINGS } from '../../server/src/lsp/settings';
import { REPO_ROOT } from './support/lsp-client';

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
  main: string;
  activationEvents: string[];
  capabilities: { untrustedWorkspaces: { supported: boolean } };
  contributes: {
    commands: { command: string; title: string }[];
    configuration: { properties: Record<string, { default?: unknown }> };
    jsonValidation: { fileMatch: string; url: string }[];
  };
};

describe('extension manifest', () => {
  it('contributes exactly the commands the client registers', () => {
    const source = fs.readFileSync(path.join(REPO_ROOT, 'client', 'src', 'extension.ts'), 'utf8');
    const registered = [...source.matchAll(/registerCommand\('([^']+)'/g)].map((m) => m[1]).sort();
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), registered);
    for (const title of ['Lint Workspace', 'Restart Server', 'Show Output']) assert.ok(manifest.contributes.commands.some((c) => c.title === title), title);
  });

  it('contributes the settings the server reads, with the server defaults', () => {
    const props = manifest.contributes.configuration.properties;
    const serverKeys = Object.keys(DEFAULT_SETTINGS).map((k) => `tfjsLint.${k}`);
    assert.deepEqual(Object.keys(props).sort(), [...serverKeys, 'tfjsLint.trace.server'].sort());
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS)) {
      assert.deepEqual(props[`tfjsLint.${key}`].default ?? undefined, value, `default of tfjsLint.${key}`);
    }
    assert.ok(DEFAULT_SETTINGS.debounceMs <= 200, 'default debounce at most 200 ms');
  });

  it('starts from the bundle, activates on JS/TS, validates .tfjslintrc.json, runs in untrusted workspaces', () => {
    assert.equal(manifest.main, './dist/extension.js');
    for (const language of ['javascript', 'javascriptreact', 'typescript', 'typescriptreact', 'html', 'vue', 'svelte']) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`));
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '.tfjslintrc.json', url: './schemas/tfjslintrc.schema.json' }]);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  });

  it('the .vsix ships the bundle, rule docs, schema, icon, licence and README images, and no sources, tests or node_modules', function () {
    this.timeout(120000);
    // The .vsix is packed from a staging folder (scripts/package-vsix.mjs); vsce lists what it would pack there.
    if (!['extension.js', 'server.js', 'typescript.js'].every((f) => fs.existsSync(path.join(REPO_ROOT, 'dist', f)))) {
      execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'bundle.mjs')], { cwd: REPO_ROOT });
    }
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-vsix-'));
    try {
      execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'package-vsix.mjs'), '--stage-only', staging], { cwd: REPO_ROOT });
      const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
      const listed = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: staging, encoding: 'utf8' }).split('\n').filter(Boolean);
      const allowed = [/^package\.json$/, /^LICENSE$/, /^README\.md$/, /^dist\/(extension|server|typescript)\.js$/, /^rules\/[a-z0-9-]+\.md$/, /^schemas\/[\w.-]+\.json$/, /^client\/icon\.png$/, /^docs\/images\/[\w-]+\.png$/];
      assert.deepEqual(listed.filter((f) => !allowed.some((re) => re.test(f))), [], 'files outside the allowed set');
      const staged = JSON.parse(fs.readFileSync(path.join(staging, 'package.json'), 'utf8')) as Record<string, unknown>;
      for (const needed of ['package.json', 'LICENSE', 'README.md', 'dist/extension.js', 'dist/server.js', 'dist/typescript.js', 'schemas/tfjslintrc.schema.json', String(staged.icon), ...rules.map((r) => `rules/${r.meta.id}.md`)]) {
        assert.ok(listed.includes(needed), `${needed} is shipped`);
      }
      // The extension's README, not the repository's; every image it shows is a relative path inside the .vsix.
      const readme = fs.readFileSync(path.join(staging, 'README.md'), 'utf8');
      assert.equal(readme, fs.readFileSync(path.join(REPO_ROOT, 'client', 'README.md'), 'utf8').replace(/\]\(\.\.\/docs\//g, '](docs/'));
      const images = [...readme.matchAll(/!\[(?:[^[\]]|\[[^\]]*\])*\]\(([^)\s]+)\)/g)].map((m) => m[1]);
      assert.ok(images.length >= 2, `the README shows screenshots (found ${images.length})`);
      for (const image of images) assert.ok(listed.includes(image), `README image ${image} is in the .vsix`);
      assert.ok(!/planning repository|npm run |npm ci/.test(readme), 'no developer commands or planning notes in the extension README');
      // The manifest keeps what VS Code reads and drops what only npm uses.
      assert.equal(staged.main, manifest.main);
      assert.deepEqual(staged.contributes, manifest.contributes);
      for (const npmOnly of ['bin', 'exports', 'scripts', 'devDependencies', 'dependencies']) assert.equal(staged[npmOnly], undefined, `${npmOnly} is not in the extension manifest`);
      const icon = fs.readFileSync(path.join(staging, String(staged.icon)));
      assert.equal(icon.subarray(1, 4).toString('latin1'), 'PNG');
      assert.ok(icon.readUInt32BE(16) >= 128 && icon.readUInt32BE(20) >= 128, 'icon at least 128x128');
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  });
});
