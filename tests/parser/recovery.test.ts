import { describe, expect, test } from 'vitest';
import type { Attribute, Block, SourceFile } from '../../server/src/engine/parse/ast.js';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { at, rangeProblems } from './tree-checks.js';

function parse(text: string, path = '/m/main.tf'): SourceFile {
  const f = parseSource(path, text);
  expect(rangeProblems(f)).toEqual([]);
  return f;
}

function names(f: SourceFile): string[] {
  return f.body.map((i) => (i.kind === 'Block' ? `${i.type}.${i.labels.map((l) => l.value).join('.')}` : i.name));
}

describe('error recovery', () => {
  test('a half-typed block followed by a good block: the good block is in the tree with its ranges', () => {
    const text = 'resource "aws_s3_bucket" "a" {\n  bucket = \n\nresource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n';
    const f = parse(text);
    expect(names(f)).toEqual(['resource.aws_s3_bucket.a', 'resource.aws_s3_bucket.b']);
    const good = f.body[1] as Block;
    expect(at(good.range)).toBe('4:1-6:2');
    expect(good.closeBrace && at(good.closeBrace)).toBe('6:1-6:2');
    expect(at((good.body[0] as Attribute).range)).toBe('5:3-5:15');
    const broken = f.body[0] as Block;
    expect(broken.closeBrace).toBeUndefined();
    expect(f.errors.map((e) => e.message)).toContain("expected '}' to close block 'resource' opened at line 1");
  });

  test('an unterminated block keeps what it parsed', () => {
    const f = parse('a {\n  x = 1\n  y = 2\n');
    const a = f.body[0] as Block;
    expect(a.body.map((i) => (i as Attribute).name)).toEqual(['x', 'y']);
    expect(f.errors[0]!.message).toBe("expected '}' to close block 'a' opened at line 1");
  });

  test('a bad attribute line does not hide the next ones', () => {
    const f = parse('resource "a" "b" {\n  x = = 1\n  y = 2\n  @@@\n  z = 3\n}\nafter = 1\n');
    const b = f.body[0] as Block;
    expect(b.body.map((i) => (i as Attribute).name)).toEqual(['x', 'y', 'z']);
    expect(names(f)).toEqual(['resource.a.b', 'after']);
    expect(f.errors.length).toBeGreaterThanOrEqual(2);
  });

  test('an unclosed tuple, call or object stops at the next item', () => {
    expect(names(parse('x = [1, 2\ny = 3\n'))).toEqual(['x', 'y']);
    expect(names(parse('x = f(1,\ny = 3\n'))).toEqual(['x', 'y']);
    expect(names(parse('r "a" "b" {\n  tags = {\n    a = 1\n\n}\nr "c" "d" {\n  x = 1\n}\n'))).toEqual(['r.a.b', 'r.c.d']);
  });

  test('stray closing braces and garbage are reported, not thrown', () => {
    const f = parse('}\n]]]\nx = 1\n');
    expect(names(f)).toEqual(['x']);
    expect(f.errors.length).toBeGreaterThan(0);
  });

  test('two items on one line', () => {
    const f = parse('x = 1 y = 2\nz = 3\n');
    expect(f.errors[0]!.message).toMatch(/expected a newline after attribute 'x'/);
    expect(names(f)).toContain('z');
  });

  test('error messages carry ranges', () => {
    const f = parse('x = "abc\n');
    expect(at(f.errors[0]!.range)).toBe('1:5-1:9');
  });
});

describe('nesting limit', () => {
  const cases: Array<[string, string]> = [
    ['tuples', 'x = ' + '['.repeat(10_000) + ']'.repeat(10_000) + '\n'],
    ['unclosed tuples', 'x = ' + '['.repeat(10_000)],
    ['blocks', 'a { '.repeat(10_000) + '}'.repeat(10_000)],
    ['multi-line blocks', 'a {\n'.repeat(10_000)],
    ['objects', 'x = ' + '{a = '.repeat(10_000) + '1' + '}'.repeat(10_000) + '\n'],
    ['parentheses', 'x = ' + '('.repeat(10_000) + '1' + ')'.repeat(10_000) + '\n'],
    ['templates', 'x = ' + '"${'.repeat(10_000) + '1' + '}"'.repeat(10_000) + '\n'],
    ['unary operators', 'x = ' + '!'.repeat(10_000) + 'a\n'],
    ['conditionals', 'x = ' + 'a ? b : '.repeat(10_000) + 'c\n'],
    ['template directives', 'x = "' + '%{ if a }'.repeat(10_000) + '"\n'],
  ];
  for (const [name, text] of cases) {
    test(`10,000-deep ${name}: quick, an error, no crash`, () => {
      const started = performance.now();
      const f = parse(text);
      expect(performance.now() - started).toBeLessThan(1000);
      expect(f.errors.length).toBeGreaterThan(0);
    });
  }

  test('10,000-deep JSON arrays', () => {
    const f = parse('{"locals": {"x": ' + '['.repeat(10_000) + ']'.repeat(10_000) + '}}', '/m/main.tf.json');
    expect(f.errors.length).toBeGreaterThan(0);
  });

  test('long operator and traversal chains count as nesting (the tree would be as deep)', () => {
    expect(parse('x = ' + 'a + '.repeat(100) + '1\ny = a' + '.c'.repeat(100) + '\n').errors).toEqual([]);
    for (const text of ['x = ' + 'a + '.repeat(20_000) + '1\n', 'y = a' + '.c'.repeat(20_000) + '\n', 'y = a[*]' + '[0]'.repeat(20_000) + '\n']) {
      const f = parse(text);
      expect(f.errors[0]!.message).toMatch(/nesting is deeper than/);
    }
  });
});
