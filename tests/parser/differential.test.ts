/**
 * Differential test against HashiCorp's parser (via @cdktf/hcl2json): on every
 * native-syntax fixture file and on thousands of generated files, we agree on
 * structure and literal values where it parses, and report an error where it
 * does.
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';
import { parse as hcl2json } from '@cdktf/hcl2json';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { HclGenerator } from '../support/hcl-generator.js';
import { compareBody } from './reference-comparison.js';
import { fixtureFiles } from '../support/hcl-mutations.js';

const ROOT = join(import.meta.dirname, '..', '..');
const FIXTURES = join(ROOT, 'test-fixtures');
const GENERATED_VALID = 2000;
const GENERATED_INVALID = 400;

const nativeFixtureFiles = (dir: string): string[] => fixtureFiles(dir, /\.(tf|tofu|tfvars)$/);

interface Agreement {
  ok: boolean;
  detail: string;
  referenceFailed: boolean;
}

async function agree(name: string, text: string): Promise<Agreement> {
  const ours = parseSource(`/work/${name}`, text);
  let reference: unknown;
  try {
    reference = await hcl2json(name, text);
  } catch (err) {
    const ok = ours.errors.length > 0;
    return { ok, referenceFailed: true, detail: ok ? '' : `hcl2json reports an error we missed: ${String(err).slice(0, 400)}` };
  }
  if (ours.errors.length > 0) {
    return { ok: false, referenceFailed: false, detail: `we report errors hcl2json does not: ${ours.errors.map((e) => `${e.range.start.line}:${e.range.start.column} ${e.message}`).join('; ')}` };
  }
  const problems: string[] = [];
  compareBody(ours.body, reference as never, '$', problems);
  return { ok: problems.length === 0, referenceFailed: false, detail: problems.slice(0, 5).join('\n') };
}

function base(path: string): string {
  return path.split(/[\\/]/).pop()!;
}

describe('differential: fixtures', () => {
  const files = nativeFixtureFiles(FIXTURES);
  test('found fixture files', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  test('every native-syntax fixture agrees with hcl2json', async () => {
    const failures: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
      const r = await agree(base(file), text);
      if (!r.ok) failures.push(`${relative(ROOT, file)}:\n${r.detail}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

/** Small inputs at the edges of the grammar, many of them errors in HCL. */
const EDGE_CASES = [
  'x = a.b.*\n', 'a "${x}" {}\n', 'x = [for x in y: x, ]\n', 'x = {a = 1 b = 2}\n', 'x = 1.5.a\n', 'x = null.x\n',
  'x = a.*[0]\n', 'x = "${}"\n', 'x = "\\u{1F600}"\n', 'x = 1\ry = 2\n', 'x\t=\t1\n', 'x = [for x in y: x]...\n',
  'x = f(a..., b)\n', 'x = f(...)\n', 'x = { for k, v in m : k => v if v }\n', 'x = [for v in m : v if]\n',
  'x = a ? b\n', 'x = (a\n)\n', 'x = !\n', 'x = 08\n', 'x = 1e+\n', 'x = .5\n', 'x = a.b.0.c\n', 'x = a[0].1\n',
  'x = a\n.b\n', 'b { \n}\n', 'b {\nx = 1 }\n', 'b { x = 1\n}\n', 'x = { a = 1, }\n', 'x = { , }\n', 'x = [,]\n',
  'x = "%{if a}%{endif}"\n', 'x = "%{ if a ~}\n"\n', 'x = "%{ for a in b }x%{ endfor }"\n', 'x = "%{ for a, b, c in d }%{ endfor }"\n',
  'x = "%{ foo }"\n', 'x = <<EOT\n  x\n  EOT\n', 'x = <<-EOT\n\tx\n  y\n\tEOT\n', 'x = <<EOT\nEOT\n', 'x = <<EOT \nEOT\n',
  'x = <<EOTa\nEOT\nEOTa\n', 'x = a::b\n', 'x = provider::a()\n', 'x = provider::aws::b::c(1)\n', 'x = a.b::c()\n',
  'x = true.x\n', 'x = a[*].b[*].c\n', 'x = a.*.*\n', 'x = 1 == 2 == 3\n', 'x = -1.5\ny = - 2\n', 'x = "a" "b"\n',
  'resource "a" "b" "c" "d" {}\n', 'a b {\n}\n', '#!shebang\nx = 1\n', 'x = 1 # c\ny = {\n # c\n a = 1 // d\n}\n',
  'x = { "a" : 1 }\n', 'x = { a = 1\n, b = 2 }\n', 'x = [\n1\n,\n2\n]\n', 'x = f(\n1\n,\n2\n)\n', 'x = a\n  ? b\n  : c\n',
  'x = (a\n  ? b\n  : c)\n', 'x = { for k in m :\n k => k }\n', 'x = a[\n0\n]\n', 'x = "${\na\n}"\n', 'x = "${a}\n"\n',
  'x = { a.b = 1 }\n', 'x = { (a) = 1, "b" = 2 }\n', 'x = { 1 = 2 }\n', 'x = {for = 1}\n', 'x = [for]\n', 'x = { in = 1 }\n', 'x = { if = 1 }\n',
  // Heredoc closing lines: HCL trims white space (Go's unicode.IsSpace) around the marker, not U+FEFF or a lone CR.
  'x = <<EOT\nabc\nEOT   \ny = 1\n', 'x = <<EOT\nabc\nEOT\t\ny = 1\n', 'x = <<-EOT\n  abc\n  EOT \t\ny = 1\n',
  'x = <<EOT\r\nabc\r\nEOT  \r\ny = 1\r\n', 'x = <<EOT\nabc\n\fEOT\v\ny = 1\n', 'x = <<EOT\nabc\nEOT\u00a0\u0085\ny = 1\n',
  'x = <<EOT\nabc\n\u2003EOT\u3000\ny = 1\n', 'x = <<EOT\nabc\nEOT\ufeff\ny = 1\n', 'x = <<EOT\nabc\nEOT\r \ny = 1\n',
  'x = <<EOT\nabc\nEOT x\nEOT\ny = 1\n', 'x = <<EOT\nabc\nEOT  ', 'x = <<EOT\n${a}EOT \nEOT\ny = 1\n', 'x = <<-EOT \nabc\nEOT\n',
  'x = "\\\n"\n', 'x = "a\\\\"\n', 'x = 1\n\n\n', 'x = 1 /* c */\n', 'x /* c */ = 1\n', 'x = /* c */ 1\n', 'x = 1 /* c\n */ y = 2\n',
];

describe('differential: edge cases', () => {
  test(`${EDGE_CASES.length} edge cases agree with hcl2json`, async () => {
    const failures: string[] = [];
    for (const text of EDGE_CASES) {
      const r = await agree('main.tf', text);
      if (!r.ok) failures.push(`${JSON.stringify(text)}: ${r.detail}`);
    }
    expect(failures).toEqual([]);
  }, 60_000);
});

describe('differential: generated files', () => {
  test(`${GENERATED_VALID} generated valid files agree with hcl2json`, async () => {
    const failures: string[] = [];
    let referenceFailures = 0;
    for (let seed = 1; seed <= GENERATED_VALID; seed++) {
      const text = new HclGenerator(seed).file();
      const r = await agree('main.tf', text);
      if (r.referenceFailed) referenceFailures++;
      if (!r.ok) failures.push(`seed ${seed}:\n${r.detail}\n--- input ---\n${text.slice(0, 2000)}`);
      if (failures.length >= 5) break;
    }
    expect(failures).toEqual([]);
    // The generator is meant to produce valid HCL; a few rejects would hide coverage.
    expect(referenceFailures).toBeLessThan(GENERATED_VALID / 50);
  }, 60_000);

  test(`${GENERATED_INVALID} generated invalid files: errors where hcl2json has them`, async () => {
    const failures: string[] = [];
    let referenceFailures = 0;
    for (let seed = 1; seed <= GENERATED_INVALID; seed++) {
      const text = new HclGenerator(100_000 + seed).invalidFile();
      const r = await agree('main.tf', text);
      if (r.referenceFailed) referenceFailures++;
      if (!r.ok) failures.push(`seed ${100_000 + seed}:\n${r.detail}\n--- input ---\n${text.slice(0, 2000)}`);
      if (failures.length >= 5) break;
    }
    expect(failures).toEqual([]);
    expect(referenceFailures).toBeGreaterThan(GENERATED_INVALID / 2);
  }, 60_000);
});
