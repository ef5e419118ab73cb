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

/**
 * What a hover says under "Why it matters": from the page's "Why" section, the first prose
 * paragraph that stands on its own; when the section only has a lead-in that ends with a colon,
 * the lead-in with the list it introduces (never a sentence cut at its colon). References to
 * the project's test files are left out: users of the package do not have them.
 */
export function whyParagraph(markdown: string): string | undefined {
  const blocks = sectionBlocks(markdown, /^#{1,6}\s+Why\b/i);
  if (!blocks) return undefined;
  const prose = blocks.map((b, i) => ({ b, i })).filter(({ b }) => b.kind === 'paragraph');
  const standalone = prose.find(({ b }) => !withoutTestPaths(b.text).trimEnd().endsWith(':') && withoutTestPaths(b.text) !== '');
  if (standalone) return withoutTestPaths(standalone.b.text);
  const leadIn = prose.find(({ b, i }) => blocks[i + 1]?.kind === 'list' && withoutTestPaths(b.text) !== '');
  if (!leadIn) return undefined;
  const list = blocks[leadIn.i + 1].text;
  return `${withoutTestPaths(leadIn.b.text)}\n\n${list}`;
}

interface Block {
  kind: 'paragraph' | 'list' | 'other';
  text: string;
}

/** The blocks (paragraphs, lists, tables and code) of the section under the first matching heading. */
function sectionBlocks(markdown: string, heading: RegExp): Block[] | undefined {
  const lines = markdown.split(/\r?\n/);
  const at = lines.findIndex((l) => heading.test(l));
  if (at < 0) return undefined;
  const blocks: Block[] = [];
  let current: { kind: Block['kind']; lines: string[] } | undefined;
  let fenced = false;
  const flush = () => {
    if (current) blocks.push({ kind: current.kind, text: current.kind === 'list' ? current.lines.join('\n') : current.lines.join(' ') });
    current = undefined;
  };
  for (const line of lines.slice(at + 1)) {
    if (!fenced && /^#{1,6}\s/.test(line)) break;
    if (line.startsWith('```')) {
      flush();
      fenced = !fenced;
      if (fenced) current = { kind: 'other', lines: [] };
      continue;
    }
    if (fenced) continue;
    if (line.trim() === '') {
      flush();
      continue;
    }
    const kind: Block['kind'] = /^\s*[-*]\s|^\s*\d+\.\s/.test(line) ? 'list' : line.trimStart().startsWith('|') ? 'other' : 'paragraph';
    if (current && (current.kind === kind || (current.kind === 'list' && /^\s/.test(line)))) {
      // A list item's continuation lines join the item they continue.
      if (current.kind === 'list' && kind !== 'list') current.lines[current.lines.length - 1] += ` ${line.trim()}`;
      else current.lines.push(current.kind === 'list' ? line.trimEnd() : line.trim());
    } else {
      flush();
      current = { kind, lines: [kind === 'list' ? line.trimEnd() : line.trim()] };
    }
  }
  flush();
  return blocks;
}

/** Drops citations of the repository's test files: `(...; `test/x.ts`)` loses the path, a sentence that still names one goes. */
function withoutTestPaths(text: string): string {
  const stripped = text
    .replace(/[;,]?\s*(?:in\s+)?`test\/[^`]*`/g, '')
    .replace(/\s+\(\s*\)/g, ''); // parentheses a test path was removed from, not a call's
  return stripped
    .split(/(?<=[.!?])\s+(?=[A-Z`(])/)
    .filter((sentence) => !/`test\/|\btest\/\S+\.ts\b|\bwitness test\b/.test(sentence))
    .join(' ')
    .trim();
}
