// A small test runner for the extension host: VS Code calls `run()` from extensionTestsPath.
// Mocha would need a loader in the extension host; a list of async functions is enough here.
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

export interface TestContext {
  /** Records a step with the time since the test started (shown by vscode.editor.ts). */
  step(what: string): void;
}

export interface TestCase {
  name: string;
  fn: (t: TestContext) => Promise<void>;
}

export interface TestOutcome {
  name: string;
  ok: boolean;
  ms: number;
  steps: string[];
  error?: string;
}

/** Runs each test in order with a time limit; writes the outcomes as JSON (the exit code lies). */
export async function runTests(tests: TestCase[], timeoutMs = 30_000): Promise<void> {
  const outcomes: TestOutcome[] = [];
  for (const t of tests) {
    const started = Date.now();
    const steps: string[] = [];
    const context: TestContext = { step: (what) => steps.push(`${what} @${Date.now() - started} ms`) };
    try {
      await Promise.race([
        t.fn(context),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs)),
      ]);
      outcomes.push({ name: t.name, ok: true, ms: Date.now() - started, steps });
    } catch (err) {
      const error = err instanceof Error ? (err.stack ?? err.message) : String(err);
      outcomes.push({ name: t.name, ok: false, ms: Date.now() - started, steps, error });
    }
  }
  const target =
    process.env.TFJS_LINT_VSCODE_TESTS_RESULT ??
    path.join(vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? process.cwd(), '.vscode-tests-result.json');
  // Write then rename, so the reader never sees half a file.
  fs.writeFileSync(`${target}.tmp`, JSON.stringify({ tests: outcomes }, null, 2));
  fs.renameSync(`${target}.tmp`, target);
  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length) throw new Error(`${failed.length} of ${outcomes.length} vscode API tests failed`);
}

export async function waitFor<T>(what: string, timeoutMs: number, probe: () => T | undefined | false | Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
