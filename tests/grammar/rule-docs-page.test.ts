// The rule documentation page (client/src/rule-docs-page.ts): its ```hcl examples highlighted, nothing else let through.
import { describe, expect, it } from 'vitest';
import { highlightHcl, tokens } from '../../client/src/hcl-highlight.js';
import { ruleDocsHtml } from '../../client/src/rule-docs-page.js';
import { ruleDocumentation } from '../../server/src/lsp/rule-requests.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';

/** The class of the piece that is `text`, else of the first piece holding it. */
const classOf = (code: string, text: string) => (tokens(code).find((p) => p.text === text) ?? tokens(code).find((p) => p.text.includes(text)))?.cls;

describe('HCL highlighting on the rule documentation page', () => {
  it('classes block types, labels, attribute names, strings and interpolation, heredocs, comments, literals and calls', () => {
    const code = [
      '# one',
      'resource "aws_s3_bucket" "logs" { // two',
      '  bucket = "logs-${var.env}"',
      '  count  = length(var.names) > 2 ? 1 : null /* three */',
      '  policy = <<-EOF',
      '    {"a": 1}',
      '  EOF',
      '  force_destroy = true',
      '}',
    ].join('\n');
    expect(classOf(code, '# one')).toBe('comment');
    expect(classOf(code, '// two')).toBe('comment');
    expect(classOf(code, '/* three */')).toBe('comment');
    expect(classOf(code, 'resource')).toBe('keyword');
    expect(classOf(code, '"aws_s3_bucket"')).toBe('title');
    expect(classOf(code, 'bucket')).toBe('attr');
    expect(classOf(code, '"logs-')).toBe('string');
    expect(classOf(code, '${var.env}')).toBe('subst');
    expect(classOf(code, 'length')).toBe('built_in');
    expect(classOf(code, '2')).toBe('number');
    expect(classOf(code, 'null')).toBe('literal');
    expect(classOf(code, 'true')).toBe('literal');
    expect(classOf(code, '<<-EOF')).toBe('string');
    expect(tokens(code).find((p) => p.text.startsWith('<<-EOF'))!.text).toMatch(/\{"a": 1\}\n {2}EOF$/);
    expect(classOf(code, 'force_destroy')).toBe('attr');
    // Nothing lost or added.
    expect(tokens(code).map((p) => p.text).join('')).toBe(code);
  });

  it('escapes HTML', () => {
    expect(highlightHcl('a = "<b>&"')).toBe('<span class="hljs-attr">a</span> <span class="hljs-operator">=</span> <span class="hljs-string">&quot;&lt;b&gt;&amp;&quot;</span>');
  });

  it('renders a rule page with its hcl blocks highlighted and other blocks as plain code', () => {
    const page = ruleDocumentation(RULES.map((r) => r.meta), { ruleId: 'lifecycle/prevent-destroy' })!.markdown;
    const html = ruleDocsHtml('lifecycle/prevent-destroy', `${page}\n\`\`\`json\n{"rules": {}}\n\`\`\`\n`);
    expect(html).toMatch(/<h1>lifecycle\/prevent-destroy<\/h1>/);
    expect(html).toContain('<span class="hljs-keyword">resource</span>');
    expect(html).toContain('<span class="hljs-keyword">lifecycle</span>');
    expect(html).toContain('<span class="hljs-attr">prevent_destroy</span>');
    expect(html).toContain('<code class="language-json">{&quot;rules&quot;: {}}');
  });

  it('lets no HTML or script through: raw HTML is shown as text; the only script is its own, by nonce', () => {
    const html = ruleDocsHtml('x/<b>', '# <img src=x onerror=alert(1)>\n\n<script>alert(1)</script>\n\n[a](javascript:alert(1))', 'N0NCE');
    expect(html).not.toMatch(/<img|<script>alert|href="javascript:/i);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain("Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-N0NCE';");
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="N0NCE">');
    expect(html).toContain('<title>x/&#60;b&#62;</title>');
    // Without a nonce, no script at all.
    expect(ruleDocsHtml('x/y', '# y')).not.toMatch(/<script|script-src/);
  });
});
