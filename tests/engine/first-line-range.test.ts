import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { firstLineRange } from '../../server/src/engine/first-line-range.js';
import { computeLineStarts, rangeFromOffsets } from '../../server/src/engine/range.js';

function fileOf(text: string) {
  return { text, lineStarts: computeLineStarts(text) };
}

describe('firstLineRange (SPEC §2: a block is underlined on its first line only)', () => {
  it('ends a multi-line range at the last non-blank character of its first line', () => {
    const file = fileOf('statement {  \r\n  actions = ["*"]\r\n}\r\n');
    const range = firstLineRange(rangeFromOffsets(file.lineStarts, 0, file.text.length - 2), file);
    expect(range.start).toMatchObject({ line: 1, column: 1 });
    expect(range.end).toMatchObject({ line: 1, column: 12 });
  });

  it('keeps a range already on one line', () => {
    const file = fileOf('  bucket = "b"\n');
    const original = rangeFromOffsets(file.lineStarts, 2, 14);
    expect(firstLineRange(original, file)).toBe(original);
  });
});

describe('findings in the CLI output start on their first line and end on it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'iac-first-line-'));
  writeFileSync(
    join(dir, 'main.tf'),
    [
      'data "aws_iam_policy_document" "p" {',
      '  statement {',
      '    effect    = "Allow"',
      '    actions   = ["*"]',
      '    resources = ["*"]',
      '  }',
      '}',
      '',
      'resource "aws_s3_bucket" "b" {',
      '  bucket = "b"',
      '}',
      '',
    ].join('\n'),
  );
  const result = analyzeWorkspace({ cwd: dir, paths: [dir] });

  it('an IAM statement finding underlines `statement {` only', () => {
    const iam = result.findings.filter((f) => f.category === 'iam');
    expect(iam.length).toBeGreaterThan(0);
    for (const f of iam) expect(f.range.end.line).toBe(f.range.start.line);
    expect(iam.some((f) => f.range.start.line === 2 && f.range.start.column === 3 && f.range.end.column === 14)).toBe(true);
  });

  it('every finding is on one line, and a block header keeps its own range', () => {
    for (const f of result.findings) expect(f.range.end.line).toBe(f.range.start.line);
    const header = result.findings.find((f) => f.ruleId === 'lifecycle/prevent-destroy');
    expect(header?.range).toMatchObject({ start: { line: 9, column: 1 }, end: { line: 9, column: 29 } });
  });
});
