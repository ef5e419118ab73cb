// The tfjs-lint command. Argument parsing lives in args.ts; each mode is one function here
// (add a mode: a flag in args.ts, a case in main()). This module's own imports stay light:
// the rule registry and TypeScript load only when a file passes the prefilter, a config
// names rules, or a mode needs the rule list.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, HELP, type CliOptions } from './args';
import { collectFiles } from '../workspace/files';
import { isExcluded } from '../workspace/globs';
import { decode, readSource, type ReadResult } from '../workspace/source';
import { lintSource, maxBytesOf, type CliNotice, type FileLintSettings, type FileReport } from './lint-files';
import { format } from './formatters/index';
import { displayPath } from './formatters/stylish';
import { countsOf } from './counts';
import { allRules, ruleCatalog } from './registry';
import { packageVersion } from '../workspace/package';
import { tuneHeapForAnalysis } from '../heap-tuning';
import { cacheTypeScriptCode, codeCacheDir } from '../code-cache';
import { lintCached, openCliCache, type LintedFile } from './cached-lint';
import { tuneCompilerForShortRun } from './compiler-tuning';
import { ConfigResolver, loadConfigFile, type LoadedConfig } from '../workspace/config-files';
import { ProjectFactsResolver } from '../workspace/project-facts';
import { WorkspaceModuleHost } from '../workspace/module-host';
import { Modules } from '../engine/modules';
import { emptyConfig, formatProblem, parseRuleFlag } from '../engine/config';
import type { Severity } from '../engine/types';

export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

export interface Io {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdoutIsTTY: boolean;
  out(text: string): void;
  err(text: string): void;
  readStdin(): Promise<Buffer>;
}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const parsed = parseArgs(argv);
  if ('error' in parsed) {
    io.err(`tfjs-lint: ${parsed.error}\n`);
    return EXIT_USAGE;
  }
  const options = parsed.options;
  switch (options.mode) {
    case 'help':
      io.out(HELP);
      return EXIT_OK;
    case 'version':
      io.out(`${packageVersion()}\n`);
      return EXIT_OK;
    case 'list-rules':
      return listRules(io);
    case 'summary':
      // Loaded on demand: it parses every file with TypeScript, which lint runs avoid.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      return (require('./summary') as typeof import('./summary')).runSummary(options, io);
    default:
      return lint(options, io);
  }
}

function listRules(io: Io): number {
  const rules = allRules();
  const rows = rules.map((r) => [r.meta.id, r.meta.defaultSeverity, r.meta.fixable ? 'fixable' : '', r.meta.description]);
  const widths = [0, 1, 2].map((i) => Math.max(0, ...rows.map((row) => row[i].length)));
  for (const row of rows) io.out(`${row.slice(0, 3).map((cell, i) => cell.padEnd(widths[i])).join('  ')}  ${row[3]}\n`);
  if (rules.length === 0) io.out('(no rules registered)\n');
  return EXIT_OK;
}

async function lint(options: CliOptions, io: Io): Promise<number> {
  const { cwd } = io;
  const usage = (message: string) => {
    io.err(`tfjs-lint: ${message}\n`);
    return EXIT_USAGE;
  };

  // --rule settings (loads the registry: the ids are needed to check them).
  const overrides: Record<string, Severity> = Object.create(null);
  for (const text of options.rules) {
    const flag = parseRuleFlag(text, ruleCatalog().ids);
    if ('error' in flag) return usage(flag.error);
    overrides[flag.id] = flag.severity;
  }

  // Configuration: --no-config, --config FILE (globs relative to the working folder, as
  // ESLint does for -c), or the nearest .tfjslintrc.json above each folder.
  let configFor: (dir: string) => LoadedConfig;
  let resolver: ConfigResolver | undefined;
  if (options.noConfig) {
    const defaults: LoadedConfig = { baseDir: cwd, config: emptyConfig(), problems: [] };
    configFor = () => defaults;
  } else if (options.config !== undefined) {
    const loaded = { ...loadConfigFile(path.resolve(cwd, options.config), ruleCatalog), baseDir: cwd };
    if (loaded.problems.length) return configError(io, [loaded]);
    configFor = () => loaded;
  } else {
    resolver = new ConfigResolver(ruleCatalog, cwd);
    configFor = (dir) => resolver!.forDirectory(dir);
  }

  const reports: FileReport[] = [];
  const projects = new ProjectFactsResolver();
  // One run sees the disk as it is: a module's importers can be searched for its helpers' arguments.
  const modules = new Modules(new WorkspaceModuleHost(undefined, undefined, cwd));
  const settingsFor = (loaded: LoadedConfig): FileLintSettings => ({
    config: loaded.config,
    overrides,
    maxFileSize: options.maxFileSize,
    fix: options.fix || options.fixDryRun,
    reportUnusedDisableDirectives: options.reportUnusedDisableDirectives,
    projectFor: (file) => (path.isAbsolute(file) ? projects.forFile(file) : {}),
    modules,
  });

  if (options.stdin) {
    const named = options.stdinFilename !== undefined ? path.resolve(cwd, options.stdinFilename) : undefined;
    const loaded = configFor(named ? path.dirname(named) : cwd);
    if (loaded.problems.length) return configError(io, [loaded]);
    const filePath = named ?? '<stdin>';
    if (named && isExcluded(loaded, named)) {
      reports.push(skipped(filePath, `ignored: it matches an "exclude" glob of ${loaded.file ?? 'the configuration'}`));
    } else {
      const settings = settingsFor(loaded);
      const read = decode(await io.readStdin(), maxBytesOf(settings));
      reports.push('text' in read ? safeLint(filePath, read.text, settings) : notLinted(filePath, read));
    }
  } else {
    const collected = collectFiles(options.paths, cwd, configFor);
    const broken = resolver?.all().filter((c) => c.problems.length) ?? [];
    if (broken.length) return configError(io, broken);
    if (collected.missing.length) return usage(`no such file or folder: ${collected.missing.join(', ')}`);
    for (const n of collected.notices) io.err(`tfjs-lint: ${displayPath(n.path, cwd)}: ${n.message}\n`);
    const cache = options.cache ? openCliCache(options, io.cwd, (message) => io.err(`tfjs-lint: ${message}\n`)) : undefined;
    for (const target of collected.files) {
      const settings = settingsFor(target.config);
      reports.push(cache ? lintCached(cache, target.path, target.config, settings, options, lintFile) : lintFile(target.path, settings, options).report);
    }
    const problem = cache?.results.save();
    if (problem) io.err(`tfjs-lint: ${problem}\n`);
  }

  for (const report of reports) {
    for (const n of report.notices) io.err(`tfjs-lint: ${displayPath(report.filePath, cwd)}: ${n.message}\n`);
  }

  // SARIF's rule configuration shows the severities of the working folder's config.
  let rootConfig: LoadedConfig['config'] | undefined;
  const rootSeverity = (id: string) => (rootConfig ??= configFor(cwd).config).severities[id];
  const text = format(options.format, reports, {
    cwd,
    color: options.outputFile === undefined && (options.color ?? (io.stdoutIsTTY && !io.env.NO_COLOR)),
    rules: allRules,
    severityOf: (rule) => overrides[rule.meta.id] ?? rootSeverity(rule.meta.id) ?? rule.meta.defaultSeverity,
    version: packageVersion(),
  });
  if (options.outputFile !== undefined) {
    try {
      fs.writeFileSync(path.resolve(cwd, options.outputFile), text);
    } catch (error) {
      io.err(`tfjs-lint: cannot write ${options.outputFile}: ${(error as Error).message}\n`);
      return EXIT_USAGE;
    }
  } else if (text) {
    io.out(text);
  }

  const counts = countsOf(reports);
  if (counts.errorCount > 0) return EXIT_PROBLEMS;
  if (options.maxWarnings !== undefined && counts.warningCount > options.maxWarnings) {
    io.err(`tfjs-lint found too many warnings (maximum: ${options.maxWarnings}, found: ${counts.warningCount}).\n`);
    return EXIT_PROBLEMS;
  }
  return EXIT_OK;
}

/** Lints one file; an unexpected engine failure becomes a notice on that file, never a crash. */
function safeLint(filePath: string, text: string, settings: FileLintSettings): FileReport {
  try {
    return lintSource(filePath, text, settings);
  } catch (error) {
    return { filePath, findings: [], notices: [{ kind: 'internal-error', message: `not linted: internal error (${(error as Error).message})` }], fixesApplied: 0, linted: false };
  }
}

/** Reads, lints and (with --fix) rewrites one file. `wrote` is true when fixed text was written. */
function lintFile(file: string, settings: FileLintSettings, options: CliOptions): LintedFile {
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
function notLinted(filePath: string, read: Exclude<ReadResult, { text: string }>): FileReport {
  if ('quiet' in read) return { filePath, findings: [], notices: [], fixesApplied: 0, linted: false };
  return { ...skipped(filePath, read.notice.message), notices: [read.notice] };
}

function skipped(filePath: string, message: string): FileReport {
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

function configError(io: Io, configs: LoadedConfig[]): number {
  for (const c of configs) for (const p of c.problems) io.err(`tfjs-lint: invalid configuration: ${formatProblem(p)}\n`);
  return EXIT_USAGE;
}

/** Entry point of bin/tfjs-lint.js. */
export function run(): void {
  tuneHeapForAnalysis();
  const v8Flags = tuneCompilerForShortRun(process.env);
  const codeCache = cacheTypeScriptCode(codeCacheDir(process.env), v8Flags);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0); // reader went away (| head)
    throw error;
  });
  const io: Io = {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: process.stdout.isTTY === true,
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    },
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
      codeCache.save();
    },
    (error: unknown) => {
      process.stderr.write(`tfjs-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
