// Results of an older text shown on the current one (`run: onSave` between saves): findings are
// moved through the edits made since, and those the edits touched are hidden. The edits are
// found as the one changed region between the two texts (common prefix and suffix), so two
// distant edits hide what lies between them rather than guess where it went. Fixes are
// dropped: they are offered again once the file is linted.
import type { LintResult } from '../engine/types';

export function mapResultToText(result: LintResult, linted: string, current: string): LintResult {
  if (linted === current) return result;
  const min = Math.min(linted.length, current.length);
  let start = 0;
  while (start < min && linted.charCodeAt(start) === current.charCodeAt(start)) start++;
  let oldEnd = linted.length;
  let newEnd = current.length;
  while (oldEnd > start && newEnd > start && linted.charCodeAt(oldEnd - 1) === current.charCodeAt(newEnd - 1)) {
    oldEnd--;
    newEnd--;
  }
  const delta = newEnd - oldEnd;
  const findings = [];
  for (const f of result.findings) {
    if (f.range.end < start || (f.range.end === start && f.range.start < start)) findings.push({ ...f, fixes: [] });
    else if (f.range.start >= oldEnd) findings.push({ ...f, range: { start: f.range.start + delta, end: f.range.end + delta }, fixes: [] });
    // else: the edit touched it; hidden until the next lint
  }
  return { ...result, findings, facts: [] };
}
