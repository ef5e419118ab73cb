// Facts about the installed package the CLI reports: its version, and the rule doc pages
// (rules/<id>.md) that SARIF carries as help text. Found by walking up from this file, so
// the same code works from out/ in the repository and from an installed package.
import * as fs from 'node:fs';
import * as path from 'node:path';

let root: string | undefined | null;

/** The package's root folder (holding package.json named tfjs-lint), if it can be found. */
export function packageRoot(): string | undefined {
  if (root === undefined) {
    root = null;
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
        if (pkg.name === 'tfjs-lint') {
          root = dir;
          break;
        }
      } catch {
        // no package.json here; keep walking
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return root ?? undefined;
}

export function packageVersion(): string {
  const dir = packageRoot();
  if (!dir) return '0.0.0';
  try {
    return (JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const INFORMATION_URI = 'https://github.com/tfjs-lint/tfjs-lint';

/** The markdown doc page of a rule, or undefined when it is not shipped. */
export function ruleDoc(id: string): string | undefined {
  const dir = packageRoot();
  if (!dir || !/^[a-z0-9-]+$/.test(id)) return undefined;
  try {
    return fs.readFileSync(path.join(dir, 'rules', `${id}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

/** The first paragraph of a doc section ("What it flags"), as plain text. */
export function docSection(markdown: string, heading: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const start = lines.findIndex((l) => /^#{2,3}\s/.test(l) && l.replace(/^#+\s*/, '').trim().toLowerCase() === heading.toLowerCase());
  if (start < 0) return undefined;
  const paragraph: string[] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#{1,6}\s/.test(line) || line.startsWith('```')) break;
    if (line.trim() === '') {
      if (paragraph.length) break;
      continue;
    }
    paragraph.push(line.trim());
  }
  return paragraph.length ? paragraph.join(' ') : undefined;
}
