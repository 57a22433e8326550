import { describe, expect, test } from 'vitest';
import type { Attribute, SourceFile, TemplateExpr, TemplatePart } from '../../server/src/engine/parse/ast.js';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { at, rangeProblems, textOf } from './tree-checks.js';

function parse(text: string): SourceFile {
  const f = parseSource('/m/main.tf', text);
  expect(rangeProblems(f)).toEqual([]);
  return f;
}

function template(text: string): TemplateExpr {
  const f = parse(text);
  expect(f.errors.map((e) => e.message)).toEqual([]);
  const e = (f.body[0] as Attribute).expr;
  if (e.kind !== 'Template') throw new Error(`not a template: ${e.kind}`);
  return e;
}

function shape(parts: TemplatePart[]): unknown[] {
  return parts.map((p) => {
    switch (p.kind) {
      case 'TemplateLiteral':
        return p.value;
      case 'TemplateInterpolation':
        return { interp: p.expr.kind === 'Variable' ? p.expr.name : p.expr.kind, strip: [p.stripLeft, p.stripRight] };
      case 'TemplateIf':
        return { if: shape(p.then), else: p.else ? shape(p.else) : undefined };
      case 'TemplateFor':
        return { for: `${p.keyVar ?? ''},${p.valueVar}`, body: shape(p.body) };
    }
  });
}

/** The string a template without interpolation produces. */
function literal(t: TemplateExpr): string {
  return t.parts.map((p) => (p.kind === 'TemplateLiteral' ? p.value : '?')).join('');
}

describe('quoted templates', () => {
  test('escapes', () => {
    expect(literal(template('x = "a\\nb\\tc\\"d\\\\e\\u00e9\\U0001F600\\r"\n'))).toBe('a\nb\tc"d\\eé😀\r');
  });

  test('literal introducers $${ and %%{', () => {
    expect(literal(template('x = "$${a} %%{b} $ % $$ %%"\n'))).toBe('${a} %{b} $ % $$ %%');
  });

  test('interpolation with ranges', () => {
    const f = parse('x = "pre-${var.name}-post"\n');
    const t = (f.body[0] as Attribute).expr as TemplateExpr;
    expect(t.parts.map((p) => [p.kind, at(p.range)])).toEqual([
      ['TemplateLiteral', '1:6-1:10'],
      ['TemplateInterpolation', '1:10-1:21'],
      ['TemplateLiteral', '1:21-1:26'],
    ]);
    expect(textOf(f, t.parts[1]!.range)).toBe('${var.name}');
  });

  test('strip markers remove adjacent white space from literals', () => {
    const t = template('x = "a ${~ b ~} c"\n');
    expect(shape(t.parts)).toEqual(['a', { interp: 'b', strip: [true, true] }, 'c']);
  });

  test('if/else/endif and for/endfor directives', () => {
    const t = template('x = "%{ if a }yes%{ else }no%{ endif }|%{ for k, v in m }${k}=${v};%{ endfor }"\n');
    expect(shape(t.parts)).toEqual([
      { if: ['yes'], else: ['no'] },
      '|',
      { for: 'k,v', body: [{ interp: 'k', strip: [false, false] }, '=', { interp: 'v', strip: [false, false] }, ';'] },
    ]);
  });

  test('nested templates inside interpolation', () => {
    const t = template('x = "a${join(",", [for s in l : "<${s}>"])}b"\n');
    expect(t.parts.length).toBe(3);
  });

  test('interpolation may span lines', () => {
    expect(template('x = "${f(\n  1,\n  2\n)}"\n').parts.length).toBe(1);
  });

  test('errors: unterminated string, bad escape, unbalanced directives', () => {
    expect(parse('x = "abc\ny = 1\n').errors[0]!.message).toMatch(/unterminated string/);
    expect(parse('x = "abc').errors[0]!.message).toMatch(/unterminated string/);
    expect(parse('x = "a\\qb"\n').errors[0]!.message).toMatch(/invalid escape/);
    expect(parse('x = "%{ if a }b"\n').errors[0]!.message).toMatch(/endif/);
    expect(parse('x = "%{ endfor }"\n').errors[0]!.message).toMatch(/without a matching/);
    expect(parse('x = "${a"\n').errors[0]!.message).toMatch(/expected '}'/);
    // the next line still parses
    expect(parse('x = "abc\ny = 1\n').body.map((i) => (i as Attribute).name)).toEqual(['x', 'y']);
  });
});

describe('heredocs', () => {
  test('plain heredoc keeps text and trailing newline', () => {
    const f = parse('x = <<EOT\nhello\n  world\nEOT\ny = 1\n');
    const t = (f.body[0] as Attribute).expr as TemplateExpr;
    expect(t.heredoc).toEqual({ marker: 'EOT', indented: false });
    expect(literal(t)).toBe('hello\n  world\n');
    expect(at(t.range)).toBe('1:5-4:4');
    expect((f.body[1] as Attribute).name).toBe('y');
  });

  test('indented heredoc strips the smallest indentation, ignoring blank lines', () => {
    const t = template('x = <<-EOT\n    a\n\n      b\n    EOT\n');
    expect(t.heredoc).toEqual({ marker: 'EOT', indented: true });
    expect(literal(t)).toBe('a\n\n  b\n');
  });

  test('indented heredoc: a line starting with an interpolation sets the indentation to zero', () => {
    const t = template('x = <<-EOT\n    a\n${b}\n    EOT\n');
    expect(shape(t.parts)).toEqual(['    a\n', { interp: 'b', strip: [false, false] }, '\n']);
  });

  test('heredoc with interpolation and directives with strip markers', () => {
    const t = template('x = <<EOT\n%{ for p in ps ~}\ninstall ${p}\n%{ endfor ~}\nEOT\n');
    expect(shape(t.parts)).toEqual([{ for: ',p', body: ['install ', { interp: 'p', strip: [false, false] }, '\n'] }]);
  });

  test('heredoc with CRLF line endings', () => {
    const f = parse('x = <<EOT\r\nabc\r\nEOT\r\ny = 2\r\n');
    expect(f.errors).toEqual([]);
    const t = (f.body[0] as Attribute).expr as TemplateExpr;
    expect(literal(t)).toBe('abc\r\n');
    expect(at(t.range)).toBe('1:5-3:4');
  });

  test('unterminated heredoc is an error and keeps its content', () => {
    const f = parse('x = <<EOT\nabc\n');
    expect(f.errors[0]!.message).toMatch(/unterminated heredoc/);
    expect(literal((f.body[0] as Attribute).expr as TemplateExpr)).toBe('abc\n');
  });

  test('closing marker must be alone on its line', () => {
    expect(parse('x = <<EOT\nabc\nEOT x\n').errors.length).toBeGreaterThan(0);
  });

  // HashiCorp's scanner compares the closing line with white space trimmed (bytes.TrimSpace).
  test('white space after the closing marker still closes the heredoc, and the rest of the file parses', () => {
    for (const close of ['EOT   ', 'EOT\t', '  EOT \t', 'EOT\u00a0', '\fEOT\v']) {
      const f = parse(`x = <<EOT\nabc\n${close}\ny = 1\n`);
      expect(f.errors, JSON.stringify(close)).toEqual([]);
      const t = (f.body[0] as Attribute).expr as TemplateExpr;
      expect(literal(t)).toBe('abc\n');
      // The expression ends after the marker, not after the white space.
      expect(textOf(f, t.range).trimStart().endsWith('EOT'), JSON.stringify(close)).toBe(true);
      expect((f.body[1] as Attribute).name).toBe('y');
    }
  });

  test('indented heredoc and CRLF: trailing white space after the marker', () => {
    const t = template('x = <<-EOT\n    a\n      b\n    EOT  \n');
    expect(literal(t)).toBe('a\n  b\n');
    const f = parse('x = <<EOT\r\nabc\r\nEOT \t\r\ny = 2\r\n');
    expect(f.errors).toEqual([]);
    expect(at(((f.body[0] as Attribute).expr as TemplateExpr).range)).toBe('1:5-3:4');
    expect((f.body[1] as Attribute).name).toBe('y');
  });

  test('not a closing line: U+FEFF or a lone CR after the marker, a marker at the end of the file without a newline', () => {
    expect(parse('x = <<EOT\nabc\nEOT\ufeff\ny = 1\n').errors[0]!.message).toMatch(/unterminated heredoc/);
    expect(parse('x = <<EOT\nabc\nEOT\r \ny = 1\n').errors[0]!.message).toMatch(/unterminated heredoc/);
    expect(parse('x = <<EOT\nabc\nEOT  ').errors[0]!.message).toMatch(/unterminated heredoc/);
  });

  test('white space after the opening marker is an error (HCL needs the newline right after it)', () => {
    expect(parse('x = <<EOT \nabc\nEOT\n').errors.length).toBeGreaterThan(0);
  });
});
