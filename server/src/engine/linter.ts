// Lint one file's text: prefilter, parse, analyse, run the enabled rules in isolation,
// apply suppressions. This module does not load TypeScript itself; the analysis module
// (which does) is required only for files that pass the prefilter.
import { mayUseTfjs } from './prefilter';
import { DIRECTIVE_ID, readSuppressions } from './suppressions';
import type { Rule, RuleContext, ReportDescriptor } from './rule';
import type { Finding, LintResult, Notice, ProjectFacts, Severity, ShapeFact } from './types';
import { SEVERITIES } from './types';
import type * as AnalysisModule from './analysis';
import type * as FixGuardModule from './fix-guard';
import type * as HostFilesModule from './host-files';
import { hostKindOf } from './script-blocks';
import type * as UnreadCodeModule from './unread-code';
import type { Modules } from './modules';

export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
export const DEFAULT_TIME_BUDGET_MS = 3000;

export interface LintOptions {
  fileName: string;
  /** The rules to run (the registry, or a subset). */
  rules: readonly Rule[];
  /** Severity per rule id, overriding each rule's default; 'off' disables the rule. */
  severities?: Readonly<Record<string, Severity>>;
  /** Options per rule id, overlaid on the rule's defaults. */
  ruleOptions?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Files larger than this (in UTF-8 bytes, approximated by length) are not analysed. */
  maxFileBytes?: number;
  /** Past this many milliseconds the remaining rules are skipped and a notice says so. */
  timeBudgetMs?: number;
  /** Called when a rule throws; the other rules still run. */
  onRuleError?: (ruleId: string, error: unknown) => void;
  /** Every rule id there is (the registry's), to flag a misspelled one in a suppression comment; unset: not checked. */
  knownRuleIds?: readonly string[];
  /** Severity of suppression comments that suppress nothing (ESLint's --report-unused-disable-directives); default 'off'. */
  reportUnusedDisableDirectives?: Severity;
  /** Collect shape facts for hovers and inlay hints (costs a little; off for the CLI). */
  collectFacts?: boolean;
  /** Facts about the file's project (the tfjs version it pins), computed by the front end. */
  project?: ProjectFacts;
  /**
   * Drop fixes that would make a file with syntax errors parse worse (default true). Off for a
   * front end that checks a fix when it offers it (`fixParseGuard`: the language server), and
   * for tests that must see each rule's own fixes (`npm run fuzz -- --no-fix-guard`).
   */
  fixGuard?: boolean;
  /** The workspace's modules (relative imports are followed through them); unset: other files stay unknown. */
  modules?: Modules;
}

type Analysis = typeof AnalysisModule & typeof FixGuardModule & typeof UnreadCodeModule;
let analysisModule: Analysis | undefined;
function loadAnalysis(): Analysis {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (analysisModule ??= {
    ...(require('./analysis') as typeof AnalysisModule),
    ...(require('./fix-guard') as typeof FixGuardModule),
    ...(require('./unread-code') as typeof UnreadCodeModule),
  });
}

/**
 * The check `fixGuard` makes, for a front end that makes it when a fix is offered: does a fix
 * of this text (which has syntax errors) leave it parsing no worse? Loads the analysis.
 */
export function fixParseGuard(fileName: string, text: string): FixGuardModule.FixParseGuard {
  return new (loadAnalysis().FixParseGuard)(fileName, text);
}

/**
 * Lints a file's text. HTML, Vue and Svelte files (by the file name's extension) have their
 * `<script>` blocks linted, with findings in the host file's offsets (host-files.ts).
 */
export function lintText(text: string, options: LintOptions): LintResult {
  const kind = hostKindOf(options.fileName);
  if (kind === undefined) return lintScript(text, options);
  const result = emptyResult();
  if (!shouldAnalyse(text, options, result)) return result;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./host-files') as typeof HostFilesModule).lintHostText(text, options, kind);
}

/** Lints the text as one JavaScript or TypeScript file. */
export function lintScript(text: string, options: LintOptions): LintResult {
  const result = emptyResult();
  if (!shouldAnalyse(text, options, result)) return result;
  const enabled = options.rules.filter((r) => severityOf(r, options) !== 'off');

  const { FileAnalysis, dropFixesThatBreakParsing, dropFixesThatEditCallerValues, quietNearSyntaxErrors } = loadAnalysis();
  const started = Date.now();
  const budget = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
  let file: AnalysisModule.FileAnalysis;
  let syntaxErrors = 0;
  try {
    file = options.modules ? options.modules.analysisFor(options.fileName, text) : FileAnalysis.parse(options.fileName, text);
    result.analyzed = true;
    syntaxErrors = file.syntaxErrorCount();
    if (syntaxErrors > 0) {
      result.notices.push({ kind: 'parse-error', message: `${syntaxErrors} syntax error(s); linted what parses.` });
    }
  } catch (error) {
    // The TypeScript parser recurses; thousands of nested brackets exhaust the stack.
    const message = error instanceof RangeError
      ? 'File not linted: it nests too deeply for the parser (thousands of nested brackets).'
      : `Could not parse the file: ${describe(error)}`;
    result.notices.push({ kind: error instanceof RangeError ? 'skipped' : 'internal-error', message });
    return result;
  }

  const suppressions = readSuppressions(text, (offset) => file.positionAt(offset).line);
  const ran = new Set<string>();
  let timedOut = false;
  /** Findings that give way to another rule's finding at the same place. */
  const deferrals = new Map<Finding, string>();
  /** Every finding reported, suppressed ones too (a suppressed finding still explains its place). */
  const reported: Finding[] = [];
  for (const rule of enabled) {
    if (Date.now() - started > budget) {
      timedOut = true;
      result.notices.push({
        kind: 'timeout',
        message: `Analysis stopped after ${budget} ms (time budget); rules not run: ${enabled.slice(enabled.indexOf(rule)).map((r) => r.meta.id).join(', ')}.`,
      });
      break;
    }
    const severity = severityOf(rule, options) as Exclude<Severity, 'off'>;
    const found: Finding[] = [];
    const context: RuleContext = {
      file,
      options: { ...rule.meta.defaultOptions, ...options.ruleOptions?.[rule.meta.id] },
      project: options.project ?? {},
      report(d: ReportDescriptor) {
        const finding = toFinding(rule.meta.id, severity, d, file);
        found.push(finding);
        if (d.deferTo && rule.meta.deferTo?.includes(d.deferTo)) deferrals.set(finding, d.deferTo);
      },
    };
    try {
      rule.check(context);
    } catch (error) {
      result.ruleErrors.push({ ruleId: rule.meta.id, error: describe(error) });
      options.onRuleError?.(rule.meta.id, error);
      continue; // a throwing rule's partial findings are dropped: they may be half-formed
    }
    ran.add(rule.meta.id);
    reported.push(...found);
    for (const f of found) {
      if (!suppressions.isSuppressed(f.ruleId, f.start.line)) result.findings.push(f);
    }
  }
  if (deferrals.size) result.findings = result.findings.filter((f) => !isDeferred(f, deferrals.get(f), reported));
  // Unused comments only in a file that parses and was fully analysed: mid-typing, the
  // problem a comment suppresses may be hidden by a syntax error for a moment.
  const unusedSeverity = options.reportUnusedDisableDirectives ?? 'off';
  const reportUnused = unusedSeverity !== 'off' && syntaxErrors === 0 && !timedOut;
  for (const r of suppressions.reports(options.knownRuleIds, reportUnused, (id) => ran.has(id))) {
    const severity = r.kind === 'unused' ? (unusedSeverity as Exclude<Severity, 'off'>) : 'warning';
    result.findings.push(toFinding(DIRECTIVE_ID, severity, { range: r.range, message: r.message, fixes: r.fixes }, file));
  }
  if (syntaxErrors > 0) result.findings = quietNearSyntaxErrors(file.sourceFile, result.findings);
  result.findings.sort((a, b) => a.range.start - b.range.start || a.ruleId.localeCompare(b.ruleId));
  dropFixesThatEditCallerValues({ scopes: file.scopes, evaluate: (e) => file.evaluate(e), identifiers: file.index.identifiers }, result.findings);
  if (syntaxErrors > 0 && options.fixGuard !== false) dropFixesThatBreakParsing(options.fileName, text, syntaxErrors, result.findings);
  if (options.collectFacts) result.facts = collectFactsSafely(file, result);
  const reads = file.modules?.reads();
  for (const key of ['dependencies', 'importersRead', 'pagesRead'] as const) if (reads?.[key].length) result[key] = reads[key];
  return result;
}

function emptyResult(): LintResult {
  return { findings: [], notices: [], facts: [], ruleErrors: [], analyzed: false };
}

/** The checks before any parsing: anything to do, the prefilter, size, binary. A notice says why not. */
function shouldAnalyse(text: string, options: LintOptions, result: LintResult): boolean {
  if (!options.collectFacts && !options.rules.some((r) => severityOf(r, options) !== 'off')) return false;
  // Before the size and binary checks: a large file with no tfjs in it deserves no notice.
  if (!mayUseTfjs(text)) return false;
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (text.length > maxBytes) {
    result.notices.push({
      kind: 'skipped',
      message: `File not linted: ${formatBytes(text.length)} is over the ${formatBytes(maxBytes)} limit (setting maxFileSize).`,
    });
    return false;
  }
  if (text.includes('\u0000')) {
    result.notices.push({ kind: 'skipped', message: 'File not linted: it looks binary (contains NUL bytes).' });
    return false;
  }
  return true;
}

/** A finding defers when the rule it defers to (on, since it ran) reported an overlapping range. */
function isDeferred(f: Finding, to: string | undefined, findings: readonly Finding[]): boolean {
  if (!to) return false;
  return findings.some((g) => g.ruleId === to && g.range.start < f.range.end && f.range.start < g.range.end);
}

function collectFactsSafely(file: AnalysisModule.FileAnalysis, result: LintResult): ShapeFact[] {
  try {
    return file.facts();
  } catch (error) {
    result.notices.push({ kind: 'internal-error', message: `Shape facts unavailable: ${describe(error)}` });
    return [];
  }
}

function severityOf(rule: Rule, options: LintOptions): Severity {
  return options.severities?.[rule.meta.id] ?? rule.meta.defaultSeverity;
}

function toFinding(ruleId: string, severity: Finding['severity'], d: ReportDescriptor, file: AnalysisModule.FileAnalysis): Finding {
  const range = d.range ?? (d.node ? file.rangeOf(d.node) : { start: 0, end: 0 });
  return {
    ruleId,
    severity: d.maxSeverity && SEVERITIES.indexOf(d.maxSeverity) < SEVERITIES.indexOf(severity) ? d.maxSeverity : severity,
    message: d.message,
    range,
    start: file.positionAt(range.start),
    end: file.positionAt(range.end),
    fixes: d.fixes ?? [],
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

export type { Notice };
