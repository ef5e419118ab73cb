// Quick fixes are built from the syntax tree, which is sound when the file parses. In a file
// with syntax errors (mid-typing) the tree is the parser's recovery guess, so every fix is
// kept only if the text it produces parses no worse than the original. And a value a helper
// receives from its call sites belongs to them: a fix never overwrites such a parameter read
// inside the helper. Both checked here, once, for every rule.
import { applyFixes } from './fixes';
import { parseErrorCount, parseSourceFile } from './parse';
import { hostKindOf, scriptBlocks } from './script-blocks';
import type { Finding, Fix } from './types';
import { editsCallerValue, type CallerValueContext } from './call-sites';

/** Past this many fixes in a broken file, the rest are dropped rather than re-parsed. */
const MAX_CHECKS = 40;

/** Syntax errors in a script, or in all the script blocks of an HTML, Vue or Svelte file. */
export function syntaxErrorCount(fileName: string, text: string): number {
  const host = hostKindOf(fileName);
  if (host) return scriptBlocks(text, host).reduce((n, b) => n + syntaxErrorCount(`${fileName}${b.extension}`, text.slice(b.start, b.end)), 0);
  return parseErrorCount(parseSourceFile(fileName, text));
}

/**
 * Whether the text a fix of a file with syntax errors produces parses no worse than the file:
 * each check parses that text. The linter checks every fix of such a file (below); a front end
 * that lints with `fixGuard: false` checks a fix when it is offered (the language server, when
 * a code action is asked for: a keystroke's lint in a broken file then parses it once, not once
 * per fix).
 */
export class FixParseGuard {
  private checks = 0;
  /** Verdicts by the fixed text: a code action request asks of one fix for its quick fix and again for fix-all. */
  private readonly verdicts = new Map<string, boolean>();
  constructor(
    private readonly fileName: string,
    private readonly text: string,
    private errorsBefore?: number,
  ) {}

  keeps(fix: Fix): boolean {
    return this.keepsOutput(applyFixes(this.text, [fix]).output);
  }

  /** The same for the text a fix produced, however it was applied. */
  keepsOutput(output: string): boolean {
    const known = this.verdicts.get(output);
    if (known !== undefined) return known;
    if (++this.checks > MAX_CHECKS) return false;
    this.errorsBefore ??= syntaxErrorCount(this.fileName, this.text);
    const keeps = syntaxErrorCount(this.fileName, output) <= this.errorsBefore;
    this.verdicts.set(output, keeps);
    return keeps;
  }
}

/** Drops, in place, the fixes that make a file with `errorsBefore` syntax errors parse worse. */
export function dropFixesThatBreakParsing(fileName: string, text: string, errorsBefore: number, findings: Finding[]): void {
  const guard = new FixParseGuard(fileName, text, errorsBefore);
  for (const finding of findings) finding.fixes = finding.fixes.filter((fix) => guard.keeps(fix));
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
