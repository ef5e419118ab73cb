// VS Code for real: code-server 4.100.3 (VS Code 1.100.3) in headless Chromium installs the
// packaged .vsix, shows tfjs-lint's squiggle and Problems entry on a hand-written
// log(sigmoid(...)), and the quick fix chosen from the Ctrl+. menu clears it. Then the
// extension tests that use the `vscode` API (test/editors/vscode-tests) run in the same editor.
import { strict as assert } from 'node:assert';
import fs from 'node:fs';
import path from 'node:path';
import { BrowserContext, chromium, Page } from 'playwright-core';
import { CodeServer, codeServerDirs, installExtension, startCodeServer } from './lib/code-server';
import { copyWorkspace, editorPaths, freshWorkDir, repoRoot, requireEditor } from './lib/env';
import { packagedVsix } from './lib/vsix';
import { editorLines, problems, quickOpen, runCommand, squiggles, until, visibleText, waitForWorkbench } from './lib/workbench';

const FIXTURE = 'cross-entropy.js';
const FLAGGED_LINE = 10; // `  return tf.log(tf.sigmoid(logits));`
const vscodeTestsBundle = path.join(repoRoot, 'out', 'editors', 'vscode-tests', 'index.js');
const updateScreenshots = process.env.TFJS_LINT_UPDATE_SCREENSHOTS === '1';

describe('VS Code (code-server in headless Chromium)', function () {
  this.timeout(180_000);
  let work: string;
  let server: CodeServer | undefined;
  let browser: BrowserContext | undefined;
  let extensionDir: string;
  const browserLog: string[] = [];
  const timings: Record<string, number> = {};

  async function timed<T>(name: string, step: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await step();
    } finally {
      timings[name] = Date.now() - started;
    }
  }

  /** With --update-screenshots, the README's images come from this run. */
  function saveScreenshot(name: string): void {
    if (!updateScreenshots) return;
    fs.mkdirSync(path.join(repoRoot, 'docs', 'images'), { recursive: true });
    fs.copyFileSync(path.join(work, name), path.join(repoRoot, 'docs', 'images', name));
  }

  async function newPage(): Promise<Page> {
    const page = await browser!.newPage();
    page.on('console', (m) => browserLog.push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => browserLog.push(`[pageerror] ${e.message}`));
    return page;
  }

  before(async function () {
    const { codeServer, chromium: chromiumPath } = editorPaths();
    requireEditor(this, 'code-server', codeServer);
    requireEditor(this, 'chromium', chromiumPath);
    const vsix = packagedVsix();
    assert.ok(fs.existsSync(vsix), `${vsix} is missing: run \`npm run package\` first`);
    work = freshWorkDir('vscode');
    const dirs = codeServerDirs(work, { TFJS_LINT_VSCODE_TESTS_RESULT: path.join(work, 'vscode-tests-result.json') });
    extensionDir = await timed('install .vsix', () => installExtension(codeServer, dirs, vsix));
    server = await timed('start code-server', () => startCodeServer(codeServer, dirs));
    browser = await timed('start chromium', () =>
      chromium.launchPersistentContext(path.join(work, 'chromium-profile'), {
        executablePath: chromiumPath,
        headless: true,
        viewport: { width: 1280, height: 800 },
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
          '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
        timeout: 60_000,
      }),
    );
    for (const blank of browser.pages()) await blank.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && browser) {
      for (const [i, page] of browser.pages().entries()) {
        await page.screenshot({ path: path.join(work, `failed-${i}.png`) }).catch(() => undefined);
      }
    }
  });

  after(async function () {
    this.timeout(60_000);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    if (work) {
      fs.writeFileSync(path.join(work, 'browser-console.log'), browserLog.join('\n'));
      if (server) fs.writeFileSync(path.join(work, 'code-server.log'), server.log());
      console.log(`      timings (ms): ${JSON.stringify(timings)}; logs and screenshots in ${path.relative(repoRoot, work)}`);
    }
  });

  it('shows the squiggle and the Problems entry, and the Ctrl+. quick fix clears them', async function () {
    const workspace = copyWorkspace(path.join(work, 'workspace-ui'));
    const page = await newPage();
    await timed('workbench visible', async () => {
      await page.goto(`${server!.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
      await waitForWorkbench(page);
    });
    await quickOpen(page, FIXTURE, 'positiveLogProbability');

    await timed('first squiggle', () => until('a tfjs-lint squiggle', 60_000, async () => (await page.locator(squiggles).count()) > 0));
    const rows = await until('the unsafe-log entry in Problems', 30_000, async () => {
      const all = await problems(page);
      return all.some((r) => r.includes('unsafe-log')) && all;
    });
    const markers = rows.filter((r) => r.includes('tfjs-lint'));
    assert.equal(markers.length, 1, `Problems rows from tfjs-lint: ${JSON.stringify(rows)}`);
    assert.match(markers[0], /unsafe-log/);
    assert.match(markers[0], new RegExp(`\\[Ln ${FLAGGED_LINE}, Col 10\\]`), `the entry names line ${FLAGGED_LINE}: ${markers[0]}`);
    assert.equal(await page.locator(squiggles).count(), 1, 'exactly one squiggle');

    // Hover the squiggle: the message, its source and code, and the Quick Fix link.
    const box = await page.locator(squiggles).first().boundingBox();
    assert.ok(box, 'the squiggle has no box on screen');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const hover = page.locator('.monaco-hover:not(.hidden)').filter({ hasText: 'unsafe-log' }).first();
    await hover.waitFor({ state: 'visible', timeout: 30_000 });
    // The hover's Quick Fix link appears once the code actions for the marker have arrived.
    const hoverText = await until('"Quick Fix" in the hover', 45_000, async () => {
      const text = (await hover.innerText()).replace(/\s+/g, ' ');
      return /Quick Fix/.test(text) && text;
    });
    assert.match(hoverText, /tf\.log of sigmoid output/, `hover: ${hoverText}`);
    await page.screenshot({ path: path.join(work, 'diagnostic-hover.png') });
    saveScreenshot('diagnostic-hover.png');
    await page.mouse.move(5, 400);

    // Click the squiggled text (the cursor goes there) and open the code action menu. The menu
    // opens when the server's code actions arrive, which under load takes seconds: wait for the
    // menu itself (pressing Escape and retrying would cancel the request in flight).
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const menu = page.locator('.action-widget');
    await until('the code action menu (Ctrl+.)', 60_000, async () => {
      await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ state: 'visible', timeout: 5000 });
      await page.keyboard.press('Control+.');
      try {
        await menu.waitFor({ state: 'visible', timeout: 20_000 });
        return true;
      } catch {
        return false; // the key press was lost (focus elsewhere): press again
      }
    });
    const items = menu.locator('.monaco-list-row.action');
    await until('quick fixes in the menu', 15_000, async () => (await items.count()) > 0);
    const labels = await items.evaluateAll((rows) => rows.map((r) => (r.textContent ?? '').trim()));
    console.log(`      code action menu: ${JSON.stringify(labels)}`);
    await page.screenshot({ path: path.join(work, 'quick-fix.png') });
    saveScreenshot('quick-fix.png');

    for (const expected of ['Disable unsafe-log for this line', 'Show documentation for unsafe-log']) {
      assert.ok(labels.includes(expected), `"${expected}" is not in the menu ${JSON.stringify(labels)}`);
    }
    const fix = labels.findIndex((l) => /logSigmoid/.test(l));
    assert.ok(fix >= 0, `no tf.logSigmoid quick fix among ${JSON.stringify(labels)}`);
    // Keyboard, as the menu says ("Enter to Apply"): move the focus to the fix, then Enter.
    await until('the logSigmoid fix focused in the menu', 10_000, async () => {
      const focused = (await menu.locator('.monaco-list-row.action.focused').textContent()) ?? '';
      if (/logSigmoid/.test(focused)) return true;
      await page.keyboard.press('ArrowDown');
      return false;
    });
    await page.keyboard.press('Enter');

    await timed('fix applied and diagnostics cleared', async () => {
      await until('the fixed line', 15_000, async () => (await visibleText(page)).some((l) => l.includes('return tf.logSigmoid(logits);')));
      await until('no squiggle', 30_000, async () => (await page.locator(squiggles).count()) === 0);
      await until('no tfjs-lint entry in Problems', 30_000, async () => !(await problems(page)).some((r) => r.includes('tfjs-lint')));
    });
    await page.screenshot({ path: path.join(work, 'after-fix.png') });

    // Saving writes the edit the quick fix made to disk.
    await editorLines(page).first().click();
    await page.keyboard.press('Control+S');
    const saved = await until('the saved file', 10_000, async () => {
      const text = fs.readFileSync(path.join(workspace, FIXTURE), 'utf8');
      return text.includes('logSigmoid(logits)') && text;
    });
    assert.equal(saved.split('\n')[FLAGGED_LINE - 1], '  return tf.logSigmoid(logits);');
    await page.close();
  });

  it('inlay hints, Lint Workspace with its count in the notification, Problems and the status bar, the settings, and the protocol trace from the setting alone', async function () {
    const workspace = copyWorkspace(path.join(work, 'workspace-features'));
    // Only the settings a user would set: no log level is touched for the trace.
    fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
    fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'tfjsLint.inlayHints': true, 'tfjsLint.trace.server': 'messages' }, null, 2));
    const page = await newPage();
    await page.goto(`${server!.url}/?folder=${encodeURIComponent(workspace)}`, { timeout: 60_000 });
    await waitForWorkbench(page);
    await quickOpen(page, FIXTURE, 'positiveLogProbability');

    // Inlay hints: the output shape after each layer (lines 5 and 6 of the fixture).
    const hinted = await until('the layer shape hints', 60_000, async () => {
      const lines = await visibleText(page);
      return lines[4]?.includes('→ [null, 16]') && lines[5]?.includes('→ [null, 1]') && lines;
    });
    assert.match(hinted[4], /inputShape: \[4\] }\)\s*→ \[null, 16\]/, `line 5: ${hinted[4]}`);
    await until('a tfjs-lint squiggle', 60_000, async () => (await page.locator(squiggles).count()) > 0);
    await page.screenshot({ path: path.join(work, 'inlay-hints.png') });
    saveScreenshot('inlay-hints.png');

    // Lint Workspace from the Command Palette: the notification's count is the count the
    // Problems panel and the status bar show (issue 13 saw 6 against 11).
    await runCommand(page, 'tfjs-lint: Lint Workspace');
    const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: /tfjs-lint: \d+ problems? in \d+ files?/ });
    await toast.first().waitFor({ state: 'visible', timeout: 60_000 });
    const message = (await toast.first().innerText()).replace(/\s+/g, ' ');
    const [, announced, files] = /tfjs-lint: (\d+) problems? in (\d+) files?/.exec(message)!;
    assert.deepEqual([Number(announced), Number(files)], [2, 2], `notification: ${message}`);
    const rows = await until('both files in Problems', 30_000, async () => {
      const all = (await problems(page)).filter((r) => r.includes('tfjs-lint'));
      return all.length === Number(announced) && all;
    });
    assert.ok(rows.some((r) => /\[Ln 6, Col \d+\]/.test(r)), `the unopened losses/bce.js is listed: ${JSON.stringify(rows)}`);
    const status = page.locator('.part.statusbar .statusbar-item').filter({ hasText: /tfjs-lint/ }).first();
    await until(`the status bar count ${announced}`, 30_000, async () => (await status.innerText()).includes(`tfjs-lint: ${announced}`));
    await page.screenshot({ path: path.join(work, 'lint-workspace.png') });
    saveScreenshot('lint-workspace.png');
    await page.keyboard.press('Escape');

    // The settings, as the Settings editor lists them.
    await page.keyboard.press('Control+,');
    const search = page.locator('.settings-editor .settings-header .suggest-input-container textarea, .settings-editor .settings-header input').first();
    await search.waitFor({ state: 'visible', timeout: 30_000 });
    await search.fill('@ext:tfjs-lint.tfjs-lint');
    // Every setting the extension contributes is listed ("N Settings Found").
    const contributed = Object.keys((JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as Manifest).contributes.configuration.properties);
    await until(`"${contributed.length} Settings Found"`, 30_000, async () => {
      const count = await page.locator('.settings-editor .settings-count-widget').innerText();
      return count.trim() === `${contributed.length} Settings Found`;
    });
    const firstLabel = await page.locator('.settings-editor .setting-item-contents .setting-item-label').first().innerText();
    assert.equal(firstLabel.trim(), 'Debounce Ms', 'the first tfjs-lint setting (alphabetical) is shown');
    await page.screenshot({ path: path.join(work, 'settings.png') });
    saveScreenshot('settings.png');

    // tfjsLint.trace.server alone turns the protocol trace on: the messages are in its channel.
    await runCommand(page, 'Output: Show Output Channels...');
    const channel = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'tfjs-lint (trace)' }).first();
    await channel.waitFor({ state: 'visible', timeout: 15_000 });
    await channel.click();
    const traced = await until('protocol messages in "tfjs-lint (trace)"', 30_000, async () => {
      const lines = await page.locator('.part.panel .monaco-editor .view-lines .view-line').allInnerTexts();
      const text = lines.join('\n').replace(/\u00a0/g, ' '); // Monaco renders spaces as no-break spaces
      return /(Sending|Received) (request|notification|response) '[\w/$]+/.test(text) && text;
    });
    assert.match(traced, /publishDiagnostics|tfjsLint\/lintWorkspace|initialize/, `trace: ${traced.slice(0, 500)}`);
    await page.screenshot({ path: path.join(work, 'trace.png') });
    await page.close();
  });

  it('passes the extension tests that use the vscode API (test/editors/vscode-tests)', async function () {
    assert.ok(fs.existsSync(vscodeTestsBundle), `${vscodeTestsBundle} is missing (npm run test:editors builds it)`);
    const workspace = copyWorkspace(path.join(work, 'workspace-api'));
    const resultFile = path.join(work, 'vscode-tests-result.json');
    const remote = (p: string) => `vscode-remote://${server!.host}:${server!.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(extensionDir)],
      ['extensionTestsPath', remote(vscodeTestsBundle)],
    ];
    const page = await newPage();
    await page.goto(`${server!.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`, {
      timeout: 60_000,
    });
    // The test host reports "exited with code 0" even when tests fail, so the runner writes
    // its verdict to a file and that file is the truth.
    const result = await timed('vscode API tests', () =>
      until('the vscode-tests result file', 150_000, async () => fs.existsSync(resultFile) && (JSON.parse(fs.readFileSync(resultFile, 'utf8')) as VscodeTestsResult)),
    );
    for (const t of result.tests) {
      const steps = t.steps.length ? ` [${t.steps.join(', ')}]` : '';
      console.log(`        ${t.ok ? 'ok  ' : 'FAIL'} ${t.name} (${t.ms} ms)${steps}${t.ok ? '' : `\n${t.error}`}`);
    }
    assert.ok(result.tests.length >= 3, `only ${result.tests.length} vscode API tests ran`);
    assert.deepEqual(result.tests.filter((t) => !t.ok).map((t) => `${t.name}: ${t.error}`), []);
    await page.close();
  });
});

interface Manifest {
  contributes: { configuration: { properties: Record<string, unknown> } };
}

interface VscodeTestsResult {
  tests: { name: string; ok: boolean; ms: number; steps: string[]; error?: string }[];
}
