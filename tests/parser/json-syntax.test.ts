import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Attribute, Block, BodyItem, Expression, SourceFile, TemplateExpr } from '../../server/src/engine/parse/ast.js';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { at, rangeProblems, textOf } from './tree-checks.js';

function parse(text: string, path = '/m/main.tf.json'): SourceFile {
  const f = parseSource(path, text);
  expect(rangeProblems(f)).toEqual([]);
  expect(f.syntax).toBe('json');
  return f;
}

function blocks(items: BodyItem[]): string[] {
  return items.filter((i): i is Block => i.kind === 'Block').map((b) => [b.type, ...b.labels.map((l) => l.value)].join('.'));
}

function attrs(items: BodyItem[]): string[] {
  return items.filter((i): i is Attribute => i.kind === 'Attribute').map((a) => a.name);
}

function find(items: BodyItem[], path: string): Block {
  const b = items.find((i): i is Block => i.kind === 'Block' && [i.type, ...i.labels.map((l) => l.value)].join('.') === path);
  if (!b) throw new Error(`no block ${path}`);
  return b;
}

function attr(items: BodyItem[], name: string): Attribute {
  const a = items.find((i): i is Attribute => i.kind === 'Attribute' && i.name === name);
  if (!a) throw new Error(`no attribute ${name}`);
  return a;
}

describe('JSON configuration syntax', () => {
  test('block types take their label counts', () => {
    const f = parse(
      JSON.stringify({
        resource: { aws_s3_bucket: { logs: { bucket: 'b' } } },
        data: { aws_caller_identity: { current: {} } },
        module: { vpc: { source: './vpc' } },
        provider: { aws: { region: 'eu-west-1' } },
        variable: { env: { default: 'dev' } },
        output: { id: { value: '${aws_s3_bucket.logs.id}' } },
        locals: { a: 1 },
        terraform: { required_version: '>= 1.6' },
      }),
    );
    expect(f.errors).toEqual([]);
    expect(blocks(f.body)).toEqual([
      'resource.aws_s3_bucket.logs',
      'data.aws_caller_identity.current',
      'module.vpc',
      'provider.aws',
      'variable.env',
      'output.id',
      'locals',
      'terraform',
    ]);
  });

  test('arrays of objects are repeated blocks', () => {
    const f = parse('{"provider": {"aws": [{"region": "a"}, {"alias": "us", "region": "b"}]}}');
    expect(blocks(f.body)).toEqual(['provider.aws', 'provider.aws']);
  });

  test('nested blocks by name; other objects are attributes with Object expressions', () => {
    const f = parse(
      JSON.stringify({
        resource: {
          aws_security_group: {
            web: {
              tags: { Name: 'web' },
              ingress: [{ from_port: 443 }, { from_port: 80 }],
              lifecycle: { prevent_destroy: true },
              dynamic: { egress: { for_each: '${var.rules}', content: { from_port: '${egress.value}' } } },
            },
          },
        },
        terraform: { required_providers: { aws: { source: 'hashicorp/aws' } }, backend: { s3: { bucket: 'x' } } },
      }),
    );
    expect(f.errors).toEqual([]);
    const web = find(f.body, 'resource.aws_security_group.web');
    expect(attrs(web.body)).toEqual(['tags']);
    expect(attr(web.body, 'tags').expr.kind).toBe('Object');
    expect(blocks(web.body)).toEqual(['ingress', 'ingress', 'lifecycle', 'dynamic.egress']);
    expect(blocks(find(web.body, 'dynamic.egress').body)).toEqual(['content']);
    const tf = find(f.body, 'terraform');
    expect(blocks(tf.body)).toEqual(['required_providers', 'backend.s3']);
    expect(attrs(find(tf.body, 'required_providers').body)).toEqual(['aws']);
  });

  test('values: literals, tuples, templates with interpolation', () => {
    const f = parse('{"locals": {"n": 3, "b": true, "z": null, "l": [1, "a"], "s": "plain", "t": "x-${var.y}"}}');
    const locals = find(f.body, 'locals').body;
    const kind = (n: string): string => attr(locals, n).expr.kind;
    expect(['n', 'b', 'z', 'l', 's', 't'].map(kind)).toEqual(['Literal', 'Literal', 'Literal', 'Tuple', 'Template', 'Template']);
    const t = attr(locals, 't').expr as TemplateExpr;
    expect(t.parts.map((p) => p.kind)).toEqual(['TemplateLiteral', 'TemplateInterpolation']);
  });

  test('ranges inside strings are exact, also after escapes and on CRLF text', () => {
    const text = '{\r\n  "locals": {\r\n    "t": "\\"q\\" ${var.a}",\r\n    "u": "é ${var.b}"\r\n  }\r\n}\r\n';
    const f = parse(text);
    const locals = find(f.body, 'locals').body;
    for (const [name, want] of [
      ['t', 'var.a'],
      ['u', 'var.b'],
    ] as const) {
      const t = attr(locals, name).expr as TemplateExpr;
      const interp = t.parts[1]!;
      expect(interp.kind).toBe('TemplateInterpolation');
      const e = (interp as { expr: Expression }).expr;
      expect(textOf(f, e.range)).toBe(want);
    }
    const a = attr(locals, 't');
    expect(at(a.nameRange)).toBe('3:6-3:7');
    expect(at(a.range)).toBe('3:5-3:26');
  });

  test('block ranges cover key to closing brace', () => {
    const f = parse('{\n  "resource": {\n    "aws_s3_bucket": {\n      "b": {\n        "bucket": "x"\n      }\n    }\n  }\n}\n');
    const b = find(f.body, 'resource.aws_s3_bucket.b');
    expect(at(b.typeRange)).toBe('2:4-2:12');
    expect(b.labels.map((l) => at(l.range))).toEqual(['3:5-3:20', '4:7-4:10']);
    expect(at(b.openBrace)).toBe('4:12-4:13');
    expect(at(b.closeBrace!)).toBe('6:7-6:8');
  });

  test('.tfvars.json: every top-level key is an attribute', () => {
    const f = parse('{"region": "eu-west-1", "tags": {"Owner": "me"}, "count": 2}', '/m/terraform.tfvars.json');
    expect(attrs(f.body)).toEqual(['region', 'tags', 'count']);
    expect(blocks(f.body)).toEqual([]);
  });

  test('"//" comment keys are skipped', () => {
    const f = parse('{"//": "note", "locals": {"//": "x", "a": 1}}');
    expect(blocks(f.body)).toEqual(['locals']);
    expect(attrs(find(f.body, 'locals').body)).toEqual(['a']);
  });

  test('malformed JSON gives SyntaxErrors with ranges and keeps what parsed', () => {
    const f = parse('{"locals": {"a": 1, "b": }, "output": {"x": {"value": 1}}');
    expect(f.errors.length).toBeGreaterThan(0);
    expect(f.errors[0]!.message).toMatch(/invalid JSON/);
    expect(blocks(f.body)).toContain('output.x');
  });

  test('template errors inside strings are reported at the right place', () => {
    const f = parse('{"locals": {"a": "${var.x"}}');
    expect(f.errors.length).toBeGreaterThan(0);
  });

  test('non-object top level and empty file', () => {
    expect(parse('[1]').errors[0]!.message).toMatch(/object at the top level/);
    expect(parse('').body).toEqual([]);
  });

  test('the fixture parses without errors', () => {
    const path = join(import.meta.dirname, '..', '..', 'test-fixtures', 'parser', 'main.tf.json');
    const f = parse(readFileSync(path, 'utf8'), path);
    expect(f.errors).toEqual([]);
    expect(blocks(f.body)).toEqual([
      'terraform',
      'provider.aws',
      'provider.aws',
      'variable.environment',
      'locals',
      'resource.aws_s3_bucket.logs',
      'resource.aws_security_group.web',
      'output.bucket',
    ]);
  });
});
