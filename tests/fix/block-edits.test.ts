import { describe, expect, it } from 'vitest';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import type { Attribute, Block } from '../../server/src/engine/parse/ast.js';
import { applyEdits } from '../../server/src/engine/fix/apply-edits.js';
import {
  addMapEntriesFix,
  insertAttributeFix,
  insertNestedBlockFix,
  setOrInsertAttributeFix,
} from '../../server/src/engine/fix/block-edits.js';
import { suppressionFix } from '../../server/src/engine/fix/suppression-fix.js';
import type { Fix } from '../../server/src/engine/finding.js';

function parse(text: string) {
  const file = parseSource('/ws/main.tf', text);
  expect(file.errors).toEqual([]);
  return file;
}

function firstBlock(text: string) {
  const file = parse(text);
  return { file, block: file.body.find((i): i is Block => i.kind === 'Block')! };
}

/** Applies a fix and checks the result still parses. */
function apply(text: string, fix: Fix | undefined): string {
  expect(fix).toBeDefined();
  const out = applyEdits(text, fix!.edits);
  expect(parseSource('/ws/main.tf', out).errors).toEqual([]);
  return out;
}

describe('insertAttributeFix', () => {
  it('joins the run of aligned attributes and realigns it when the new name is longer', () => {
    const text = 'resource "aws_db_instance" "db" {\n  engine = "postgres"\n  port   = 5432\n\n  timeouts {\n    create = "1h"\n  }\n}\n';
    const { file, block } = firstBlock(text);
    expect(apply(text, insertAttributeFix(file, block, 'deletion_protection', 'true', 't'))).toBe(
      'resource "aws_db_instance" "db" {\n  engine              = "postgres"\n  port                = 5432\n  deletion_protection = true\n\n  timeouts {\n    create = "1h"\n  }\n}\n',
    );
  });

  it('keeps the existing alignment when the new name is shorter, and trailing comments aligned', () => {
    const text = 'resource "x" "y" {\n  instance_class = "db.t3.micro" # small\n  engine         = "mysql"      # pinned\n}\n';
    const { file, block } = firstBlock(text);
    expect(apply(text, insertAttributeFix(file, block, 'storage_encrypted', 'true', 't'))).toBe(
      'resource "x" "y" {\n  instance_class    = "db.t3.micro" # small\n  engine            = "mysql"       # pinned\n  storage_encrypted = true\n}\n',
    );
  });

  it('goes after the last one-line argument, not after a multi-line `tags = { … }`', () => {
    const text = 'resource "x" "y" {\n  name = "a"\n  tags = {\n    Owner = "me"\n  }\n}\n';
    const { file, block } = firstBlock(text);
    expect(apply(text, insertAttributeFix(file, block, 'encrypted', 'true', 't'))).toBe(
      'resource "x" "y" {\n  name      = "a"\n  encrypted = true\n  tags = {\n    Owner = "me"\n  }\n}\n',
    );
  });

  it('starts a new run after a multi-line value when there is no one-line argument (fmt does not align across it)', () => {
    const text = 'resource "x" "y" {\n  tags = {\n    Owner = "me"\n  }\n}\n';
    const { file, block } = firstBlock(text);
    expect(apply(text, insertAttributeFix(file, block, 'encrypted', 'true', 't'))).toBe(
      'resource "x" "y" {\n  tags = {\n    Owner = "me"\n  }\n  encrypted = true\n}\n',
    );
  });

  it('fills an empty block and expands a one-line block', () => {
    const empty = 'resource "aws_kms_key" "k" {}\n';
    const a = firstBlock(empty);
    expect(apply(empty, insertAttributeFix(a.file, a.block, 'enable_key_rotation', 'true', 't'))).toBe(
      'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n',
    );
    const oneLine = 'resource "x" "y" {\n  lifecycle { create_before_destroy = true }\n}\n';
    const b = firstBlock(oneLine);
    const lifecycle = b.block.body[0] as Block;
    expect(apply(oneLine, insertAttributeFix(b.file, lifecycle, 'prevent_destroy', 'true', 't'))).toBe(
      'resource "x" "y" {\n  lifecycle {\n    create_before_destroy = true\n    prevent_destroy       = true\n  }\n}\n',
    );
  });

  it('puts the attribute above comments that belong to the first nested block', () => {
    const text = 'resource "x" "y" {\n  # the rules\n  ingress {\n    from_port = 1\n  }\n}\n';
    const { file, block } = firstBlock(text);
    expect(apply(text, insertAttributeFix(file, block, 'name', '"sg"', 't'))).toBe(
      'resource "x" "y" {\n  name = "sg"\n  # the rules\n  ingress {\n    from_port = 1\n  }\n}\n',
    );
  });

  it('keeps CRLF line endings', () => {
    const text = 'resource "x" "y" {\r\n  a = 1\r\n}\r\n';
    const { file, block } = firstBlock(text);
    expect(apply(text, insertAttributeFix(file, block, 'bbb', '2', 't'))).toBe('resource "x" "y" {\r\n  a   = 1\r\n  bbb = 2\r\n}\r\n');
  });

  it('changes an existing attribute instead of adding a second one', () => {
    const text = 'resource "x" "y" {\n  encrypted = false\n}\n';
    const { file, block } = firstBlock(text);
    expect(apply(text, setOrInsertAttributeFix(file, block, 'encrypted', 'true', 't'))).toBe('resource "x" "y" {\n  encrypted = true\n}\n');
  });
});

describe('insertNestedBlockFix', () => {
  it('appends an aligned block after a blank line', () => {
    const text = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n';
    const { file, block } = firstBlock(text);
    expect(apply(text, insertNestedBlockFix(file, block, 'lifecycle', [['prevent_destroy', 'true']], 't'))).toBe(
      'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n',
    );
  });

  it('expands a one-line resource', () => {
    const text = 'resource "aws_s3_bucket" "b" {}\n';
    const { file, block } = firstBlock(text);
    expect(apply(text, insertNestedBlockFix(file, block, 'lifecycle', [['prevent_destroy', 'true']], 't'))).toBe(
      'resource "aws_s3_bucket" "b" {\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n',
    );
  });
});

describe('addMapEntriesFix', () => {
  const tagsOf = (block: Block) => block.body.find((i): i is Attribute => i.kind === 'Attribute' && i.name === 'tags')!;

  it('adds keys to a multi-line map, realigned', () => {
    const text = 'resource "x" "y" {\n  tags = {\n    Owner = "me"\n  }\n}\n';
    const { file, block } = firstBlock(text);
    expect(apply(text, addMapEntriesFix(file, tagsOf(block), [['CostCenter', '"TODO"'], ['cost-center 2', '"x"']], 't'))).toBe(
      'resource "x" "y" {\n  tags = {\n    Owner           = "me"\n    CostCenter      = "TODO"\n    "cost-center 2" = "x"\n  }\n}\n',
    );
  });

  it('expands one-line and empty maps', () => {
    const text = 'resource "x" "y" {\n  name = "n"\n  tags = { Owner = "me" }\n}\n';
    const { file, block } = firstBlock(text);
    expect(apply(text, addMapEntriesFix(file, tagsOf(block), [['Env', '"prod"']], 't'))).toBe(
      'resource "x" "y" {\n  name = "n"\n  tags = {\n    Owner = "me"\n    Env   = "prod"\n  }\n}\n',
    );
    const empty = 'resource "x" "y" {\n  tags = {}\n}\n';
    const e = firstBlock(empty);
    expect(apply(empty, addMapEntriesFix(e.file, tagsOf(e.block), [['Env', '"prod"']], 't'))).toBe(
      'resource "x" "y" {\n  tags = {\n    Env = "prod"\n  }\n}\n',
    );
  });

  it('refuses a value that is not a literal map', () => {
    const text = 'resource "x" "y" {\n  tags = merge(local.t, {})\n}\n';
    const { file, block } = firstBlock(text);
    expect(addMapEntriesFix(file, tagsOf(block), [['Env', '"prod"']], 't')).toBeUndefined();
  });
});

describe('suppressionFix', () => {
  it('inserts an ignore comment above the finding line, splitting the aligned run as fmt would', () => {
    const text = 'resource "x" "y" {\n  a    = 1\n  bbbb = 2\n}\n';
    const file = parse(text);
    const attr = (file.body[0] as Block).body[1]!;
    expect(apply(text, suppressionFix(file, { ruleId: 'x/y', range: attr.range }, 'approved in SEC-1'))).toBe(
      'resource "x" "y" {\n  a = 1\n  # iac-review:ignore x/y -- approved in SEC-1\n  bbbb = 2\n}\n',
    );
  });

  it('goes above the attribute when the finding is inside a heredoc', () => {
    const text = 'resource "x" "y" {\n  policy = <<EOT\n{"Statement": []}\nEOT\n}\n';
    const file = parse(text);
    const out = apply(text, suppressionFix(file, { ruleId: 'iam/wildcard-action', range: { start: { line: 3, column: 2 }, end: { line: 3, column: 3 } } }));
    expect(out).toBe(
      'resource "x" "y" {\n  # iac-review:ignore iam/wildcard-action -- TODO: say why this is acceptable and who approved it\n  policy = <<EOT\n{"Statement": []}\nEOT\n}\n',
    );
  });
});
