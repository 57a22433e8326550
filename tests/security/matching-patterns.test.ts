import { beforeAll, describe, expect, it } from 'vitest';
import { compileUserPattern, MAX_MATCHED_TEXT, MAX_PATTERN_LENGTH } from '../../server/src/engine/config/user-pattern.js';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';
import { bundleCli, CATASTROPHIC_USER_PATTERNS, craftedTexts, HANG_LIMIT_MS, runCli, writeTree } from './matching-support.js';

const HANG = { timeout: 60_000 };

const CATASTROPHIC = CATASTROPHIC_USER_PATTERNS;

const naming = RULES.find((r) => r.meta.id === 'naming/identifier-format')!;
const tagValues = RULES.find((r) => r.meta.id === 'tagging/tag-values')!;

describe('user patterns run in linear time (RE2)', () => {
  it('catastrophic patterns compile and run on long crafted texts', HANG, () => {
    for (const source of CATASTROPHIC) {
      const compiled = compileUserPattern(source);
      if (!compiled.ok) throw new Error(`${source}: ${compiled.error}`);
      for (const text of craftedTexts(MAX_MATCHED_TEXT)) {
        compiled.pattern.test(text);
        compiled.pattern.testWhole(text);
      }
      // Far past what the rules pass in: still linear.
      compiled.pattern.testWhole('a'.repeat(200_000) + '!');
    }
    const nested = compileUserPattern('^([a-z]+)+$');
    expect(nested.ok && nested.pattern.test('abc')).toBe(true);
    expect(nested.ok && nested.pattern.test('a'.repeat(5000) + '!')).toBe(false);
  });

  it('test() searches like RegExp.test, testWhole() anchors both ends', () => {
    const p = compileUserPattern('a|bc');
    if (!p.ok) throw new Error(p.error);
    expect(p.pattern.test('xxbcxx')).toBe(true);
    expect(p.pattern.testWhole('abc')).toBe(false);
    expect(p.pattern.testWhole('bc')).toBe(true);
  });

  it('backreferences and lookaround are refused with a reason; so are broken and oversized patterns', () => {
    const error = (source: string) => {
      const r = compileUserPattern(source);
      return r.ok ? undefined : r.error;
    };
    expect(error('(a)\\1')).toMatch(/backreference/);
    expect(error('(?<x>a)\\k<x>')).toMatch(/backreference/);
    expect(error('^(?=.*[0-9])[a-z0-9]+$')).toMatch(/`\(\?=` is a lookaround/);
    expect(error('a(?!b)')).toMatch(/`\(\?!` is a lookaround/);
    expect(error('(?<=x)y')).toMatch(/`\(\?<=` is a lookaround/);
    expect(error('(?<!x)y')).toMatch(/`\(\?<!` is a lookaround/);
    expect(error('^([A-Z][a-z]+')).toMatch(/missing closing \)/);
    expect(error('[prod|dev')).toMatch(/missing closing \]/);
    expect(error('\\u00e9')).toMatch(/\\x\{00e9\}/);
    expect(error('a'.repeat(MAX_PATTERN_LENGTH + 1))).toMatch(/characters long/);
    // Escaped or inside a class, these are ordinary characters.
    expect(error('[(?=]x')).toBeUndefined();
    expect(error('\\(?=x')).toBeUndefined();
  });
});

describe('naming/identifier-format with a catastrophic pattern', () => {
  it('reviews crafted identifiers quickly; names past the matched length are findings, not hangs', HANG, () => {
    const names = ['a'.repeat(60) + '_', 'aaaa_'.repeat(40) + 'x', 'a'.repeat(MAX_MATCHED_TEXT + 10), 'A'.repeat(MAX_MATCHED_TEXT), 'AB'.repeat(100_000)];
    const files = { 'main.tf': names.map((n) => `variable "${n}" {}\n`).join('') };
    for (const pattern of CATASTROPHIC) {
      const dir = writeTree({ ...files, '.iac-review.json': JSON.stringify({ rules: { 'naming/identifier-format': ['warning', { pattern }] } }) });
      const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: [naming] });
      expect(result.configErrors).toEqual([]);
      expect(result.errors).toEqual([]);
      expect(result.findings.some((f) => /characters long; names over 4096/.test(f.message))).toBe(true);
    }
  });

  it('a pattern RE2 cannot run is a config error with line and column, and the default pattern stays in force', () => {
    const config = '{\n  "rules": {\n    "naming/identifier-format": ["warning", { "pattern": "^(?!tmp)[a-z_]+$" }]\n  }\n}\n';
    const dir = writeTree({ 'main.tf': 'variable "BadName" {}\nvariable "tmp_ok" {}\n', '.iac-review.json': config });
    const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: [naming] });
    expect(result.configErrors).toHaveLength(1);
    expect(result.configErrors[0]!.range!.start).toMatchObject({ line: 3, column: 58 });
    expect(result.configErrors[0]!.message).toMatch(/Option "pattern" of "naming\/identifier-format" is not a usable regular expression: `\(\?!` is a lookaround/);
    expect(result.findings.map((f) => f.message)).toEqual(['Variable name "BadName" does not match ^[a-z][a-z0-9_]*$: rename it to "bad_name".']);
  });
});

describe('tagging/tag-values', () => {
  const bucket = (tags: string) => `resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  tags = ${tags}\n}\n`;

  it('catastrophic value patterns against crafted values finish', HANG, () => {
    const values = craftedTexts(200).concat('a'.repeat(MAX_MATCHED_TEXT + 1));
    const tags = `{\n${values.map((v, i) => `    K${i} = "${v}"`).join('\n')}\n  }`;
    for (const pattern of CATASTROPHIC) {
      const settings = Object.fromEntries(values.map((_, i) => [`K${i}`, pattern]));
      const dir = writeTree({ 'main.tf': bucket(tags), '.iac-review.json': JSON.stringify({ rules: { 'tagging/tag-values': ['warning', { values: settings }] } }) });
      const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: [tagValues] });
      expect(result.configErrors).toEqual([]);
      expect(result.errors).toEqual([]);
      expect(result.findings.some((f) => /4097 characters, over the 4096/.test(f.message))).toBe(true);
    }
  });

  it('an invalid pattern is a config error, never a substring match; other keys still apply', () => {
    const config = '{ "rules": { "tagging/tag-values": ["warning", { "values": {\n  "Env": "[prod|dev",\n  "Team": ["core"]\n} }] } }';
    const dir = writeTree({ 'main.tf': bucket('{ Env = "pro", Team = "web" }'), '.iac-review.json': config });
    const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: [tagValues] });
    expect(result.configErrors.map((e) => `${e.range!.start.line}:${e.range!.start.column} ${e.message}`)).toEqual([
      '2:10 Option "values.Env" of "tagging/tag-values" is not a usable regular expression: missing closing ]: `[prod|dev` ("Env" is left out, the rest of "values" applies).',
    ]);
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => f.message)).toEqual(['Team = "web" is not allowed; expected one of "core"']);
  });

  it('non-string settings are config errors, not crashes', () => {
    const config = JSON.stringify({ rules: { 'tagging/tag-values': ['warning', { values: { Env: 5, Team: null, Cost: [1, 'x'], Owner: { a: 1 }, App: true } }] } });
    const dir = writeTree({ 'main.tf': bucket('{ Env = "5", Team = "x", Cost = "x", Owner = "o", App = "a" }'), '.iac-review.json': config });
    const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: [tagValues] });
    expect(result.configErrors).toHaveLength(5);
    expect(result.errors).toEqual([]);
    expect(result.findings).toEqual([]);
  });

  it('non-string tag values in Terraform: numbers and bools as Terraform writes them, the rest unchecked, no crash', () => {
    const tags = '{ Num = 5, Big = 1e21, Small = 0.0000001, Frac = 1.50, Flag = true, Off = false, Nothing = null, Obj = { a = 1 }, List = ["a"] }';
    const config = JSON.stringify({
      rules: {
        'tagging/tag-values': [
          'warning',
          { values: { Num: ['5'], Big: '^1000000000000000000000$', Small: ['0.0000001'], Frac: ['1.5'], Flag: '^(true|false)$', Off: ['no'], Nothing: ['x'], Obj: ['x'], List: ['x'] } },
        ],
      },
    });
    const dir = writeTree({ 'main.tf': bucket(tags), '.iac-review.json': config });
    const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: [tagValues] });
    expect(result.configErrors).toEqual([]);
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => f.message)).toEqual(['Off = "false" is not allowed; expected one of "no"']);
  });
});

describe('the CLI with catastrophic user patterns (child process, killed after 30 s)', () => {
  let cli: string;
  beforeAll(async () => {
    cli = await bundleCli();
  }, HANG_LIMIT_MS * 2);

  it('check finishes with the findings', HANG, () => {
    const names = ['a'.repeat(40) + '_', 'x'.repeat(300) + '1', 'aaaa_'.repeat(50) + '-'];
    const main = names.map((n) => `variable "${n}" {}\n`).join('') + 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  tags = { Env = "' + 'a'.repeat(60) + 'b", Team = "' + 'x'.repeat(60) + '" }\n}\n';
    const config = { rules: { 'naming/identifier-format': ['warning', { pattern: '^([a-z]+)+$' }], 'tagging/tag-values': ['warning', { values: { Env: '(a|aa)+', Team: '(x+x+)+y' } }] } };
    const dir = writeTree({ 'main.tf': main, '.iac-review.json': JSON.stringify(config) });
    const r = runCli(cli, ['check', '.', '--format', 'json', '--fail-on', 'never'], dir);
    expect(r.signal, `killed after ${r.elapsedMs} ms`).toBeNull();
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: { ruleId: string }[] };
    expect(report.findings.filter((f) => f.ruleId === 'naming/identifier-format')).toHaveLength(3);
    expect(report.findings.filter((f) => f.ruleId === 'tagging/tag-values')).toHaveLength(2);
  });

  it('backreferences and lookaround in the config: exit 2, each error with line and column', HANG, () => {
    const config = '{\n  "rules": {\n    "naming/identifier-format": ["warning", { "pattern": "^(a)\\\\1$" }],\n    "tagging/tag-values": ["warning", { "values": { "Env": "(?<=x)y" } }]\n  }\n}\n';
    const dir = writeTree({ 'main.tf': 'variable "x" {}\n', '.iac-review.json': config });
    const r = runCli(cli, ['check', '.'], dir);
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/\.iac-review\.json:3:58: error: Option "pattern" of "naming\/identifier-format" is not a usable regular expression: `\\1` is a backreference/);
    expect(r.stderr).toMatch(/\.iac-review\.json:4:60: error: Option "values\.Env" of "tagging\/tag-values" is not a usable regular expression: `\(\?<=` is a lookaround/);
  });
});
