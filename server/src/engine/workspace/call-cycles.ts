import { relative } from 'node:path';
import type { InputError } from '../finding.js';
import type { LocalCall } from './module-graph.js';

/** Modules a search for a way back visits at most (a workspace has fewer; a hostile one cannot make it longer). */
const MAX_VISITED = 10_000;

/**
 * The module's own calls that lead back to it (SPEC §2a: Terraform cannot
 * load a module that calls itself, directly or through others), each as an
 * error on that call. This is how the editor reports a cycle on the module
 * under review: a whole-workspace review (analyze.ts) finds cycles once for
 * all modules, but the editor reviews one module at a time and may publish
 * only on its files, so each module on a cycle names its own call into it.
 *
 * `calleesOf` gives the local calls of other modules, as last reviewed. A
 * breadth-first search per call, so the path reported is a shortest one.
 */
export function callCyclesThrough(dir: string, calls: readonly LocalCall[], calleesOf: (dir: string) => readonly string[], base: string): InputError[] {
  const errors: InputError[] = [];
  for (const call of calls) {
    const path = pathBack(dir, call.target, calleesOf);
    if (path) errors.push(cycleError(call, [dir, ...path], base));
  }
  return errors;
}

/**
 * The error on a call that leads back to the module holding it: `path` goes
 * from that module through the call and back to it. One wording for the
 * editor, which reports each module's own call on a cycle, and for a whole
 * review, which reports the cycle once on the call that closes it: on that
 * call they say the same.
 */
export function cycleError(call: LocalCall, path: readonly string[], base: string): InputError {
  const shown = path.map((d) => relative(base, d) || '.').join(' → ');
  return {
    file: call.file,
    range: call.range,
    kind: 'module-cycle',
    message: `module.${call.name} leads back to this module, a cycle of module calls (${shown}): Terraform cannot load it; the review stops following the calls there`,
  };
}

/** The directories from `start` back to `dir` (both included), or undefined when there is no way back. */
function pathBack(dir: string, start: string, calleesOf: (dir: string) => readonly string[]): string[] | undefined {
  if (start === dir) return [dir];
  const previous = new Map<string, string | undefined>([[start, undefined]]);
  const queue = [start];
  for (let i = 0; i < queue.length && previous.size < MAX_VISITED; i++) {
    const at = queue[i]!;
    for (const next of calleesOf(at)) {
      if (next === dir) {
        const path = [dir];
        for (let d: string | undefined = at; d !== undefined; d = previous.get(d)) path.unshift(d);
        return path;
      }
      if (!previous.has(next)) {
        previous.set(next, at);
        queue.push(next);
      }
    }
  }
  return undefined;
}
