// Shared by the output tests: hostile text, where it can enter a report, and what every output must satisfy.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { main } from '../../server/src/cli/cli.js';
import type { CheckDependencies } from '../../server/src/cli/commands/check.js';
import type { CliIO } from '../../server/src/cli/io.js';

/**
 * Text that tries to act instead of being read: start a line (a CI workflow
 * command), drive a terminal, reorder what is shown, break out of Markdown.
 * Every one must come out of every format as inert text.
 */
export const PAYLOADS: readonly string[] = [
  'x\n::error file=evil.tf,line=1::forged by newline',
  'x\r\n::warning::forged by CRLF',
  'x\r::notice::forged by a lone CR',
  'x%0A::error::percent-encoded newline',
  'x\n  ::error::indented command',
  'x\n::stop-commands::pause-token',
  'x ##[error]legacy command mid-line',
  'x\u001b[31mred\u001b[0m and \u001b[2J\u001b[H cleared',
  'x\u001b]8;;https://evil.example\u0007click me\u001b]8;;\u0007',
  'x\u0007bell\u0000nul\u0001soh\u0008backspace\u007fdel',
  'x\u009b31mC1 CSI\u009d0;title\u009c and NEL\u0085',
  'x\u2028line separator\u2029paragraph separator',
  'x\u202eevil\u202c and \u2066isolate\u2069 and \u200fRLM',
  'x`code` `unclosed and ``double``',
  'x<img src=x onerror=alert(1)><script>alert(2)</script>',
  'x](javascript:alert(1)) [link](https://evil.example) ![img](https://evil.example/i.png)',
  'x | pipe | in | cells',
  'x **bold** _em_ ~~strike~~ $math$ &lt; &amp; \\`escaped\\`',
  'x\ttab',
];

/** Control characters no output may hold raw (only `\n` separates lines; no format here uses tabs). */
export const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;

/**
 * How a value is shown in text, github data and Markdown: control characters
 * as Terraform writes them in a string (`\n`, `\r`, `\t`, else `\uXXXX`),
 * and `##[` with its `[` escaped. (The specification, written out here, not
 * imported from the code under test.)
 */
export function shown(text: string): string {
  const short: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
  return text
    .replace(RAW_CONTROL_ALL, (c) => short[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/##\[/g, '##\\u005b');
}
const RAW_CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/gu;

/** A workflow command the Actions runner would take from a line: `::…` after leading blanks, or `##[` anywhere. */
export function commandLines(text: string): string[] {
  return text.split('\n').filter((line) => /^\s*::/.test(line) || line.includes('##['));
}

/** One of the tool's own annotations: `::error|warning|notice`, properties with no raw `:`, then `::` and the message. */
export const OWN_ANNOTATION = /^::(error|warning|notice)( [^:\n]*)?::[^\n]*$/;

/** What every output (stdout or stderr, any format) must satisfy. */
export function expectInert(text: string, { annotations = false } = {}): void {
  expect(text).not.toMatch(RAW_CONTROL);
  expect(text).not.toContain('##[');
  for (const line of commandLines(text)) {
    expect(annotations, `a line reads as a workflow command: ${JSON.stringify(line)}`).toBe(true);
    expect(line).toMatch(OWN_ANNOTATION);
  }
}

/** A Terraform string literal holding `text` exactly (escapes for quotes, backslashes, templates and non-ASCII). */
export function hclString(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if ((c === '$' || c === '%') && text[i + 1] === '{') out += c + c;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return out + '"';
}

/** A file name made of a payload: `/` is the one character a Linux name cannot hold (NUL aside). */
export function fileNameOf(payload: string, index: number): string {
  return `${index}-${payload.replace(/\//g, '\u2215').replace(/\u0000/g, '0')}.tf`;
}

/**
 * A workspace where payloads reach the report every way they can: quoted in
 * findings (an unknown IAM action per statement), as file names (a bucket
 * each, and one file that does not parse: an input error).
 */
export function hostileWorkspace(): { root: string; names: string[] } {
  const root = mkdtempSync(join(tmpdir(), 'iac-review-output-'));
  const statements = PAYLOADS.map((p) => `  statement {\n    actions   = [${hclString(`s3:Get${p}`)}]\n    resources = ["*"]\n  }\n`).join('');
  writeFileSync(join(root, 'main.tf'), `data "aws_iam_policy_document" "p" {\n${statements}}\n`);
  const names = PAYLOADS.map(fileNameOf);
  names.forEach((name, i) => writeFileSync(join(root, name), `resource "aws_s3_bucket" "b${i}" {}\n`));
  names.push(fileNameOf('broken\n::error::x\u001b[31m', PAYLOADS.length));
  writeFileSync(join(root, names[names.length - 1]!), 'resource "aws_s3_bucket" "broken" {\n');
  return { root, names };
}

/** A folder whose `.iac-review.json` has errors quoting payloads (unknown rule ids). */
export function hostileConfigWorkspace(): string {
  const root = mkdtempSync(join(tmpdir(), 'iac-review-config-'));
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, 'main.tf'), 'resource "aws_s3_bucket" "b" {}\n');
  const rules = Object.fromEntries(PAYLOADS.map((p) => [p, 'error']));
  writeFileSync(join(root, '.iac-review.json'), JSON.stringify({ rules }, null, 2));
  return root;
}

/** The CLI in-process. */
export function run(argv: string[], cwd: string, deps: Partial<CheckDependencies> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) };
  const code = main(argv, io, deps);
  return { code, stdout, stderr };
}
