// The floor under the CLI, as a process of its own for `npm run bench cli`: start the way the
// CLI starts (compiler tuning, young generation held, code cache keyed by both), load
// TypeScript, read and parse the files listed in argv[2] with the engine's parse, and nothing
// else (no index, no rules, no output).
import * as fs from 'node:fs';
import { tuneForShortRun } from '../../server/src/cli/short-run';
import { cacheTypeScriptCode, codeCacheDir } from '../../server/src/code-cache';

const codeCache = cacheTypeScriptCode(codeCacheDir(process.env), tuneForShortRun(process.env).flags);
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseSourceFile } = require('../../server/src/engine/parse') as typeof import('../../server/src/engine/parse');
let statements = 0;
for (const file of fs.readFileSync(process.argv[2], 'utf8').split('\n')) {
  if (file) statements += parseSourceFile(file, fs.readFileSync(file, 'utf8')).statements.length;
}
codeCache.save();
process.stdout.write(`${statements}\n`);
