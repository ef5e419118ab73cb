// An edit storm over stdio: 10,000+ didChange notifications of half-typed and broken corpus
// text (token-by-token incremental typing, incremental splices of brackets, line breaks and
// non-ASCII text, line and bracket mutations sent whole) on three documents, in bursts, with
// documents closed and reopened now and then, with hover, code action, inlay hint and (pull mode) diagnostic
// requests in between. The server stays up, answers every request without an error, logs
// no uncaught exception, and ends with the right diagnostics for each document's last version.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CancellationTokenSource, type Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, pathToUri } from '../lsp/support/lsp-client';
import { loadCorpus } from '../fuzz/corpus';
import { RequestLedger, captureStderr, crashLogs, editStream, endOf, expectedDiagnostics, published, seeded, sendEdit, type Edit } from './support/server-harness';

const EDITS = 10_000;
/** A line the registry flags (extreme-learning-rate), appended as the very last edit. */
const FLAGGED_LINE = "\nexport const stormOptimizer = tf.train.sgd(1e9);\n";

interface Doc {
  uri: string;
  file: string;
  languageId: string;
  version: number;
  text: string;
  stream: Generator<Edit>;
  lastDiagnostics: Diagnostic[];
}

for (const mode of ['push', 'pull'] as const) {
  describe(`server edit storm (${mode} diagnostics)`, function () {
    this.timeout(180_000);
    let root: string;
    let client: LspTestClient;
    before(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-storm-'));
      // Pull: a short debounce, so pulls wait and some are cancelled while waiting.
      client = await LspTestClient.start({ rootPath: root, pull: mode === 'pull', settings: { debounceMs: mode === 'pull' ? 20 : 0, inlayHints: true } });
    });
    after(async () => {
      await client?.stop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it(`survives ${EDITS.toLocaleString('en')} edits in bursts with requests in between and ends with the last version's diagnostics`, async () => {
      const stderr = captureStderr(client);
      const random = seeded(mode === 'push' ? 6001 : 6002);
      const corpus = loadCorpus();
      const withImport = corpus.find((f) => /import \* as tf from '@tensorflow\/tfjs'/.test(f.text))!;
      assert.ok(withImport, 'a corpus file importing tfjs as tf');
      const docs: Doc[] = ['storm-a.ts', 'storm-b.js', 'storm-c.ts'].map((name, i) => {
        const file = path.join(root, name);
        return { uri: pathToUri(file), file, languageId: name.endsWith('.js') ? 'javascript' : 'typescript', version: 1, text: corpus[i % corpus.length].text, stream: editStream(seeded(100 + i), corpus), lastDiagnostics: [] };
      });
      for (const d of docs) await client.open(d.uri, d.text, d.languageId, d.version);

      const ledger = new RequestLedger();
      const cancelOnNextEdit: CancellationTokenSource[] = [];
      const request = (d: Doc) => {
        const end = endOf(d.text);
        const line = Math.floor(random() * (end.line + 3)); // sometimes past the end
        const position = { line, character: Math.floor(random() * 60) };
        const textDocument = { uri: d.uri };
        switch (Math.floor(random() * (mode === 'pull' ? 4 : 3))) {
          case 0:
            return ledger.track('hover', client.connection.sendRequest('textDocument/hover', { textDocument, position }));
          case 1:
            return ledger.track(
              'codeAction',
              client.connection.sendRequest('textDocument/codeAction', {
                textDocument,
                range: { start: { line: Math.max(0, line - 5), character: 0 }, end: position },
                // Diagnostics as the editor last saw them: usually of an older version.
                context: { diagnostics: d.lastDiagnostics, only: random() < 0.3 ? ['source.fixAll'] : undefined },
              }),
            );
          case 2:
            return ledger.track('inlayHint', client.connection.sendRequest('textDocument/inlayHint', { textDocument, range: { start: { line: 0, character: 0 }, end } }));
          default: {
            // As VS Code does, some pulls are cancelled when the next edit comes.
            const cancel = random() < 0.3 ? new CancellationTokenSource() : undefined;
            if (cancel) cancelOnNextEdit.push(cancel);
            const params = { textDocument };
            const report = cancel
              ? client.connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', params, cancel.token)
              : client.connection.sendRequest<{ items: Diagnostic[] }>('textDocument/diagnostic', params);
            return ledger.track(
              'diagnostic',
              report.then((r) => {
                d.lastDiagnostics = r.items;
              }),
              cancel !== undefined,
            );
          }
        }
      };

      const t0 = Date.now();
      let edits = 0;
      let bursts = 0;
      let reopened = 0;
      while (edits < EDITS) {
        const d = docs[Math.floor(random() * docs.length)];
        const size = Math.min(EDITS - edits, 20 + Math.floor(random() * 80));
        for (let i = 0; i < size; i++) {
          d.version++;
          d.text = await sendEdit(client, d.uri, d.version, d.text, d.stream.next().value as Edit);
          edits++;
          for (const c of cancelOnNextEdit.splice(0)) c.cancel();
          if (random() < 0.12) request(d);
        }
        bursts++;
        if (random() < 0.05) {
          // Closed with requests still in flight, and opened again from version 1.
          await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: d.uri } });
          request(d);
          d.version = 1;
          await client.open(d.uri, d.text, d.languageId, d.version);
          reopened++;
        }
        if (mode === 'push') d.lastDiagnostics = [...client.published].reverse().find((p) => p.uri === d.uri)?.diagnostics ?? [];
        // A pause between bursts, as between bouts of typing; every few bursts, none at all.
        if (bursts % 4 !== 0) await ledger.settle(30_000);
      }
      // The last edit of each document: a known file, then one typed line the registry flags.
      const before = client.published.length;
      for (const d of docs) {
        d.version++;
        d.text = await sendEdit(client, d.uri, d.version, d.text, { kind: 'full', text: withImport.text });
        d.version++;
        d.text = await sendEdit(client, d.uri, d.version, d.text, { kind: 'append', text: FLAGGED_LINE });
        edits += 2;
      }
      await ledger.settle(60_000);
      const stormMs = Date.now() - t0;

      for (const d of docs) {
        const expected = expectedDiagnostics(d.uri, d.file, d.text);
        assert.ok(expected.some((e) => e.code === 'extreme-learning-rate' && e.range.start.line === endOf(d.text).line - 1), 'the appended line is flagged');
        let actual: Diagnostic[];
        if (mode === 'push') {
          const at = await published(client, before, (p) => p.uri === d.uri && p.version === d.version, 30_000);
          actual = client.published[at].diagnostics;
        } else {
          actual = await client.pull(d.uri);
        }
        assert.deepEqual(actual.map((x) => ({ code: x.code, range: x.range, message: x.message })), expected, `final diagnostics of ${path.basename(d.file)}`);
      }
      // Still serving after the storm.
      const list = await client.connection.sendRequest<unknown[]>('tfjsLint/rules');
      assert.ok(list.length > 0);

      const publishes = client.published.filter((p) => docs.some((d) => d.uri === p.uri)).length;
      console.log(
        `      ${mode}: ${edits} edits in ${bursts} bursts (${reopened} close/reopen), ${ledger.sent} requests sent, ${ledger.answered} answered (${ledger.cancelled} cancelled by the client), ${publishes} publishes, ${(stormMs / 1000).toFixed(1)} s`,
      );
      assert.ok(edits >= EDITS);
      assert.equal(ledger.answered, ledger.sent, 'every request answered');
      assert.deepEqual(ledger.errors, [], 'no request failed');
      assert.ok(client.alive, 'server still running');
      assert.deepEqual(crashLogs(client), [], 'no uncaught exception or handler failure logged');
      assert.doesNotMatch(stderr(), /Error|exception/i, 'nothing on stderr');
    });
  });
}
