// Build step: writes schemas/tfjslintrc.schema.json from the rule registry (run by
// `npm run build` after tsc). Writes only when the content changed.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { schemaText } from './config-schema';
import { allRules } from './registry';
import { packageRoot } from '../workspace/package';

const root = packageRoot();
if (!root) throw new Error('write-schema: package root not found');
const file = path.join(root, 'schemas', 'tfjslintrc.schema.json');
const text = schemaText(allRules());
const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
if (current !== text) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
