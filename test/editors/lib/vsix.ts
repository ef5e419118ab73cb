// The packaged extension under test: `npm run package` writes tfjs-lint-<version>.vsix at the
// repository root. TFJS_LINT_EDITORS_VSIX points the tests at another .vsix instead.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './env';

export function packagedVsix(): string {
  if (process.env.TFJS_LINT_EDITORS_VSIX) return path.resolve(process.env.TFJS_LINT_EDITORS_VSIX);
  const { name, version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(repoRoot, `${name}-${version}.vsix`);
}
