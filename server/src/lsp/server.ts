// Entry point of the tfjs-lint language server, for any LSP editor:
//   tfjs-lint-server --stdio | --node-ipc | --socket=<port>
// Settings come from `workspace/configuration` (section `tfjsLint`, the keys of the VS Code
// settings without the prefix); clients without it can pass the same object as
// `initializationOptions.settings` or in `workspace/didChangeConfiguration` as `{ tfjsLint: {...} }`.
// This entry runs the registry's rules, nothing else. Tests that need an extra rule (one that
// throws) start the server through `startServer` from their own entry, test/lsp/support/test-server.ts.
import { cacheTypeScriptCode, codeCacheDir } from '../code-cache';

// V8's heap defaults: a young-generation size set at run time never reaches Node 20's main
// isolate (measured: new space stays 32 MB), and the same size on the command line, tried on
// the edit bench, lowered p50 (48 -> 35 ms) but raised p95 (84 -> 97-127 ms).
// The CLI's code cache of the TypeScript module (V8's defaults otherwise: no compiler tuning).
const codeCache = cacheTypeScriptCode(codeCacheDir(process.env));
// Required once the cache is in place: the rules load TypeScript.
/* eslint-disable @typescript-eslint/no-require-imports */
const { rules } = require('../../../rules/index') as typeof import('../../../rules/index');
const { startServer } = require('./start') as typeof import('./start');
/* eslint-enable @typescript-eslint/no-require-imports */
startServer({ rules, codeCache });
