// Shared plumbing for the real-editor tests: where things are, what is installed, temp state.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

/**
 * A fresh folder under test/editors/.work (git-ignored) for one test's state and artifacts:
 * `<name>-<pid>`, so two runs in the same tree do not delete each other's state. Folders of
 * runs that have ended are removed; the last run's stay for inspection.
 */
export function freshWorkDir(name: string): string {
  const root = path.join(editorsSrc, '.work');
  fs.mkdirSync(root, { recursive: true });
  for (const entry of fs.readdirSync(root)) {
    const m = new RegExp(`^${name}-(\\d+)$`).exec(entry);
    if (m && !processAlive(Number(m[1]))) fs.rmSync(path.join(root, entry), { recursive: true, force: true });
  }
  const dir = path.join(root, `${name}-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// Unix sockets (VS Code's IPC lives in XDG_RUNTIME_DIR) must have paths under 108 bytes, so the
// runtime folder is a short one in /tmp rather than one deep in the checkout; removed at exit.
const runtimeDirs: string[] = [];
process.on('exit', () => {
  for (const dir of runtimeDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** XDG folders inside `dir`, so no editor writes to the real $HOME config. */
export function isolatedEnv(dir: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [key, sub] of [
    ['XDG_CONFIG_HOME', 'config'],
    ['XDG_DATA_HOME', 'data'],
    ['XDG_CACHE_HOME', 'cache'],
    ['XDG_STATE_HOME', 'state'],
  ] as const) {
    const p = path.join(dir, 'xdg', sub);
    fs.mkdirSync(p, { recursive: true, mode: 0o700 });
    env[key] = p;
  }
  const runtime = fs.mkdtempSync(path.join(os.tmpdir(), 'tfjs-lint-rt-'));
  fs.chmodSync(runtime, 0o700);
  runtimeDirs.push(runtime);
  env.XDG_RUNTIME_DIR = runtime;
  return env;
}

/** Copies the fixture workspace, so editing it (quick fixes) never touches the repository. */
export function copyWorkspace(dest: string): string {
  fs.cpSync(fixtureWorkspace, dest, { recursive: true });
  return dest;
}
