// The server stays up and says what it could not do: a throwing rule, a broken
// .tfjslintrc.json, a file over the size limit, a file that does not parse.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient, pathToUri, waitFor } from './support/lsp-client';
import { sample, serverFor, THROWING_RULE } from './support/samples';

describe('LSP robustness', function () {
  this.timeout(30000);

  it('a rule that throws is logged and skipped; the other rules still report and the server stays up', async () => {
    const client = await LspTestClient.start({ ...serverFor([THROWING_RULE]), settings: { debounceMs: 0 } });
    try {
      const uri = 'file:///virtual/throws.ts';
      await client.open(uri, sample.one);
      const { diagnostics } = await client.diagnosticsFor(uri);
      assert.deepEqual(diagnostics.map((d) => d.code), [sample.ruleId]);
      const log = await waitFor(() => client.logs.find((l) => l.message.includes('test-always-throws')), 5000, 'log of the throwing rule');
      assert.match(log.message, /deliberate failure from the test rule/);
      // Still serving: a second document gets its diagnostics.
      await client.open('file:///virtual/second.ts', sample.one);
      assert.equal((await client.diagnosticsFor('file:///virtual/second.ts')).diagnostics.length, 1);
      assert.ok(client.alive);
    } finally {
      await client.stop();
    }
  });

  it('a file that does not parse is logged; what parses is still linted', async () => {
    const client = await LspTestClient.start({ ...serverFor(), settings: { debounceMs: 0 } });
    try {
      const uri = 'file:///virtual/broken.ts';
      await client.open(uri, `${sample.one}\nexport const = ;;; {{{\n`);
      const { diagnostics } = await client.diagnosticsFor(uri);
      assert.deepEqual(diagnostics.map((d) => d.code), [sample.ruleId]);
      await waitFor(() => client.logs.find((l) => l.message.includes('syntax error')), 5000, 'parse log');
      assert.ok(client.alive);
    } finally {
      await client.stop();
    }
  });

  it('a file over the size limit gets one informational diagnostic', async () => {
    const client = await LspTestClient.start({ ...serverFor(), settings: { maxFileSize: 1000, debounceMs: 0 } });
    try {
      const uri = 'file:///virtual/huge.ts';
      await client.open(uri, sample.one + '// padding\n'.repeat(200));
      const { diagnostics } = await client.diagnosticsFor(uri);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].severity, 3, 'Information');
      assert.equal(diagnostics[0].source, 'tfjs-lint');
      assert.match(String(diagnostics[0].message), /not linted/i);
      assert.match(String(diagnostics[0].message), /limit/);
    } finally {
      await client.stop();
    }
  });

  describe('.tfjslintrc.json', () => {
    let root: string;
    let configFile: string;
    let client: LspTestClient;
    const fileUri = () => pathToUri(path.join(root, 'model.ts'));

    before(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-cfg-'));
      configFile = path.join(root, '.tfjslintrc.json');
      fs.writeFileSync(configFile, JSON.stringify({ rules: { [sample.ruleId]: 'error' } }));
      fs.writeFileSync(path.join(root, 'model.ts'), sample.one);
      client = await LspTestClient.start({ ...serverFor(), rootPath: root, settings: { debounceMs: 0 } });
    });
    after(() => client.stop());

    it('its severity applies', async () => {
      await client.open(fileUri(), sample.one);
      const { diagnostics } = await client.diagnosticsFor(fileUri());
      assert.deepEqual(diagnostics.map((d) => [d.code, d.severity]), [[sample.ruleId, 1]]);
    });

    it('a broken file gives a clear message once, a diagnostic on the open config, and linting goes on with defaults', async () => {
      const brokenText = `{ "rules": { "${sample.ruleId}": "error", } `;
      fs.writeFileSync(configFile, brokenText);
      const before = client.published.length;
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(configFile), type: 2 }] });
      const message = await waitFor(() => client.shown.find((m) => m.message.includes('.tfjslintrc.json')), 5000, 'showMessage');
      assert.equal(message.type, 1, 'an error message');
      assert.ok(message.message.includes(`${configFile}:1:`), 'names the file and the line');
      assert.match(message.message, /invalid JSON/);
      assert.match(message.message, /Linting goes on/);
      const relinted = await waitFor(() => client.published.slice(before).find((p) => p.uri === fileUri()), 5000, 're-lint');
      const rule = relinted.diagnostics.find((d) => d.code === sample.ruleId);
      assert.ok(rule, 'the rule still reports with the broken config');
      assert.notEqual(rule.severity, 1, 'the config severity no longer applies: defaults');

      await client.open(pathToUri(configFile), brokenText, 'json');
      const onConfig = await client.diagnosticsFor(pathToUri(configFile));
      assert.equal(onConfig.diagnostics.length, 1);
      assert.match(String(onConfig.diagnostics[0].message), /invalid JSON/);
      assert.equal(onConfig.diagnostics[0].range.start.line, 0);

      // Editing the file again does not repeat the pop-up for the same problem.
      await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToUri(configFile), type: 2 }] });
      await new Promise((r) => setTimeout(r, 200));
      assert.equal(client.shown.filter((m) => m.message.includes('.tfjslintrc.json')).length, 1);
    });

    it('settings changes are re-read (workspace/configuration) and diagnostics refreshed', async () => {
      client.settings = { debounceMs: 0, rules: { [sample.ruleId]: 'off' } };
      const before = client.published.length;
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      const relinted = await waitFor(() => client.published.slice(before).find((p) => p.uri === fileUri()), 5000, 're-lint');
      assert.deepEqual(relinted.diagnostics, []);
      assert.ok(client.refreshes.includes('inlayHint'));
    });
  });

  it('pull clients are asked to refresh when the settings change', async () => {
    const client = await LspTestClient.start({ ...serverFor(), pull: true, settings: { debounceMs: 0 } });
    try {
      await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
      await waitFor(() => (client.refreshes.includes('diagnostic') ? true : undefined), 5000, 'workspace/diagnostic/refresh');
    } finally {
      await client.stop();
    }
  });
});
