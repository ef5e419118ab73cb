// The extension manifest (package.json) against the code: contributed commands are the ones
// the client registers, contributed settings are the ones the server reads (with the same
// defaults), and the .vsix file list carries what the extension needs and nothing else.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
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
    for (const language of ['javascript', 'javascriptreact', 'typescript', 'typescriptreact']) assert.ok(manifest.activationEvents.includes(`onLanguage:${language}`));
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: '.tfjslintrc.json', url: './schemas/tfjslintrc.schema.json' }]);
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
  });

  it('.vscodeignore ships the bundle, rule docs, schema and licence, and no sources, tests or node_modules', function () {
    this.timeout(60000);
    const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
    const listed = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
    const allowed = [/^package\.json$/, /^LICENSE$/, /^README\.md$/, /^CHANGELOG\.md$/, /^dist\/(extension|server)\.js$/, /^rules\/[a-z0-9-]+\.md$/, /^schemas\/[\w.-]+\.json$/];
    assert.deepEqual(listed.filter((f) => !allowed.some((re) => re.test(f))), [], 'files outside the allowed set');
    for (const needed of ['package.json', 'LICENSE', 'schemas/tfjslintrc.schema.json', ...rules.map((r) => `rules/${r.meta.id}.md`)]) {
      assert.ok(listed.includes(needed), `${needed} is shipped`);
    }
  });
});
