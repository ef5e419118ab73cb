// Command-line parsing, kept apart from what the modes do so a new mode (a flag plus a
// handler in main.ts) is a small change. Parsing never touches the file system.
import { CACHE_STRATEGIES, type CacheStrategy } from './result-cache';

/** More threads than this only add memory (each has its own TypeScript and modules). */
export const MAX_THREADS = 16;

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** What the invocation asks for. `lint` is the default; the others print and exit. */
export type Mode = 'lint' | 'list-rules' | 'version' | 'help' | 'summary';

export interface CliOptions {
  mode: Mode;
  paths: string[];
  format: Format;
  /** Apply safe fixes and rewrite files. */
  fix: boolean;
  /** Compute safe fixes without writing (the json format then carries `output`). */
  fixDryRun: boolean;
  /** Raw `id:severity` settings from --rule, in order (validated against the registry later). */
  rules: string[];
  maxWarnings?: number;
  /** Severity of disable comments that suppress nothing; undefined: not reported. */
  reportUnusedDisableDirectives?: 'off' | 'info' | 'warning' | 'error';
  stdin: boolean;
  stdinFilename?: string;
  config?: string;
  noConfig: boolean;
  maxFileSize?: number;
  outputFile?: string;
  /** undefined: colour when stdout is a TTY and NO_COLOR is unset. */
  color?: boolean;
  /** Keep findings between runs (result-cache.ts). */
  cache: boolean;
  cacheLocation?: string;
  cacheStrategy: CacheStrategy;
  /** Threads to lint on (threads.ts); undefined or auto (the default): two when a CPU is idle and the files are worth it (second-thread.ts), else one. */
  threads?: number | 'auto';
}

export type ParsedArgs = { options: CliOptions } | { error: string };

interface FlagSpec {
  /** Takes a value (`--flag value` or `--flag=value`). */
  value?: boolean;
  apply(options: CliOptions, value: string): string | void;
}

const FLAGS: Record<string, FlagSpec> = {
  '--format': {
    value: true,
    apply(o, v) {
      if (!(FORMATS as readonly string[]).includes(v)) return `--format: unknown format "${v}"; allowed: ${FORMATS.join(', ')}`;
      o.format = v as Format;
    },
  },
  '--fix': { apply: (o) => void (o.fix = true) },
  '--fix-dry-run': { apply: (o) => void (o.fixDryRun = true) },
  '--rule': { value: true, apply: (o, v) => void o.rules.push(v) },
  '--max-warnings': {
    value: true,
    apply(o, v) {
      if (!/^\d+$/.test(v)) return `--max-warnings expects a whole number >= 0, got "${v}"`;
      o.maxWarnings = Number(v);
    },
  },
  '--report-unused-disable-directives': { apply: (o) => void (o.reportUnusedDisableDirectives = 'error') },
  '--report-unused-disable-directives-severity': {
    value: true,
    apply(o, v) {
      const allowed = ['off', 'info', 'warning', 'error'] as const;
      if (!(allowed as readonly string[]).includes(v)) return `--report-unused-disable-directives-severity: unknown severity "${v}"; allowed: ${allowed.join(', ')}`;
      o.reportUnusedDisableDirectives = v as (typeof allowed)[number];
    },
  },
  '--stdin': { apply: (o) => void (o.stdin = true) },
  '--stdin-filename': { value: true, apply: (o, v) => void (o.stdinFilename = v) },
  '--config': { value: true, apply: (o, v) => void (o.config = v) },
  '--no-config': { apply: (o) => void (o.noConfig = true) },
  '--max-file-size': {
    value: true,
    apply(o, v) {
      const bytes = parseSize(v);
      if (bytes === undefined) return `--max-file-size expects a size in bytes (or with a unit: 500KB, 4MB), got "${v}"`;
      o.maxFileSize = bytes;
    },
  },
  '--output-file': { value: true, apply: (o, v) => void (o.outputFile = v) },
  '--cache': { apply: (o) => void (o.cache = true) },
  '--cache-location': { value: true, apply: (o, v) => void (o.cacheLocation = v) },
  '--cache-strategy': {
    value: true,
    apply(o, v) {
      if (!(CACHE_STRATEGIES as readonly string[]).includes(v)) return `--cache-strategy: unknown strategy "${v}"; allowed: ${CACHE_STRATEGIES.join(', ')}`;
      o.cacheStrategy = v as CacheStrategy;
    },
  },
  '--threads': {
    value: true,
    apply(o, v) {
      if (v === 'auto') o.threads = v;
      else if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > MAX_THREADS) return `--threads expects auto or a whole number from 1 to ${MAX_THREADS}, got "${v}"`;
      else o.threads = Number(v);
    },
  },
  '--color': { apply: (o) => void (o.color = true) },
  '--no-color': { apply: (o) => void (o.color = false) },
  '--list-rules': { apply: (o) => void (o.mode = 'list-rules') },
  '--summary': { apply: (o) => void (o.mode = 'summary') },
  '--version': { apply: (o) => void (o.mode = 'version') },
  '--help': { apply: (o) => void (o.mode = 'help') },
};

const SHORT: Record<string, string> = { '-f': '--format', '-c': '--config', '-o': '--output-file', '-h': '--help', '-v': '--version' };

export function parseArgs(argv: readonly string[]): ParsedArgs {
  const options: CliOptions = { mode: 'lint', paths: [], format: 'stylish', fix: false, fixDryRun: false, rules: [], stdin: false, noConfig: false, cache: false, cacheStrategy: 'metadata' };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      options.paths.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      options.paths.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = SHORT[arg] ?? (eq > 0 ? arg.slice(0, eq) : arg);
    const spec = FLAGS[name];
    if (!spec || !Object.prototype.hasOwnProperty.call(FLAGS, name)) {
      return { error: `unknown option "${arg}" (see tfjs-lint --help)` };
    }
    let value = '';
    if (spec.value) {
      if (eq > 0) value = arg.slice(eq + 1);
      else if (i + 1 < argv.length) value = argv[++i];
      else return { error: `${name} needs a value` };
    } else if (eq > 0) {
      return { error: `${name} takes no value` };
    }
    const error = spec.apply(options, value);
    if (error) return { error };
  }
  if (options.mode !== 'lint') return { options };
  if (options.stdin && options.paths.length) return { error: '--stdin lints standard input; do not also give paths' };
  if (options.stdinFilename !== undefined && !options.stdin) return { error: '--stdin-filename needs --stdin' };
  if (options.stdin && options.fix) return { error: '--fix cannot rewrite standard input; use --fix-dry-run with --format json to get the fixed text' };
  if (options.fix && options.fixDryRun) return { error: '--fix and --fix-dry-run cannot be used together' };
  if (options.config !== undefined && options.noConfig) return { error: '--config and --no-config cannot be used together' };
  if (!options.stdin && options.paths.length === 0) options.paths.push('.');
  return { options };
}

function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(b|kb|k|mb|m)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 'b').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  const bytes = Math.floor(Number(m[1]) * factor);
  return bytes > 0 ? bytes : undefined;
}

export const HELP = `Usage: tfjs-lint [options] [paths...]

Lints TensorFlow.js model code (.js .mjs .cjs .ts .mts .cts .jsx .tsx) in the given files and
folders (default: the current folder). Folders named node_modules, .git, out, dist, build and
coverage are skipped, as are the "exclude" globs of .tfjslintrc.json.

Options:
  -f, --format <name>       stylish (default), json (ESLint's json shape) or sarif (SARIF 2.1.0)
  --fix                     apply safe fixes and rewrite the files
  --fix-dry-run             compute safe fixes without writing (json output carries "output")
  --rule <id>:<severity>    set a rule's severity (off, info, warning, error); repeatable
  --max-warnings <n>        exit with 1 when there are more than n warnings
  --report-unused-disable-directives
                            report tfjs-lint-disable comments that suppress nothing (as errors)
  --report-unused-disable-directives-severity <off|info|warning|error>
                            the same, at the given severity
  --stdin                   lint standard input
  --stdin-filename <file>   the file name to lint standard input as (and to find its config)
  -c, --config <file>       use this config file instead of the nearest .tfjslintrc.json
  --no-config               ignore .tfjslintrc.json files
  --max-file-size <size>    skip larger files (bytes, or 500KB, 4MB; default 2MB)
  -o, --output-file <file>  write the report to a file instead of standard output
  --cache                   keep each file's findings and reuse them while the file, its
                            config and the linter are unchanged
  --cache-location <path>   the cache file, or a folder for it (default: .tfjslintcache)
  --cache-strategy <name>   how a changed file is noticed: metadata (size and mtime, the
                            default) or content (a hash of its bytes)
  --threads <n|auto>        lint on n threads, each with its own TypeScript (default auto:
                            two when a CPU is idle and there is enough tfjs code to pay
                            for the second, else one; a second thread costs ~50 MB of
                            memory; --threads 1 keeps to one)
  --color, --no-color       force colours on or off (default: on for a terminal, unless NO_COLOR)
  --list-rules              list the rules with their default severity and exit
  --summary                 print each model's static model.summary() (layers, shapes, params;
                            unknowns as ?) instead of linting; with --format json, as data
  -v, --version             print the version and exit
  -h, --help                print this help and exit

Exit codes: 0 no errors; 1 errors found, or more warnings than --max-warnings;
2 usage or configuration error.
`;
