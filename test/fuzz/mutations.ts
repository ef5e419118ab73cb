// Mutated source text for fuzzing: half-typed and broken variants of real files, the way an
// editor sees them on every keystroke. Deterministic for a given random source.
import { ts } from '../../server/src/engine/ts';

/** Offsets where a token ends: cutting there gives every prefix a user could have typed. */
export function tokenEnds(text: string): number[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const ends: number[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    ends.push(scanner.getTokenEnd());
    if (ends.length > 200_000) break;
  }
  return ends;
}

/** Every prefix of `text` cut at a token boundary. */
export function* prefixes(text: string): Generator<string> {
  for (const end of tokenEnds(text)) yield text.slice(0, end);
}

export type Random = () => number;

const BRACKETS = /[()[\]{}]/g;

/** One random structural mutation: delete, duplicate or swap lines, or drop a bracket. */
export function mutate(text: string, random: Random): string {
  const lines = text.split('\n');
  const pick = () => Math.floor(random() * lines.length);
  switch (Math.floor(random() * 5)) {
    case 0: {
      lines.splice(pick(), 1 + Math.floor(random() * 3));
      return lines.join('\n');
    }
    case 1: {
      const i = pick();
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 2: {
      const i = pick();
      const j = pick();
      [lines[i], lines[j]] = [lines[j], lines[i]];
      return lines.join('\n');
    }
    case 3: {
      const positions = [...text.matchAll(BRACKETS)].map((m) => m.index!);
      if (positions.length === 0) return text;
      const at = positions[Math.floor(random() * positions.length)];
      return text.slice(0, at) + text.slice(at + 1);
    }
    default: {
      // cut in the middle of a line, as if typing stopped there, and keep the rest
      const at = Math.floor(random() * text.length);
      const cut = Math.floor(random() * 20);
      return text.slice(0, at) + text.slice(at + cut);
    }
  }
}
