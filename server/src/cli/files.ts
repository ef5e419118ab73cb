// Which files a run lints: the paths given, folders walked in a stable order. Skips the usual
// dependency and build folders and the config's exclude globs; never follows a symlinked
// folder (cycles, and trees outside the project). Globs are matched against the path
// relative to the config's base folder; a glob without a slash matches a name at any depth.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import type { LoadedConfig } from '../config-file';

export const EXTENSIONS = ['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx'];
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

interface Matchers {
  include?: (p: string) => boolean;
  exclude?: (p: string) => boolean;
}
const matcherCache = new WeakMap<LoadedConfig, Matchers>();

function matchersOf(loaded: LoadedConfig): Matchers {
  let m = matcherCache.get(loaded);
  if (!m) {
    const { include, exclude } = loaded.config;
    const compile = (globs: string[]): ((p: string) => boolean) => {
      // picomatch's basename option breaks globs with a slash, so the two kinds compile apart.
      const normalised = globs.map(normaliseGlob);
      const bare = normalised.filter((g) => !g.includes('/'));
      const pathed = normalised.filter((g) => g.includes('/'));
      const byName = bare.length ? picomatch(bare, { dot: true, basename: true }) : undefined;
      const byPath = pathed.length ? picomatch(pathed, { dot: true }) : undefined;
      return (p) => (byName?.(p) ?? false) || (byPath?.(p) ?? false);
    };
    m = {
      include: include && include.length ? compile(include) : undefined,
      exclude: exclude.length ? compile(exclude) : undefined,
    };
    matcherCache.set(loaded, m);
  }
  return m;
}

function normaliseGlob(glob: string): string {
  return glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

function relativeTo(loaded: LoadedConfig, absolute: string): string | undefined {
  const rel = path.relative(loaded.baseDir, absolute);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** True when an exclude glob matches the path or one of its folders below the config's folder. */
export function isExcluded(loaded: LoadedConfig, absolute: string): boolean {
  const { exclude } = matchersOf(loaded);
  const rel = relativeTo(loaded, absolute);
  if (!exclude || rel === undefined) return false;
  const parts = rel.split('/');
  for (let n = parts.length; n > 0; n--) if (exclude(parts.slice(0, n).join('/'))) return true;
  return false;
}

function isIncluded(loaded: LoadedConfig, absolute: string): boolean {
  const { include } = matchersOf(loaded);
  if (!include) return true;
  const rel = relativeTo(loaded, absolute);
  return rel !== undefined && include(rel);
}

export function hasLintableExtension(file: string): boolean {
  const dot = file.lastIndexOf('.');
  return dot >= 0 && EXTENSIONS.includes(file.slice(dot).toLowerCase()) && !file.endsWith('.d.ts');
}

/**
 * Expands paths into files. A file named explicitly is linted whatever its extension (as
 * ESLint does) unless an exclude glob matches it; files found in folders must have a
 * lintable extension and match the include globs, if any.
 */
export function collectFiles(paths: readonly string[], cwd: string, configFor: (dir: string) => LoadedConfig): CollectedFiles {
  const result: CollectedFiles = { files: [], notices: [], missing: [] };
  const seen = new Set<string>();
  const add = (file: string, config: LoadedConfig) => {
    if (!seen.has(file)) {
      seen.add(file);
      result.files.push({ path: file, config });
    }
  };

  let root = '';
  const walk = (dir: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      result.notices.push({ path: dir, message: `folder not read: ${(error as Error).message}` });
      return;
    }
    const config = configFor(dir);
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        // Symlinked folders are not followed; a symlinked file is linted when it stays inside
        // the folder being walked, and a dangling link with a lintable name is kept so the
        // reader reports it as unreadable.
        const target = statOrUndefined(full);
        if (target?.isDirectory()) continue;
        if (target && !isInside(realpathOrSelf(full), root)) {
          if (hasLintableExtension(entry.name)) result.notices.push({ path: full, message: 'not linted: a symbolic link to a file outside the folder being linted' });
          continue;
        }
        isFile = !target || target.isFile();
        isDir = false;
      }
      if (isDir) {
        if (SKIPPED_FOLDERS.has(entry.name) || isExcluded(config, full)) continue;
        walk(full);
      } else if (isFile && hasLintableExtension(entry.name) && !isExcluded(config, full) && isIncluded(config, full)) {
        add(full, config);
      }
    }
  };

  for (const given of paths) {
    const absolute = path.resolve(cwd, given);
    const stat = statOrUndefined(absolute);
    if (!stat) {
      if (lstatOrUndefined(absolute)) add(absolute, configFor(path.dirname(absolute))); // dangling link: reported when read
      else result.missing.push(given);
      continue;
    }
    const config = configFor(stat.isDirectory() ? absolute : path.dirname(absolute));
    if (isExcluded(config, absolute)) {
      result.notices.push({ path: absolute, message: `ignored: it matches an "exclude" glob of ${config.file ?? 'the configuration'}` });
      continue;
    }
    if (stat.isDirectory()) {
      root = realpathOrSelf(absolute);
      walk(absolute);
    }
    else add(absolute, config);
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

function isInside(file: string, folder: string): boolean {
  const rel = path.relative(folder, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function statOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

function lstatOrUndefined(p: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(p);
  } catch {
    return undefined;
  }
}
