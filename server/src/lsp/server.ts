// Entry point of the tfjs-lint language server, for any LSP editor:
//   tfjs-lint-server --stdio | --node-ipc | --socket=<port>
// Settings come from `workspace/configuration` (section `tfjsLint`, the keys of the VS Code
// settings without the prefix); clients without it can pass the same object as
// `initializationOptions.settings` or in `workspace/didChangeConfiguration` as `{ tfjsLint: {...} }`.
// This entry runs the registry's rules, nothing else. Tests that need an extra rule (one that
// throws) start the server through `startServer` from their own entry, test/lsp/support/test-server.ts.
import { tuneHeapForAnalysis } from '../heap-tuning';
import { cacheTypeScriptCode, codeCacheDir } from '../code-cache';

tuneHeapForAnalysis();
// The CLI's code cache of the TypeScript module (V8's defaults otherwise: no compiler tuning).
const codeCache = cacheTypeScriptCode(codeCacheDir(process.env));
// Required once the cache is in place: the rules load TypeScript.
/* eslint-disable @typescript-eslint/no-require-imports */
const { rules } = require('../../../rules/index') as typeof import('../../../rules/index');
const { startServer } = require('./start') as typeof import('./start');
/* eslint-enable @typescript-eslint/no-require-imports */
startServer({ rules, codeCache });
