/**
 * Text made safe for the Markdown the tool writes (PR reports, checklists,
 * rule docs). What goes through here can come from the reviewed code — a
 * file name, a Terraform string quoted in a message — so it must render as
 * the text it is: no HTML, no links or images, no emphasis, no table cells
 * split, no line breaks, no control characters.
 */
import { inertText } from './inert-text.js';

export interface InlineOptions {
  /** The text goes in a GFM table cell: `|` is escaped inside code spans too (GFM splits cells before it parses code). */
  table?: boolean;
}

/**
 * One line of inert Markdown. Messages write code in backticks (`` `tags` ``)
 * and that is kept: a code span shows its content literally, so only the
 * backtick runs that CommonMark pairs are left as spans, found as CommonMark
 * finds them (an opening run closes at the next run of the same length); a
 * backtick nobody closes is escaped. Outside code spans every character with
 * a meaning in inline Markdown is backslash-escaped.
 */
export function inlineMarkdown(text: string, options: InlineOptions = {}): string {
  const line = inertText(text);
  let out = '';
  let pos = 0;
  for (const span of codeSpans(line)) {
    out += escapePlain(line.slice(pos, span.start));
    const code = line.slice(span.start, span.end);
    out += options.table ? code.replace(/\|/g, '\\|') : code;
    pos = span.end;
  }
  return out + escapePlain(line.slice(pos));
}

/**
 * Text shown as code (a file name in a heading): a fence longer than any
 * backtick run inside, padded with spaces when the text starts or ends with
 * a backtick or a space (CommonMark strips one space from each side).
 */
export function markdownCode(text: string): string {
  const line = inertText(text);
  let longest = 0;
  for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const fence = '`'.repeat(longest + 1);
  const pad = /^[` ]|[` ]$/.test(line) ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/**
 * A relative `/`-separated path as a link target: each segment
 * percent-encoded, parentheses too (an unbalanced `)` would end the link);
 * a lone surrogate, which encodeURIComponent refuses, becomes U+FFFD.
 */
export function markdownLinkTarget(path: string): string {
  return path
    .replace(/[\u{d800}-\u{dfff}]/gu, '\ufffd')
    .split('/')
    .map((segment) => encodeURIComponent(segment).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29')))
    .join('/');
}

/**
 * Backslash escapes for what inline Markdown (GFM, and GitHub's `$` math)
 * gives a meaning to: escapes, code, emphasis and strikethrough, links and
 * images, HTML and autolinks, entities, table cells. `_` inside a word (the
 * `aws_s3_bucket` of most messages) cannot emphasise anything and is left.
 */
function escapePlain(text: string): string {
  return text.replace(/[\\`*[\]<>&~|$]|(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\$&');
}

/**
 * The code spans of a line, as CommonMark pairs backtick runs. Linear: each
 * run length keeps a cursor into the list of runs of that length, and
 * cursors only move forward.
 */
function codeSpans(text: string): Array<{ start: number; end: number }> {
  const runs: Array<{ start: number; end: number }> = [];
  for (const m of text.matchAll(/`+/g)) runs.push({ start: m.index, end: m.index + m[0].length });
  const byLength = new Map<number, number[]>();
  runs.forEach((run, i) => {
    const length = run.end - run.start;
    const list = byLength.get(length);
    if (list) list.push(i);
    else byLength.set(length, [i]);
  });
  const cursor = new Map<number, number>();
  const spans: Array<{ start: number; end: number }> = [];
  for (let k = 0; k < runs.length; ) {
    const open = runs[k]!;
    const length = open.end - open.start;
    const list = byLength.get(length)!;
    let p = cursor.get(length) ?? 0;
    while (p < list.length && list[p]! <= k) p++;
    cursor.set(length, p);
    if (p === list.length) {
      k++;
      continue;
    }
    const close = list[p]!;
    spans.push({ start: open.start, end: runs[close]!.end });
    k = close + 1;
  }
  return spans;
}
