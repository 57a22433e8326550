// The Review Checklist view and the interview exercise commands of the
// installed .vsix in code-server, driven through Chromium as a user would:
// tick a box, reload, still ticked; start an exercise (no findings shown for
// it), answer with a REVIEW comment, submit it (no score shown). Needs `npm run package` first
// (npm run test:e2e does it).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseExpectations } from '../support/expectations.js';
import { startExercise } from './support/exercise.js';
import { openWorkbench, useCodeServerSession, waitForExtension } from './support/session.js';
import { eventually, type Workbench } from './support/workbench.js';

const session = useCodeServerSession();

/** The Review Checklist: the one view of the IaC Review container in the sidebar. */
function checklistPane(p: Page): Locator {
  return p.locator('.part.sidebar', { has: p.locator('.composite.title', { hasText: /IaC Review/i }) });
}


/** Shows the checklist in its own view container (the activity bar's IaC Review icon). */
async function showChecklist(wb: Workbench): Promise<Locator> {
  await wb.runCommand('IaC Review: Show Review Checklist');
  const pane = checklistPane(wb.page);
  await pane.locator('.monaco-list-row').first().waitFor({ timeout: 60_000 });
  return pane;
}

/** The tree row's checkbox: VS Code draws it as a `.monaco-checkbox` with aria-checked. */
function checkboxOf(row: Locator): Locator {
  return row.locator('.monaco-checkbox, [role="checkbox"]').first();
}

describe('IaC Review in code-server: checklist and exercises', () => {
  it('keeps a ticked checklist box across a page reload; runs an exercise with hidden findings and submits a REVIEW comment without a score', { timeout: 300_000 }, async () => {
    const { sandbox } = session;
    const { wb, page } = await openWorkbench(session, { fileName: 'main.tf' });

    const mainTf = join(sandbox.workspace, 'main.tf');
    const expected = parseExpectations(mainTf, readFileSync(mainTf, 'utf8'));
    const logRetention = expected.find((e) => e.ruleId === 'observability/log-retention')!;

    // The checklist view: the log group's finding, at main.tf:<line>, unticked.
    let pane = await showChecklist(wb);
    const rowOf = (pane: Locator) => pane.locator('.monaco-list-row', { hasText: `main.tf:${logRetention.line}` }).filter({ hasText: /retention/i }).first();
    await rowOf(pane).waitFor({ timeout: 60_000 });
    await expect.poll(() => checkboxOf(rowOf(pane)).getAttribute('aria-checked')).toBe('false');
    await checkboxOf(rowOf(pane)).click();
    await expect.poll(() => checkboxOf(rowOf(pane)).getAttribute('aria-checked')).toBe('true');
    // The section counts the tick.
    await pane.locator('.monaco-list-row', { hasText: 'Observability' }).filter({ hasText: '1/1' }).waitFor();

    // Reload the page: a new window on the same workspace; the box is still ticked.
    await new Promise((r) => setTimeout(r, 1000));
    await page.reload();
    await waitForExtension(wb);
    pane = await showChecklist(wb);
    await rowOf(pane).waitFor({ timeout: 60_000 });
    await expect.poll(() => checkboxOf(rowOf(pane)).getAttribute('aria-checked'), { timeout: 15_000 }).toBe('true');

    // Start Exercise: the junior pack, into the default folder in the workspace, with the default time limit.
    // One name per pack: "junior · 9 problems" would read "junior junior" with the difficulty repeated.
    const exerciseDir = await startExercise(wb, sandbox.workspace, {
      pack: 'junior',
      onPicker: (row) => expect(row).not.toMatch(/junior[\s\S]*junior[\s\S]*junior/),
    });
    // The brief opens as a Markdown preview beside the module's main file.
    await page.locator('.tab', { hasText: 'Preview README.md' }).waitFor({ timeout: 30_000 });
    await page.locator('.tab', { hasText: 'storage.tf' }).waitFor();
    // The countdown, and no findings count while the exercise is in the workspace.
    await page.locator('.statusbar-item', { hasText: /junior (39|40):\d\d/ }).waitFor({ timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'IaC Review: exercise' }).waitFor();

    // No findings shown for the exercise's files, while main.tf keeps its own.
    await wb.openFile('compute.tf');
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const computeTab = page.locator('.tab', { hasText: 'compute.tf' });
    await wb.openProblems();
    await eventually(() => wb.problemRows(), (r) => r.length > 0, 'the findings of main.tf in Problems', 60_000);
    await new Promise((r) => setTimeout(r, 3000));
    const allRows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts();
    expect(allRows.filter((r) => /compute\.tf|iac-review-exercise-junior|hardcoded\/ami-id/.test(r))).toEqual([]);

    // The candidate's answer: a REVIEW comment above the literal AMI (line 2 of compute.tf).
    await computeTab.click();
    await page.locator('.tab.active', { hasText: 'compute.tf' }).waitFor();
    await wb.goTo(2, 1);
    await page.keyboard.type('  # REVIEW: hard-coded AMI id, look it up with an aws_ami data source');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+S');
    await eventually(
      async () => readFileSync(join(exerciseDir, 'compute.tf'), 'utf8'),
      (t) => t.includes('# REVIEW: hard-coded AMI id'),
      'the REVIEW comment saved',
    );

    // Candidate mode: Score is refused; Submit hands in (after a confirmation) and shows no score.
    await wb.runCommand('IaC Review: Score Exercise');
    await page.locator('.notifications-toasts', { hasText: 'this exercise is in progress' }).waitFor({ timeout: 30_000 });
    await wb.runCommand('IaC Review: Submit Exercise');
    // The workbench's modal dialog draws its buttons as `.monaco-button` links.
    await page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Submit$/ }).first().click({ timeout: 30_000 });
    await page.locator('.notifications-toasts', { hasText: 'exercise submitted at' }).waitFor({ timeout: 30_000 });
    await page.locator('.statusbar-item', { hasText: 'junior submitted' }).waitFor();
    const toasts = await page.locator('.notifications-toasts').innerText();
    expect(toasts).not.toMatch(/\/ 100|score \d/i);
    expect(await wb.webviewWith('h1', 'Exercise score', 2_000).then(() => true, () => false)).toBe(false);
  });
});
