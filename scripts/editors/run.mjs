#!/usr/bin/env node
// `npm run test:editors`: install the editors (cached, outside the project's dependencies),
// build, package the .vsix, bundle the extension-host tests, then run the editor tests
// (out/test/editors/*.editor.js) with mocha. Prints how long each step took.
//   --update-screenshots  also copy the quick-fix screenshot to docs/images/
//   TFJS_LINT_EDITORS_VSIX=file.vsix  test that .vsix instead of packaging one
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const timings = [];
const isCI = process.env.CI === 'true' || process.env.CI === '1';
const env = { ...process.env };
if (process.argv.includes('--update-screenshots')) env.TFJS_LINT_UPDATE_SCREENSHOTS = '1';

function step(name, cmd, args, { timeoutMin = 10, allowFail = false, killSignal = 'SIGKILL' } = {}) {
  const started = Date.now();
  process.stderr.write(`\n[test:editors] ${name}: ${[cmd, ...args].join(' ')}\n`);
  const r = spawnSync(cmd, args, { cwd: root, env, stdio: 'inherit', timeout: timeoutMin * 60_000, killSignal });
  const secs = (Date.now() - started) / 1000;
  timings.push(`${name} ${secs.toFixed(1)} s`);
  if (r.status !== 0 && !allowFail) {
    summary();
    process.stderr.write(`[test:editors] ${name} failed (${r.error ? r.error.message : `exit ${r.status ?? r.signal}`})\n`);
    process.exit(1);
  }
  return r.status === 0;
}

function summary() {
  process.stderr.write(`\n[test:editors] timings: ${timings.join(', ')}\n`);
}

const installed = step('install editors', process.execPath, ['scripts/editors/install.mjs'], { timeoutMin: 30, allowFail: !isCI });
if (!installed) process.stderr.write('[test:editors] some editors could not be installed; their tests will skip (CI=true makes this a failure)\n');
if (env.TFJS_LINT_EDITORS_VSIX) {
  step('build', 'npm', ['run', 'build', '--silent']);
} else {
  // `npm run package` builds (tsc -b) before it bundles and packages.
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  if (!pkg.scripts?.package) {
    process.stderr.write('[test:editors] package.json has no "package" script to build the .vsix\n');
    process.exit(1);
  }
  step('package .vsix', 'npm', ['run', 'package', '--silent']);
}
step('type-check vscode-tests', 'npx', ['tsc', '-p', 'test/editors/vscode-tests']);
step('bundle vscode-tests', 'npx', [
  'esbuild', 'test/editors/vscode-tests/index.ts', '--bundle', '--platform=node', '--format=cjs', '--target=node20',
  '--external:vscode', '--outfile=out/editors/vscode-tests/index.js', '--log-level=warning',
]);
// Mocha runs directly (not through npx) so the last-resort timeout's SIGTERM reaches the process
// whose handlers stop code-server and Chromium.
const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const ok = step('editor tests', process.execPath, [mocha, '--config', 'test/editors/.mocharc.json'], {
  timeoutMin: 20,
  allowFail: true,
  killSignal: 'SIGTERM',
});
summary();
process.exit(ok ? 0 : 1);
