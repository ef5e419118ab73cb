// Applying fixes to text: the same code serves the CLI's --fix and tests; the language
// server turns the same edits into a WorkspaceEdit.
import type { Fix, TextEdit } from './types';

export interface AppliedFixes {
  output: string;
  /** Fixes applied; fixes whose edits overlapped an earlier one were skipped. */
  applied: Fix[];
  skipped: Fix[];
}

/** Applies non-overlapping fixes (first come, first served, in the given order). */
export function applyFixes(text: string, fixes: readonly Fix[]): AppliedFixes {
  const taken: TextEdit[] = [];
  const applied: Fix[] = [];
  const skipped: Fix[] = [];
  for (const fix of fixes) {
    const overlaps = fix.edits.some((e) => taken.some((t) => e.start < t.end && t.start < e.end || (e.start === e.end && e.start === t.start)));
    if (overlaps) {
      skipped.push(fix);
      continue;
    }
    taken.push(...fix.edits);
    applied.push(fix);
  }
  taken.sort((a, b) => b.start - a.start || b.end - a.end);
  let output = text;
  for (const e of taken) output = output.slice(0, e.start) + e.newText + output.slice(e.end);
  return { output, applied, skipped };
}
