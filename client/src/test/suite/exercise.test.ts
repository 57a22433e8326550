import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Position, TabInputWebview, Uri, WorkspaceEdit, commands, extensions, languages, window, workspace } from 'vscode';
import type { ChecklistResult, ExerciseScoreResult, StartedExerciseResult, Submission } from '../../protocol';
import { mainModuleFile } from '../../exercise-labels';
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
    const status = await commands.executeCommand<StartedExerciseResult | undefined>('iacReview.startExercise', { pack: 'junior', out });
    assert.ok(status, 'the exercise did not start');
    assert.equal(status.folder, out);
    assert.match(status.exercise, /^exercise-[0-9a-f]{16}$/);
    const minutesLeft = (Date.parse(status.state.deadline) - Date.now()) / 60_000;
    assert.ok(minutesLeft > 39 && minutesLeft <= 40, `a 40-minute timer, got ${minutesLeft}`);
    assert.ok(existsSync(join(out, 'compute.tf')));
    assert.ok(!existsSync(join(out, 'answer-key.json')), 'the candidate must not get the answer key');
    assert.deepEqual(JSON.parse(readFileSync(join(out, '.iac-review-exercise.json'), 'utf8')), { version: 2, exercise: status.exercise });
    // The module's main file (the junior pack has no main.tf: the file with the most blocks, then the longest) is open.
    const tf = readdirSync(out).filter((n) => n.endsWith('.tf'));
    const main = mainModuleFile(tf.map((name) => ({ name, text: readFileSync(join(out, name), 'utf8') })));
    assert.ok(main);
    assert.ok(
      workspace.textDocuments.some((d) => d.uri.fsPath === join(out, main)),
      `the module is open (open: ${JSON.stringify(workspace.textDocuments.map((d) => d.uri.fsPath))})`,
    );

    // The countdown's source: the server reports the folder, global storage holds the deadline.
    const { exercises } = await extensionApi();
    const active = await exercises.refresh();
    assert.deepEqual(active.map((e) => e.folder), [out]);
    assert.equal(active[0]!.record?.state.deadline, status.state.deadline);
    // Editing the candidate's files — the marker included — does not move the deadline.
    const markerPath = join(out, '.iac-review-exercise.json');
    writeFileSync(markerPath, JSON.stringify({ version: 1, exercise: 'junior', startedAt: '2030-01-01T00:00:00Z', durationMinutes: 10080 }));
    const edited = await exercises.refresh();
    assert.equal(edited.find((e) => e.folder === out)?.record?.state.deadline, status.state.deadline);
    writeFileSync(markerPath, JSON.stringify({ version: 2, exercise: status.exercise }));

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

  test('Score is refused while the exercise runs; Submit hands in without a score; the interviewer then scores with the key', async () => {
    const folder = Uri.file(out);
    // The interviewer's key: the pack shipped with the extension.
    const key = join(extensions.getExtension('iac-review.iac-review')!.extensionPath, 'test-fixtures', 'exercises', 'junior', 'answer-key.json');
    assert.equal(await commands.executeCommand('iacReview.scoreExercise', folder, { key }), undefined, 'no score in candidate mode');

    const doc = await workspace.openTextDocument(Uri.file(join(out, 'compute.tf')));
    const amiLine = doc.getText().split('\n').findIndex((l) => /^\s*ami\s*=/.test(l));
    assert.ok(amiLine > 0, 'the junior pack plants a literal AMI in compute.tf');
    const edit = new WorkspaceEdit();
    edit.insert(doc.uri, new Position(amiLine, 0), AMI_COMMENT);
    assert.equal(await workspace.applyEdit(edit), true);

    const submission = await commands.executeCommand<Submission | undefined>('iacReview.submitExercise', folder, { confirm: false });
    assert.ok(submission, 'not submitted');
    assert.match(submission.filesHash, /^sha256:/);
    assert.ok(!doc.isDirty, 'the unsaved answer was saved before the submission');
    const readonly = workspace.getConfiguration('files').inspect<Record<string, boolean>>('readonlyInclude')?.globalValue ?? {};
    assert.equal(readonly[`${out}/**`], true, 'the folder is read-only in the user settings');

    const after = await commands.executeCommand<ExerciseScoreResult | undefined>('iacReview.scoreExercise', folder, { key });
    assert.ok(after);
    assert.equal(after.score.found, 1);
    assert.equal(after.score.problems.find((p) => p.id === 'ami-literal')?.found, true);
    assert.equal(after.score.timing?.status, 'on-time');
    assert.match(after.markdown, /^# Exercise score: junior/);
    assert.ok(!after.markdown.includes('Engine findings'), "the engine's findings only on request");
    // The preview's tab is registered once its webview is created, after the command returns.
    let labels = markdownPreviewTabs().map((t) => t.label);
    for (let i = 0; i < 40 && !labels.some((l) => l.includes('junior-score')); i++) {
      await new Promise((r) => setTimeout(r, 250));
      labels = markdownPreviewTabs().map((t) => t.label);
    }
    assert.ok(labels.some((l) => l.includes('junior-score')), `the report is not shown in the Markdown preview (preview tabs: ${JSON.stringify(labels)})`);

    const revealed = await commands.executeCommand<ExerciseScoreResult | undefined>('iacReview.scoreExercise', folder, { key, reveal: true });
    assert.ok(revealed);
    assert.match(revealed.markdown, /## Engine findings \(interviewer view\)/);
    assert.match(revealed.markdown, /hardcoded\/ami-id/);
  });
});
