// Which files a workspace lint visits: include/exclude globs relative to the workspace
// folder, never `node_modules` (or `.git`), never into a symlinked directory (a link can
// point outside the workspace or back into it), never through a file link that leads out.
import * as fs from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { isInside } from './project-config';

const ALWAYS_SKIPPED_DIRS = new Set(['node_modules', '.git']);

export interface FileFilter {
  include: readonly string[];
  exclude: readonly string[];
}

export function makeMatcher(globs: readonly string[]): (relPath: string) => boolean {
  if (globs.length === 0) return () => false;
  const match = picomatch([...globs], { dot: true });
  return (rel) => match(rel);
}

/** Is `filePath` (inside `root`) excluded? Used for open documents too. */
export function isExcluded(filePath: string, root: string | undefined, exclude: readonly string[]): boolean {
  if (filePath.split(path.sep).some((part) => ALWAYS_SKIPPED_DIRS.has(part))) return true;
  if (!root) return false;
  const rel = toPosix(path.relative(root, filePath));
  return !rel.startsWith('..') && makeMatcher(exclude)(rel);
}

/** Does `filePath` match one of the globs, taken relative to `baseDir`? */
export function isIncluded(filePath: string, baseDir: string, include: readonly string[]): boolean {
  const rel = toPosix(path.relative(baseDir, filePath));
  return !rel.startsWith('..') && makeMatcher(include)(rel);
}

/**
 * Lists matching files under `root`, yielding to the event loop so a cancel can get in.
 * `onSkipped` hears of matching files left out for a reason the user should know.
 */
export async function listFiles(root: string, filter: FileFilter, isCancelled: () => boolean, onSkipped?: (file: string, reason: string) => void): Promise<string[]> {
  const realRoot = realpathOrSelf(root);
  const included = makeMatcher(filter.include);
  const excluded = makeMatcher(filter.exclude);
  const out: string[] = [];
  const pending = [root];
  let visited = 0;
  while (pending.length > 0) {
    if (isCancelled()) return out;
    const dir = pending.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(dir, { withFileTypes: true });
    } catch {
      continue; // unreadable directory: nothing to lint there
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      const rel = toPosix(path.relative(root, full));
      if (entry.isDirectory()) {
        if (!ALWAYS_SKIPPED_DIRS.has(entry.name) && !excluded(rel)) pending.push(full);
      } else if (entry.isFile() || (entry.isSymbolicLink() && isFileLink(full))) {
        if (!included(rel) || excluded(rel)) continue;
        if (entry.isSymbolicLink() && !isInside(realpathOrSelf(full), realRoot)) onSkipped?.(full, 'a symbolic link to a file outside the workspace folder');
        else out.push(full);
      }
    }
    if (++visited % 50 === 0) await new Promise((r) => setImmediate(r));
  }
  return out.sort();
}

function isFileLink(full: string): boolean {
  try {
    return fs.statSync(full).isFile();
  } catch {
    return false; // dangling link
  }
}

function realpathOrSelf(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return p;
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}
