import * as path from 'node:path';
import { Uri, commands, window, workspace, type ExtensionContext, type QuickPickItem } from 'vscode';
import { openExerciseFiles } from './exercise-brief';
import { packDescription } from './exercise-labels';
import type { ActiveExercise, ExerciseSession } from './exercise-session';
import { submitExercise } from './exercise-submit';
import { errorText, exerciseListRequest, exerciseScoreRequest, exerciseStartRequest, type ExerciseScoreResult, type StartedExerciseResult } from './protocol';
import { registerScorePreview, type ScorePreview } from './score-preview';
import type { ServerController } from './server-controller';

/** Score is not the candidate's (SPEC §8): said when it is asked for while an exercise runs. */
const IN_PROGRESS =
  'IaC Review: this exercise is in progress. The candidate submits it (IaC Review: Submit Exercise); the interviewer scores it afterwards, with the answer key.';

export const START_EXERCISE_COMMAND = 'iacReview.startExercise';
export const SUBMIT_EXERCISE_COMMAND = 'iacReview.submitExercise';
export const SCORE_EXERCISE_COMMAND = 'iacReview.scoreExercise';

const DEFAULT_MINUTES = 40;
/** Minutes, fractions allowed ("0.1" is six seconds); at most a week. */
const MINUTES = /^\s*(\d+(\.\d+)?|\.\d+)\s*$/;

/** Optional arguments of "Start Exercise" (tests and keybindings skip the pickers with them). */
export interface StartExerciseArgs {
  pack?: string;
  /** Absolute path of the candidate's folder (created; must be new or empty). */
  out?: string;
  durationMinutes?: number;
}

/** Optional arguments of "Score Exercise". */
export interface ScoreExerciseOptions {
  /** The answer key's path; without it the interviewer picks the file. */
  key?: string;
  reveal?: boolean;
}

async function pickPack(controller: ServerController): Promise<string | undefined> {
  const client = controller.current;
  if (!client) return undefined;
  const packs = await client.sendRequest(exerciseListRequest);
  if (packs.length === 0) {
    void window.showErrorMessage('IaC Review: no exercise packs were found next to the language server (test-fixtures/exercises).');
    return undefined;
  }
  const items: Array<QuickPickItem & { pack: string }> = packs.map((p) => ({
    label: p.name,
    description: packDescription(p),
    ...(p.title ? { detail: p.title } : {}),
    pack: p.name,
  }));
  const picked = await window.showQuickPick(items, { title: 'IaC Review: Start Exercise', placeHolder: 'Exercise pack' });
  return picked?.pack;
}

async function pickFolder(pack: string): Promise<string | undefined> {
  const first = workspace.workspaceFolders?.[0];
  const value = first ? path.join(first.uri.fsPath, `iac-review-exercise-${pack}`) : '';
  const entered = await window.showInputBox({
    title: 'IaC Review: Start Exercise',
    prompt: "The candidate's folder: a new or empty folder (the pack is copied there without its answer key)",
    value,
    ignoreFocusOut: true,
    validateInput: (v) => (path.isAbsolute(v.trim()) ? undefined : 'Give an absolute path.'),
  });
  return entered?.trim() || undefined;
}

async function pickDuration(): Promise<number | undefined> {
  const entered = await window.showInputBox({
    title: 'IaC Review: Start Exercise',
    prompt: 'Time limit in minutes (fractions allowed: 0.5 is 30 seconds)',
    value: String(DEFAULT_MINUTES),
    ignoreFocusOut: true,
    validateInput: (v) => (MINUTES.test(v) && Number(v) > 0 && Number(v) <= 7 * 24 * 60 ? undefined : 'A number of minutes greater than 0, at most 10080.'),
  });
  return entered === undefined ? undefined : Number(entered);
}

/** The candidate's folder in the workspace, so the countdown and the Explorer show it. */
function addToWorkspace(folder: Uri): void {
  if (workspace.getWorkspaceFolder(folder)) return;
  const count = workspace.workspaceFolders?.length ?? 0;
  workspace.updateWorkspaceFolders(count, 0, { uri: folder });
}

/** The exercise a command is about: the only one, or the one picked. */
async function pickActive(session: ExerciseSession, title: string, filter: (e: ActiveExercise) => boolean): Promise<ActiveExercise | undefined> {
  const active = (await session.refresh()).filter(filter);
  if (active.length <= 1) return active[0];
  const items: Array<QuickPickItem & { exercise: ActiveExercise }> = active.map((e) => ({
    label: e.label,
    description: workspace.asRelativePath(e.folder),
    exercise: e,
  }));
  return (await window.showQuickPick(items, { title, placeHolder: 'Exercise folder' }))?.exercise;
}

/** In candidate mode — an exercise this editor started, not yet handed in — the folder is not scored (SPEC §8). */
function inProgress(session: ExerciseSession, folder: string): boolean {
  const record = session.store.byFolder(folder) ?? session.active.find((e) => e.folder === folder)?.record;
  return record !== undefined && record.submission === undefined;
}

function folderPath(arg: unknown): string | undefined {
  if (arg instanceof Uri) return arg.fsPath;
  if (typeof arg === 'string' && arg !== '') return arg.startsWith('file:') ? Uri.parse(arg).fsPath : arg;
  return undefined;
}

/**
 * "Start Exercise" (copy a pack into the candidate's folder; its state —
 * deadline, key fingerprint — goes to global storage), "Submit Exercise"
 * (the candidate hands in; no score shown) and "Score Exercise" (the
 * interviewer, with a key they pick, once the exercise is handed in).
 */
export function registerExerciseCommands(context: ExtensionContext, controller: ServerController, session: ExerciseSession): void {
  const preview: ScorePreview = registerScorePreview(context);

  const start = async (args?: StartExerciseArgs): Promise<StartedExerciseResult | undefined> => {
    const client = controller.currentOrWarn();
    if (!client) return undefined;
    try {
      const pack = args?.pack ?? (await pickPack(controller));
      if (!pack) return undefined;
      const out = args?.out ?? (await pickFolder(pack));
      if (!out) return undefined;
      const durationMinutes = args?.durationMinutes ?? (args?.out === undefined ? await pickDuration() : DEFAULT_MINUTES);
      if (durationMinutes === undefined) return undefined;
      const started = await client.sendRequest(exerciseStartRequest, { pack, out, durationMinutes });
      await session.store.put({ state: started.state });
      const folder = Uri.file(started.folder);
      addToWorkspace(folder);
      await openExerciseFiles(folder);
      await session.refresh();
      return started;
    } catch (error) {
      void window.showErrorMessage(`IaC Review: the exercise did not start: ${errorText(error)}`);
      return undefined;
    }
  };

  const submit = async (folderArg?: unknown, options?: { confirm?: boolean }) => {
    const folder = folderPath(folderArg);
    const exercise = folder
      ? (await session.refresh()).find((e) => e.folder === folder)
      : await pickActive(session, 'IaC Review: Submit Exercise', (e) => e.record !== undefined && e.record.submission === undefined);
    if (!exercise?.record) {
      void window.showInformationMessage('IaC Review: no exercise in progress here to submit.');
      return undefined;
    }
    if (exercise.record.submission) {
      void window.showInformationMessage(`IaC Review: this exercise was submitted at ${new Date(exercise.record.submission.submittedAt).toLocaleTimeString()}.`);
      return exercise.record.submission;
    }
    if (options?.confirm !== false) {
      const answer = await window.showWarningMessage('Submit the exercise? The files become read-only.', { modal: true }, 'Submit');
      if (answer !== 'Submit') return undefined;
    }
    const submission = await submitExercise(controller, session, exercise);
    if (submission) {
      void window.showInformationMessage(
        `IaC Review: exercise submitted at ${new Date(submission.submittedAt).toLocaleTimeString()} (${submission.files} files). Your interviewer takes it from here.`,
      );
    }
    return submission;
  };

  const score = async (folderArg?: unknown, options?: ScoreExerciseOptions): Promise<ExerciseScoreResult | undefined> => {
    const client = controller.currentOrWarn();
    if (!client) return undefined;
    let folder = folderPath(folderArg);
    if (!folder && session.active.some((e) => e.record && !e.record.submission)) {
      // Candidate mode: an exercise of this editor is running here. Score is not the candidate's (SPEC §8); Submit is.
      void window.showErrorMessage(IN_PROGRESS);
      return undefined;
    }
    if (!folder) {
      const picked = await window.showOpenDialog({
        title: "IaC Review: Score Exercise — the candidate's folder",
        canSelectFiles: false,
        canSelectFolders: true,
        canSelectMany: false,
        openLabel: 'Score',
      });
      folder = picked?.[0]?.fsPath;
    }
    if (!folder) return undefined;
    if (inProgress(session, folder)) {
      void window.showErrorMessage(IN_PROGRESS);
      return undefined;
    }
    let key = options?.key;
    if (key === undefined) {
      const own = Uri.file(path.join(folder, 'answer-key.json'));
      const hasOwn = await workspace.fs.stat(own).then(
        () => true,
        () => false,
      );
      if (!hasOwn) {
        const picked = await window.showOpenDialog({
          title: "IaC Review: Score Exercise — the exercise's answer key",
          canSelectFiles: true,
          canSelectFolders: false,
          canSelectMany: false,
          filters: { 'Answer key': ['json'] },
          openLabel: 'Use this key',
        });
        key = picked?.[0]?.fsPath;
        if (!key) return undefined;
      }
    }
    const record = session.store.byFolder(folder);
    const state = record ? { ...record.state, ...(record.submission ? { submission: record.submission } : {}) } : undefined;
    const reveal = options?.reveal === true;
    let result: ExerciseScoreResult;
    try {
      result = await client.sendRequest(exerciseScoreRequest, { folder, reveal, ...(key ? { key } : {}), ...(state ? { state } : {}) });
    } catch (error) {
      void window.showErrorMessage(`IaC Review: ${errorText(error)}`);
      return undefined;
    }
    const name = record?.state.name ?? path.basename(folder);
    await preview.show(name, result.markdown);
    if (!reveal) {
      const revealAction = "Reveal the Engine's Findings";
      void window.showInformationMessage(`IaC Review: exercise score ${result.score.score} / 100.`, revealAction).then((answer) => {
        if (answer === revealAction) void score(folder, { ...(key ? { key } : {}), reveal: true });
      });
    }
    return result;
  };

  context.subscriptions.push(
    commands.registerCommand(START_EXERCISE_COMMAND, (args?: StartExerciseArgs) => start(args)),
    commands.registerCommand(SUBMIT_EXERCISE_COMMAND, (folder?: unknown, options?: { confirm?: boolean }) => submit(folder, options)),
    commands.registerCommand(SCORE_EXERCISE_COMMAND, (folder?: unknown, options?: ScoreExerciseOptions) => score(folder, options)),
  );
}
