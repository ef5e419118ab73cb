// The one glob rule both front ends use, for `.tfjslintrc.json` and for the editor's
// `tfjsLint.include` / `tfjsLint.exclude`. Globs are matched against the path relative to a
// base folder (the config's folder, or the workspace folder for editor settings), with `/`
// separators. A glob without a slash matches a name at any depth (`"generated"` skips
// `src/generated/model.ts`), as in .gitignore and ESLint. An exclude glob that matches a
// folder excludes everything under it.
import * as path from 'node:path';
import type PicomatchModule from 'picomatch';
import type { LoadedConfig } from './config-files';

/** picomatch, loaded for the first glob (~5 ms to load; most runs have none). */
function picomatch(): typeof PicomatchModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('picomatch') as typeof PicomatchModule;
}

export class GlobSet {
  private readonly match: (rel: string) => boolean;
  readonly empty: boolean;

  constructor(
    readonly baseDir: string,
    globs: readonly string[],
  ) {
    // picomatch's basename option breaks globs with a slash, so the two kinds compile apart.
    const normalised = globs.map(normaliseGlob).filter((g) => g !== '');
    const bare = normalised.filter((g) => !g.includes('/'));
    const pathed = normalised.filter((g) => g.includes('/'));
    const byName = bare.length ? picomatch()(bare, { dot: true, basename: true }) : undefined;
    const byPath = pathed.length ? picomatch()(pathed, { dot: true }) : undefined;
    this.match = (rel) => (byName?.(rel) ?? false) || (byPath?.(rel) ?? false);
    this.empty = normalised.length === 0;
  }

  /** Does the path itself match (include globs)? Paths outside the base folder never do. */
  matchesFile(absolute: string): boolean {
    const rel = relativePosix(this.baseDir, absolute);
    return rel !== undefined && this.match(rel);
  }

  /** Does the path or one of its folders below the base folder match (exclude globs)? */
  matchesFileOrFolder(absolute: string): boolean {
    if (this.empty) return false;
    const rel = relativePosix(this.baseDir, absolute);
    if (rel === undefined) return false;
    const parts = rel.split('/');
    for (let n = parts.length; n > 0; n--) if (this.match(parts.slice(0, n).join('/'))) return true;
    return false;
  }
}

interface ConfigGlobs {
  include?: GlobSet;
  exclude: GlobSet;
}
const compiled = new WeakMap<LoadedConfig, ConfigGlobs>();

function globsOf(loaded: LoadedConfig): ConfigGlobs {
  let globs = compiled.get(loaded);
  if (!globs) {
    const { include, exclude } = loaded.config;
    globs = {
      include: include && include.length ? new GlobSet(loaded.baseDir, include) : undefined,
      exclude: new GlobSet(loaded.baseDir, exclude),
    };
    compiled.set(loaded, globs);
  }
  return globs;
}

/** True when one of the config's exclude globs matches the path or one of its folders. */
export function isExcluded(loaded: LoadedConfig, absolute: string): boolean {
  return globsOf(loaded).exclude.matchesFileOrFolder(absolute);
}

/** True when the config has no include globs or one of them matches the path. */
export function isIncluded(loaded: LoadedConfig, absolute: string): boolean {
  const { include } = globsOf(loaded);
  return !include || include.matchesFile(absolute);
}

function normaliseGlob(glob: string): string {
  return glob.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
}

/** The path relative to `baseDir` with `/` separators, or undefined when it is not below it. */
export function relativePosix(baseDir: string, absolute: string): string | undefined {
  const rel = path.relative(baseDir, absolute);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep).join('/');
}

/** Is `child` the folder `parent` or inside it? */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
