// The rules' doc pages (rules/<id>.md), read once at startup from the installed package so a
// hover can say why a diagnostic matters without a network round trip.
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface RuleDocs {
  /** First paragraph of the page's "Why" section, when the page has one. */
  why(ruleId: string): string | undefined;
}

/** The package root: the nearest ancestor holding tfjs-lint's package.json (works from out/ and dist/). */
export function findPackageRoot(start: string): string | undefined {
  let dir = start;
  for (;;) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'tfjs-lint') return dir;
    } catch {
      // not here; keep climbing
    }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function loadRuleDocs(rulesDir: string | undefined): RuleDocs {
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
