import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Frame, type Locator, type Page } from 'playwright-core';
import { REPO_ROOT } from './code-server.js';

export const RESULTS_DIR = join(REPO_ROOT, 'test-results');

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a screenshot to test-results/ (kept as a CI artefact); returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${name.replace(/[^a-z0-9-]+/gi, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** The VS Code workbench in one browser page, driven by keyboard the way a user would. */
export class Workbench {
  constructor(readonly page: Page) {}

  async waitForExplorer(fileName: string): Promise<void> {
    await this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().waitFor({ timeout: 60_000 });
  }

  async openFile(fileName: string): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(fileName);
    await this.page.locator('.quick-input-list .monaco-list-row', { hasText: fileName }).first().waitFor();
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: fileName }).waitFor();
    await this.editorLines().first().waitFor();
  }

  editorLines(): Locator {
    return this.page.locator('.editor-instance .monaco-editor .view-line');
  }

  /** Puts the cursor at a 1-based line and column of the active editor (Quick Open's `:line:column`). */
  async goTo(line: number, column = 1): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill(`:${line}:${column}`);
    await this.page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
  }

  async openProblems(): Promise<void> {
    await this.page.keyboard.press('Control+Shift+M');
    await this.page.locator('.markers-panel').waitFor();
  }

  /** The Problems rows that are findings of ours (the file rows are left out). */
  async problemRows(): Promise<string[]> {
    const rows = await this.page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    return rows.map((r) => r.replace(/\s+/g, ' ').trim()).filter((r) => r.includes('iac-review'));
  }

  /** Opens the quick-fix menu at the cursor and runs the action whose title matches. */
  async runQuickFix(title: RegExp): Promise<void> {
    const rows = this.page.locator('.action-widget .monaco-list-row');
    // The request made while diagnostics are being republished (just after a save) can come back
    // empty ("No code actions available"): ask again, as a user would, for up to 30 s.
    const deadline = Date.now() + 30_000;
    for (;;) {
      await this.page.keyboard.press('Control+.');
      const shown = await rows.filter({ hasText: title }).first().waitFor({ timeout: 5_000 }).then(() => true, () => false);
      if (shown) break;
      if (Date.now() > deadline) throw new Error(`the quick-fix menu offers nothing matching ${title}`);
      await this.page.keyboard.press('Escape');
    }
    // A mouse click is intercepted by .context-view-pointerBlock: walk down to the action, then Enter.
    for (let i = 0; i < 50; i++) {
      const focused = this.page.locator('.action-widget .monaco-list-row.focused');
      await focused.waitFor();
      if (title.test(await focused.innerText())) {
        await this.page.keyboard.press('Enter');
        await this.page.locator('.action-widget').waitFor({ state: 'hidden' });
        return;
      }
      await this.page.keyboard.press('ArrowDown');
    }
    throw new Error(`no quick fix matching ${title}`);
  }

  /**
   * Runs a command from the palette. The workbench can take the palette away between opening it and typing
   * (just after a page reload it is still restoring editors and focus): then the palette is opened again,
   * until `timeoutMs`, instead of waiting on an input that is gone.
   */
  async runCommand(title: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const input = this.page.locator('.quick-input-widget input');
    const row = this.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: title });
    for (let attempt = 1; ; attempt++) {
      const left = () => Math.max(1_000, Math.min(10_000, deadline - Date.now()));
      try {
        await this.page.keyboard.press('Control+Shift+P');
        await input.waitFor({ timeout: left() });
        await input.fill(`>${title}`, { timeout: left() });
        await row.waitFor({ timeout: left() });
        await this.page.keyboard.press('Enter');
        return;
      } catch (e) {
        if (Date.now() >= deadline) throw new Error(`the command "${title}" could not be run from the palette in ${attempt} attempts: ${(e as Error).message}`);
        await this.page.keyboard.press('Escape');
      }
    }
  }

  /** Polls the webview frames (nested iframes; the workbench's own frame is left out) for an element showing the text. */
  async webviewWith(selector: string, text: string, timeoutMs = 30_000): Promise<Frame> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const frame of this.page.frames()) {
        if (frame === this.page.mainFrame()) continue;
        const count = await frame.locator(selector, { hasText: text }).count().catch(() => 0);
        if (count > 0) return frame;
      }
      if (Date.now() > deadline) throw new Error(`no webview shows ${selector} with "${text}" within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}

/** Polls until `read` returns a value `accept` takes; fails with the last value read. */
export async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 250));
    last = await read();
  }
  return last;
}
