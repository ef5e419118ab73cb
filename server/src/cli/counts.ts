// Per-file and total counts shared by the formatters and the exit code. Info findings are
// counted on their own (infoCount): they never fail a run and --max-warnings ignores them.
import type { FileReport } from './lint-files';
import { preferredFix } from './lint-files';

export interface Counts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  fixableInfoCount: number;
}

export function countsOf(reports: readonly FileReport[]): Counts {
  const c: Counts = { errorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, fixableInfoCount: 0 };
  for (const r of reports) {
    for (const f of r.findings) {
      const fixable = preferredFix(f) !== undefined;
      if (f.severity === 'error') {
        c.errorCount++;
        if (fixable) c.fixableErrorCount++;
      } else if (f.severity === 'warning') {
        c.warningCount++;
        if (fixable) c.fixableWarningCount++;
      } else {
        c.infoCount++;
        if (fixable) c.fixableInfoCount++;
      }
    }
  }
  return c;
}
