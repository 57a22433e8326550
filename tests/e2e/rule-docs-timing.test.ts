// How long a rule's documentation takes to appear (issue 13 item 7), measured
// the same way for our page and for the reference — VS Code's built-in
// Markdown preview of the same text — each first in a session of its own
// (the first webview of a session pays for the webview machinery). `npm run
// bench` runs this file and prints what it writes to RULE_DOCS_TIMING_OUT;
// as a test it only bounds the times generously. Needs `npm run package`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ruleDocumentation } from '../../server/src/lsp/rule-requests.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';
import { outputChannelLog } from './support/code-server.js';
import { openWorkbench, useCodeServerSession } from './support/session.js';
import type { Workbench } from './support/workbench.js';

const session = useCodeServerSession();
const RULE = 'lifecycle/prevent-destroy';
const SECOND_RULE = 'iam/wildcard-action';
const results: Record<string, number> = {};

/** Milliseconds from `start` until a webview frame shows an h1 with `heading` (polled every 20 ms). */
async function timeToHeading(page: Page, heading: string, start: () => Promise<void>): Promise<number> {
  const began = performance.now();
  await start();
  const deadline = began + 30_000;
  for (;;) {
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const shown = await frame
        .locator('h1', { hasText: heading })
        .count()
        .catch(() => 0);
      if (shown > 0) return Math.round(performance.now() - began);
    }
    if (performance.now() > deadline) throw new Error(`no page with the heading ${heading} within 30 s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** "IaC Review: Show Rule Documentation" for a rule picked by id, up to pressing Enter. */
async function showRuleDocs(wb: Workbench, ruleId: string): Promise<void> {
  await wb.runCommand('IaC Review: Show Rule Documentation');
  const input = wb.page.locator('.quick-input-widget input');
  await wb.page.locator('.quick-input-list .monaco-list-row', { hasText: /[a-z]+\/[a-z0-9-]+/ }).first().waitFor();
  await input.fill(ruleId);
  await wb.page.locator('.quick-input-list .monaco-list-row.focused', { hasText: ruleId }).waitFor();
}

describe('rule documentation: time to the page', () => {
  it('our page: the first of the session, then the next rule on the same page', { timeout: 180_000 }, async () => {
    const { wb, page } = await openWorkbench(session, { fileName: 'main.tf' });
    // As a reader asks for it: from the code (the page opens beside it).
    await wb.openFile('main.tf');
    await showRuleDocs(wb, RULE);
    results.firstPageMs = await timeToHeading(page, RULE, () => page.keyboard.press('Enter'));
    await showRuleDocs(wb, SECOND_RULE);
    results.nextPageMs = await timeToHeading(page, SECOND_RULE, () => page.keyboard.press('Enter'));
    // The extension's own measure, from the command to the page's "drawn" signal.
    const drawn = [...outputChannelLog(session.sandbox).matchAll(/Rule documentation (\S+) drawn (\d+) ms/g)];
    const own = (id: string) => Number(drawn.find((m) => m[1] === id)?.[2] ?? NaN);
    results.firstPageDrawnMs = own(RULE);
    results.nextPageDrawnMs = own(SECOND_RULE);
    console.log(`our page: ${JSON.stringify(results)}`);
    expect(results.firstPageMs).toBeLessThan(10_000);
    expect(results.nextPageMs).toBeLessThan(5_000);
  });

  it("the reference: VS Code's Markdown preview of the same documentation, the first of its session", { timeout: 180_000 }, async () => {
    const meta = RULES.map((r) => r.meta);
    writeFileSync(join(session.sandbox.workspace, 'rule.md'), ruleDocumentation(meta, { ruleId: RULE })!.markdown);
    const { wb, page } = await openWorkbench(session, { fileName: 'rule.md' });
    await wb.openFile('rule.md');
    results.markdownPreviewMs = await timeToHeading(page, RULE, () => page.keyboard.press('Control+Shift+V'));
    expect(results.markdownPreviewMs).toBeLessThan(10_000);
    if (process.env.RULE_DOCS_TIMING_OUT) writeFileSync(process.env.RULE_DOCS_TIMING_OUT, JSON.stringify(results));
  });
});
