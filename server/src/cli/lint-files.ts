// Linting one file for the CLI (on the main thread or a worker, threads.ts): read it with the
// source checks (workspace/source.ts), run the engine only when the prefilter passes, and for
// --fix apply safe fixes in passes until the text is stable, never keeping a pass that would
// make the file parse worse than it did, then write it.
import * as fs from 'node:fs';
import { lintText } from '../engine/linter';
import { mayUseTfjs } from '../engine/prefilter';
import { applyFixes } from '../engine/fixes';
import { DEFAULT_MAX_FILE_BYTES } from '../engine/linter';
import type { Finding, Fix, ProjectFacts, Severity } from '../engine/types';
import type { Config } from '../engine/config';
import type { Rule } from '../engine/rule';
import type { Modules } from '../engine/modules';
import { allRules } from './registry';
import { noteLintedSource } from './young-generation';
import { readSource, type ReadResult } from '../workspace/source';
import type { CliOptions } from './args';

export const MAX_FIX_PASSES = 10;

export interface CliNotice {
  kind: 'skipped' | 'unreadable' | 'timeout' | 'parse-error' | 'internal-error' | 'fix-rejected' | 'rule-error' | 'write-error';
  message: string;
}

export interface FileReport {
  /** Absolute path (or the --stdin-filename / "<stdin>"). */
  filePath: string;
  findings: Finding[];
  notices: CliNotice[];
  /** The linted text (after fixes); kept only when there are findings (formatters need it for fix ranges). */
  source?: string;
  /** The fixed text, when --fix or --fix-dry-run changed it. */
  output?: string;
  /** How many fixes were applied. */
  fixesApplied: number;
  /** False when the file was skipped (unreadable, binary, too large). */
  linted: boolean;
  /** Other files the findings depend on (local imports the engine followed): --cache checks them too. */
  dependencies?: string[];
  /** Files whose importers the analysis looked for (LintResult.importersRead): --cache keeps the result against their packages (a new importer may appear). */
  importersRead?: string[];
  /** Classic scripts whose pages the analysis looked for (LintResult.pagesRead): --cache keeps the result against the pages near them (a new page may appear). */
  pagesRead?: string[];
}

export interface FileLintSettings {
  config: Config;
  /** --rule overrides, applied over the config. */
  overrides: Readonly<Record<string, Severity>>;
  maxFileSize?: number;
  fix: boolean;
  /** Severity of disable comments that suppress nothing (--report-unused-disable-directives). */
  reportUnusedDisableDirectives?: Severity;
  /** The rules to run; default: the registry (loaded on first use). */
  rules?: readonly Rule[];
  /** What the file's project says (its tfjs version); asked only for files that use tfjs. */
  projectFor?: (filePath: string) => ProjectFacts;
  /** The workspace's modules, shared by every file of the run (relative imports are followed through them). */
  modules?: Modules;
}

/** A file linted by lintFile. */
export interface LintedFile {
  report: FileReport;
  /** True when --fix wrote fixed text to the file. */
  wrote: boolean;
}

export function lintSource(filePath: string, text: string, settings: FileLintSettings): FileReport {
  const report: FileReport = { filePath, findings: [], notices: [], fixesApplied: 0, linted: true };
  // The prefilter runs here, before the registry (and with it TypeScript) is loaded.
  if (!mayUseTfjs(text)) return report;
  noteLintedSource(text.length);

  const severities: Record<string, Severity> = Object.assign(Object.create(null), settings.config.severities, settings.overrides);
  const project = settings.projectFor?.(filePath);
  const lintOnce = (source: string) =>
    lintText(source, {
      fileName: filePath,
      rules: settings.rules ?? allRules(),
      severities,
      ruleOptions: settings.config.ruleOptions,
      maxFileBytes: Number.MAX_SAFE_INTEGER, // the size was checked on the bytes already
      knownRuleIds: (settings.rules ?? allRules()).map((r) => r.meta.id),
      reportUnusedDisableDirectives: settings.reportUnusedDisableDirectives,
      project,
      modules: settings.modules,
    });

  let current = text;
  let result = lintOnce(current);
  if (settings.fix) {
    let baseline: number | undefined; // parsed only when there is something to fix
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const fixes = result.findings.map(preferredFix).filter((f): f is Fix => f !== undefined);
      if (fixes.length === 0) break;
      baseline ??= syntaxErrorCount(filePath, text);
      const next = fixedText(filePath, current, fixes, baseline);
      if (next.rejected) report.notices.push({ kind: 'fix-rejected', message: next.rejected });
      if (next.text === current) break;
      current = next.text;
      report.fixesApplied += next.applied;
      result = lintOnce(current);
    }
    if (current !== text) report.output = current;
  }
  report.findings = result.findings;
  if (result.dependencies) report.dependencies = result.dependencies;
  if (result.importersRead) report.importersRead = result.importersRead;
  if (result.pagesRead) report.pagesRead = result.pagesRead;
  for (const n of result.notices) report.notices.push({ kind: n.kind, message: n.message });
  for (const e of result.ruleErrors) report.notices.push({ kind: 'rule-error', message: `rule ${e.ruleId} failed on this file and was skipped: ${e.error}` });
  if (report.findings.length) report.source = current;
  return report;
}

/** The fix --fix applies for a finding: its first fix marked safe. */
export function preferredFix(finding: Finding): Fix | undefined {
  return finding.fixes.find((f) => f.safe);
}

/**
 * Applies the fixes of one pass. If together they make the file parse worse than before
 * the first pass, falls back to the first single fix that does not; if none, keeps the text.
 */
function fixedText(fileName: string, text: string, fixes: Fix[], baseline: number): { text: string; applied: number; rejected?: string } {
  const all = applyFixes(text, fixes);
  if (syntaxErrorCount(fileName, all.output) <= baseline) return { text: all.output, applied: all.applied.length };
  for (const fix of fixes) {
    const one = applyFixes(text, [fix]);
    if (syntaxErrorCount(fileName, one.output) <= baseline) {
      return { text: one.output, applied: 1, rejected: 'some fixes were not applied together because the result would not parse; applying them one at a time' };
    }
  }
  return { text, applied: 0, rejected: `fixes not applied: the result would not parse (${fixes.map((f) => f.title).join('; ')})` };
}

/** Syntax errors the TypeScript parser reports for a text (the engine's count; loaded lazily: only --fix needs it here). */
export function syntaxErrorCount(fileName: string, text: string): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../engine/fix-guard') as typeof import('../engine/fix-guard')).syntaxErrorCount(fileName, text);
}

export function maxBytesOf(settings: { maxFileSize?: number; config: Config }): number {
  return settings.maxFileSize ?? settings.config.maxFileSize ?? DEFAULT_MAX_FILE_BYTES;
}

/** Lints one file; an unexpected engine failure becomes a notice on that file, never a crash. */
export function safeLint(filePath: string, text: string, settings: FileLintSettings): FileReport {
  try {
    return lintSource(filePath, text, settings);
  } catch (error) {
    return { filePath, findings: [], notices: [{ kind: 'internal-error', message: `not linted: internal error (${(error as Error).message})` }], fixesApplied: 0, linted: false };
  }
}

/** Reads, lints and (with --fix) rewrites one file. `wrote` is true when fixed text was written. */
export function lintFile(file: string, settings: FileLintSettings, options: Pick<CliOptions, 'fix'>): LintedFile {
  const read = readSource(file, maxBytesOf(settings));
  if (!('text' in read)) return { report: notLinted(file, read), wrote: false };
  const report = safeLint(file, read.text, settings);
  if (options.fix && report.output !== undefined) {
    const failure = writeFixed(file, report.output, read.bom, read.utf8);
    if (!failure) return { report, wrote: true };
    // The file keeps its text, so report what is in it.
    const unchanged = safeLint(file, read.text, { ...settings, fix: false });
    unchanged.notices.push(failure);
    return { report: unchanged, wrote: false };
  }
  return { report, wrote: false };
}

/** A file not read: its notice, or (over the size limit with no sign of tfjs) a clean report. */
export function notLinted(filePath: string, read: Exclude<ReadResult, { text: string }>): FileReport {
  if ('quiet' in read) return { filePath, findings: [], notices: [], fixesApplied: 0, linted: false };
  return { ...skipped(filePath, read.notice.message), notices: [read.notice] };
}

export function skipped(filePath: string, message: string): FileReport {
  return { filePath, findings: [], notices: [{ kind: 'skipped', message }], fixesApplied: 0, linted: false };
}

/** Writes fixed text; returns why it was not written, if it was not. */
function writeFixed(file: string, text: string, bom: boolean, utf8: boolean): CliNotice | undefined {
  if (!utf8) return { kind: 'write-error', message: 'fixes not written: the file is not valid UTF-8, and writing it back would change its other bytes' };
  try {
    fs.writeFileSync(file, (bom ? '\ufeff' : '') + text);
    return undefined;
  } catch (error) {
    return { kind: 'write-error', message: `fixes not written: ${(error as Error).message}` };
  }
}
