/**
 * Edits that break or bend Terraform text, for the parser's tests: the fuzz
 * test applies them to every fixture, the re-parse test checks that a file
 * re-parsed after one equals the file parsed whole.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
export const INJECTIONS = [
  '${', '%{', '}', '~}', '${~', '<<EOT\n', '<<-EOT\n', '\nEOT\n', '"', '{', '[', '(', ')', ']', '/*', '*/', '#', '//',
  '\\', '\\u12', '\r', '\r\n', '\n', '...', '::', '=>', '?', ':', '[*]', '.*', '.0', 'for ', ' if ', 'é', '東京', '🚀',
  '\ud800', '\udfff', '\u0000', '\ufeff', '\u00a0', '$${', '%%{', '%{ endif }', '%{ else }', '%{ for x in y }', '%{endfor}',
  '"${', '}"', '= =', '{\n', '\n}', 'resource "x" "y" {\n',
];

export type Mutation = (text: string, rnd: () => number) => string;

const pos = (text: string, rnd: () => number): number => Math.floor(rnd() * (text.length + 1));

export const MUTATIONS: Mutation[] = [
  // byte flip: replace one UTF-16 unit with a random one
  (t, r) => {
    const i = pos(t, r);
    return t.slice(0, i) + String.fromCharCode(Math.floor(r() * 0x10000)) + t.slice(i + 1);
  },
  // ASCII flip
  (t, r) => {
    const i = pos(t, r);
    return t.slice(0, i) + String.fromCharCode(32 + Math.floor(r() * 95)) + t.slice(i + 1);
  },
  // truncation
  (t, r) => t.slice(0, pos(t, r)),
  // duplicate a line
  (t, r) => {
    const lines = t.split('\n');
    const i = Math.floor(r() * lines.length);
    lines.splice(i, 0, lines[i]!);
    return lines.join('\n');
  },
  // delete a line
  (t, r) => {
    const lines = t.split('\n');
    lines.splice(Math.floor(r() * lines.length), 1);
    return lines.join('\n');
  },
  // injection
  (t, r) => {
    const i = pos(t, r);
    return t.slice(0, i) + INJECTIONS[Math.floor(r() * INJECTIONS.length)]! + t.slice(i);
  },
  // delete a span
  (t, r) => {
    const i = pos(t, r);
    return t.slice(0, i) + t.slice(i + Math.floor(r() * 40));
  },
  // random astral / multi-byte characters
  (t, r) => {
    const i = pos(t, r);
    return t.slice(0, i) + String.fromCodePoint(0x80 + Math.floor(r() * 0x10ff00)) + t.slice(i);
  },
];

/** Every Terraform file under `dir` whose name `pattern` matches (default: `.tf`, `.tofu`, `.tfvars` and their `.json` forms), sorted. */
export function fixtureFiles(dir: string, pattern = /\.(tf|tofu|tfvars)(\.json)?$/): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...fixtureFiles(p, pattern));
    else if (pattern.test(e.name)) out.push(p);
  }
  return out.sort();
}
