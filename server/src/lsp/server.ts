// Entry point of the tfjs-lint language server, for any LSP editor:
//   tfjs-lint-server --stdio | --node-ipc | --socket=<port>
// Settings come from `workspace/configuration` (section `tfjsLint`, the keys of the VS Code
// settings without the prefix); clients without it can pass the same object as
// `initializationOptions.settings` or in `workspace/didChangeConfiguration` as `{ tfjsLint: {...} }`.
// This entry runs the registry's rules, nothing else. Tests that need an extra rule (one that
// throws) start the server through `startServer` from their own entry, test/lsp/support/test-server.ts.
import { rules } from '../../../rules/index';
import { startServer } from './start';
import { tuneHeapForAnalysis } from '../heap-tuning';

tuneHeapForAnalysis();
startServer({ rules });
