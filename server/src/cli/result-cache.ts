// `--cache`: each file's findings kept between runs (as ESLint's --cache), so a second run over
// an unchanged tree reads no source and loads no TypeScript. A cached result is used only when
// everything it came from is unchanged:
//   - the file: its size and mtime (--cache-strategy metadata, the default) or its content hash
//     (content: survives checkouts and copies that touch mtimes);
//   - the settings that apply to it: severities and rule options after --rule, the size limit,
//     what its project says of tfjs (the version a page beside it or package.json pins);
//   - the linter: its version and its compiled code (rule set and defaults are in that code);
//   - the files the result depends on (FileReport.dependencies: local imports the engine
//     followed, importers and page scripts it read), each by the same strategy;
//   - for a result that looked for a module's importers (FileReport.importersRead): the
//     package.json files that decide its package and whether it is an entry point, and the
//     package, by the list of its source files and each one's fingerprint (a new importer may
//     appear, an alias go away);
//   - for a result that looked for a classic script's pages (FileReport.pagesRead): the folders
//     searched for them, by the list of their HTML pages and each page's fingerprint, and the
//     local scripts those pages load, present or not, as dependencies (a new page may load the
//     script, a page load another script, a missing script appear).
// Only findings and the notices that follow from the text are kept, never fixed output. The
// cache is one JSON file; a damaged one is ignored and rewritten, a file that is not a
// tfjs-lint cache is ignored and left alone, and a cache that cannot be written costs only
// the cache.
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_MODULE_BYTES, packageLookup, packageSourceFiles, pageFolders, pagesIn, scriptsLoadedBy } from '../workspace/module-host';
import { readSource } from '../workspace/source';
import type { Finding } from '../engine/types';
import type { CliNotice, FileReport } from './lint-files';

export const CACHE_STRATEGIES = ['metadata', 'content'] as const;
export type CacheStrategy = (typeof CACHE_STRATEGIES)[number];

/** The default --cache-location, in the working folder (ESLint's is .eslintcache). */
export const DEFAULT_CACHE_FILE = '.tfjslintcache';
const TOOL = 'tfjs-lint-cache';
const FORMAT = 1;

/** Notices that depend on the machine or on a bug, not on the text: never replayed from the cache. */
const TRANSIENT: ReadonlySet<CliNotice['kind']> = new Set(['timeout', 'internal-error', 'rule-error', 'write-error', 'fix-rejected']);

interface Entry {
  fingerprint: string;
  settings: string;
  dependencies: Record<string, string>;
  /**
   * For a result that looked for a module's importers: each package searched for them, by the
   * signature of its source files (which exist, and each one's fingerprint), so a new
   * importer anywhere in it, or an edited file, lints the file again.
   */
  packages?: Record<string, string>;
  /** For a result that looked for a classic script's pages: each folder searched for them, by its pages and each one's fingerprint. */
  pageFolders?: Record<string, string>;
  findings: Finding[];
  notices: CliNotice[];
}

interface CacheFile {
  tool: typeof TOOL;
  format: typeof FORMAT;
  linter: string;
  strategy: CacheStrategy;
  files: Record<string, Entry>;
}

/** A cached result, ready to become a FileReport (the text is read only when there are findings). */
export interface CachedResult {
  findings: Finding[];
  notices: CliNotice[];
}

export interface Lookup {
  /** The file's fingerprint now (taken before it is read, so a later edit is never hidden). */
  fingerprint: string | undefined;
  hit?: CachedResult;
}

/**
 * Where the cache lives: --cache-location as given, or, when it names a folder (an existing
 * one, or a path ending in a separator), a file in it named after the working folder.
 */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (location === undefined) return path.join(cwd, DEFAULT_CACHE_FILE);
  const resolved = path.resolve(cwd, location);
  const namesFolder = /[\\/]$/.test(location) || isDirectory(resolved);
  if (!namesFolder) return resolved;
  const hash = crypto.createHash('sha256').update(cwd).digest('hex').slice(0, 12);
  return path.join(resolved, `${DEFAULT_CACHE_FILE}_${hash}`);
}

export class ResultCache {
  private files: Record<string, Entry> = Object.create(null);
  private changed = false;
  /** False when the file at the location is not a cache of ours: it is then never overwritten. */
  private writable = true;
  private readonly settingsKeys = new WeakMap<object, string>();
  /** Each package's and each page folder's signature, and the files a folder's pages load, taken once per run (one run sees the disk as it is). */
  private readonly packageSignatures = new Map<string, string | undefined>();
  private readonly folderSignatures = new Map<string, string>();
  private readonly folderScripts = new Map<string, string[]>();
  private readonly fingerprints = new Map<string, string | undefined>();

  private constructor(
    readonly file: string,
    readonly strategy: CacheStrategy,
    private readonly linter: string,
    private readonly boundary?: string,
  ) {}

  /**
   * Opens the cache file (missing is fine). `linter` identifies the linter's version and code;
   * a cache from another linter or strategy starts empty. Problems go to `notice`.
   * `boundary` is the folder within which the run's module host searched importers and pages
   * (workspace/module-host.ts); without it, results that looked for them are not kept.
   */
  static open(file: string, strategy: CacheStrategy, linter: string, notice: (message: string) => void, boundary?: string): ResultCache {
    const cache = new ResultCache(file, strategy, linter, boundary);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') notice(`cache ${file} not read (${code ?? (error as Error).message}); linting without it`);
      if (code === 'EISDIR') cache.writable = false;
      return cache;
    }
    if (text.trim() === '') return cache;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!isCacheFile(parsed)) {
      const ours = text.startsWith(`{"tool":"${TOOL}"`);
      cache.writable = ours;
      notice(
        ours
          ? `cache ${file} is damaged; ignored, and rewritten after this run`
          : `${file} is not a tfjs-lint cache; ignored and left as it is (choose another --cache-location)`,
      );
      return cache;
    }
    if (parsed.linter === linter && parsed.strategy === strategy) cache.files = Object.assign(Object.create(null), parsed.files);
    else cache.changed = true; // another linter build or strategy: its entries are dropped
    return cache;
  }

  /** A key for the settings that apply to a file; memoised per settings object. */
  settingsKey(settings: object, parts: () => unknown): string {
    let key = this.settingsKeys.get(settings);
    if (key === undefined) {
      key = sha256(stableJson(parts()));
      this.settingsKeys.set(settings, key);
    }
    return key;
  }

  lookup(file: string, settingsKey: string): Lookup {
    const fingerprint = this.fingerprint(file);
    const entry = this.files[file];
    if (fingerprint === undefined || !entry || entry.fingerprint !== fingerprint || entry.settings !== settingsKey) return { fingerprint };
    for (const [dependency, was] of Object.entries(entry.dependencies)) {
      if ((this.fingerprint(dependency) ?? 'missing') !== was) return { fingerprint };
    }
    for (const [root, was] of Object.entries(entry.packages ?? {})) {
      if (this.packageSignature(root) !== was) return { fingerprint };
    }
    for (const [folder, was] of Object.entries(entry.pageFolders ?? {})) {
      if (this.folderSignature(folder) !== was) return { fingerprint };
    }
    return { fingerprint, hit: { findings: entry.findings, notices: entry.notices } };
  }

  /**
   * Keeps a file's result. `fingerprint` is the file's as it was read (lookup's), or undefined
   * to take it now (after --fix wrote the file). Results with transient notices are not kept.
   */
  store(report: FileReport, settingsKey: string, fingerprint = this.fingerprint(report.filePath, true)): void {
    const files = new Set(report.dependencies);
    const packages = this.importerPackages(report.importersRead ?? [], files);
    const folders = this.pageFolders(report.pagesRead ?? [], files);
    if (fingerprint === undefined || !report.linted || !packages || !folders || report.notices.some((n) => TRANSIENT.has(n.kind))) {
      if (this.files[report.filePath]) {
        delete this.files[report.filePath];
        this.changed = true;
      }
      return;
    }
    files.delete(report.filePath);
    const dependencies: Record<string, string> = {};
    for (const d of [...files].sort()) dependencies[d] = this.fingerprint(d) ?? 'missing';
    const entry: Entry = { fingerprint, settings: settingsKey, dependencies, findings: report.findings, notices: report.notices };
    if (Object.keys(packages).length) entry.packages = packages;
    if (Object.keys(folders).length) entry.pageFolders = folders;
    this.files[report.filePath] = entry;
    this.changed = true;
  }

  /**
   * The packages searched for the importers of `modules`, with their signatures; the
   * package.json files that decide each module's package (and whether it is the package's
   * entry point) join `files`. Undefined when a signature cannot be taken (no boundary, too
   * many files).
   */
  private importerPackages(modules: readonly string[], files: Set<string>): Record<string, string> | undefined {
    const packages: Record<string, string> = {};
    if (modules.length && this.boundary === undefined) return undefined;
    for (const module of modules) {
      const { manifests, root } = packageLookup(module, this.boundary!);
      for (const m of manifests) files.add(m);
      if (root === undefined || root in packages) continue;
      const signature = this.packageSignature(root);
      if (signature === undefined) return undefined;
      packages[root] = signature;
    }
    return packages;
  }

  /**
   * The folders searched for the pages of `scripts`, with their signatures (pageFolders); each
   * local script a page there loads joins `files`. Undefined when there is no boundary.
   */
  private pageFolders(scripts: readonly string[], files: Set<string>): Record<string, string> | undefined {
    const folders: Record<string, string> = {};
    if (scripts.length && this.boundary === undefined) return undefined;
    for (const script of scripts) {
      if (!path.isAbsolute(script)) continue;
      for (const folder of pageFolders(script, this.boundary!)) {
        if (folder in folders) continue;
        folders[folder] = this.folderSignature(folder);
        for (const f of this.scriptsOfPages(folder)) files.add(f);
      }
    }
    return folders;
  }

  /** The local scripts a folder's pages load (present or not). */
  private scriptsOfPages(folder: string): string[] {
    let out = this.folderScripts.get(folder);
    if (out) return out;
    out = [];
    for (const page of pagesIn(folder)) {
      const read = readSource(page, MAX_MODULE_BYTES);
      if ('text' in read) out.push(...(scriptsLoadedBy(read.text, folder) ?? []));
    }
    this.folderScripts.set(folder, out);
    return out;
  }

  /** Which HTML pages a folder has and each one's fingerprint, as one hash. */
  private folderSignature(folder: string): string {
    let signature = this.folderSignatures.get(folder);
    if (signature === undefined) {
      const pages = pagesIn(folder).sort();
      this.folderSignatures.set(folder, (signature = sha256(pages.map((p) => `${p}\0${this.fingerprint(p) ?? 'missing'}`).join('\n'))));
    }
    return signature;
  }

  /** Which source files a package has and each one's fingerprint, as one hash. */
  private packageSignature(root: string): string | undefined {
    if (this.packageSignatures.has(root)) return this.packageSignatures.get(root);
    const files = packageSourceFiles(root)?.sort();
    const signature = files && sha256(files.map((f) => `${f}\0${this.fingerprint(f) ?? 'missing'}`).join('\n'));
    this.packageSignatures.set(root, signature);
    return signature;
  }

  /** Writes the cache if anything changed; entries of files that no longer exist are dropped. Returns a problem, if any. */
  save(): string | undefined {
    if (!this.changed) return undefined;
    if (!this.writable) return undefined;
    for (const file of Object.keys(this.files)) {
      if (!fs.existsSync(file)) delete this.files[file];
    }
    const data: CacheFile = { tool: TOOL, format: FORMAT, linter: this.linter, strategy: this.strategy, files: this.files };
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      fs.writeFileSync(tmp, JSON.stringify(data));
      fs.renameSync(tmp, this.file);
      this.changed = false;
      return undefined;
    } catch (error) {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // nothing was written
      }
      return `cache not written to ${this.file}: ${(error as Error).message}`;
    }
  }

  /**
   * size:mtime (metadata) or the content's hash; undefined when the file cannot be read. Taken
   * once per run (many results share a dependency): a fingerprint kept can only be older than
   * the text then read, which costs a lint on the next run, never a stale result. `fresh`
   * (a file --fix wrote) takes it again for that file's own entry only: the others keep the
   * one from before the fix, since the run's modules may have read the text from before it.
   */
  private fingerprint(file: string, fresh = false): string | undefined {
    if (fresh) return this.takeFingerprint(file);
    if (this.fingerprints.has(file)) return this.fingerprints.get(file);
    const fingerprint = this.takeFingerprint(file);
    this.fingerprints.set(file, fingerprint);
    return fingerprint;
  }

  private takeFingerprint(file: string): string | undefined {
    try {
      // Many dependencies are files that do not exist (ModuleHost.probed): no exception for those.
      const stat = fs.statSync(file, { throwIfNoEntry: false });
      if (!stat?.isFile()) return undefined;
      return this.strategy === 'content' ? sha256(fs.readFileSync(file)) : `${stat.size}:${stat.mtimeMs}`;
    } catch {
      return undefined;
    }
  }
}

/**
 * The linter's identity for the cache: its version and a stamp of its compiled code (the
 * engine and the rules; a rebuild or an upgrade changes it), read from the file system
 * without loading the rules or TypeScript.
 */
export function linterIdentity(version: string, codeFolders: readonly string[]): string {
  const hash = crypto.createHash('sha256').update(version);
  for (const folder of codeFolders) {
    const names: string[] = [];
    compiledFilesIn(folder, '', names);
    names.sort();
    for (const name of names) {
      try {
        const stat = fs.statSync(path.join(folder, name));
        hash.update(`\n${name}:${stat.size}:${stat.mtimeMs}`);
      } catch {
        // vanished while walking: leave it out
      }
    }
  }
  return `${version}+${hash.digest('hex').slice(0, 16)}`;
}

/**
 * The .js files under `folder`, as paths relative to it. A walk of its own: Node 20's
 * `readdirSync(folder, { recursive: true })` took 15-33 ms over the linter's 140 files and their
 * .d.ts and .map neighbours, this walk 2-8 ms (a `--cache` run over an unchanged tree is ~120 ms
 * of work after Node's start).
 */
function compiledFilesIn(folder: string, relative: string, into: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(folder, relative), { withFileTypes: true });
  } catch {
    return; // a folder that is not there (or vanished while walking) adds nothing
  }
  for (const entry of entries) {
    const name = relative ? `${relative}/${entry.name}` : entry.name;
    if (entry.isDirectory()) compiledFilesIn(folder, name, into);
    else if (entry.name.endsWith('.js')) into.push(name);
  }
}

function isCacheFile(value: unknown): value is CacheFile {
  const v = value as Partial<CacheFile> | undefined;
  return (
    typeof v === 'object' && v !== null && v.tool === TOOL && v.format === FORMAT && typeof v.linter === 'string' &&
    (CACHE_STRATEGIES as readonly unknown[]).includes(v.strategy) && typeof v.files === 'object' && v.files !== null &&
    Object.values(v.files).every(isEntry)
  );
}

function isSignatures(v: unknown): boolean {
  return v === undefined || (typeof v === 'object' && v !== null && Object.values(v).every((x) => typeof x === 'string'));
}

function isEntry(e: unknown): e is Entry {
  const v = e as Partial<Entry> | undefined;
  return (
    typeof v === 'object' && v !== null && typeof v.fingerprint === 'string' && typeof v.settings === 'string' &&
    typeof v.dependencies === 'object' && v.dependencies !== null &&
    isSignatures(v.packages) && isSignatures(v.pageFolders) &&
    Array.isArray(v.findings) && v.findings.every(isFinding) &&
    Array.isArray(v.notices) && v.notices.every((n) => typeof n?.kind === 'string' && typeof n.message === 'string')
  );
}

/** Findings are checked as deeply as the formatters read them, so an edited cache cannot crash a run. */
function isFinding(f: Finding | undefined): boolean {
  const isPos = (p: { line?: unknown; column?: unknown } | undefined) => typeof p?.line === 'number' && typeof p.column === 'number';
  return (
    typeof f?.ruleId === 'string' && typeof f.message === 'string' && ['info', 'warning', 'error'].includes(f.severity) &&
    typeof f.range?.start === 'number' && typeof f.range.end === 'number' && isPos(f.start) && isPos(f.end) && Array.isArray(f.fixes) &&
    f.fixes.every((x) => typeof x?.title === 'string' && typeof x.safe === 'boolean' && Array.isArray(x.edits) &&
      x.edits.every((e) => typeof e?.start === 'number' && typeof e.end === 'number' && typeof e.newText === 'string'))
  );
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function sha256(data: string | Buffer): string {
  return crypto.createHash('sha256').update(data).digest('hex');
}

/** JSON with object keys sorted, so equal settings give equal keys. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}
