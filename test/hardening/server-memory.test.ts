// No leaks: the spawned server's RSS (VmRSS from /proc) grows less than 20 MB over 10,000
// edits of one file, each edit really analysed. Pull diagnostics with debounce 0 make that
// certain: after every didChange the client asks textDocument/diagnostic, and the server
// answers each from a lint of exactly that version. Measured after a warm-up: 1,000 edits
// (1,000 lints) with pull, 2,000 edits with push, whose server lints one version per batch.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LspTestClient, pathToUri } from '../lsp/support/lsp-client';
import { crashLogs, editStream, published, rssMb, seeded, sendEdit, type Edit } from './support/server-harness';

const WARM_UP = 1_000;
/**
 * Push lints one version per batch of BATCH / 4 edits: 1,000 edits are 200 lints, before the
 * heap reaches its working size (RSS at 1,000 / 2,000 / 10,000 edits: 106 / 124 / 131 MB; it
 * was 119 / 127 / 131 MB when loading TypeScript left more memory behind at start).
 */
const PUSH_WARM_UP = 2_000;
const EDITS = 10_000;
const MAX_GROWTH_MB = 20;
/** Edits sent before waiting for their answers: a fast typist with a slow link. */
const BATCH = 20;

describe('server memory over 10,000 edits', function () {
  this.timeout(240_000);
  if (!fs.existsSync('/proc/self/status')) return; // RSS is read from /proc (Linux)
  let root: string;
  before(() => (root = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-leak-'))));
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  it(`pull: every edit linted, RSS grows < ${MAX_GROWTH_MB} MB from edit ${WARM_UP.toLocaleString('en')} to ${EDITS.toLocaleString('en')}`, async () => {
    const client = await LspTestClient.start({ rootPath: root, pull: true, settings: { debounceMs: 0 } });
    try {
      const uri = pathToUri(path.join(root, 'model.ts'));
      const stream = editStream(seeded(7001));
      let text = '';
      let version = 1;
      await client.open(uri, text, 'typescript', version);
      const samples: { edits: number; rss: number }[] = [{ edits: 0, rss: rssMb(client.process.pid!) }];
      let answers = 0;
      let withFindings = 0;
      const t0 = Date.now();
      for (let edits = 0; edits < EDITS; ) {
        const pulls: Promise<unknown[]>[] = [];
        for (let i = 0; i < BATCH; i++, edits++) {
          text = await sendEdit(client, uri, ++version, text, stream.next().value as Edit);
          pulls.push(client.pull(uri));
        }
        for (const items of await Promise.all(pulls)) {
          answers++;
          if (items.length > 0) withFindings++;
        }
        if (edits === WARM_UP || edits === EDITS) samples.push({ edits, rss: rssMb(client.process.pid!) });
      }
      const ms = Date.now() - t0;
      const [, warm, last] = samples;
      const growth = last.rss - warm.rss;
      console.log(
        `      pull: ${answers} edits linted (${withFindings} with findings) in ${(ms / 1000).toFixed(1)} s; RSS ${samples[0].rss.toFixed(1)} MB at start, ` +
          `${warm.rss.toFixed(1)} MB after ${warm.edits}, ${last.rss.toFixed(1)} MB after ${last.edits}: +${growth.toFixed(1)} MB`,
      );
      assert.equal(answers, EDITS, 'every edit answered with its diagnostics');
      assert.ok(withFindings > EDITS / 20, `the edits were really analysed (${withFindings} answers with findings)`);
      assert.ok(growth < MAX_GROWTH_MB, `RSS grew ${growth.toFixed(1)} MB over ${EDITS - WARM_UP} edits`);
      assert.deepEqual(crashLogs(client), [], 'no lint or handler failure logged');
    } finally {
      await client.stop();
    }
  });

  it(`push: batches of edits, each batch's last version published, RSS grows < ${MAX_GROWTH_MB} MB`, async () => {
    const client = await LspTestClient.start({ rootPath: root, settings: { debounceMs: 0 } });
    try {
      const uri = pathToUri(path.join(root, 'pushed.ts'));
      const stream = editStream(seeded(7002));
      let text = '';
      let version = 1;
      await client.open(uri, text, 'typescript', version);
      let warm = 0;
      let seen = 0;
      const t0 = Date.now();
      for (let edits = 0; edits < EDITS; ) {
        for (let i = 0; i < BATCH / 4; i++, edits++) text = await sendEdit(client, uri, ++version, text, stream.next().value as Edit);
        const want = version;
        seen = await published(client, seen, (p) => p.uri === uri && p.version === want, 30_000);
        if (edits === PUSH_WARM_UP) warm = rssMb(client.process.pid!);
        // Keep the client's own record small: only the latest publication matters here.
        if (client.published.length > 1000) seen -= client.published.splice(0, client.published.length - 1).length;
      }
      const last = rssMb(client.process.pid!);
      console.log(`      push: ${EDITS} edits, ${EDITS / (BATCH / 4)} batches waited for in ${((Date.now() - t0) / 1000).toFixed(1)} s; RSS ${warm.toFixed(1)} MB after ${PUSH_WARM_UP}, ${last.toFixed(1)} MB after ${EDITS}: +${(last - warm).toFixed(1)} MB`);
      assert.ok(last - warm < MAX_GROWTH_MB, `RSS grew ${(last - warm).toFixed(1)} MB`);
      assert.deepEqual(crashLogs(client), [], 'no lint or handler failure logged');
    } finally {
      await client.stop();
    }
  });
});
