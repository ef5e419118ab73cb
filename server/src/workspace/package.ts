// Facts about the installed package both front ends report: its root, its version, and the
// rule doc pages (rules/<id>.md) that SARIF carries as help text and hovers quote. Found by
// walking up from this file, so the same code works from out/, from the bundle in dist/ and
// from an installed package.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const INFORMATION_URI = 'https://github.com/tfjs-lint/tfjs-lint';

let root: string | undefined | null;

/** The package's root folder (holding package.json named tfjs-lint), if it can be found. */
export function packageRoot(): string | undefined {
  if (root === undefined) root = findPackageRoot(__dirname) ?? null;
  return root ?? undefined;
}

export function findPackageRoot(start: string): string | undefined {
  for (let dir = start; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'tfjs-lint') return dir;
    } catch {
      // no package.json here; keep walking
    }
    if (path.dirname(dir) === dir) return undefined;
  }
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

/** The path of a rule's shipped doc page, or undefined when it is not there. */
export function ruleDocPath(id: string): string | undefined {
  const dir = packageRoot();
  if (!dir || !/^[a-z0-9-]+$/.test(id)) return undefined;
  const file = path.join(dir, 'rules', `${id}.md`);
  return fs.existsSync(file) ? file : undefined;
}

/** The markdown doc page of a rule, or undefined when it is not shipped. */
export function ruleDoc(id: string): string | undefined {
  const file = ruleDocPath(id);
  try {
    return file ? fs.readFileSync(file, 'utf8') : undefined;
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

export interface RuleDocs {
  /** First paragraph of the page's "Why" section, when the page has one. */
  why(ruleId: string): string | undefined;
}

/** The "Why" paragraphs of every shipped doc page, read once (hovers must not wait on disk). */
export function loadRuleDocs(rulesDir: string | undefined = rulesFolder()): RuleDocs {
  const whyById = new Map<string, string>();
  if (rulesDir) {
    let names: string[] = [];
    try {
      names = fs.readdirSync(rulesDir).filter((n) => n.endsWith('.md'));
    } catch {
      names = [];
    }
    for (const name of names) {
      try {
        const why = whyParagraph(fs.readFileSync(path.join(rulesDir, name), 'utf8'));
        if (why) whyById.set(name.slice(0, -'.md'.length), why);
      } catch {
        // an unreadable page only costs its hover text
      }
    }
  }
  return { why: (id) => whyById.get(id) };
}

/** The folder of the shipped doc pages, when the package has one. */
export function rulesFolder(): string | undefined {
  const dir = packageRoot();
  return dir ? path.join(dir, 'rules') : undefined;
}

/** The first paragraph under a heading that starts with "Why". */
export function whyParagraph(markdown: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const heading = lines.findIndex((l) => /^#{1,6}\s+Why\b/i.test(l));
  if (heading < 0) return undefined;
  const paragraph: string[] = [];
  for (const line of lines.slice(heading + 1)) {
    if (/^#{1,6}\s/.test(line)) break;
    if (line.trim() === '') {
      if (paragraph.length > 0) break;
      continue;
    }
    if (line.startsWith('```') && paragraph.length === 0) break; // a section that opens with code has no prose to quote
    paragraph.push(line.trim());
  }
  return paragraph.length > 0 ? paragraph.join(' ') : undefined;
}
