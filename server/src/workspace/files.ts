// Which files a run lints, the same for the CLI and the editor's workspace lint: the paths
// given, folders walked in a stable order. Skips the usual dependency and build folders and
// the exclude globs (globs.ts); never follows a symlinked folder (cycles, and trees outside
// the project), nor a symlinked file that leads out of the folder being walked.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LoadedConfig } from './config-files';
import { isExcluded, isIncluded, isInside, type GlobSet } from './globs';

/** Scripts, and the hosts of <script> blocks (engine/script-blocks.ts). */
export const EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx', '.html', '.htm', '.vue', '.svelte'];
export const SKIPPED_FOLDERS = new Set(['node_modules', '.git', 'out', 'dist', 'build', 'coverage']);

export interface FileTarget {
  /** Absolute path. */
  path: string;
  config: LoadedConfig;
}

export interface CollectedFiles {
  files: FileTarget[];
  /** Paths passed but skipped, with why (shown on stderr). */
  notices: { path: string; message: string }[];
  /** Paths that do not exist: a usage error. */
  missing: string[];
}

export interface WalkOptions {
  /** The configuration that applies to files in a folder. */
  configFor(dir: string): LoadedConfig;
  /** Replaces every config's include globs (the editor's `tfjsLint.include`, when the user set it). */
  include?: GlobSet;
  /** Excluded on top of every config's exclude globs (the editor's `tfjsLint.exclude`). */
  exclude?: GlobSet;
  /** Hears of files and folders left out for a reason the user should know. */
  notice(path: string, message: string): void;
  /** What the walked folder is called in notices (default: "the folder being linted"). */
  rootName?: string;
  /** Checked before each folder: true ends the walk early (a cancelled workspace lint). */
  stop?(): boolean;
}

export function hasLintableExtension(file: string): boolean {
  const dot = file.lastIndexOf('.');
  return dot >= 0 && EXTENSIONS.includes(file.slice(dot).toLowerCase()) && !file.endsWith('.d.ts');
}

/** Inside a `node_modules` folder: never linted, even when open in the editor. */
export function isDependency(file: string): boolean {
  return file.split(path.sep).includes('node_modules');
}

/** Excluded by the config's globs or by the extra globs (editor settings). */
export function isIgnored(loaded: LoadedConfig, file: string, extra?: GlobSet): boolean {
  return isExcluded(loaded, file) || (extra?.matchesFileOrFolder(file) ?? false);
}

/** Would a walk of `root` visit this file? (For a single file that changed on disk.) */
export function isWalked(root: string, file: string, options: Pick<WalkOptions, 'configFor' | 'include' | 'exclude'>): boolean {
  const rel = path.relative(root, file);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  if (rel.split(path.sep).slice(0, -1).some((part) => SKIPPED_FOLDERS.has(part))) return false;
  const config = options.configFor(path.dirname(file));
  return hasLintableExtension(file) && !isIgnored(config, file, options.exclude) && included(config, file, options.include);
}

/** The lintable files under a folder, depth first, each folder's entries in name order. */
export function* walkFolder(root: string, options: WalkOptions): Generator<FileTarget> {
  yield* walkIn(root, realpathOrSelf(root), options);
}

function* walkIn(dir: string, realRoot: string, options: WalkOptions): Generator<FileTarget> {
  if (options.stop?.()) return;
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    options.notice(dir, `folder not read: ${(error as Error).message}`);
    return;
  }
  const config = options.configFor(dir);
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      // A symlinked file is linted when it stays inside the folder being walked; a dangling
      // link with a lintable name is kept so the reader reports it as unreadable.
      const target = statOrUndefined(full);
      if (target?.isDirectory()) continue;
      if (target && !isInside(realpathOrSelf(full), realRoot)) {
        if (hasLintableExtension(entry.name)) options.notice(full, `not linted: a symbolic link to a file outside ${options.rootName ?? 'the folder being linted'}`);
        continue;
      }
      isFile = !target || target.isFile();
      isDir = false;
    }
    if (isDir) {
      if (!SKIPPED_FOLDERS.has(entry.name) && !isIgnored(config, full, options.exclude)) yield* walkIn(full, realRoot, options);
    } else if (isFile && hasLintableExtension(entry.name) && !isIgnored(config, full, options.exclude) && included(config, full, options.include)) {
      yield { path: full, config };
    }
  }
}

function included(config: LoadedConfig, file: string, override: GlobSet | undefined): boolean {
  return override ? override.matchesFile(file) : isIncluded(config, file);
}

/**
 * Expands the CLI's paths into files. A file named explicitly is linted whatever its
 * extension (as ESLint does) unless an exclude glob matches it; files found in folders must
 * have a lintable extension and match the include globs, if any.
 */
export function collectFiles(paths: readonly string[], cwd: string, configFor: (dir: string) => LoadedConfig): CollectedFiles {
  const result: CollectedFiles = { files: [], notices: [], missing: [] };
  const seen = new Set<string>();
  const add = (target: FileTarget) => {
    if (!seen.has(target.path)) {
      seen.add(target.path);
      result.files.push(target);
    }
  };
  const notice = (p: string, message: string) => result.notices.push({ path: p, message });

  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const stat = statOrUndefined(absolute);
    if (!stat) {
      if (lstatOrUndefined(absolute)) add({ path: absolute, config: configFor(path.dirname(absolute)) }); // dangling link: reported when read
      else result.missing.push(given);
      continue;
    }
    const config = configFor(stat.isDirectory() ? absolute : path.dirname(absolute));
    if (isExcluded(config, absolute)) {
      notice(absolute, `ignored: it matches an "exclude" glob of ${config.file ?? 'the configuration'}`);
      continue;
    }
    if (stat.isDirectory()) for (const target of walkFolder(absolute, { configFor, notice })) add(target);
    else add({ path: absolute, config });
  }
  return result;
}

function realpathOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/**
 * True when `p` is a file. Probes (a module's extensions, a config file in every folder up)
 * mostly find nothing, so a missing path is answered without an exception: a thrown one costs
 * about 45 us more (348 failed probes in a run over the official examples).
 */
export function isFile(p: string): boolean {
  try {
    return fs.statSync(p, { throwIfNoEntry: false })?.isFile() === true;
  } catch {
    return false; // not a folder on the way, no permission, a name too long
  }
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}
