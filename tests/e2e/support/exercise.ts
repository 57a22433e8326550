import { join } from 'node:path';
import { eventually, type Workbench } from './workbench.js';

/**
 * "IaC Review: Start Exercise" as a candidate's interviewer runs it: picks the
 * pack by name, accepts the default folder (`iac-review-exercise-<pack>` in
 * the workspace), and the default time limit of 40 minutes or the one given
 * (a string, as typed: `0.75` is 45 seconds). Returns the exercise's folder;
 * `onPicker` sees the pack's row in the picker before it is chosen.
 */
export async function startExercise(
  wb: Workbench,
  workspace: string,
  options: { pack: string; minutes?: string; onPicker?: (rowText: string) => void },
): Promise<string> {
  const { page } = wb;
  await wb.runCommand('IaC Review: Start Exercise');
  const input = page.locator('.quick-input-widget input');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: options.pack }).first();
  await row.waitFor({ timeout: 30_000 });
  options.onPicker?.(await row.innerText());
  await input.fill(options.pack);
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: options.pack }).waitFor();
  await page.keyboard.press('Enter');
  const folder = join(workspace, `iac-review-exercise-${options.pack}`);
  await eventually(() => input.inputValue(), (v) => v === folder, 'the default candidate folder in the input box');
  await page.keyboard.press('Enter');
  await eventually(() => input.inputValue(), (v) => v === '40', 'the default time limit in the input box');
  if (options.minutes !== undefined) await input.fill(options.minutes);
  await page.keyboard.press('Enter');
  return folder;
}
