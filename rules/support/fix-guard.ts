// Quick fixes are built from the syntax tree, which is sound when the file parses. In a file
// with syntax errors (mid-typing) the tree is a recovery guess, so a fix is kept only if the
// fixed text parses no worse than the original.
import { ts } from '../../server/src/engine/ts';
import type { FileAnalysis } from '../../server/src/engine/analysis';
import { scriptKind } from '../../server/src/engine/analysis';
import { applyFixes } from '../../server/src/engine/fixes';
import type { Fix } from '../../server/src/engine/types';

export function keepIfParses(file: FileAnalysis, fix: Fix | undefined): Fix | undefined {
  if (!fix) return undefined;
  const before = file.syntaxErrorCount();
  if (before === 0) return fix;
  const output = applyFixes(file.text, [fix]).output;
  const sf = ts.createSourceFile(file.fileName, output, ts.ScriptTarget.Latest, false, scriptKind(file.fileName));
  const after = (sf as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics?.length ?? 0;
  return after <= before ? fix : undefined;
}

/** The fixes list for a report: empty when the fix is absent or would not parse. */
export function guardedFixes(file: FileAnalysis, fix: Fix | undefined): Fix[] {
  const kept = keepIfParses(file, fix);
  return kept ? [kept] : [];
}
