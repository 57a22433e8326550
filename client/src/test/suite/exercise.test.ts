import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Position, TabInputWebview, Uri, WorkspaceEdit, commands, languages, window, workspace } from 'vscode';
import type { ChecklistResult, ExerciseScoreResult, ExerciseStatus } from '../../protocol';
import { extensionApi } from './extension-api';
import { fixtureUri, waitForDiagnostics } from './fixture-workspace';

const AMI_COMMENT = '  # REVIEW: hard-coded AMI id, look it up with an aws_ami data source\n';

function markdownPreviewTabs() {
  return window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof TabInputWebview && /markdown\.preview/.test(t.input.viewType));
}

suite('Exercises', () => {
  let out: string;

  suiteSetup(() => {
    out = join(fixtureUri('').fsPath, 'iac-review-exercise-junior');
  });

  test("Start Exercise copies the pack without its key, opens it, and the server shows no diagnostics there", async () => {
    const status = await commands.executeCommand<ExerciseStatus | undefined>('iacReview.startExercise', { pack: 'junior', out });
    assert.ok(status, 'the exercise did not start');
    assert.equal(status.folder, out);
    assert.equal(status.marker.exercise, 'junior');
    const minutesLeft = (Date.parse(status.deadline) - Date.now()) / 60_000;
    assert.ok(minutesLeft > 39 && minutesLeft <= 40, `a 40-minute timer, got ${minutesLeft}`);
    assert.ok(existsSync(join(out, 'compute.tf')));
    assert.ok(!existsSync(join(out, 'answer-key.json')), 'the candidate must not get the answer key');
    assert.equal(window.activeTextEditor?.document.uri.fsPath, join(out, 'README.md'), "the candidate's brief is in front");
    assert.ok(workspace.textDocuments.some((d) => d.uri.fsPath === join(out, 'compute.tf')), 'the module is open');

    // The countdown's source: the server reports the exercise.
    const { exercises } = await extensionApi();
    const active = await exercises.refresh();
    assert.deepEqual(active.map((e) => e.folder), [out]);

    // The same file outside the exercise gets its findings; inside it, none.
    const compute = Uri.file(join(out, 'compute.tf'));
    const control = fixtureUri('exercise-control/compute.tf');
    await workspace.fs.writeFile(control, new TextEncoder().encode(readFileSync(compute.fsPath, 'utf8')));
    try {
      await window.showTextDocument(await workspace.openTextDocument(control), { preview: false });
      await window.showTextDocument(await workspace.openTextDocument(compute), { preview: false });
      const seen = await waitForDiagnostics(control, (ds) => ds.some((d) => d.code !== undefined));
      assert.ok(seen.length > 0);
      await new Promise((r) => setTimeout(r, 1500));
      assert.deepEqual(languages.getDiagnostics(compute), []);
    } finally {
      await commands.executeCommand('workbench.action.closeActiveEditor');
      await workspace.fs.delete(Uri.joinPath(control, '..'), { recursive: true });
    }

    // Nor does the checklist give the answers away.
    const checklist = await commands.executeCommand<ChecklistResult | undefined>('iacReview.refreshChecklist');
    assert.ok(checklist);
    const files = checklist.folders.flatMap((f) => f.checklist.sections.flatMap((s) => s.items.map((i) => i.file)));
    assert.ok(files.length > 0, 'the rest of the workspace still has its checklist');
    assert.deepEqual(files.filter((f) => f.startsWith('iac-review-exercise-junior/')), []);

    // A second start into the same (now non-empty) folder is refused.
    assert.equal(await commands.executeCommand('iacReview.startExercise', { pack: 'junior', out }), undefined);
  });

  test("Score Exercise scores the REVIEW comments (unsaved ones count) and shows the report; the interviewer's view adds the engine's findings", async () => {
    const folder = Uri.file(out);
    const before = await commands.executeCommand<ExerciseScoreResult | undefined>('iacReview.scoreExercise', folder);
    assert.ok(before, 'no score');
    assert.equal(before.score.score, 0);
    assert.equal(before.score.found, 0);

    const doc = await workspace.openTextDocument(Uri.file(join(out, 'compute.tf')));
    const amiLine = doc.getText().split('\n').findIndex((l) => /^\s*ami\s*=/.test(l));
    assert.ok(amiLine > 0, 'the junior pack plants a literal AMI in compute.tf');
    const edit = new WorkspaceEdit();
    edit.insert(doc.uri, new Position(amiLine, 0), AMI_COMMENT);
    assert.equal(await workspace.applyEdit(edit), true);

    const after = await commands.executeCommand<ExerciseScoreResult | undefined>('iacReview.scoreExercise', folder);
    assert.ok(after);
    assert.equal(after.score.found, 1);
    assert.equal(after.score.problems.find((p) => p.id === 'ami-literal')?.found, true);
    assert.ok(after.score.score > 0);
    assert.match(after.markdown, /^# Exercise score: junior/);
    assert.ok(!after.markdown.includes('Engine findings'), "the candidate's score does not reveal the engine's findings");
    const labels = markdownPreviewTabs().map((t) => t.label);
    assert.ok(labels.some((l) => l.includes('junior-score')), `the report is not shown in the Markdown preview (preview tabs: ${JSON.stringify(labels)})`);

    const revealed = await commands.executeCommand<ExerciseScoreResult | undefined>('iacReview.scoreExercise', folder, { reveal: true });
    assert.ok(revealed);
    assert.match(revealed.markdown, /## Engine findings \(interviewer view\)/);
    assert.match(revealed.markdown, /hardcoded\/ami-id/);
    await doc.save();
  });
});
