// Driving the VS Code workbench in a browser page the way a user does: keyboard and clicks.
import type { Locator, Page } from 'playwright-core';

export const squiggles = '.monaco-editor .view-overlays .squiggly-error, .monaco-editor .view-overlays .squiggly-warning, .monaco-editor .view-overlays .squiggly-info';

export async function waitForWorkbench(page: Page, timeoutMs = 60_000): Promise<void> {
  await page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.monaco-workbench .part.sidebar .explorer-folders-view, .monaco-workbench .part.activitybar').first().waitFor({ timeout: timeoutMs });
}

/** Ctrl+P, the file name, Enter: opens the file in the editor and waits for its text. */
export async function quickOpen(page: Page, fileName: string, expectText: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.keyboard.press('Control+P');
    try {
      await input.waitFor({ state: 'visible', timeout: 3000 });
      break;
    } catch {
      await page.locator('.monaco-workbench').click({ position: { x: 600, y: 300 } }).catch(() => undefined);
    }
  }
  await input.fill(fileName);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
  await editorLines(page).filter({ hasText: expectText }).first().waitFor({ timeout: 15_000 });
}

/** F1, the command's title, Enter: runs a command from the Command Palette. */
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await until('the Command Palette', 30_000, async () => {
    await page.keyboard.press('F1');
    try {
      await input.waitFor({ state: 'visible', timeout: 5000 });
      return true;
    } catch {
      return false;
    }
  });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
  await page.keyboard.press('Enter');
}

export function editorLines(page: Page): Locator {
  return page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line');
}

/** The text of the active editor's visible lines, top to bottom. */
export async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const lines = [...document.querySelectorAll<HTMLElement>('.editor-group-container.active .monaco-editor .view-lines .view-line')];
    lines.sort((a, b) => parseFloat(a.style.top) - parseFloat(b.style.top));
    return lines.map((l) => (l.textContent ?? '').replace(/\u00a0/g, ' '));
  });
}

/** Rows of the Problems panel (View: Show Problems, Ctrl+Shift+M). */
export async function problems(page: Page): Promise<string[]> {
  const panel = page.locator('.markers-panel');
  if (!(await panel.isVisible())) {
    await page.keyboard.press('Control+Shift+M');
    await panel.waitFor({ state: 'visible', timeout: 10_000 });
  }
  return panel
    .locator('.monaco-list-row')
    .evaluateAll((rows) => rows.map((r) => `${(r as HTMLElement).innerText.replace(/\s+/g, ' ')} | ${r.getAttribute('aria-label') ?? ''}`));
}

export async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
