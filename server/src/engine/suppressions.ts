// Inline suppression comments:
//   // tfjs-lint-disable-next-line rule-a, rule-b   (no list: every rule)
//   /* tfjs-lint-disable rule-a */                  (the whole file; no list: every rule)
const NEXT_LINE = /\/\/\s*tfjs-lint-disable-next-line\b([^\n]*)/g;
const FILE = /\/\*\s*tfjs-lint-disable\b([^*]*)\*\//g;

export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

/** Parses suppression comments from raw text; `lineOf` maps an offset to its 1-based line. */
export function readSuppressions(text: string, lineOf: (offset: number) => number): Suppressions {
  const byLine = new Map<number, Set<string> | 'all'>();
  let fileWide: Set<string> | 'all' | undefined;
  if (!text.includes('tfjs-lint-disable')) return { isSuppressed: () => false };
  for (const m of text.matchAll(NEXT_LINE)) {
    byLine.set(lineOf(m.index!) + 1, ruleList(m[1]));
  }
  for (const m of text.matchAll(FILE)) {
    const list = ruleList(m[1]);
    if (list === 'all' || fileWide === 'all') fileWide = 'all';
    else fileWide = new Set([...(fileWide ?? []), ...list]);
  }
  const covers = (set: Set<string> | 'all' | undefined, id: string) => set === 'all' || (set !== undefined && set.has(id));
  return { isSuppressed: (id, line) => covers(fileWide, id) || covers(byLine.get(line), id) };
}

function ruleList(text: string): Set<string> | 'all' {
  // A trailing "-- reason" explains the suppression and is not a rule name.
  const names = text.split('--')[0].split(/[\s,]+/).filter(Boolean);
  return names.length === 0 ? 'all' : new Set(names);
}
