// ```hcl blocks in the Markdown preview (the rule documentation's examples): highlighted by the extension's markdown-it plugin.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { highlightHcl, tokens } from '../../client/src/hcl-highlight.js';
import { extendMarkdownIt } from '../../client/src/markdown-hcl.js';
import { ruleDocumentation } from '../../server/src/lsp/rule-requests.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';

interface MarkdownIt {
  options: { highlight?: ((code: string, lang: string, attrs: string) => string) | null };
  utils: { escapeHtml(text: string): string };
  render(src: string): string;
}
const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (options: object) => MarkdownIt;

/** A preview engine as VS Code's: its own highlighter escapes what it does not know (highlight.js has no HCL). */
function previewEngine() {
  const md: MarkdownIt = new MarkdownIt({ html: true, highlight: (code: string) => md.utils.escapeHtml(code) });
  return extendMarkdownIt(md);
}

/** The class of the piece that is `text`, else of the first piece holding it. */
const classOf = (code: string, text: string) => (tokens(code).find((p) => p.text === text) ?? tokens(code).find((p) => p.text.includes(text)))?.cls;

describe('HCL highlighting in the Markdown preview', () => {
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

  it('highlights the hcl blocks of a rule page and leaves other blocks to the preview', () => {
    const page = ruleDocumentation(RULES.map((r) => r.meta), { ruleId: 'lifecycle/prevent-destroy' })!.markdown;
    const html = previewEngine().render(`${page}\n\`\`\`json\n{"rules": {}}\n\`\`\`\n`);
    expect(html).toContain('<span class="hljs-keyword">resource</span>');
    expect(html).toContain('<span class="hljs-keyword">lifecycle</span>');
    expect(html).toContain('<span class="hljs-attr">prevent_destroy</span>');
    expect(html).toContain('<code class="language-json">{&quot;rules&quot;: {}}');
  });
});
