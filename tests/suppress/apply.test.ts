import { describe, expect, it } from 'vitest';
import { applySuppressions } from '../../server/src/engine/suppress/apply.js';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import type { EffectiveRuleSetting } from '../../server/src/engine/config/types.js';
import type { Finding } from '../../server/src/engine/finding.js';
import type { SourceFile } from '../../server/src/engine/parse/ast.js';
import type { RuleMeta } from '../../server/src/engine/rules/rule.js';
import { positionAt } from '../../server/src/engine/range.js';
import { applyEdits } from '../../server/src/engine/fix/apply-edits.js';
import invalidRule from '../../rules/suppression/invalid.js';
import unusedRule from '../../rules/suppression/unused.js';

const NOW = new Date('2026-06-15T10:00:00Z');

function meta(id: string, extra: Partial<RuleMeta> = {}): RuleMeta {
  return {
    id,
    title: id,
    problem: id,
    category: id.split('/')[0]!,
    severity: 'warning',
    rationale: 'r',
    remediation: 'r',
    equivalents: {},
    examples: { failing: 'x', passing: 'y' },
    ...extra,
  };
}

const RULES: RuleMeta[] = [
  meta('test/a', { equivalents: { tfsec: ['aws-test-a'], trivy: ['AVD-AWS-0001'], checkov: ['CKV_AWS_1'] } }),
  meta('test/b'),
  meta('test/diff', { diffOnly: true }),
  invalidRule.meta,
  unusedRule.meta,
];

function setting(severity: EffectiveRuleSetting['severity']): EffectiveRuleSetting {
  return { severity, severityFromConfig: false, options: {} };
}

function run(file: SourceFile, findings: Finding[], off: string[] = [], rules = RULES) {
  return applySuppressions(findings, [file], rules, NOW, (id) =>
    setting(off.includes(id) ? 'off' : rules.find((r) => r.id === id)?.severity ?? 'off'),
  );
}

/** A finding of `ruleId` at the first occurrence of `needle` in the file (or of the whole line when needle spans it). */
function findingAt(file: SourceFile, ruleId: string, needle: string, occurrence = 0): Finding {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) offset = file.text.indexOf(needle, offset + 1);
  if (offset < 0) throw new Error(`needle not found: ${needle}`);
  return {
    ruleId,
    severity: 'warning',
    category: ruleId.split('/')[0]!,
    message: `${ruleId} here`,
    file: file.path,
    range: { start: positionAt(file.lineStarts, offset), end: positionAt(file.lineStarts, offset + needle.length) },
  };
}

const tf = (text: string) => parseSource('/ws/main.tf', text);
const byRule = (findings: Finding[], id: string) => findings.filter((f) => f.ruleId === id);

describe('iac-review:ignore', () => {
  it('on the line above a block suppresses that block’s findings for the named rule only', () => {
    const file = tf(
      [
        '# iac-review:ignore test/a -- scratch bucket, removed in Q1',
        'resource "aws_s3_bucket" "scratch" {',
        '  bucket = "scratch"',
        '  acl    = "public-read"',
        '}',
        'resource "aws_s3_bucket" "other" {',
        '  bucket = "other"',
        '}',
      ].join('\n'),
    );
    const out = run(file, [
      findingAt(file, 'test/a', '"scratch" {'),
      findingAt(file, 'test/a', 'acl'),
      findingAt(file, 'test/b', 'acl'),
      findingAt(file, 'test/a', '"other" {'),
    ]);
    expect(out.map((f) => [f.ruleId, f.range.start.line, f.suppression?.reason ?? null])).toEqual([
      ['test/a', 2, 'scratch bucket, removed in Q1'],
      ['test/a', 4, 'scratch bucket, removed in Q1'],
      ['test/b', 4, null],
      ['test/a', 6, null],
    ]);
    expect(out[0]!.suppression).toMatchObject({ form: 'iac-review', location: { file: '/ws/main.tf' } });
    expect(out[0]!.suppression!.location.range.start.line).toBe(1);
  });

  it('accepts several rules, spaces after commas, until= and // comments', () => {
    const file = tf(
      [
        '// iac-review:ignore test/a, test/b until=2027-03-31 -- approved in SEC-142',
        'resource "aws_s3_bucket" "x" {',
        '  acl = "public-read"',
        '}',
      ].join('\n'),
    );
    const out = run(file, [findingAt(file, 'test/a', 'acl'), findingAt(file, 'test/b', 'acl')]);
    expect(out).toHaveLength(2);
    for (const f of out) expect(f.suppression).toMatchObject({ reason: 'approved in SEC-142', until: '2027-03-31' });
  });

  it('stacked comments above one block all apply', () => {
    const file = tf(
      [
        '# iac-review:ignore test/a -- reason one',
        '# iac-review:ignore test/b -- reason two',
        'resource "aws_s3_bucket" "x" {',
        '  acl = "public-read"',
        '}',
      ].join('\n'),
    );
    const out = run(file, [findingAt(file, 'test/a', 'acl'), findingAt(file, 'test/b', 'acl')]);
    expect(out.map((f) => f.suppression?.reason)).toEqual(['reason one', 'reason two']);
  });

  it('on an attribute’s line or the line above it suppresses only that attribute', () => {
    const file = tf(
      [
        'resource "aws_instance" "web" {',
        '  ami           = "ami-0abcdef1234567890" # iac-review:ignore test/a -- golden image',
        '  # iac-review:ignore test/a -- pinned zone for the licence server',
        '  availability_zone = "eu-west-1a"',
        '  subnet_id     = "subnet-123"',
        '}',
      ].join('\n'),
    );
    const out = run(file, [
      findingAt(file, 'test/a', '"ami-0abcdef1234567890"'),
      findingAt(file, 'test/a', '"eu-west-1a"'),
      findingAt(file, 'test/a', '"subnet-123"'),
      findingAt(file, 'test/a', '"web"'),
    ]);
    expect(out.map((f) => f.suppression?.reason ?? null)).toEqual(['golden image', 'pinned zone for the licence server', null, null]);
  });

  it('above a nested block suppresses that nested block', () => {
    const file = tf(
      [
        'resource "aws_security_group" "sg" {',
        '  # iac-review:ignore test/a -- bastion, VPN only',
        '  ingress {',
        '    from_port = 22',
        '  }',
        '  ingress {',
        '    from_port = 3389',
        '  }',
        '}',
      ].join('\n'),
    );
    const out = run(file, [findingAt(file, 'test/a', '22'), findingAt(file, 'test/a', '3389')]);
    expect(out.map((f) => !!f.suppression)).toEqual([true, false]);
  });

  it('inside an object expression applies to the line below', () => {
    const file = tf(
      [
        'resource "aws_s3_bucket" "x" {',
        '  tags = {',
        '    # iac-review:ignore test/a -- legacy value kept for billing',
        '    Environment = "sandbox"',
        '    Owner       = "nobody"',
        '  }',
        '}',
      ].join('\n'),
    );
    const out = run(file, [findingAt(file, 'test/a', '"sandbox"'), findingAt(file, 'test/a', '"nobody"')]);
    expect(out.map((f) => !!f.suppression)).toEqual([true, false]);
  });
});

describe('iac-review:ignore-file', () => {
  it('among the leading comments suppresses the rule in the whole file', () => {
    const file = tf(
      [
        '# Network of the sandbox account.',
        '# iac-review:ignore-file test/a -- sandbox account, torn down nightly',
        '',
        'resource "aws_s3_bucket" "a" {}',
        'resource "aws_s3_bucket" "b" {}',
      ].join('\n'),
    );
    const out = run(file, [findingAt(file, 'test/a', '"a"'), findingAt(file, 'test/a', '"b"'), findingAt(file, 'test/b', '"b"')]);
    expect(out.map((f) => !!f.suppression)).toEqual([true, true, false]);
  });

  it('after the first block is invalid', () => {
    const file = tf(
      ['resource "aws_s3_bucket" "a" {}', '# iac-review:ignore-file test/a -- sandbox', 'resource "aws_s3_bucket" "b" {}'].join('\n'),
    );
    const out = run(file, [findingAt(file, 'test/a', '"b"')]);
    expect(out[0]!.suppression).toBeUndefined();
    expect(byRule(out, 'suppression/invalid')).toHaveLength(1);
    expect(byRule(out, 'suppression/invalid')[0]!.message).toMatch(/top of the file/);
  });
});

describe('suppression/invalid', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['no reason', '# iac-review:ignore test/a', /no reason/],
    ['empty reason', '# iac-review:ignore test/a --', /no reason/],
    ['TODO alone', '# iac-review:ignore test/a -- TODO', /TODO/],
    ['todo with text', '# iac-review:ignore test/a -- todo: later', /TODO/],
    ['expired', '# iac-review:ignore test/a until=2026-06-14 -- temporary', /expired on 2026-06-14/],
    ['bad date', '# iac-review:ignore test/a until=2026-02-30 -- temporary', /not a date/],
    ['unknown rule', '# iac-review:ignore test/zzz -- reason', /not a rule id/],
    ['no rule', '# iac-review:ignore -- reason', /names no rule/],
    ['unknown directive', '# iac-review:ignroe test/a -- reason', /not a directive/],
    ['unknown setting', '# iac-review:ignore test/a expires=2027-01-01 -- reason', /not a suppression setting/],
    ['suppressing suppression findings', '# iac-review:ignore suppression/unused -- reason', /cannot be suppressed/],
  ];
  for (const [name, comment, message] of cases) {
    it(`${name}: suppresses nothing and is reported on the comment`, () => {
      const file = tf([comment, 'resource "aws_s3_bucket" "x" {', '  acl = "public-read"', '}'].join('\n'));
      const out = run(file, [findingAt(file, 'test/a', 'acl')]);
      expect(out[0]!.suppression).toBeUndefined();
      const invalid = byRule(out, 'suppression/invalid');
      expect(invalid).toHaveLength(1);
      expect(invalid[0]).toMatchObject({ severity: 'warning', category: 'suppression', file: '/ws/main.tf' });
      expect(invalid[0]!.range.start).toMatchObject({ line: 1, column: 1 });
      expect(invalid[0]!.message).toMatch(message);
      expect(byRule(out, 'suppression/unused')).toHaveLength(0);
    });
  }

  it('until today still applies', () => {
    const file = tf(['# iac-review:ignore test/a until=2026-06-15 -- last day', 'resource "aws_s3_bucket" "x" {}'].join('\n'));
    const out = run(file, [findingAt(file, 'test/a', '"x"')]);
    expect(out).toHaveLength(1);
    expect(out[0]!.suppression?.until).toBe('2026-06-15');
  });

  it('a comment followed by a blank line applies to nothing and is invalid', () => {
    const file = tf(['# iac-review:ignore test/a -- reason', '', 'resource "aws_s3_bucket" "x" {}'].join('\n'));
    const out = run(file, [findingAt(file, 'test/a', '"x"')]);
    expect(out[0]!.suppression).toBeUndefined();
    expect(byRule(out, 'suppression/invalid')[0]!.message).toMatch(/applies to nothing/);
  });

  it('is not reported when the rule is off for the file', () => {
    const file = tf(['# iac-review:ignore test/a', 'resource "aws_s3_bucket" "x" {}'].join('\n'));
    expect(run(file, [], ['suppression/invalid'])).toEqual([]);
  });

  it('is not reported when the suppression rules are not among the rules that ran', () => {
    const file = tf(['# iac-review:ignore test/a', 'resource "aws_s3_bucket" "x" {}'].join('\n'));
    expect(run(file, [], [], RULES.slice(0, 3))).toEqual([]);
  });

  it('ordinary comments mentioning iac-review are not directives', () => {
    const file = tf(['# see iac-review:ignore docs', 'resource "aws_s3_bucket" "x" {}'].join('\n'));
    expect(run(file, [])).toEqual([]);
  });
});

describe('suppression/unused', () => {
  it('reports a valid suppression that matches nothing, with a fix deleting the line', () => {
    const text = ['resource "aws_s3_bucket" "x" {', '  # iac-review:ignore test/a -- reason', '  bucket = "x"', '}', ''].join('\n');
    const file = tf(text);
    const out = run(file, [findingAt(file, 'test/a', 'resource')]);
    const unused = byRule(out, 'suppression/unused');
    expect(unused).toHaveLength(1);
    expect(unused[0]).toMatchObject({ severity: 'info', range: { start: { line: 2, column: 3 } } });
    expect(unused[0]!.message).toContain('`test/a`');
    const edit = unused[0]!.fix!.edits[0]!;
    expect(applyEdits(text, [edit])).toBe(
      ['resource "aws_s3_bucket" "x" {', '  bucket = "x"', '}', ''].join('\n'),
    );
  });

  it('a trailing unused comment is removed with the spaces before it', () => {
    const text = ['resource "aws_s3_bucket" "x" {', '  bucket = "x"   # iac-review:ignore test/a -- reason', '}'].join('\n');
    const file = tf(text);
    const edit = byRule(run(file, []), 'suppression/unused')[0]!.fix!.edits[0]!;
    expect(applyEdits(text, [{ ...edit, newText: '' }])).toBe(
      ['resource "aws_s3_bucket" "x" {', '  bucket = "x"', '}'].join('\n'),
    );
  });

  it('names only the unused rules of a multi-rule comment, without a deleting fix', () => {
    const file = tf(['# iac-review:ignore test/a,test/b -- reason', 'resource "aws_s3_bucket" "x" {}'].join('\n'));
    const out = run(file, [findingAt(file, 'test/a', '"x"')]);
    expect(out[0]!.suppression).toBeDefined();
    const unused = byRule(out, 'suppression/unused');
    expect(unused).toHaveLength(1);
    expect(unused[0]!.message).toContain('`test/b`');
    expect(unused[0]!.message).not.toContain('`test/a`');
    expect(unused[0]!.fix).toBeUndefined();
  });

  it('is not reported for rules that are off or run only in diff mode', () => {
    const file = tf(['# iac-review:ignore test/a,test/diff -- reason', 'resource "aws_s3_bucket" "x" {}'].join('\n'));
    expect(run(file, [], ['test/a'])).toEqual([]);
  });

  it('is not reported for legacy tfsec/trivy/checkov comments (they serve those tools too)', () => {
    const file = tf(['#tfsec:ignore:aws-test-a', 'resource "aws_s3_bucket" "x" {}'].join('\n'));
    expect(run(file, [])).toEqual([]);
  });
});

describe('legacy forms', () => {
  const block = (comment: string) => [comment, 'resource "aws_s3_bucket" "x" {', '  acl = "public-read"', '}'].join('\n');

  it('#tfsec:ignore:<id> suppresses the rule whose equivalents list it', () => {
    const file = tf(block('#tfsec:ignore:aws-test-a'));
    const out = run(file, [findingAt(file, 'test/a', 'acl'), findingAt(file, 'test/b', 'acl')]);
    expect(out[0]!.suppression).toMatchObject({ form: 'tfsec', reason: 'suppressed by tfsec:ignore' });
    expect(out[1]!.suppression).toBeUndefined();
  });

  it('#trivy:ignore accepts AVD ids case-insensitively, and tfsec-style ids', () => {
    for (const comment of ['#trivy:ignore:avd-aws-0001', '# trivy:ignore:AVD-AWS-0001', '#trivy:ignore:aws-test-a']) {
      const file = tf(block(comment));
      expect(run(file, [findingAt(file, 'test/a', 'acl')])[0]!.suppression?.form).toBe('trivy');
    }
  });

  it('honours :exp: dates', () => {
    const live = tf(block('#tfsec:ignore:aws-test-a:exp:2026-12-31'));
    expect(run(live, [findingAt(live, 'test/a', 'acl')])[0]!.suppression?.until).toBe('2026-12-31');
    const expired = tf(block('#tfsec:ignore:aws-test-a:exp:2026-01-01'));
    const out = run(expired, [findingAt(expired, 'test/a', 'acl')]);
    expect(out).toHaveLength(1);
    expect(out[0]!.suppression).toBeUndefined();
  });

  it('several tfsec ignores in one comment, and trailing on the attribute line', () => {
    const file = tf(
      ['resource "aws_s3_bucket" "x" {', '  acl = "public-read" #tfsec:ignore:other-check tfsec:ignore:aws-test-a', '  b = 1', '}'].join('\n'),
    );
    const out = run(file, [findingAt(file, 'test/a', 'acl'), findingAt(file, 'test/a', 'b = 1')]);
    expect(out.map((f) => !!f.suppression)).toEqual([true, false]);
  });

  it('#checkov:skip=<ID>:<reason> inside the resource suppresses it, with the reason', () => {
    const file = tf(
      ['resource "aws_s3_bucket" "x" {', '  #checkov:skip=CKV_AWS_1:The bucket is a public website', '  acl = "public-read"', '  website {}', '}'].join('\n'),
    );
    const out = run(file, [findingAt(file, 'test/a', 'acl'), findingAt(file, 'test/a', 'website')]);
    expect(out.map((f) => f.suppression?.reason)).toEqual(['The bucket is a public website', 'The bucket is a public website']);
    expect(out[0]!.suppression?.form).toBe('checkov');
  });

  it('#checkov:skip without a reason still suppresses (checkov makes the reason optional)', () => {
    const file = tf(block('#checkov:skip=CKV_AWS_1'));
    expect(run(file, [findingAt(file, 'test/a', 'acl')])[0]!.suppression?.reason).toBe('suppressed by checkov:skip');
  });

  it('ids no rule maps are ignored quietly', () => {
    const file = tf(block('#checkov:skip=CKV_AWS_999:other tool only'));
    const out = run(file, [findingAt(file, 'test/a', 'acl')]);
    expect(out).toHaveLength(1);
    expect(out[0]!.suppression).toBeUndefined();
  });
});

describe('purity', () => {
  it('does not modify the input findings', () => {
    const file = tf(['# iac-review:ignore test/a -- reason', 'resource "aws_s3_bucket" "x" {}'].join('\n'));
    const input = [findingAt(file, 'test/a', '"x"')];
    const out = run(file, input);
    expect(input[0]!.suppression).toBeUndefined();
    expect(out[0]!.suppression).toBeDefined();
  });

  it('findings in other files are not touched by this file’s comments', () => {
    const file = tf(['# iac-review:ignore-file test/a -- reason', 'resource "aws_s3_bucket" "x" {}'].join('\n'));
    const other = { ...findingAt(file, 'test/a', '"x"'), file: '/ws/other.tf' };
    const out = run(file, [other, findingAt(file, 'test/a', '"x"')]);
    expect(out.map((f) => !!f.suppression)).toEqual([false, true]);
  });
});
