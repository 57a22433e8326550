import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterEach, beforeEach } from 'vitest';
import { createSandbox, installVsix, outputChannelLog, startCodeServer, type RunningCodeServer, type Sandbox } from './code-server.js';
import { Workbench, launchBrowser, screenshot } from './workbench.js';

/** What a code-server test starts; the hooks of useCodeServerSession() clean up whatever is set. */
export interface CodeServerSession {
  sandbox: Sandbox;
  server?: RunningCodeServer;
  browser?: Browser;
  page?: Page;
}

/**
 * Registers the hooks every code-server test needs: a fresh sandbox before
 * each test; after it, the browser and code-server stopped and the sandbox
 * removed — or, when the test failed, a screenshot, code-server's output and
 * the extension's log printed and the sandbox (workspace, logs) kept for a look.
 */
export function useCodeServerSession(): CodeServerSession {
  const session = {} as CodeServerSession;

  beforeEach(() => {
    session.sandbox = createSandbox();
  });

  afterEach(async (context) => {
    const { sandbox, server, browser, page } = session;
    const failed = context.task.result?.state === 'fail';
    if (failed) {
      if (page) console.error(`screenshot: ${await screenshot(page, context.task.name).catch((e) => String(e))}`);
      if (server) console.error(`code-server output:\n${server.output()}`);
      console.error(`IaC Review output channel:\n${outputChannelLog(sandbox)}`);
    }
    await browser?.close();
    await server?.stop();
    delete session.browser;
    delete session.page;
    delete session.server;
    if (failed) console.error(`sandbox kept: ${sandbox.root}`);
    else rmSync(sandbox.root, { recursive: true, force: true });
  });

  return session;
}

export interface OpenedWorkbench {
  wb: Workbench;
  page: Page;
  server: RunningCodeServer;
  /** Where the installed extension lives (its packs and keys). */
  extensionDir: string;
}

/**
 * What every code-server test starts with: the .vsix installed into the
 * sandbox, code-server and Chromium started (and recorded in the session, so
 * the hooks stop them), the workspace open, `fileName` in the Explorer, and
 * the extension running (its status-bar count shown).
 */
export async function openWorkbench(
  session: CodeServerSession,
  options: { fileName: string; viewport?: { width: number; height: number } },
): Promise<OpenedWorkbench> {
  const { sandbox } = session;
  const extensionDir = await installVsix(sandbox);
  const server = (session.server = await startCodeServer(sandbox));
  const browser = (session.browser = await launchBrowser());
  const page = (session.page = await browser.newPage({ viewport: options.viewport ?? { width: 1600, height: 1000 } }));
  const wb = new Workbench(page);
  await page.goto(`${server.origin}/?folder=${encodeURIComponent(sandbox.workspace)}`);
  await wb.waitForExplorer(options.fileName);
  await waitForExtension(wb);
  return { wb, page, server, extensionDir };
}

/** The extension's commands reach the palette once it has started: its status-bar count says so. */
export async function waitForExtension(wb: Workbench): Promise<void> {
  await wb.page.locator('.statusbar-item', { hasText: /IaC Review: (\d+|exercise)/ }).waitFor({ timeout: 60_000 });
}
