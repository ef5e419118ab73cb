// Inline suppression comments:
//   // tfjs-lint-disable-next-line rule-a, rule-b   (no list: every rule)
//   /* tfjs-lint-disable rule-a */                  (the whole file; no list: every rule)
// A trailing "-- reason" explains the suppression. The engine also reports the comments
// themselves (under DIRECTIVE_ID): a rule name no rule has, always, with the nearest real
// name; and, when asked (ESLint's --report-unused-disable-directives), a comment or a name
// in it that suppressed nothing.
import { closest } from './config';
import type { Fix, Range } from './types';

const NEXT_LINE = /\/\/\s*tfjs-lint-disable-next-line\b([^\n]*)/g;
const FILE = /\/\*\s*tfjs-lint-disable\b([^*]*)\*\//g;

/** The id under which findings about suppression comments are reported. */
export const DIRECTIVE_ID = 'disable-directive';

interface Name {
  name: string;
  start: number;
  end: number;
}

interface Directive {
  kind: 'tfjs-lint-disable-next-line' | 'tfjs-lint-disable';
  /** The comment's offsets in the text. */
  start: number;
  end: number;
  /** The 1-based line it suppresses (next-line comments). */
  line?: number;
  /** The rules it names; empty: every rule. */
  names: Name[];
  used: Set<string>;
}

/** A finding about a suppression comment, for the linter to turn into a Finding. */
export interface DirectiveReport {
  kind: 'unknown-rule' | 'unused';
  range: Range;
  message: string;
  fixes: Fix[];
}

export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
  /**
   * Reports about the comments: unknown rule names (when the known ids are given) and, when `reportUnused`,
   * comments or names that suppressed nothing (`ran` says which rules ran to completion:
   * a rule that did not run cannot have used its comment).
   */
  reports(knownIds: readonly string[] | undefined, reportUnused: boolean, ran: (ruleId: string) => boolean): DirectiveReport[];
}

const NONE: Suppressions = { isSuppressed: () => false, reports: () => [] };

/** Parses suppression comments from raw text; `lineOf` maps an offset to its 1-based line. */
export function readSuppressions(text: string, lineOf: (offset: number) => number): Suppressions {
  if (!text.includes('tfjs-lint-disable')) return NONE;
  const directives: Directive[] = [];
  for (const m of text.matchAll(NEXT_LINE)) {
    directives.push(directive('tfjs-lint-disable-next-line', m, lineOf(m.index!) + 1));
  }
  for (const m of text.matchAll(FILE)) directives.push(directive('tfjs-lint-disable', m));
  const covers = (d: Directive, id: string) => d.names.length === 0 || d.names.some((n) => n.name === id);
  return {
    isSuppressed(id, line) {
      let suppressed = false;
      for (const d of directives) {
        if ((d.line === undefined || d.line === line) && covers(d, id)) {
          d.used.add(id);
          suppressed = true;
        }
      }
      return suppressed;
    },
    reports(knownIds, reportUnused, ran) {
      const out: DirectiveReport[] = [];
      const known = (name: string) => knownIds === undefined || knownIds.includes(name);
      for (const d of directives) {
        const unknown = d.names.filter((n) => !known(n.name));
        for (const n of unknown) {
          const hint = closest(n.name, knownIds!);
          out.push({
            kind: 'unknown-rule',
            range: { start: n.start, end: n.end },
            message: `Unknown rule "${n.name}" in ${d.kind}${hint ? ` (did you mean "${hint}"?)` : ''}: it suppresses nothing.`,
            fixes: hint ? [{ title: `Change to "${hint}"`, safe: false, edits: [{ start: n.start, end: n.end, newText: hint }] }] : [],
          });
        }
        if (!reportUnused) continue;
        if (d.names.length === 0) {
          if (d.used.size === 0) out.push(unusedComment(text, d, `Unused ${d.kind} comment: no problem here to suppress.`));
          continue;
        }
        const unused = d.names.filter((n) => known(n.name) && ran(n.name) && !d.used.has(n.name));
        if (unused.length === 0) continue;
        if (unused.length + unknown.length === d.names.length) {
          out.push(unusedComment(text, d, `Unused ${d.kind} comment: no ${unused.map((n) => `"${n.name}"`).join(' or ')} problem here to suppress.`));
        } else {
          for (const n of unused) {
            out.push({
              kind: 'unused',
              range: { start: n.start, end: n.end },
              message: `Unused "${n.name}" in ${d.kind}: no such problem here to suppress.`,
              fixes: [{ title: `Remove "${n.name}" from the comment`, safe: true, edits: [removeName(text, d, n)] }],
            });
          }
        }
      }
      return out;
    },
  };
}

function directive(kind: Directive['kind'], m: RegExpMatchArray, line?: number): Directive {
  const start = m.index!;
  const listStart = start + m[0].length - m[1].length - (kind === 'tfjs-lint-disable' ? 2 : 0);
  const list = m[1].split('--')[0];
  const names: Name[] = [];
  for (const n of list.matchAll(/[^\s,]+/g)) names.push({ name: n[0], start: listStart + n.index!, end: listStart + n.index! + n[0].length });
  return { kind, start, end: start + m[0].length, line, names, used: new Set() };
}

/** The whole comment goes: with its line when nothing else is on it. */
function unusedComment(text: string, d: Directive, message: string): DirectiveReport {
  const lineStart = text.lastIndexOf('\n', d.start - 1) + 1;
  const newline = text.indexOf('\n', d.end);
  const lineEnd = newline < 0 ? text.length : newline + 1;
  const alone = text.slice(lineStart, d.start).trim() === '' && text.slice(d.end, lineEnd).trim() === '';
  const edit = alone ? { start: lineStart, end: lineEnd, newText: '' } : { start: d.start, end: d.end, newText: '' };
  return { kind: 'unused', range: { start: d.start, end: d.end }, message, fixes: [{ title: 'Remove the unused comment', safe: true, edits: [edit] }] };
}

/** Removes one name and the comma that joins it to a neighbour. */
function removeName(text: string, d: Directive, n: Name): { start: number; end: number; newText: string } {
  const index = d.names.indexOf(n);
  if (index > 0) {
    const previous = d.names[index - 1];
    return { start: previous.end, end: n.end, newText: '' };
  }
  const next = d.names[index + 1];
  return { start: n.start, end: next.start, newText: '' };
}
