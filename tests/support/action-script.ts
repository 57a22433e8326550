// The GitHub Action's shell steps, taken from action.yml so the tests run the script users run.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The `run:` script of the step with `id: <id>` in action.yml (a YAML block scalar, by indentation). */
export function actionStepScript(id: string): string {
  const lines = readFileSync(join(ROOT, 'action.yml'), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.trim() === `id: ${id}`);
  if (at < 0) throw new Error(`action.yml has no step with id ${id}`);
  const runAt = lines.findIndex((l, i) => i > at && l.trim() === 'run: |');
  if (runAt < 0) throw new Error(`step ${id} of action.yml has no run: | script`);
  const indent = lines[runAt + 1]!.length - lines[runAt + 1]!.trimStart().length;
  const body: string[] = [];
  for (const l of lines.slice(runAt + 1)) {
    if (l.trim() !== '' && l.length - l.trimStart().length < indent) break;
    body.push(l.slice(indent));
  }
  return body.join('\n');
}
