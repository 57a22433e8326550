import * as path from 'node:path';
import { ConfigurationTarget, window, workspace, type ExtensionContext } from 'vscode';
import type { ActiveExercise, ExerciseSession } from './exercise-session';
import type { ExerciseRecord } from './exercise-store';
import { errorText, exerciseSubmitRequest, type Submission } from './protocol';
import type { ServerController } from './server-controller';

/** How often the clock looks at the deadlines (the countdown ticks at the same pace). */
const TICK_MS = 1000;

/** `<folder>/**` as files.readonlyInclude takes it: an absolute glob with `/` separators. */
export function readonlyGlob(folder: string): string {
  return `${folder.split(path.sep).join('/')}/**`;
}

/**
 * Makes the candidate's folder read-only in the USER settings
 * (files.readonlyInclude, global scope): the workspace's own .vscode/ is the
 * candidate's to edit, the user settings are the environment's.
 */
export async function lockExerciseFolder(folder: string): Promise<void> {
  const files = workspace.getConfiguration('files');
  const current = files.inspect<Record<string, boolean>>('readonlyInclude')?.globalValue ?? {};
  const glob = readonlyGlob(folder);
  if (current[glob] === true) return;
  await files.update('readonlyInclude', { ...current, [glob]: true }, ConfigurationTarget.Global);
}

/** Saves the unsaved editors of the folder: what is submitted is what the candidate sees. */
async function saveFolderDocuments(folder: string): Promise<void> {
  const inside = (file: string) => {
    const rel = path.relative(folder, file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  };
  for (const doc of workspace.textDocuments) {
    if (doc.isDirty && doc.uri.scheme === 'file' && inside(doc.uri.fsPath)) await doc.save();
  }
}

/**
 * Hands an exercise in: saves its editors, makes it read-only, and records the
 * submission (time and hash of the files, from the server) with the
 * exercise's record. Never shows a score. Resolves to the submission, or
 * undefined when the exercise is not this editor's or already submitted.
 */
export async function submitExercise(controller: ServerController, session: ExerciseSession, exercise: ActiveExercise): Promise<Submission | undefined> {
  // The stored record, not the view's copy: a submission made a moment ago is not made twice.
  const record = exercise.record && (session.store.byId(exercise.record.state.exercise) ?? exercise.record);
  if (!record || record.submission) return undefined;
  await saveFolderDocuments(exercise.folder);
  await lockExerciseFolder(exercise.folder);
  let submission: Submission;
  const client = controller.current;
  try {
    if (!client) throw new Error('the language server is not running');
    const result = await client.sendRequest(exerciseSubmitRequest, { folder: exercise.folder });
    submission = { submittedAt: result.submittedAt, filesHash: result.filesHash, files: result.files };
  } catch (error) {
    // The time is what must not be lost: the folder is locked, so what is there now is what was handed in.
    submission = { submittedAt: new Date().toISOString(), filesHash: 'unavailable', files: 0 };
    void window.showWarningMessage(`IaC Review: the submission was recorded without a hash of the files: ${errorText(error)}`);
  }
  const next: ExerciseRecord = { ...record, submission, locked: true };
  await session.store.put(next);
  await session.recordChanged();
  return submission;
}

/**
 * The real clock: once a second, an exercise of this editor past its deadline
 * and not yet submitted is locked and submitted, and the candidate is told.
 * The deadline comes from the record in global storage; the candidate's
 * folder has no say in it. An editor opened after the deadline does the same
 * at once (that submission is late, by as much as it is).
 */
export function registerExerciseClock(context: ExtensionContext, controller: ServerController, session: ExerciseSession): void {
  const finishing = new Set<string>();
  const tick = () => {
    const now = Date.now();
    for (const exercise of session.active) {
      const record = exercise.record;
      if (!record || record.submission || finishing.has(record.state.exercise)) continue;
      if (Date.parse(record.state.deadline) > now) continue;
      finishing.add(record.state.exercise);
      void submitExercise(controller, session, exercise)
        .then((submission) => {
          if (!submission) return;
          const at = new Date(submission.submittedAt).toLocaleTimeString();
          void window.showWarningMessage(`IaC Review: time is up. The exercise is now read-only and was submitted at ${at}.`);
        })
        .finally(() => finishing.delete(record.state.exercise));
    }
  };
  const timer = setInterval(tick, TICK_MS);
  context.subscriptions.push({ dispose: () => clearInterval(timer) }, session.onDidChange(tick));
}
