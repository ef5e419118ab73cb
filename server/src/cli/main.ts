// The tfjs-lint command. Argument parsing lives in args.ts; each mode is one function here
// (add a mode: a flag in args.ts, a case in main()). This module's own imports stay light:
// the rule registry and TypeScript load only when a file passes the prefilter, a config
// names rules, or a mode needs the rule list.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs, HELP, type CliOptions } from './args';
import { collectFiles, type FileTarget } from '../workspace/files';
import { isExcluded } from '../workspace/globs';
import { decode } from '../workspace/source';
import { lintFile, maxBytesOf, notLinted, safeLint, skipped, type FileReport, type LintedFile } from './lint-files';
import { format } from './formatters/index';
import { displayPath } from './formatters/stylish';
import { countsOf } from './counts';
import { allRules } from './registry';
import { packageVersion } from '../workspace/package';
import { lintCached, lookupCached, openCliCache, storeLinted, type CliCache } from './cached-lint';
import type { ShortRunTuning } from './short-run';
import type { LoadedConfig } from '../workspace/config-files';
import { lintSetup, type LintSetup } from './lint-setup';
import type * as ThreadsModule from './threads';
import type { LintWorkers } from './threads';
import { askedThreads, leftToChoose, weighForSecondThread } from './second-thread';
import { formatProblem } from '../engine/config';

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
  // Workers --threads N asks for start first: they load TypeScript while this thread finds files and configs.
  const workers = askedThreads(options) > 1 ? threads().LintWorkers.start(options, io.cwd) : undefined;
  try {
    return await lintWith(options, io, workers);
  } finally {
    workers?.stop();
  }
}

async function lintWith(options: CliOptions, io: Io, workers: LintWorkers | undefined): Promise<number> {
  const { cwd } = io;
  const usage = (message: string) => {
    io.err(`tfjs-lint: ${message}\n`);
    return EXIT_USAGE;
  };
  const setup = lintSetup(options, cwd);
  if ('usage' in setup) return usage(setup.usage);
  if ('broken' in setup) return configError(io, setup.broken);
  const { overrides, configFor, resolver, settingsFor } = setup;

  let reports: FileReport[] = [];
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
    const lintOne = (target: FileTarget) => {
      const settings = settingsFor(target.config);
      return cache ? lintCached(cache, target.path, target.config, settings, options, lintFile) : lintFile(target.path, settings, options).report;
    };
    // One thread: each file is looked up, linted and stored in turn (with --fix, a later file may read one fixed before it).
    if (!workers && !leftToChoose(options)) reports = collected.files.map(lintOne);
    else reports = await lintShared(collected.files, cache, workers, options, io, settingsFor);
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

/**
 * Lints on the workers --threads N started, or on a worker of its own choosing once it knows
 * what the cache leaves to lint, or on this thread (threads.ts): stored results are taken on
 * this thread first, the files without one are linted (shared out, if on threads), and their
 * results stored when all are back.
 */
async function lintShared(
  targets: FileTarget[],
  cache: CliCache | undefined,
  asked: LintWorkers | undefined,
  options: CliOptions,
  io: Io,
  settingsFor: LintSetup['settingsFor'],
): Promise<FileReport[]> {
  const found = targets.map((target) => {
    const settings = settingsFor(target.config);
    return { target, settings, cached: cache ? lookupCached(cache, target.path, target.config, settings, options) : undefined };
  });
  const toLint = found.filter((f) => !(f.cached && 'report' in f.cached));
  const settingsOf = new Map(toLint.map((f) => [f.target.path, f.settings]));
  const files = toLint.map((f) => f.target.path);
  const lintHere = (file: string) => lintFile(file, settingsOf.get(file)!, options);
  const weights = asked ? undefined : weighForSecondThread(files);
  const workers = asked ?? (weights ? threads().LintWorkers.startChosen(options, io.cwd) : undefined);
  let linted: LintedFile[];
  try {
    linted = workers ? await threads().lintOnThreads(files, io.cwd, lintHere, workers, (message) => io.err(`tfjs-lint: ${message}\n`), weights) : files.map(lintHere);
  } finally {
    if (workers !== asked) workers?.stop();
  }
  const lintedOf = new Map(toLint.map((f, i) => [f.target.path, linted[i]]));
  return found.map(({ target, cached }) => {
    if (cached && 'report' in cached) return cached.report;
    const result = lintedOf.get(target.path)!;
    if (cache && cached) storeLinted(cache, cached.miss, result);
    return result.report;
  });
}

function configError(io: Io, configs: LoadedConfig[]): number {
  for (const c of configs) for (const p of c.problems) io.err(`tfjs-lint: invalid configuration: ${formatProblem(p)}\n`);
  return EXIT_USAGE;
}

/** What run() tells worker threads: its code cache and V8 flags (threads.ts, configureWorkers). */
let workerSetup: Parameters<typeof ThreadsModule.configureWorkers>[0] | undefined;

/**
 * threads.ts, loaded only when a second thread is used (with worker_threads, ~5 ms of a run
 * that --cache answers in ~100 ms of its own work).
 */
function threads(): typeof ThreadsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('./threads') as typeof ThreadsModule;
  if (workerSetup) loaded.configureWorkers(workerSetup);
  return loaded;
}

/** What entry.ts set up before loading this module: V8's tuning and the code caches. */
export interface RunSetup extends ShortRunTuning {
  codeCacheDir: string | undefined;
  /** tfjs-lint's compiled code when its modules come from the code cache (own-code-cache.ts). */
  ownCodeDir: string | undefined;
  /** Writes the code caches that missed (after the run). */
  saveCodeCaches(): void;
}

/** Runs the command (bin/tfjs-lint.js, through entry.ts). */
export function run(setup: RunSetup): void {
  const { flags: v8Flags, holdsYoungGeneration, codeCacheDir: cacheDir, ownCodeDir } = setup;
  workerSetup = { codeCacheDir: cacheDir, ownCodeDir, v8Flags, holdsYoungGeneration };
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
      setup.saveCodeCaches();
    },
    (error: unknown) => {
      process.stderr.write(`tfjs-lint: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = EXIT_USAGE;
    },
  );
}
