// Quick fixes are built from the syntax tree, which is sound when the file parses. In a file
// with syntax errors (mid-typing) the tree is the parser's recovery guess, so every fix is
// kept only if the text it produces parses no worse than the original. And a value a helper
// receives from its call sites belongs to them: a fix never overwrites such a parameter read
// inside the helper. Both checked here, once, for every rule.
import { applyFixes } from './fixes';
import { parseErrorCount, parseSourceFile } from './parse';
import { hostKindOf, scriptBlocks } from './script-blocks';
import type { Finding } from './types';
import { editsCallerValue, type CallerValueContext } from './call-sites';

/** Past this many fixes in a broken file, the rest are dropped rather than re-parsed. */
const MAX_CHECKS = 40;

/** Syntax errors in a script, or in all the script blocks of an HTML, Vue or Svelte file. */
export function syntaxErrorCount(fileName: string, text: string): number {
  const host = hostKindOf(fileName);
  if (host) return scriptBlocks(text, host).reduce((n, b) => n + syntaxErrorCount(`${fileName}${b.extension}`, text.slice(b.start, b.end)), 0);
  return parseErrorCount(parseSourceFile(fileName, text));
}

/** Drops, in place, the fixes that make a file with `errorsBefore` syntax errors parse worse. */
export function dropFixesThatBreakParsing(fileName: string, text: string, errorsBefore: number, findings: Finding[]): void {
  let checks = 0;
  for (const finding of findings) {
    finding.fixes = finding.fixes.filter(
      (fix) => ++checks <= MAX_CHECKS && syntaxErrorCount(fileName, applyFixes(text, [fix]).output) <= errorsBefore,
    );
  }
}

/**
 * Drops, in place, the fixes whose edits overwrite a read of a value the helper gets from its
 * call sites (see editsCallerValue): that edit would change the helper for every caller.
 */
export function dropFixesThatEditCallerValues(context: CallerValueContext, findings: Finding[]): void {
  for (const finding of findings) {
    if (finding.fixes.length === 0) continue;
    finding.fixes = finding.fixes.filter((fix) => !fix.edits.some((e) => editsCallerValue(context, e.start, e.end, e.newText)));
  }
}
