// Protocol tests: files that import each other. When an open file changes in the editor, the
// open files that import it (directly or through a chain) are linted again, with its unsaved
// text; the disk is read for files that are not open.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { LspTestClient, pathToUri } from './support/lsp-client';

const NS = "import * as tf from '@tensorflow/tfjs';\n";
const CONFIG = (n: number) => `export const INPUT_SIZE = ${n};\n`;
const MODEL = NS + "import { INPUT_SIZE } from './config';\nexport function buildModel() {\n  const model = tf.sequential();\n  model.add(tf.layers.dense({ units: 1, inputShape: [INPUT_SIZE] }));\n  return model;\n}\n";
const TRAIN = NS + "import { buildModel } from './model';\nconst model = buildModel();\nmodel.predict(tf.zeros([2, 5]));\n";

function shapeErrors(diagnostics: Diagnostic[]): string[] {
  return diagnostics.filter((d) => d.code === 'shape-mismatch').map((d) => String(d.message));
}

for (const mode of ['push', 'pull'] as const) {
  describe(`LSP: files that import each other (${mode})`, function () {
    this.timeout(30000);
    let client: LspTestClient;
    let dir: string;
    let train: string;
    let config: string;

    async function trainErrors(expectCount: number): Promise<string[]> {
      if (mode === 'push') return shapeErrors((await client.diagnosticsFor(train, (p) => shapeErrors(p.diagnostics).length === expectCount)).diagnostics);
      // Pull: the server asks the client to pull again; the client does.
      const deadline = Date.now() + 15000;
      for (;;) {
        const found = shapeErrors(await client.pull(train));
        if (found.length === expectCount) return found;
        if (Date.now() > deadline) throw new Error(`expected ${expectCount} shape error(s) in train.ts, got ${found.length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    }

    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-imports-'));
      fs.writeFileSync(path.join(dir, 'config.js'), CONFIG(4));
      fs.writeFileSync(path.join(dir, 'model.ts'), MODEL);
      fs.writeFileSync(path.join(dir, 'train.ts'), TRAIN);
      train = pathToUri(path.join(dir, 'train.ts'));
      config = pathToUri(path.join(dir, 'config.js'));
      client = await LspTestClient.start({ pull: mode === 'pull', rootPath: dir, settings: { debounceMs: 20 } });
      await client.open(train, TRAIN, 'typescript', 1);
    });
    after(async () => {
      await client.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('a model from model.ts with sizes from config.js (both on disk): the wrong x is an error in train.ts', async () => {
      const [message] = await trainErrors(1);
      assert.match(message, /model's input is \[null, 4\] \(the model from model\.ts\)/);
    });

    it('an unsaved edit of config.js (two imports away) re-lints the open train.ts; undoing it brings the error back', async () => {
      const refreshes = client.refreshes.length;
      await client.open(config, CONFIG(4), 'javascript', 1);
      await client.change(config, 2, CONFIG(5));
      assert.deepEqual(await trainErrors(0), [], 'x of 5 features now fits');
      if (mode === 'pull') assert.ok(client.refreshes.length > refreshes, 'the server asked the client to pull again');
      await client.change(config, 3, CONFIG(4));
      assert.equal((await trainErrors(1)).length, 1);
      assert.equal(fs.readFileSync(path.join(dir, 'config.js'), 'utf8'), CONFIG(4), 'nothing was written');
    });
  });
}
