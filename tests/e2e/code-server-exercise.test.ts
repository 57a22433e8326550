// An interview exercise with a real clock, in code-server through Chromium as
// the candidate and then the interviewer would use it: start an exercise with a
// time limit of a few seconds, leave an answer unsaved, and at time-up the
// editor tells the candidate, saves, makes the folder read-only through the
// USER settings (not the workspace's .vscode/) and submits. Typing then changes
// nothing. The interviewer scores the folder with the key they pick: the
// report says it was on time. Needs `npm run package` first.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startExercise } from './support/exercise.js';
import { openWorkbench, useCodeServerSession } from './support/session.js';
import { eventually, screenshot } from './support/workbench.js';

const session = useCodeServerSession();

describe('IaC Review in code-server: an exercise at time-up', () => {
  it('locks the exercise in the user settings and submits it when the time is up; the interviewer scores it with the key', { timeout: 300_000 }, async () => {
    const { sandbox } = session;
    const { wb, page, extensionDir } = await openWorkbench(session, { fileName: 'main.tf' });

    // Start Exercise: junior, the default folder, a time limit of 0.75 minutes (45 s).
    const exerciseDir = await startExercise(wb, sandbox.workspace, { pack: 'junior', minutes: '0.75' });
    const input = page.locator('.quick-input-widget input');
    await page.locator('.statusbar-item', { hasText: /junior 00:\d\d/ }).waitFor({ timeout: 30_000 });

    // The brief opens as a preview beside the module's main file, which then gets the focus back.
    await page.locator('.tab', { hasText: 'Preview README.md' }).waitFor({ timeout: 30_000 });
    await page.locator('.tab', { hasText: /\.tf/ }).first().waitFor({ timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 1000));

    // The candidate writes an answer and does not save it.
    await wb.openFile('compute.tf');
    // Quick Open must be gone before the next Ctrl+P (goTo) opens it again.
    await page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
    const computeTab = page.locator('.tab', { hasText: 'compute.tf' });
    await wb.goTo(2, 1);
    await page.keyboard.type('  # REVIEW: hard-coded AMI id, use an aws_ami data source');
    await page.keyboard.press('Enter');

    // Time-up: the notice, the folder read-only in the user settings, the answer saved and submitted.
    await page.locator('.notifications-toasts', { hasText: 'time is up' }).waitFor({ timeout: 60_000 });
    await page.locator('.statusbar-item', { hasText: 'junior submitted' }).waitFor({ timeout: 30_000 });
    const userSettings = JSON.parse(readFileSync(join(sandbox.userDataDir, 'User', 'settings.json'), 'utf8'));
    expect(userSettings['files.readonlyInclude']).toEqual({ [`${exerciseDir}/**`]: true });
    expect(existsSync(join(sandbox.workspace, '.vscode', 'settings.json'))).toBe(false);
    expect(existsSync(join(exerciseDir, '.vscode'))).toBe(false);
    const saved = readFileSync(join(exerciseDir, 'compute.tf'), 'utf8');
    expect(saved).toContain('# REVIEW: hard-coded AMI id');
    expect(JSON.parse(readFileSync(join(exerciseDir, '.iac-review-submission.json'), 'utf8')).filesHash).toMatch(/^sha256:/);

    // The editor is read-only now: typing changes neither the buffer nor the file.
    await computeTab.click();
    await wb.goTo(1, 1);
    await page.keyboard.type('XYZZY');
    await new Promise((r) => setTimeout(r, 1000));
    expect((await wb.editorLines().allInnerTexts()).join('\n')).not.toContain('XYZZY');
    expect(await page.locator('.tab.dirty', { hasText: 'compute.tf' }).count()).toBe(0);
    expect(readFileSync(join(exerciseDir, 'compute.tf'), 'utf8')).toBe(saved);
    console.log(`screenshot: ${await screenshot(page, 'exercise read-only after time-up')}`);

    // The interviewer: Score Exercise, the candidate's folder, then the key from the installed pack.
    // code-server's file dialogs are quick inputs: type the path, then press the dialog's button.
    // The button may first open the folder typed (a folder dialog lists its subfolders): press it until the dialog closes.
    const dialog = async (title: string, value: string, button: string) => {
      const widget = page.locator('.quick-input-widget', { hasText: title });
      await widget.waitFor({ timeout: 30_000 });
      // The dialog fills in its starting folder once it has read it: type the path after that.
      await new Promise((r) => setTimeout(r, 1000));
      await input.fill(value);
      await eventually(() => input.inputValue(), (v) => v === value, `${value} in the dialog`);
      await new Promise((r) => setTimeout(r, 500));
      for (let i = 0; i < 5 && (await widget.isVisible()); i++) {
        // A click event on the button itself: the editor's "read-only" message may lie over it.
        await page.locator('.quick-input-widget .monaco-button', { hasText: button }).dispatchEvent('click');
        await widget.waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
      }
    };
    await wb.runCommand('IaC Review: Score Exercise');
    await dialog("the candidate's folder", exerciseDir, 'Score');
    await dialog("the exercise's answer key", join(extensionDir, 'test-fixtures', 'exercises', 'junior', 'answer-key.json'), 'Use this key');
    const report = await wb.webviewWith('h1', 'Exercise score: junior', 60_000);
    const text = await report.locator('body').innerText();
    expect(text).toContain('found 1 of 9 problems');
    expect(text).toMatch(/Submitted .*: on time/);
    expect(text).toMatch(/Score formula: score = round\(100 × found weight ÷ total weight\)/);
    console.log(`screenshot: ${await screenshot(page, 'exercise scored by the interviewer')}`);
  });
});
