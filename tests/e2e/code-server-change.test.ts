// The lead's review in the editor (SPEC §7, §9), with the installed .vsix in
// code-server driven through Chromium: renaming a database in the editor
// raises refactor/missing-moved-block against the branch's base, its quick
// fix inserts the moved block and the finding goes; the Review Checklist, in
// its own activity-bar container at the default sidebar width, shows short
// rows with file:line beside them, not cut. Screenshots are kept in
// test-results/. Needs `npm run package` first (npm run test:e2e does it).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseExpectations } from '../support/expectations.js';
import { openWorkbench, useCodeServerSession } from './support/session.js';
import { eventually, screenshot } from './support/workbench.js';

const session = useCodeServerSession();

const DATABASE = `resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  storage_encrypted = true

  tags = {
    CostCenter = "cc-4021"
    Service    = "orders"
  }
}
`;

/** A repository whose `main` holds the workspace as it is, with a feature branch checked out: the base of the change is `main`. */
function commitWorkspace(dir: string): void {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], {
      cwd: dir,
      stdio: 'pipe',
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  git('checkout', '-q', '-b', 'rename-database');
}

describe('IaC Review in code-server: change checks and the checklist view', () => {
  it('flags a rename without moved, fixes it with the quick fix; the checklist rows are short and show file:line', { timeout: 300_000 }, async () => {
    const { sandbox } = session;
    writeFileSync(join(sandbox.workspace, 'db.tf'), DATABASE);
    commitWorkspace(sandbox.workspace);
    // A laptop-sized window; the sidebar keeps VS Code's default width.
    const { wb, page } = await openWorkbench(session, { fileName: 'db.tf', viewport: { width: 1440, height: 900 } });

    // Rename the database in the editor (unsaved, as a user types it).
    await wb.openFile('db.tf');
    await wb.goTo(1, 29); // the `o` of "orders"
    await page.keyboard.press('Control+Shift+ArrowRight');
    await page.keyboard.type('orders_primary');
    await wb.openProblems();
    const moved = await eventually(
      () => wb.problemRows(),
      (rows) => rows.some((r) => r.includes('refactor/missing-moved-block')),
      'the missing-moved diagnostic in Problems',
      60_000,
    );
    expect(moved.find((r) => r.includes('refactor/missing-moved-block'))).toMatch(/aws_db_instance\.orders/);
    await screenshot(page, 'change-missing-moved');

    // The quick fix inserts the moved block; the diagnostic goes.
    await wb.goTo(1, 10);
    await wb.runQuickFix(/Add a moved block from aws_db_instance\.orders to aws_db_instance\.orders_primary/);
    await page.keyboard.press('Control+S');
    const saved = await eventually(
      async () => readFileSync(join(sandbox.workspace, 'db.tf'), 'utf8'),
      (t) => t.includes('moved {'),
      'the moved block saved',
    );
    expect(saved).toMatch(/moved \{\n\s+from = aws_db_instance\.orders\n\s+to\s+= aws_db_instance\.orders_primary\n\}/);
    await eventually(() => wb.problemRows(), (rows) => !rows.some((r) => r.includes('refactor/missing-moved-block')), 'the missing-moved diagnostic gone', 60_000);
    await screenshot(page, 'change-moved-fixed');

    // The Review Checklist in its own view container, at the default sidebar width.
    await wb.runCommand('IaC Review: Show Review Checklist');
    const sidebar = page.locator('.part.sidebar');
    await sidebar.locator('.composite.title', { hasText: /IaC Review/i }).waitFor({ timeout: 30_000 });
    const mainTf = join(sandbox.workspace, 'main.tf');
    const logRetention = parseExpectations(mainTf, readFileSync(mainTf, 'utf8')).find((e) => e.ruleId === 'observability/log-retention')!;
    // What the item is about, then the item: the problem, with file:line beside it.
    const place = sidebar.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: /^aws_cloudwatch_log_group\.jobs$/ }) }).first();
    await place.waitFor({ timeout: 60_000 });
    const row = sidebar.locator('.monaco-list-row', { has: page.locator('.label-name', { hasText: /^no log retention$/ }) }).first();
    await row.waitFor();
    await screenshot(page, 'checklist-view');
    expect(Number(await row.getAttribute('aria-level'))).toBe(Number(await place.getAttribute('aria-level')) + 1);

    const description = row.locator('.label-description');
    expect(await description.innerText()).toBe(`main.tf:${logRetention.line}`);
    console.log(`sidebar width: ${(await sidebar.boundingBox())!.width} px`);
    await expectNotCut(row, description);
    // Every item row (a box to tick) reads the same way: a short problem, file:line beside it, nothing cut.
    const rows = sidebar.locator('.monaco-list-row').filter({ has: page.locator('.monaco-checkbox, [role="checkbox"]') });
    expect(await rows.count()).toBeGreaterThanOrEqual(6);
    for (const r of await rows.all()) {
      expect(await r.locator('.label-description').innerText()).toMatch(/^(🆕 )?[\w./-]+\.tf:\d+$/);
      await expectNotCut(r, r.locator('.label-description'));
    }
    // The sentence is in the tooltip, with no raw Markdown. A tooltip shows after the pointer rests on the row,
    // and a busy workbench may miss one entry: move off and on again until it shows.
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'retention_in_days' }).first();
    for (let attempt = 0; ; attempt++) {
      await page.mouse.move(0, 0);
      await row.hover();
      const shown = await hover.waitFor({ timeout: 10_000 }).then(() => true, () => false);
      if (shown) break;
      if (attempt === 3) throw new Error('the row\'s tooltip did not show after four tries');
    }
    const tip = await hover.innerText();
    expect(tip).toContain('aws_cloudwatch_log_group.jobs');
    expect(tip).not.toMatch(/`/);
    await screenshot(page, 'checklist-tooltip');
  });
});

/** The description is drawn inside the row and its label box, and the label box does not overflow (no ellipsis). */
async function expectNotCut(row: Locator, description: Locator): Promise<void> {
  await expect.poll(() => description.isVisible()).toBe(true);
  const fits = await row.evaluate((el) => {
    const box = el.querySelector('.monaco-icon-label-container') as HTMLElement | null;
    const desc = el.querySelector('.label-description') as HTMLElement | null;
    if (!box || !desc) return 'no label container or description';
    const rowRect = el.getBoundingClientRect();
    const descRect = desc.getBoundingClientRect();
    if (box.scrollWidth > box.clientWidth + 1) return `label overflows: ${box.scrollWidth} > ${box.clientWidth}`;
    if (descRect.right > rowRect.right + 1) return `description past the row: ${descRect.right} > ${rowRect.right}`;
    if (descRect.width < 10) return `description not drawn: ${descRect.width}px`;
    return 'fits';
  });
  expect(fits).toBe('fits');
}
