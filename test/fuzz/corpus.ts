// The fuzz corpus: every example program and test fixture in the repository.
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');
const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

export interface CorpusFile {
  name: string;
  text: string;
}

export function loadCorpus(): CorpusFile[] {
  const out: CorpusFile[] = [];
  const walk = (dir: string): void => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== 'node_modules') walk(full);
      else if (entry.isFile() && SOURCE.test(entry.name) && fs.statSync(full).size < 200_000) {
        out.push({ name: path.relative(ROOT, full), text: fs.readFileSync(full, 'utf8') });
      }
    }
  };
  walk(path.join(ROOT, 'examples'));
  walk(path.join(ROOT, 'test', 'fixtures'));
  return out.sort((a, b) => a.name.localeCompare(b.name));
}
