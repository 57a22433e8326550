import * as path from 'node:path';
import { FileType, Uri, commands, window, workspace, type ExtensionContext, type QuickPickItem } from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { ExerciseSession } from './exercise-session';
import {
  errorText,
  exerciseListRequest,
  exerciseScoreRequest,
  exerciseStartRequest,
  type ExerciseScoreResult,
  type ExerciseStatus,
} from './protocol';
import { registerScorePreview, type ScorePreview } from './score-preview';
import type { ServerController } from './server-controller';

export const START_EXERCISE_COMMAND = 'iacReview.startExercise';
export const SCORE_EXERCISE_COMMAND = 'iacReview.scoreExercise';

/** Optional arguments of "Start Exercise" (tests and keybindings skip the pickers with them). */
export interface StartExerciseArgs {
  pack?: string;
  /** Absolute path of the candidate's folder (created; must be new or empty). */
  out?: string;
  durationMinutes?: number;
}

/** The candidate's brief, opened last so it is the one in front. */
const BRIEF = 'README.md';

async function pickPack(client: LanguageClient): Promise<string | undefined> {
  const packs = await client.sendRequest(exerciseListRequest);
  if (packs.length === 0) {
    void window.showErrorMessage('IaC Review: no exercise packs were found next to the language server (test-fixtures/exercises).');
    return undefined;
  }
  const items: Array<QuickPickItem & { pack: string }> = packs.map((p) => ({
    label: p.name,
    description: [p.difficulty, `${p.problems} problems`].filter(Boolean).join(' · '),
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

/**
 * Opens the module's main file (main.tf, else the first .tf file) and the
 * brief. An open Terraform file is also how the server learns of an exercise
 * folder inside a workspace folder (exercise/status), so the countdown starts.
 */
async function openExerciseFiles(folder: Uri): Promise<void> {
  let entries: Array<[string, FileType]> = [];
  try {
    entries = await workspace.fs.readDirectory(folder);
  } catch {
    return;
  }
  const files = entries.filter(([, type]) => type === FileType.File).map(([name]) => name);
  const module = files.includes('main.tf') ? 'main.tf' : files.filter((f) => f.endsWith('.tf')).sort()[0];
  for (const name of [module, files.includes(BRIEF) ? BRIEF : undefined]) {
    if (name) await window.showTextDocument(Uri.joinPath(folder, name), { preview: false });
  }
}

/** The candidate's folder in the workspace, so the countdown and the Explorer show it. */
function addToWorkspace(folder: Uri): void {
  if (workspace.getWorkspaceFolder(folder)) return;
  const count = workspace.workspaceFolders?.length ?? 0;
  workspace.updateWorkspaceFolders(count, 0, { uri: folder });
}

async function pickExerciseFolder(session: ExerciseSession): Promise<string | undefined> {
  const active = await session.refresh();
  if (active.length === 1) return active[0]!.folder;
  if (active.length > 1) {
    const items: Array<QuickPickItem & { folder: string }> = active.map((e) => ({
      label: e.marker.exercise,
      description: workspace.asRelativePath(e.folder),
      detail: `started ${new Date(e.marker.startedAt).toLocaleString()}`,
      folder: e.folder,
    }));
    return (await window.showQuickPick(items, { title: 'IaC Review: Score Exercise', placeHolder: 'Exercise folder' }))?.folder;
  }
  // None in the workspace: an exercise folder (or a generated one with its answer-key.json) elsewhere.
  const picked = await window.showOpenDialog({
    title: 'IaC Review: Score Exercise — the exercise folder',
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Score',
  });
  return picked?.[0]?.fsPath;
}

/**
 * "IaC Review: Start Exercise" (copy a pack into the candidate's folder; the
 * server then hides diagnostics there and the countdown runs) and "IaC
 * Review: Score Exercise" (the score report in the Markdown preview; the
 * interviewer may reveal the engine's findings).
 */
export function registerExerciseCommands(context: ExtensionContext, controller: ServerController, session: ExerciseSession): void {
  const preview: ScorePreview = registerScorePreview(context);

  const start = async (args?: StartExerciseArgs): Promise<ExerciseStatus | undefined> => {
    const client = controller.currentOrWarn();
    if (!client) return undefined;
    try {
      const pack = args?.pack ?? (await pickPack(client));
      if (!pack) return undefined;
      const out = args?.out ?? (await pickFolder(pack));
      if (!out) return undefined;
      const status = await client.sendRequest(exerciseStartRequest, {
        pack,
        out,
        ...(args?.durationMinutes !== undefined ? { durationMinutes: args.durationMinutes } : {}),
      });
      const folder = Uri.file(status.folder);
      addToWorkspace(folder);
      await openExerciseFiles(folder);
      await session.refresh();
      return status;
    } catch (error) {
      void window.showErrorMessage(`IaC Review: the exercise did not start: ${errorText(error)}`);
      return undefined;
    }
  };

  const score = async (folderArg?: unknown, options?: { reveal?: boolean }): Promise<ExerciseScoreResult | undefined> => {
    const client = controller.currentOrWarn();
    if (!client) return undefined;
    const folder =
      folderArg instanceof Uri ? folderArg.toString() : typeof folderArg === 'string' && folderArg !== '' ? folderArg : await pickExerciseFolder(session);
    if (!folder) return undefined;
    const reveal = options?.reveal === true;
    let result: ExerciseScoreResult;
    try {
      result = await client.sendRequest(exerciseScoreRequest, { folder, reveal });
    } catch (error) {
      void window.showErrorMessage(`IaC Review: ${errorText(error)}`);
      return undefined;
    }
    const name = session.active.find((e) => e.folder === folder || Uri.file(e.folder).toString() === folder)?.marker.exercise ?? path.basename(Uri.parse(folder).path || folder);
    await preview.show(name, result.markdown);
    if (!reveal) {
      // The candidate's score first; the engine's own findings only when the interviewer asks.
      const revealAction = "Reveal the Engine's Findings";
      void window.showInformationMessage(`IaC Review: exercise score ${result.score.score} / 100.`, revealAction).then((answer) => {
        if (answer === revealAction) void score(folder, { reveal: true });
      });
    }
    return result;
  };

  context.subscriptions.push(
    commands.registerCommand(START_EXERCISE_COMMAND, (args?: StartExerciseArgs) => start(args)),
    commands.registerCommand(SCORE_EXERCISE_COMMAND, (folder?: unknown, options?: { reveal?: boolean }) => score(folder, options)),
  );
}
