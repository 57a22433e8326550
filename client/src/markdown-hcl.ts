import { HCL_FENCE_LANGUAGES, highlightHcl } from './hcl-highlight.js';

/** The part of markdown-it the plugin touches. */
export interface MarkdownItLike {
  options: { highlight?: ((code: string, lang: string, attrs: string) => string) | null };
}

/**
 * The Markdown preview's plugin hook (package.json `markdown.markdownItPlugins`,
 * returned by activate()): ```hcl and ```terraform blocks — the rule
 * documentation's examples — are highlighted; every other block is left to
 * the preview's own highlighter.
 */
export function extendMarkdownIt<T extends MarkdownItLike>(md: T): T {
  const original = md.options.highlight;
  md.options.highlight = (code, lang, attrs) =>
    HCL_FENCE_LANGUAGES.has(lang.trim().toLowerCase()) ? highlightHcl(code) : (original?.(code, lang, attrs) ?? '');
  return md;
}
