// Markdown escaping checked against a CommonMark renderer on generated text: whatever a message or a file
// name holds, the rendered result is that text (code spans aside) and nothing else — no element, no link.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { inlineMarkdown, markdownCode, markdownLinkTarget } from '../../server/src/engine/markdown-text.js';
import { shown } from './output-support.js';

const MarkdownIt = createRequire(import.meta.url)('markdown-it') as new (options: object) => { render(src: string): string };
const markdown = new MarkdownIt({ html: true, linkify: false });

/** Characters Markdown, HTML and terminals give a meaning to, and a few plain ones. */
const ALPHABET = ['`', '``', '\\', '*', '_', '[', ']', '(', ')', '<', '>', '&', '|', '!', '~', '$', '#', '-', ' ', 'a', 'b', '\n', '\u001b', '\u202e', 'img', 'http:', ';'];

/** A small deterministic generator (mulberry32): the same strings on every run. */
function generated(count: number, seed: number): string[] {
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return Array.from({ length: count }, () => {
    const length = 1 + Math.floor(next() * 24);
    return Array.from({ length }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join('');
  });
}

/** Rendered text content, entities decoded, with what code spans legitimately change (backticks, spaces) set aside. */
function visible(html: string): string {
  return comparable(
    html
      .replace(/<[^>]*>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&'),
  );
}

function comparable(text: string): string {
  return text.replace(/[`\s]/g, '');
}

const tagsOf = (html: string) => new Set([...html.matchAll(/<([a-z0-9]+)[\s>/]/g)].map((m) => m[1]));

describe('inlineMarkdown', () => {
  const samples = generated(3000, 20251204);

  it('renders every generated text as itself: one paragraph, code at most, no link, no HTML', () => {
    for (const text of samples) {
      const html = markdown.render(`Finding: ${inlineMarkdown(text)} — end`);
      for (const tag of tagsOf(html)) expect(['p', 'code'], JSON.stringify(text)).toContain(tag);
      expect(visible(html), JSON.stringify(text)).toBe(comparable(`Finding: ${shown(text)} — end`));
    }
  });

  it('in a table cell, stays in its cell', () => {
    for (const text of samples) {
      const html = markdown.render(`| A | B |\n|---|---|\n| ${inlineMarkdown(text, { table: true })} | next |\n`);
      const cells = [...html.matchAll(/<td>([\s\S]*?)<\/td>/g)].map((m) => m[1]!);
      expect(cells, JSON.stringify(text)).toHaveLength(2);
      expect(visible(cells[1]!)).toBe('next');
      for (const tag of tagsOf(cells[0]!)) expect(['code'], JSON.stringify(text)).toContain(tag);
      expect(visible(cells[0]!), JSON.stringify(text)).toBe(comparable(shown(text)));
    }
  });

  it('keeps the code spans a message writes', () => {
    expect(markdown.render(inlineMarkdown('add `tags = { a = 1 }` to aws_s3_bucket.b'))).toBe('<p>add <code>tags = { a = 1 }</code> to aws_s3_bucket.b</p>\n');
  });
});

describe('markdownCode', () => {
  it('is one code span holding the text, whatever backticks it has', () => {
    for (const text of generated(2000, 7)) {
      const html = markdown.render(`### ${markdownCode(text)}`);
      expect(html.startsWith('<h3><code>'), JSON.stringify(text)).toBe(true);
      expect(html.endsWith('</code></h3>\n'), JSON.stringify(text)).toBe(true);
      expect(visible(html), JSON.stringify(text)).toBe(comparable(shown(text)));
    }
  });
});

describe('markdownLinkTarget', () => {
  it('stays inside the link: no scheme, parentheses and spaces encoded', () => {
    for (const path of ['javascript:alert(1)', 'a).tf', 'dir/(x) y.tf', 'a\n::error::x.tf', '<img>.tf', '\ud800lone.tf']) {
      const target = markdownLinkTarget(path);
      expect(target).toMatch(/^[A-Za-z0-9%._~!*'/-]+$/);
      const html = markdown.render(`[label](${target}#L1)`);
      expect(html).toContain(`<a href="${target}#L1">label</a>`);
    }
  });
});
