// The command's start (bin/tfjs-lint.js): V8's tuning and the code caches come before any
// other module of tfjs-lint is loaded, so that every one of them (main.ts and all it loads) is
// compiled under the same flags, through the cache of tfjs-lint's own code.
import * as path from 'node:path';
import { tuneForShortRun } from './short-run';
import { restoreForCodeCache } from './young-generation';
import { cacheTypeScriptCode, codeCacheDir } from '../code-cache';
import { cacheOwnCode } from '../own-code-cache';
import type * as Main from './main';

/** tfjs-lint's compiled code: the folder above server/ and rules/ (out/). */
const OWN_CODE = path.resolve(__dirname, '..', '..', '..');

export function start(): void {
  // No semi-space size: set at run time it reaches only worker threads (threads.ts), where it
  // tripled a worker's heap. The young generation is held small instead.
  const tuning = tuneForShortRun(process.env);
  const dir = codeCacheDir(process.env);
  // TFJS_LINT_OWN_CODE_CACHE=off compiles tfjs-lint's modules from source (the bench measures the gain this way).
  const own = process.env.TFJS_LINT_OWN_CODE_CACHE === 'off' ? undefined : cacheOwnCode(dir, tuning.flags, OWN_CODE);
  const typeScript = cacheTypeScriptCode(dir, tuning.flags);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('./main') as typeof Main).run({
    ...tuning,
    codeCacheDir: dir,
    ownCodeDir: own ? OWN_CODE : undefined,
    saveCodeCaches: () => {
      restoreForCodeCache();
      typeScript.save();
      own?.save();
    },
  });
}
