// Test-only server entry (never shipped: the bundle and the bin use server/src/lsp/server.ts).
// It starts the same server with the registry's rules plus rules loaded from the modules
// named by `--extra-rule=<path>` (each exporting `rule`), so a test can add a rule that throws.
import * as path from 'node:path';
import { rules } from '../../../rules/index';
import type { Rule } from '../../../server/src/engine/rule';
import { startServer } from '../../../server/src/lsp/start';

const extra: Rule[] = process.argv
  .filter((a) => a.startsWith('--extra-rule='))
  .map((a) => (require(path.resolve(a.slice('--extra-rule='.length))) as { rule: Rule }).rule);

startServer({ rules: [...rules, ...extra] });
