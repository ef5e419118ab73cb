// Shared plumbing for the real-editor tests: where things are, what is installed, temp state.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function findRepoRoot(start: string): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, 'package.json')) || !fs.existsSync(path.join(dir, 'scripts', 'editors'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${start}`);
    dir = parent;
  }
  return dir;
}

export const repoRoot = findRepoRoot(__dirname);
export const editorsSrc = path.join(repoRoot, 'test', 'editors');
export const fixtureWorkspace = path.join(editorsSrc, 'workspace');
export const serverScript = path.join(repoRoot, 'bin', 'tfjs-lint-server.js');
export const isCI = process.env.CI === 'true' || process.env.CI === '1';

export interface EditorPaths {
  nvim: string | null;
  chromium: string | null;
  codeServer: string | null;
}

/** Asks the install script (without installing) where the editors are. */
export function editorPaths(): EditorPaths {
  let out: string;
  try {
    out = execFileSync(process.execPath, [path.join(repoRoot, 'scripts', 'editors', 'install.mjs'), '--check'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 30_000,
    });
  } catch (err) {
    out = String((err as { stdout?: string }).stdout ?? '');
  }
  const line = out.trim().split('\n').pop() ?? '{}';
  return JSON.parse(line) as EditorPaths;
}

/**
 * A missing editor fails under CI (the point of the job is to run it) and skips elsewhere,
 * saying how to install it.
 */
export function requireEditor(ctx: Mocha.Context, what: string, found: string | null): asserts found is string {
  if (found) return;
  const hint = 'install it with `node scripts/editors/install.mjs` (npm run test:editors does this)';
  if (isCI) throw new Error(`${what} is missing and CI=true: ${hint}`);
  console.log(`      skipped: ${what} is not installed; ${hint}`);
  ctx.skip();
}

/** A fresh folder under test/editors/.work (git-ignored) for one test's state and artifacts. */
export function freshWorkDir(name: string): string {
  const dir = path.join(editorsSrc, '.work', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** XDG folders inside `dir`, so no editor writes to the real $HOME config. */
export function isolatedEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [key, sub] of [
    ['XDG_CONFIG_HOME', 'config'],
    ['XDG_DATA_HOME', 'data'],
    ['XDG_CACHE_HOME', 'cache'],
    ['XDG_STATE_HOME', 'state'],
    ['XDG_RUNTIME_DIR', 'runtime'],
  ] as const) {
    const p = path.join(dir, 'xdg', sub);
    fs.mkdirSync(p, { recursive: true, mode: 0o700 });
    env[key] = p;
  }
  return env;
}

/** Copies the fixture workspace, so editing it (quick fixes) never touches the repository. */
export function copyWorkspace(dest: string): string {
  fs.cpSync(fixtureWorkspace, dest, { recursive: true });
  return dest;
}
