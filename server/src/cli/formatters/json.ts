// Output in the shape of ESLint's json formatter, so tools that read ESLint results can read
// ours: one entry per linted file with filePath, messages, errorCount, warningCount,
// fixableErrorCount, fixableWarningCount (plus infoCount, our own).
// - severity: 2 for error, 1 for warning AND info (ESLint has no info level); infos are
//   counted in infoCount, not warningCount.
// - fix: the finding's preferred safe fix (the one --fix applies) as ESLint's single
//   { range, text }, its edits merged into one range; every offered fix, safe or not, is also
//   listed in suggestions ({ desc, fix }) as ESLint does for suggestions.
// - Notices (file skipped, syntax errors, a rule that failed) are messages with ruleId null
//   and severity 1, like ESLint's messages for ignored files; they are not counted.
import type { Finding, Fix } from '../../engine/types';
import type { FileReport } from '../lint-files';
import { preferredFix } from '../lint-files';
import { countsOf } from '../counts';

export interface EslintFix {
  range: [number, number];
  text: string;
}

export interface EslintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fix?: EslintFix;
  suggestions?: { desc: string; fix: EslintFix }[];
  /** tfjs-lint's own level name ('error', 'warning', 'info', or 'notice' for ruleId null). */
  tfjsSeverity?: string;
}

export function toEslintResults(reports: readonly FileReport[]) {
  return reports.map((report) => {
    const c = countsOf([report]);
    const messages: EslintMessage[] = report.findings.map((f) => toMessage(f, report.source ?? ''));
    for (const n of report.notices) messages.push({ ruleId: null, severity: 1, message: `${n.message} [${n.kind}]`, line: 1, column: 1, tfjsSeverity: 'notice' });
    return {
      filePath: report.filePath,
      messages,
      suppressedMessages: [] as EslintMessage[],
      errorCount: c.errorCount,
      fatalErrorCount: 0,
      warningCount: c.warningCount,
      fixableErrorCount: c.fixableErrorCount,
      fixableWarningCount: c.fixableWarningCount,
      infoCount: c.infoCount,
      // As ESLint: the fixed text when fixes changed it, else the source when there are findings.
      ...(report.output !== undefined ? { output: report.output } : report.source !== undefined ? { source: report.source } : {}),
      usedDeprecatedRules: [] as unknown[],
    };
  });
}

export function formatJson(reports: readonly FileReport[]): string {
  return JSON.stringify(toEslintResults(reports));
}

function toMessage(f: Finding, source: string): EslintMessage {
  const message: EslintMessage = {
    ruleId: f.ruleId,
    severity: f.severity === 'error' ? 2 : 1,
    message: f.message,
    line: f.start.line,
    column: f.start.column,
    endLine: f.end.line,
    endColumn: f.end.column,
    tfjsSeverity: f.severity,
  };
  const preferred = preferredFix(f);
  if (preferred) message.fix = mergedFix(preferred, source);
  if (f.fixes.length) message.suggestions = f.fixes.map((fix) => ({ desc: fix.safe ? fix.title : `${fix.title} (unsafe)`, fix: mergedFix(fix, source) }));
  return message;
}

/** One { range, text } covering all of a fix's edits, as ESLint represents a fix. */
export function mergedFix(fix: Fix, source: string): EslintFix {
  if (fix.edits.length === 0) return { range: [0, 0], text: '' };
  const edits = [...fix.edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const start = edits[0].start;
  const end = Math.max(...edits.map((e) => e.end));
  let text = '';
  let at = start;
  for (const e of edits) {
    text += source.slice(at, e.start) + e.newText;
    at = Math.max(at, e.end);
  }
  text += source.slice(at, end);
  return { range: [start, end], text };
}
