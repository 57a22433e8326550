import { FileType, Uri, commands, window, workspace } from 'vscode';

/** The candidate's brief. */
const BRIEF = 'README.md';

/** Blocks that make a file the module's main one: resources and module calls (variables, outputs and versions files have none). */
const MAIN_BLOCK = /^\s*(resource|module)\s+"/gm;

/**
 * The module's main file: main.tf when there is one, else the .tf file with
 * the most resources and module calls (ties: by name). A pack split by
 * concern (compute.tf, iam.tf, …) opens on its largest part, not on the first
 * name in the alphabet.
 */
export function mainModuleFile(files: ReadonlyArray<{ name: string; text: string }>): string | undefined {
  const tf = files.filter((f) => f.name.endsWith('.tf'));
  if (tf.some((f) => f.name === 'main.tf')) return 'main.tf';
  const scored = tf.map((f) => ({ name: f.name, blocks: f.text.match(MAIN_BLOCK)?.length ?? 0 }));
  scored.sort((a, b) => b.blocks - a.blocks || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored[0]?.name;
}

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
  if (main) await window.showTextDocument(Uri.joinPath(folder, main), { preview: false });
  if (names.includes(BRIEF)) await commands.executeCommand('markdown.showPreviewToSide', Uri.joinPath(folder, BRIEF));
}
