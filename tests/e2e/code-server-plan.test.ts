// Plan-aware review in the editor (SPEC §10, §9), with the installed .vsix in
// code-server driven through Chromium: a workspace whose settings name the
// plan of one of its modules (`iacReview.plan`). A value the code leaves to
// the AMI and the plan knows becomes a diagnostic; the Review Checklist says
// what the plan does (its counts first). Clearing the setting takes the
// plan's finding away again. Screenshots go to test-results/. Needs
// `npm run package` first (npm run test:e2e does it).
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openWorkbench, useCodeServerSession } from './support/session.js';
import { eventually, screenshot } from './support/workbench.js';

const session = useCodeServerSession();
const EXAMPLE = join(import.meta.dirname, '..', '..', 'test-fixtures', 'example');
const PLAN_FINDING = /the plan's encrypted = false/;

describe('IaC Review in code-server: review with a plan', () => {
  it('reads the plan named in the settings: its values decide findings, the checklist says what it does', { timeout: 300_000 }, async () => {
    const { sandbox } = session;
    cpSync(EXAMPLE, join(sandbox.workspace, 'orders'), { recursive: true });
    mkdirSync(join(sandbox.workspace, '.vscode'), { recursive: true });
    const settings = join(sandbox.workspace, '.vscode', 'settings.json');
    writeFileSync(settings, JSON.stringify({ 'iacReview.plan': 'orders/plan.json' }, null, 2));
    const { wb, page } = await openWorkbench(session, { fileName: 'orders', viewport: { width: 1440, height: 900 } });

    // orders/main.tf (the workspace's own main.tf sits beside it): Quick Open by path, its tab reads main.tf.
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('orders/main.tf');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'orders' }).first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('.tab.active', { hasText: 'main.tf' }).waitFor();
    await wb.openProblems();
    // Only this file's problems (the workspace's other modules have many): Problems' own filter.
    await page.getByPlaceholder(/^Filter \(e\.g\./).fill('orders/main.tf');
    const rows = await eventually(
      () => wb.problemRows(),
      (r) => r.some((row) => PLAN_FINDING.test(row)),
      'the finding the plan decides (the root volume the code leaves to the AMI) in Problems',
      60_000,
    );
    expect(rows.find((row) => PLAN_FINDING.test(row))).toMatch(/encryption\/at-rest/);
    await screenshot(page, 'plan-problems');

    // The checklist says the plan's counts first.
    await wb.runCommand('IaC Review: Show Review Checklist');
    const sidebar = page.locator('.part.sidebar');
    const message = sidebar.locator('.pane-body .message, .tree-explorer-viewlet-tree-view-message, .monaco-tl-contents').filter({ hasText: /Plan orders\/plan\.json:/ }).first();
    await message.waitFor({ timeout: 60_000 });
    expect(await message.innerText()).toMatch(/Plan orders\/plan\.json: .*2 to update|Plan orders\/plan\.json: .*to update/);
    await screenshot(page, 'plan-checklist');

    // Without the plan the value is unknown again: the finding goes (it becomes a checklist question).
    writeFileSync(settings, JSON.stringify({ 'iacReview.plan': '' }, null, 2));
    await eventually(() => wb.problemRows(), (r) => !r.some((row) => PLAN_FINDING.test(row)), 'the plan finding gone once the plan is cleared', 60_000);
  });
});
