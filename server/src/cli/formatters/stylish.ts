// Human output in the style of ESLint's stylish formatter: findings grouped by file as
// `line:col  severity  message  rule-id`, then a summary line. Nothing is printed for a
// clean run. Notices go to stderr (main.ts), never into this report.
import * as path from 'node:path';
import type { FileReport } from '../lint-files';
import { countsOf } from '../counts';
import type { FormatContext } from './index';

const codes = { red: [31, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22], bold: [1, 22], underline: [4, 24] } as const;
type Style = keyof typeof codes;

export function formatStylish(reports: readonly FileReport[], context: FormatContext): string {
  const paint = (style: Style, text: string) => (context.color ? `\u001b[${codes[style][0]}m${text}\u001b[${codes[style][1]}m` : text);
  const out: string[] = [];
  for (const report of reports) {
    if (report.findings.length === 0) continue;
    out.push(paint('underline', displayPath(report.filePath, context.cwd)));
    const rows = report.findings.map((f) => [`${f.start.line}:${f.start.column}`, f.severity, f.message.replace(/\s*\n\s*/g, ' '), f.ruleId]);
    const widths = [0, 1].map((i) => Math.max(...rows.map((r) => r[i].length)));
    for (const [where, severity, message, ruleId] of rows) {
      const label = severity.padEnd(widths[1]);
      const colored = severity === 'error' ? paint('red', label) : severity === 'warning' ? paint('yellow', label) : paint('cyan', label);
      out.push(`  ${paint('dim', where.padEnd(widths[0]))}  ${colored}  ${message}  ${paint('dim', ruleId)}`);
    }
    out.push('');
  }
  const c = countsOf(reports);
  const total = c.errorCount + c.warningCount + c.infoCount;
  if (total === 0) return '';
  const summary = `\u2716 ${plural(total, 'problem')} (${plural(c.errorCount, 'error')}, ${plural(c.warningCount, 'warning')}, ${c.infoCount} info)`;
  out.push(paint('bold', c.errorCount ? paint('red', summary) : c.warningCount ? paint('yellow', summary) : summary));
  const fixable = c.fixableErrorCount + c.fixableWarningCount + c.fixableInfoCount;
  if (fixable > 0) {
    const parts = [plural(c.fixableErrorCount, 'error'), plural(c.fixableWarningCount, 'warning')];
    if (c.fixableInfoCount) parts.push(`${c.fixableInfoCount} info`);
    out.push(`  ${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]} potentially fixable with the \`--fix\` option.`);
  }
  return out.join('\n') + '\n';
}

export function displayPath(filePath: string, cwd: string): string {
  if (!path.isAbsolute(filePath)) return filePath;
  const rel = path.relative(cwd, filePath);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : filePath;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
