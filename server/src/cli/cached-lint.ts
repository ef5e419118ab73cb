// The CLI's side of --cache (the store is result-cache.ts): which settings key a file gets,
// when a stored result stands in for a lint, and what is stored after one.
import * as path from 'node:path';
import type { CliOptions } from './args';
import { maxBytesOf, preferredFix, type FileLintSettings, type FileReport, type LintedFile } from './lint-files';
import { ResultCache, cacheFilePath, linterIdentity, type Lookup } from './result-cache';
import { readSource } from '../workspace/source';
import { packageVersion } from '../workspace/package';
import type { LoadedConfig } from '../workspace/config-files';

export interface CliCache {
  results: ResultCache;
  /** The settings key of a file: its config (with --rule and the size limit, computed once per config) and what its project says of tfjs. */
  keyOf(file: string, config: LoadedConfig, settings: FileLintSettings): string;
}

/** Opens the cache --cache-location names; the linter is identified by its version and compiled code. */
export function openCliCache(options: CliOptions, cwd: string, notice: (message: string) => void): CliCache {
  const file = cacheFilePath(options.cacheLocation, cwd);
  const linter = linterIdentity(packageVersion(), [path.resolve(__dirname, '..'), path.resolve(__dirname, '../../../rules')]);
  // The same boundary as the run's module host (lint-setup.ts): importers and pages are searched within cwd.
  const results = ResultCache.open(file, options.cacheStrategy, linter, notice, cwd);
  return {
    results,
    keyOf: (file, config, settings) => {
      const key = results.settingsKey(config, () => ({
        severities: { ...settings.config.severities, ...settings.overrides },
        ruleOptions: settings.config.ruleOptions,
        maxBytes: maxBytesOf(settings),
      }));
      // The tfjs version a page beside the file or package.json pins (rules read it: removed-api).
      const project = settings.projectFor?.(file);
      return project && (project.tfjsMajor !== undefined || project.tfjsFrom !== undefined) ? `${key} tfjs ${project.tfjsMajor ?? '?'} from ${project.tfjsFrom ?? '?'}` : key;
    },
  };
}

/** A file --cache has no result for: linted (here or on a worker), then stored with `storeLinted`. */
export interface CacheMiss {
  key: string;
  fingerprint: Lookup['fingerprint'];
}

/**
 * The stored findings when the file, its settings, its dependencies and the linter are
 * unchanged (with --fix, only when none of them has a fix to apply); otherwise what
 * `storeLinted` needs once the file is linted.
 */
export function lookupCached(cache: CliCache, file: string, config: LoadedConfig, settings: FileLintSettings, options: CliOptions): { report: FileReport } | { miss: CacheMiss } {
  const key = cache.keyOf(file, config, settings);
  const { fingerprint, hit } = cache.results.lookup(file, key);
  const fixing = options.fix || options.fixDryRun;
  if (hit && !(fixing && hit.findings.some((f) => preferredFix(f) !== undefined))) {
    const report: FileReport = { filePath: file, findings: hit.findings, notices: [...hit.notices], fixesApplied: 0, linted: true };
    if (hit.findings.length === 0) return { report };
    // Formatters need the text for fix ranges and json's `source`.
    const read = readSource(file, maxBytesOf(settings));
    if ('text' in read) return { report: { ...report, source: read.text } };
  }
  return { miss: { key, fingerprint } };
}

/** Stores a linted file's findings for the text then on disk (not --fix-dry-run's fixed text). */
export function storeLinted(cache: CliCache, miss: CacheMiss, { report, wrote }: LintedFile): void {
  if (wrote) cache.results.store(report, miss.key); // the fixed text is on disk now: fingerprint it
  else if (report.output === undefined) cache.results.store(report, miss.key, miss.fingerprint);
}

/** The stored findings when they stand (lookupCached); otherwise `lint`'s, stored. */
export function lintCached(
  cache: CliCache,
  file: string,
  config: LoadedConfig,
  settings: FileLintSettings,
  options: CliOptions,
  lint: (file: string, settings: FileLintSettings, options: CliOptions) => LintedFile,
): FileReport {
  const found = lookupCached(cache, file, config, settings, options);
  if ('report' in found) return found.report;
  const linted = lint(file, settings, options);
  storeLinted(cache, found.miss, linted);
  return linted.report;
}
