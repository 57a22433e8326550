import { describe, expect, test } from 'vitest';
import type { Attribute, Block, Expression, SourceFile } from '../../server/src/engine/parse/ast.js';
import { SPLAT_ITEM } from '../../server/src/engine/parse/ast.js';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { at, rangeProblems, textOf } from './tree-checks.js';

function parse(text: string): SourceFile {
  const f = parseSource('/m/main.tf', text);
  expect(rangeProblems(f)).toEqual([]);
  return f;
}

function ok(text: string): SourceFile {
  const f = parse(text);
  expect(f.errors.map((e) => e.message)).toEqual([]);
  return f;
}

function attr(f: SourceFile, i = 0): Attribute {
  const item = f.body[i]!;
  if (item.kind !== 'Attribute') throw new Error('not an attribute');
  return item;
}

function block(f: SourceFile, i = 0): Block {
  const item = f.body[i]!;
  if (item.kind !== 'Block') throw new Error('not a block');
  return item;
}

function expr(text: string): Expression {
  return attr(ok(`x = ${text}\n`)).expr;
}

/** A compact rendering of an expression tree, for shape assertions. */
function show(e: Expression): string {
  switch (e.kind) {
    case 'Literal':
      return JSON.stringify(e.value);
    case 'Variable':
      return e.name === SPLAT_ITEM ? '@' : e.name;
    case 'GetAttr':
      return `${show(e.object)}.${e.name}`;
    case 'Index':
      return `${show(e.object)}[${show(e.index)}${e.legacy ? ' legacy' : ''}]`;
    case 'Splat':
      return `splat-${e.style}(${show(e.object)}; ${show(e.each)})`;
    case 'Call':
      return `${e.name}(${e.args.map(show).join(', ')}${e.expandFinal ? '...' : ''})`;
    case 'Binary':
      return `(${show(e.left)} ${e.op} ${show(e.right)})`;
    case 'Unary':
      return `${e.op}${show(e.operand)}`;
    case 'Conditional':
      return `(${show(e.cond)} ? ${show(e.then)} : ${show(e.else)})`;
    case 'Paren':
      return `paren(${show(e.expr)})`;
    case 'Tuple':
      return `[${e.items.map(show).join(', ')}]`;
    case 'Object':
      return `{${e.items.map((i) => `${i.keyIsIdentifier ? 'id:' : ''}${show(i.key)}=${show(i.value)}`).join(', ')}}`;
    case 'Template':
      return `tmpl(${e.parts.map((p) => (p.kind === 'TemplateLiteral' ? JSON.stringify(p.value) : p.kind === 'TemplateInterpolation' ? `\${${show(p.expr)}}` : p.kind)).join(' ')})`;
    case 'For':
      return `for-${e.result}(${e.keyVar ?? ''},${e.valueVar} in ${show(e.collection)}: ${e.keyExpr ? show(e.keyExpr) + ' => ' : ''}${show(e.valueExpr)}${e.grouping ? '...' : ''}${e.cond ? ' if ' + show(e.cond) : ''})`;
    case 'Invalid':
      return 'INVALID';
  }
}

describe('structure', () => {
  test('empty and whitespace-only files', () => {
    for (const t of ['', '\n\n', '   ', '# only a comment', '\r\n']) {
      const f = ok(t);
      expect(f.body).toEqual([]);
      expect(f.syntax).toBe('hcl');
    }
  });

  test('blocks with 0..n labels, quoted and identifier, with exact ranges', () => {
    const f = ok('terraform {\n}\nresource "aws_s3_bucket" "logs" {\n  bucket = "b"\n}\nthing a "b" c {}\n');
    const t = block(f, 0);
    expect([t.type, t.labels.length, at(t.range), at(t.openBrace), at(t.closeBrace!)]).toEqual(['terraform', 0, '1:1-2:2', '1:11-1:12', '2:1-2:2']);
    const r = block(f, 1);
    expect(r.labels.map((l) => [l.value, l.quoted, at(l.range)])).toEqual([
      ['aws_s3_bucket', true, '3:10-3:25'],
      ['logs', true, '3:26-3:32'],
    ]);
    expect(at(r.typeRange)).toBe('3:1-3:9');
    expect(at(r.range)).toBe('3:1-5:2');
    const b = r.body[0] as Attribute;
    expect([b.name, at(b.nameRange), at(b.range), at(b.expr.range)]).toEqual(['bucket', '4:3-4:9', '4:3-4:15', '4:12-4:15']);
    const th = block(f, 2);
    expect(th.labels.map((l) => `${l.value}:${l.quoted}`)).toEqual(['a:false', 'b:true', 'c:false']);
  });

  test('one-line blocks', () => {
    const f = ok('lifecycle { prevent_destroy = true }\nempty {}\n');
    expect(block(f, 0).body.map((i) => i.kind)).toEqual(['Attribute']);
    expect(block(f, 1).body).toEqual([]);
  });

  test('one-line block with two attributes is an error', () => {
    expect(parse('a { b = 1, c = 2 }\n').errors.length).toBeGreaterThan(0);
    expect(parse('a { b {} }\n').errors.length).toBeGreaterThan(0);
  });

  test('comments of all three styles are collected with ranges', () => {
    const f = ok('# hash\nx = 1 // slash\n/* block\n comment */ y = 2\n');
    expect(f.comments.map((c) => [c.style, c.text, at(c.range)])).toEqual([
      ['hash', '# hash', '1:1-1:7'],
      ['slash', '// slash', '2:7-2:15'],
      ['block', '/* block\n comment */', '3:1-4:12'],
    ]);
    expect(f.body.map((i) => (i as Attribute).name)).toEqual(['x', 'y']);
  });

  test('CRLF line endings: exact ranges, comment text without \\r', () => {
    const f = ok('a = 1\r\n# c\r\nb {\r\n  c = "x"\r\n}\r\n');
    expect(at(attr(f, 0).range)).toBe('1:1-1:6');
    expect(f.comments[0]!.text).toBe('# c');
    const b = block(f, 1);
    expect(at(b.range)).toBe('3:1-5:2');
    const c = b.body[0] as Attribute;
    expect(at(c.expr.range)).toBe('4:7-4:10');
    expect(textOf(f, c.expr.range)).toBe('"x"');
  });

  test('multi-byte characters before a node: columns count UTF-16 units', () => {
    const f = ok('x = "é🚀" # 東京\ny = "ü" == z\n');
    const y = attr(f, 1);
    expect(at(attr(f, 0).expr.range)).toBe('1:5-1:10'); // 🚀 is two UTF-16 units
    expect(f.comments[0]!.range.start.column).toBe(11);
    expect(at(y.expr.range)).toBe('2:5-2:13');
    const right = (y.expr as Extract<Expression, { kind: 'Binary' }>).right;
    expect(at(right.range)).toBe('2:12-2:13');
    expect(textOf(f, right.range)).toBe('z');
  });

  test('unicode identifiers and dashes', () => {
    const f = ok('région-1 = naïve.x-y\n');
    expect(attr(f).name).toBe('région-1');
    expect(show(attr(f).expr)).toBe('naïve.x-y');
  });

  test('duplicate attribute is an error', () => {
    const f = parse('a = 1\na = 2\n');
    expect(f.errors[0]!.message).toMatch(/already set at line 1/);
    expect(at(f.errors[0]!.range)).toBe('2:1-2:2');
  });
});

describe('expressions', () => {
  test('literals', () => {
    expect(show(expr('42'))).toBe('42');
    expect(show(expr('1.5'))).toBe('1.5');
    expect(show(expr('1e3'))).toBe('1000');
    expect(show(expr('2.5E-2'))).toBe('0.025');
    expect(show(expr('true'))).toBe('true');
    expect(show(expr('false'))).toBe('false');
    expect(show(expr('null'))).toBe('null');
    expect(show(expr('"s"'))).toBe('tmpl("s")');
    expect(show(expr('""'))).toBe('tmpl("")');
  });

  test('operators with HCL precedence and left associativity', () => {
    expect(show(expr('a || b && c == d + e * f'))).toBe('(a || (b && (c == (d + (e * f)))))');
    expect(show(expr('a - b - c'))).toBe('((a - b) - c)');
    expect(show(expr('x / y * z % w'))).toBe('(((x / y) * z) % w)');
    expect(show(expr('a < b != c >= d'))).toBe('((a < b) != (c >= d))');
    expect(show(expr('!a && -b > 0'))).toBe('(!a && (-b > 0))');
    expect(show(expr('(a + b) * c'))).toBe('(paren((a + b)) * c)');
  });

  test('conditionals nest to the right', () => {
    expect(show(expr('a ? b : c ? d : e'))).toBe('(a ? b : (c ? d : e))');
    expect(show(expr('x > 0 ? "p" : null'))).toBe('((x > 0) ? tmpl("p") : null)');
  });

  test('traversals: attribute, index, legacy index', () => {
    expect(show(expr('aws_instance.web.id'))).toBe('aws_instance.web.id');
    expect(show(expr('var.list[0]["k"]'))).toBe('var.list[0][tmpl("k")]');
    expect(show(expr('foo.0.bar'))).toBe('foo[0 legacy].bar');
    expect(show(expr('a[b.c]'))).toBe('a[b.c]');
  });

  test('splats', () => {
    expect(show(expr('aws_instance.web[*].id'))).toBe('splat-full(aws_instance.web; @.id)');
    expect(show(expr('a[*].b[0].c'))).toBe('splat-full(a; @.b[0].c)');
    expect(show(expr('a.*.b[0]'))).toBe('splat-attr(a; @.b)[0]');
    expect(show(expr('a[*]'))).toBe('splat-full(a; @)');
  });

  test('function calls, expansion and provider-namespaced names', () => {
    expect(show(expr('merge(a, {b = 1})'))).toBe('merge(a, {id:b=1})');
    expect(show(expr('max(list...)'))).toBe('max(list...)');
    expect(show(expr('f()'))).toBe('f()');
    expect(show(expr('f(\n  1,\n  2,\n)'))).toBe('f(1, 2)');
    const call = expr('provider::aws::arn_parse(x)');
    expect(show(call)).toBe('provider::aws::arn_parse(x)');
    expect(call.kind === 'Call' && at(call.nameRange)).toBe('1:5-1:29');
  });

  test('tuples and objects', () => {
    expect(show(expr('[1, "a", [true],]'))).toBe('[1, tmpl("a"), [true]]');
    expect(show(expr('[\n  1,\n  2\n]'))).toBe('[1, 2]');
    expect(show(expr('{ a = 1, "b" = 2, (c) = 3, d : 4 }'))).toBe('{id:a=1, tmpl("b")=2, paren(c)=3, id:d=4}');
    expect(show(expr('{\n  a = 1\n  b = 2,\n  c = 3\n}'))).toBe('{id:a=1, id:b=2, id:c=3}');
    expect(show(expr('{}'))).toBe('{}');
  });

  test('for expressions', () => {
    expect(show(expr('[for v in xs : v.id]'))).toBe('for-tuple(,v in xs: v.id)');
    expect(show(expr('[for i, v in xs : v if i > 0]'))).toBe('for-tuple(i,v in xs: v if (i > 0))');
    expect(show(expr('{ for k, v in m : k => v }'))).toBe('for-object(k,v in m: k => v)');
    expect(show(expr('{\n  for s in list :\n  s.team => s.name...\n  if s.on\n}'))).toBe('for-object(,s in list: s.team => s.name... if s.on)');
  });

  test('expression ranges', () => {
    const f = ok('x = a.b[0] + f(1)\n');
    const e = attr(f).expr as Extract<Expression, { kind: 'Binary' }>;
    expect(at(e.range)).toBe('1:5-1:18');
    expect(textOf(f, e.left.range)).toBe('a.b[0]');
    expect(textOf(f, e.right.range)).toBe('f(1)');
    const splat = attr(ok('y = a[*].b\n')).expr;
    expect(at(splat.range)).toBe('1:5-1:11');
  });

  test('newlines end attributes but not bracketed expressions', () => {
    expect(parse('x = 1 +\n  2\n').errors.length).toBeGreaterThan(0);
    expect(show(expr('(1 +\n  2)'))).toBe('paren((1 + 2))');
  });

  test('legacy index chaining is an error, as in HCL', () => {
    expect(parse('x = foo.0.1\n').errors.length).toBeGreaterThan(0);
  });
});
