// The contract between the engine and a rule. A rule reads the analysed file and reports
// findings; it never sees the front end (CLI, language server) that will show them.
import type { FileAnalysis } from './analysis';
import type { Fix, ProjectFacts, Severity } from './types';

export interface RuleMeta {
  /** Stable id: the rule's file name, doc name, test name, diagnostic code and setting key. */
  id: string;
  /** One line, shown in rule lists and SARIF. */
  description: string;
  /** Severity when no configuration says otherwise. */
  defaultSeverity: Exclude<Severity, 'off'>;
  /** The post cause this rule comes from (e.g. "T1-1"), for the docs. */
  source?: string;
  /** True when at least some findings carry a fix. */
  fixable: boolean;
  /** Options with their defaults; configuration may override them. */
  defaultOptions?: Record<string, unknown>;
  /**
   * Rules some of this rule's findings give way to (see ReportDescriptor.deferTo): such a
   * finding is dropped only when that rule is on and reports an overlapping range.
   */
  deferTo?: readonly string[];
}

export interface ReportDescriptor {
  /** The node (or [start, end) offsets) the finding points at. */
  node?: import('ts-morph').ts.Node;
  range?: { start: number; end: number };
  message: string;
  fixes?: Fix[];
  /** A rule in meta.deferTo that explains this finding better when it reports the same place. */
  deferTo?: string;
  /**
   * The most this finding may be: a rule that is sure of less than its usual claim (e.g. "check
   * this" rather than "this fails") caps it, and the configured severity still applies below it.
   */
  maxSeverity?: Exclude<Severity, 'off'>;
}

export interface RuleContext {
  readonly file: FileAnalysis;
  /** The rule's options: its defaults overlaid with configuration. */
  readonly options: Record<string, unknown>;
  /** What the front end knows about the file's project (e.g. the tfjs version it pins). */
  readonly project: ProjectFacts;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}

/** Link to a rule's documentation page (the .md beside the rule's source). */
export const DOCS_BASE = 'https://github.com/tfjs-lint/tfjs-lint/blob/main/rules/';
export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}
