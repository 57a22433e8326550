import { FileType, Uri, ViewColumn, commands, window, workspace } from 'vscode';
import { mainModuleFile } from './exercise-labels';

/** The candidate's brief. */
const BRIEF = 'README.md';

/**
 * Opens the module's main file, and the brief beside it as a Markdown preview
 * (what the candidate reads, not its source). An open Terraform file is also
 * how the server learns of an exercise folder inside a workspace folder.
 */
export async function openExerciseFiles(folder: Uri): Promise<void> {
  let entries: Array<[string, FileType]> = [];
  try {
    entries = await workspace.fs.readDirectory(folder);
  } catch {
    return;
  }
  const names = entries.filter(([, type]) => type === FileType.File).map(([name]) => name);
  const files = await Promise.all(
    names
      .filter((n) => n.endsWith('.tf'))
      .map(async (name) => ({ name, text: new TextDecoder().decode(await workspace.fs.readFile(Uri.joinPath(folder, name))) })),
  );
  const main = mainModuleFile(files);
  const mainUri = main ? Uri.joinPath(folder, main) : undefined;
  if (mainUri) await window.showTextDocument(mainUri, { preview: false });
  if (names.includes(BRIEF)) await commands.executeCommand('markdown.showPreviewToSide', Uri.joinPath(folder, BRIEF));
  // The preview takes the focus; the candidate's keys (Quick Open, typing a comment) belong in the code.
  if (mainUri && names.includes(BRIEF)) await window.showTextDocument(mainUri, { preview: false, viewColumn: ViewColumn.One });
}
