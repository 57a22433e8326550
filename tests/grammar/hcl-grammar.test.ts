// The Terraform grammar (client/syntaxes/hcl-terraform.tmLanguage.json): the scopes each construct gets,
// on VS Code's own tokenizer (vscode-textmate with the Oniguruma regular expressions VS Code uses).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as onig from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

/** A grammar as its JSON file holds it (scopeName and patterns are what the tests read or write). */
type RawGrammar = { scopeName: string; patterns: unknown[] } & Record<string, unknown>;
interface Token {
  text: string;
  scopes: string[];
}

const GRAMMAR_PATH = join(import.meta.dirname, '..', '..', 'client', 'syntaxes', 'hcl-terraform.tmLanguage.json');
const GRAMMAR = JSON.parse(readFileSync(GRAMMAR_PATH, 'utf8')) as RawGrammar;
const MANIFEST = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
  contributes: { grammars: Array<{ language?: string; scopeName: string; path: string; embeddedLanguages?: Record<string, string> }> };
};

type Tokenize = (grammars: Record<string, RawGrammar>, scopeName: string, text: string) => Promise<Token[][]>;

/** vscode-textmate over the grammars given (a scope they do not hold is missing, as in VS Code without that extension). */
async function tokenizer(): Promise<{ engine: string; tokenize: Tokenize }> {
  const wasm = readFileSync(createRequire(import.meta.url).resolve('vscode-oniguruma/release/onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer);
  return {
    engine: 'vscode-textmate',
    tokenize: async (grammars, scopeName, text) => {
      const registry = new vsctm.Registry({
        onigLib: Promise.resolve({ createOnigScanner: (s: string[]) => new onig.OnigScanner(s), createOnigString: (s: string) => new onig.OnigString(s) }),
        loadGrammar: async (scope: string) => (grammars[scope] ? vsctm.parseRawGrammar(JSON.stringify(grammars[scope]), `${scope}.json`) : null),
      });
      const grammar = (await registry.loadGrammar(scopeName))!;
      let state = vsctm.INITIAL;
      return text.split('\n').map((line) => {
        const result = grammar.tokenizeLine(line, state);
        state = result.ruleStack;
        return result.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
      });
    },
  };
}

const SAMPLE = [
  /* 0 */ '# A comment',
  /* 1 */ '// another',
  /* 2 */ '/* a block',
  /* 3 */ '   comment */',
  /* 4 */ 'resource "aws_s3_bucket" "logs" {',
  /* 5 */ '  bucket = "logs-${var.env}-%{ if var.prod }p%{ endif }"',
  /* 6 */ '  count  = length(var.names) > 2 && !var.off ? 3 : null',
  /* 7 */ '  force_destroy = true',
  /* 8 */ '  policy = <<EOF',
  /* 9 */ '{"Resource": "${aws_s3_bucket.logs.arn}"}',
  /* 10 */ 'EOF',
  /* 11 */ '  lifecycle { prevent_destroy = false }',
  /* 12 */ '  tags = merge(local.tags, { Name = "logs" })',
  /* 13 */ '  user_data = <<-EOT',
  /* 14 */ '    echo 1.5e3',
  /* 15 */ '    EOT',
  /* 16 */ '}',
].join('\n');

let engine = '';
let lines: Token[][] = [];
let tokenize: Tokenize;

beforeAll(async () => {
  const t = await tokenizer();
  engine = t.engine;
  tokenize = t.tokenize;
  lines = await tokenize({ [GRAMMAR.scopeName]: GRAMMAR }, GRAMMAR.scopeName, SAMPLE);
});

/** The scopes of the token that holds `text` on a line (its first occurrence). */
function scopesOf(line: number, text: string, from: Token[][] = lines): string[] {
  const tokens = from[line]!;
  let offset = 0;
  const at = from === lines ? SAMPLE.split('\n')[line]!.indexOf(text) : tokens.map((t) => t.text).join('').indexOf(text);
  expect(at, `"${text}" on line ${line}`).toBeGreaterThanOrEqual(0);
  for (const token of tokens) {
    if (at >= offset && at < offset + token.text.length) {
      expect(token.text.length, `"${text}" is split across tokens on line ${line} (${engine}): ${JSON.stringify(tokens)}`).toBeGreaterThanOrEqual(
        Math.min(text.length, offset + token.text.length - at),
      );
      return token.scopes;
    }
    offset += token.text.length;
  }
  throw new Error(`no token at "${text}" on line ${line}`);
}

describe('the Terraform grammar', () => {
  it('is contributed for .tf/.tofu (terraform) and .tfvars (terraform-vars) under its own scope name', () => {
    const ours = MANIFEST.contributes.grammars.filter((g) => g.path === './client/syntaxes/hcl-terraform.tmLanguage.json');
    expect(ours.map((g) => g.language).sort()).toEqual(['terraform', 'terraform-vars']);
    expect(new Set(ours.map((g) => g.scopeName))).toEqual(new Set([GRAMMAR.scopeName]));
    expect(GRAMMAR.scopeName).toBe('source.hcl.iac-review');
  });

  it('gives the three comment styles distinct scopes', () => {
    expect(scopesOf(0, 'A comment')).toContain('comment.line.number-sign.hcl');
    expect(scopesOf(1, 'another')).toContain('comment.line.double-slash.hcl');
    expect(scopesOf(2, 'a block')).toContain('comment.block.hcl');
    expect(scopesOf(3, 'comment')).toContain('comment.block.hcl');
  });

  it('scopes block types, block labels and attribute names', () => {
    expect(scopesOf(4, 'resource')).toContain('storage.type.block.hcl');
    expect(scopesOf(4, 'aws_s3_bucket')).toContain('entity.name.type.label.hcl');
    expect(scopesOf(4, 'logs')).toContain('entity.name.type.label.hcl');
    expect(scopesOf(5, 'bucket')).toContain('entity.other.attribute-name.hcl');
    expect(scopesOf(7, 'force_destroy')).toContain('entity.other.attribute-name.hcl');
    // A one-line nested block: its type and its attribute.
    expect(scopesOf(11, 'lifecycle')).toContain('storage.type.block.hcl');
    expect(scopesOf(11, 'prevent_destroy')).toContain('entity.other.attribute-name.hcl');
    // Keys of an object value are not attribute names.
    expect(scopesOf(12, 'Name')).toContain('variable.other.key.hcl');
  });

  it('scopes strings with ${} interpolation and %{} directives', () => {
    expect(scopesOf(5, 'logs-')).toContain('string.quoted.double.hcl');
    expect(scopesOf(5, '${')).toEqual(expect.arrayContaining(['meta.interpolation.hcl', 'punctuation.definition.template-expression.begin.hcl']));
    expect(scopesOf(5, 'var')).toEqual(expect.arrayContaining(['string.quoted.double.hcl', 'meta.interpolation.hcl', 'variable.language.hcl']));
    expect(scopesOf(5, 'env')).toContain('variable.other.member.hcl');
    expect(scopesOf(5, '%{')).toEqual(expect.arrayContaining(['meta.directive.hcl', 'punctuation.definition.template-expression.begin.hcl']));
    expect(scopesOf(5, 'if')).toContain('keyword.control.directive.hcl');
    expect(scopesOf(5, 'endif')).toContain('keyword.control.directive.hcl');
  });

  it('scopes heredocs, <<EOF and <<-EOF, with interpolation inside', () => {
    expect(scopesOf(8, '<<')).toContain('keyword.operator.heredoc.hcl');
    expect(scopesOf(8, 'EOF')).toContain('keyword.control.heredoc.delimiter.hcl');
    expect(scopesOf(9, '{"Resource"')).toContain('string.unquoted.heredoc.hcl');
    expect(scopesOf(9, 'aws_s3_bucket')).toEqual(expect.arrayContaining(['string.unquoted.heredoc.hcl', 'meta.interpolation.hcl']));
    expect(scopesOf(10, 'EOF')).toContain('keyword.control.heredoc.delimiter.hcl');
    expect(scopesOf(14, 'echo')).toContain('string.unquoted.heredoc.hcl');
    expect(scopesOf(15, 'EOT')).toContain('keyword.control.heredoc.delimiter.hcl');
    // After the heredoc the block goes on.
    expect(scopesOf(16, '}')).toContain('punctuation.section.block.end.hcl');
  });

  it('scopes numbers, booleans, null, operators and function calls', () => {
    expect(scopesOf(6, '2')).toContain('constant.numeric.hcl');
    expect(scopesOf(7, 'true')).toContain('constant.language.boolean.hcl');
    expect(scopesOf(6, 'null')).toContain('constant.language.null.hcl');
    expect(scopesOf(6, '>')).toContain('keyword.operator.comparison.hcl');
    expect(scopesOf(6, '&&')).toContain('keyword.operator.logical.hcl');
    expect(scopesOf(6, '?')).toContain('keyword.operator.conditional.hcl');
    expect(scopesOf(6, 'length')).toContain('entity.name.function.hcl');
    expect(scopesOf(12, 'merge')).toContain('entity.name.function.hcl');
  });

  it('leaves HashiCorp\'s grammar in charge when it is installed: its patterns come first', async () => {
    const theirs: RawGrammar = { scopeName: 'source.hcl.terraform', patterns: [{ name: 'theirs.word.hcl', match: '[A-Za-z_]+' }] };
    const both = await tokenize({ [GRAMMAR.scopeName]: GRAMMAR, [theirs.scopeName]: theirs }, GRAMMAR.scopeName, 'resource "a" "b" {\n}');
    expect(both[0]![0]).toMatchObject({ text: 'resource', scopes: [GRAMMAR.scopeName, 'theirs.word.hcl'] });
    // Where theirs matches nothing, ours still applies.
    expect(both[0]!.find((t) => t.text.startsWith('"'))!.scopes).toContain('string.quoted.double.hcl');
  });

  it('reads a .tfvars file', async () => {
    const vars = await tokenize({ [GRAMMAR.scopeName]: GRAMMAR }, GRAMMAR.scopeName, 'region = "eu-west-1" # default\nsizes  = [1, 2]');
    expect(scopesOf(0, 'region', vars)).toContain('entity.other.attribute-name.hcl');
    expect(scopesOf(0, 'eu-west-1', vars)).toContain('string.quoted.double.hcl');
    expect(scopesOf(0, 'default', vars)).toContain('comment.line.number-sign.hcl');
    expect(scopesOf(1, '1', vars)).toContain('constant.numeric.hcl');
  });
});
