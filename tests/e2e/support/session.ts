import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterEach, beforeEach } from 'vitest';
import { createSandbox, outputChannelLog, type RunningCodeServer, type Sandbox } from './code-server.js';
import { screenshot } from './workbench.js';

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
