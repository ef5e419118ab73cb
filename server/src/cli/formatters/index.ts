// The output formats. Each turns the run's file reports into one string for stdout.
import type { Format } from '../args';
import type { FileReport } from '../lint-files';
import type { Rule } from '../../engine/rule';
import { formatStylish } from './stylish';
import { formatJson } from './json';
import { formatSarif } from './sarif';

export interface FormatContext {
  cwd: string;
  color: boolean;
  /** The rule registry (loaded on demand: only SARIF lists every rule). */
  rules: () => readonly Rule[];
  /** Severity each rule ran at, for SARIF's rule configuration. */
  severityOf: (rule: Rule) => string;
  version: string;
}

export function format(name: Format, reports: readonly FileReport[], context: FormatContext): string {
  switch (name) {
    case 'json': return formatJson(reports);
    case 'sarif': return formatSarif(reports, context);
    default: return formatStylish(reports, context);
  }
}
