/**
 * Turns the flat sequence of template pieces read by the parser (literals,
 * interpolations, directive openers and closers) into the TemplatePart tree,
 * applying strip markers and `<<-` heredoc indentation the way HCL does:
 * both work on the literal pieces as written, before directives are nested,
 * and heredoc literals are split at each newline so each line is its own
 * piece.
 */
import type { Expression, TemplateFor, TemplateIf, TemplatePart } from './ast.js';
import type { Range } from '../range.js';

/** Directives nested deeper than this are reported, and the rest of the template is dropped. */
const MAX_DIRECTIVE_DEPTH = 256;

export enum FlatKind {
  Literal,
  Interp,
  If,
  Else,
  EndIf,
  For,
  EndFor,
}

/**
 * One piece of template content. Every piece has the same fields (one object
 * shape keeps the loops below monomorphic); which ones matter depends on `kind`.
 */
export interface FlatTemplateItem {
  kind: FlatKind;
  start: number;
  end: number;
  stripLeft: boolean;
  stripRight: boolean;
  /** Literal: the text after escape processing. */
  value: string;
  /** Interp: the expression; If: the condition; For: the collection. */
  expr: Expression | null;
  /** For: the variables. */
  keyVar: string | undefined;
  valueVar: string;
}

export function flatItem(
  kind: FlatKind,
  start: number,
  end: number,
  stripLeft: boolean,
  stripRight: boolean,
  value: string,
  expr: Expression | null,
): FlatTemplateItem {
  return { kind, start, end, stripLeft, stripRight, value, expr, keyVar: undefined, valueVar: '' };
}

export interface TemplateBuildContext {
  range(start: number, end: number): Range;
  error(message: string, start: number, end: number): void;
}

/** Unicode white space as Go's unicode.IsSpace sees it (what HCL strips). */
function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function trimLeftSpace(s: string): string {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i === 0 ? s : s.slice(i);
}

function trimRightSpace(s: string): string {
  let i = s.length;
  while (i > 0 && isSpace(s.charCodeAt(i - 1))) i--;
  return i === s.length ? s : s.slice(0, i);
}

function leadingSpaces(s: string): number {
  let i = 0;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i;
}

function endsWithNewline(s: string): boolean {
  return s.length > 0 && s.charCodeAt(s.length - 1) === 10;
}

function applyStripMarkers(flat: FlatTemplateItem[]): void {
  for (let i = 0; i < flat.length; i++) {
    const item = flat[i]!;
    if (item.kind === FlatKind.Literal) continue;
    if (item.stripLeft && i > 0) {
      const prev = flat[i - 1]!;
      if (prev.kind === FlatKind.Literal) prev.value = trimRightSpace(prev.value);
    }
    if (item.stripRight && i + 1 < flat.length) {
      const next = flat[i + 1]!;
      if (next.kind === FlatKind.Literal) next.value = trimLeftSpace(next.value);
    }
  }
}

/** `<<-`: removes the smallest indentation of the non-blank lines from every line-leading literal. */
function flushHeredocIndentation(flat: FlatTemplateItem[]): void {
  let minSpaces = Infinity;
  let atLineStart = true;
  // Indices of the line-leading literals to adjust.
  const adjust: number[] = [];
  for (let i = 0; i < flat.length; i++) {
    const item = flat[i]!;
    if (atLineStart) {
      atLineStart = false;
      if (item.kind === FlatKind.Literal) {
        const spaces = leadingSpaces(item.value);
        const blank = spaces === item.value.length && endsWithNewline(item.value);
        if (!blank) {
          adjust.push(i);
          if (spaces < minSpaces) minSpaces = spaces;
        }
      } else {
        minSpaces = 0;
      }
    }
    if (item.kind === FlatKind.Literal && endsWithNewline(item.value)) atLineStart = true;
  }
  if (minSpaces === Infinity || minSpaces === 0) return;
  for (let i = 0; i < adjust.length; i++) {
    const lit = flat[adjust[i]!]!;
    lit.value = lit.value.slice(minSpaces);
  }
}

interface Frame {
  parts: TemplatePart[];
  node: TemplateIf | TemplateFor | null;
  start: number;
  inElse: boolean;
}

/** `templateStart` is the offset where the template content begins (after the opening quote or heredoc line). */
export function buildTemplateParts(
  flat: FlatTemplateItem[],
  indentedHeredoc: boolean,
  ctx: TemplateBuildContext,
  templateStart: number,
): TemplatePart[] {
  applyStripMarkers(flat);
  if (indentedHeredoc) flushHeredocIndentation(flat);

  const root: TemplatePart[] = [];
  // Directive frames are only needed once a directive opens.
  let stack: Frame[] | null = null;
  let top: Frame | null = null;
  let parts = root;
  // Literal run being merged into one part.
  let litValue = '';
  let litStart = -1;
  let litEnd = -1;
  let litParts: TemplatePart[] | null = null;

  for (let i = 0; i < flat.length; i++) {
    const item = flat[i]!;
    if (stack !== null && stack.length >= MAX_DIRECTIVE_DEPTH) {
      ctx.error(`template directives are nested deeper than ${MAX_DIRECTIVE_DEPTH} levels; the rest of the template was not parsed`, item.start, item.end);
      break;
    }
    if (item.kind === FlatKind.Literal) {
      if (litParts !== parts) {
        if (litParts !== null && litValue !== '') litParts.push({ kind: 'TemplateLiteral', value: litValue, range: ctx.range(litStart, litEnd) });
        litParts = parts;
        litValue = '';
        litStart = item.start;
      }
      litValue += item.value;
      litEnd = item.end;
      continue;
    }
    if (litParts !== null && litValue !== '') litParts.push({ kind: 'TemplateLiteral', value: litValue, range: ctx.range(litStart, litEnd) });
    litParts = null;
    litValue = '';
    switch (item.kind) {
      case FlatKind.Interp:
        parts.push({
          kind: 'TemplateInterpolation',
          expr: item.expr!,
          stripLeft: item.stripLeft,
          stripRight: item.stripRight,
          range: ctx.range(item.start, item.end),
        });
        break;
      case FlatKind.If: {
        const node: TemplateIf = { kind: 'TemplateIf', cond: item.expr!, then: [], range: ctx.range(item.start, item.end) };
        parts.push(node);
        stack ??= [];
        top = { parts: node.then, node, start: item.start, inElse: false };
        stack.push(top);
        parts = top.parts;
        break;
      }
      case FlatKind.For: {
        const node: TemplateFor = {
          kind: 'TemplateFor',
          valueVar: item.valueVar,
          collection: item.expr!,
          body: [],
          range: ctx.range(item.start, item.end),
        };
        if (item.keyVar !== undefined) node.keyVar = item.keyVar;
        parts.push(node);
        stack ??= [];
        top = { parts: node.body, node, start: item.start, inElse: false };
        stack.push(top);
        parts = top.parts;
        break;
      }
      case FlatKind.Else:
        if (top !== null && top.node!.kind === 'TemplateIf' && !top.inElse) {
          const node = top.node as TemplateIf;
          node.else = [];
          top.parts = node.else;
          top.inElse = true;
          parts = top.parts;
        } else {
          ctx.error(top?.node!.kind === 'TemplateIf' ? "duplicate '%{else}' in '%{if}'" : "'%{else}' without a matching '%{if}'", item.start, item.end);
        }
        break;
      case FlatKind.EndIf:
      case FlatKind.EndFor: {
        const want = item.kind === FlatKind.EndIf ? 'TemplateIf' : 'TemplateFor';
        const word = item.kind === FlatKind.EndIf ? 'endif' : 'endfor';
        if (top !== null && top.node!.kind === want) {
          top.node!.range = ctx.range(top.start, item.end);
          stack!.pop();
          top = stack!.length ? stack![stack!.length - 1]! : null;
          parts = top !== null ? top.parts : root;
        } else {
          const opener = word === 'endif' ? 'if' : 'for';
          ctx.error(`'%{${word}}' without a matching '%{${opener}}'`, item.start, item.end);
        }
        break;
      }
    }
  }
  if (litParts !== null && litValue !== '') litParts.push({ kind: 'TemplateLiteral', value: litValue, range: ctx.range(litStart, litEnd) });
  if (stack !== null) {
    const lastEnd = flat.length ? flat[flat.length - 1]!.end : templateStart;
    while (stack.length > 0) {
      const frame = stack.pop()!;
      const node = frame.node!;
      const closer = node.kind === 'TemplateIf' ? 'endif' : 'endfor';
      const opener = node.kind === 'TemplateIf' ? 'if' : 'for';
      ctx.error(`expected '%{${closer}}' to close '%{${opener}}'`, frame.start, frame.start + 2);
      node.range = ctx.range(frame.start, lastEnd);
    }
  }
  return root;
}
