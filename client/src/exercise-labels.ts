// What the exercise commands show and open, without the editor API: unit-tested in tests/exercise/client-labels.test.ts.

/** "mid · 10 problems": the difficulty once (not when it is the pack's name too), and the problem count. */
export function packDescription(pack: { name: string; difficulty?: string; problems: number }): string {
  const difficulty = pack.difficulty && pack.difficulty !== pack.name ? pack.difficulty : undefined;
  return [difficulty, `${pack.problems} problems`].filter(Boolean).join(' · ');
}

/** Blocks that make a file the module's main one: resources and module calls (variables, outputs and versions files have none). */
const MAIN_BLOCK = /^\s*(resource|module)\s+"/gm;

/**
 * The module's main file: main.tf when there is one, else the .tf file with
 * the most resources and module calls (ties: the larger file, then by name). A pack split by
 * concern (compute.tf, iam.tf, …) opens on its largest part, not on the first
 * name in the alphabet.
 */
export function mainModuleFile(files: ReadonlyArray<{ name: string; text: string }>): string | undefined {
  const tf = files.filter((f) => f.name.endsWith('.tf'));
  if (tf.some((f) => f.name === 'main.tf')) return 'main.tf';
  const scored = tf.map((f) => ({ name: f.name, blocks: f.text.match(MAIN_BLOCK)?.length ?? 0, size: f.text.length }));
  scored.sort((a, b) => b.blocks - a.blocks || b.size - a.size || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored[0]?.name;
}
