import type { BlockLabel, BodyItem, Comment, Expression, ForExpr, ObjectItem, SourceFile, TemplateFor, TemplateIf, TemplatePart } from './ast.js';
import { computeLineStarts, lineIndexAt, offsetAt, type Position, type Range } from '../range.js';
import { parseSource } from './parse-file.js';
import { Parser } from './parser.js';
import { ownString } from '../own-string.js';
import { drain } from '../steps.js';

/**
 * Parses `text`, a new version of the file `previous` was parsed from,
 * reusing the top-level blocks an edit did not touch: the editor's keystroke
 * in a large file re-parses the blocks around the edit, not the file.
 *
 * The result is the tree `parseSource` would give (tests compare the two on
 * generated edits). Blocks before the edit are the previous tree's own
 * objects. So are the blocks after it when the edit keeps the file's line
 * count (typing on a line: positions hold lines and columns, no offsets, so
 * nothing below the edit moves); otherwise they are copies with their lines
 * moved (their columns cannot change: they start on a line after the edit).
 * Whenever that equality is not certain — JSON syntax, top-level attributes
 * (their duplicate check spans the file), a syntax error outside the edited
 * region or inside the new one, a comment across the region's edge — the
 * file is parsed whole.
 */
export function reparseSource(previous: SourceFile, text: string): SourceFile {
  return drain(reparseSteps(previous, text));
}

/** reparseSource in steps: it yields after every MOVE_STEP blocks it moves (the language server's event loop runs between). */
export function* reparseSteps(previous: SourceFile, text: string): Generator<void, SourceFile, void> {
  if (previous.text === text) return previous;
  return (yield* reparsed(previous, text)) ?? parseSource(previous.path, text);
}

/** Blocks moved between two steps of reparseSteps. */
const MOVE_STEP = 100;

/** How many of the innermost ancestors' positions a moved position is looked up in (two per ancestor). */
const SHARED_WITH_ANCESTORS = 8;

function* reparsed(old: SourceFile, text: string): Generator<void, SourceFile | undefined, void> {
  if (old.syntax !== 'hcl') return undefined;
  const items = old.body;
  for (let i = 0; i < items.length; i++) if (items[i]!.kind !== 'Block') return undefined;
  const before = old.text;
  const { first, lastOld } = changedSpan(before, text);
  const starts = old.lineStarts;

  // Blocks that end on a line before the edit's first line are kept as they are.
  const editLine = lineIndexAt(starts, first);
  const kept = firstIndex(items, (item) => offsetAt(starts, item.range.end) > starts[editLine]!);
  // Blocks that start on a line after the line the edit ends on are moved.
  const endLine = lineIndexAt(starts, lastOld);
  const moveFrom = endLine + 1 < starts.length ? starts[endLine + 1]! : Infinity;
  const moved = firstIndex(items, (item) => offsetAt(starts, item.range.start) >= moveFrom);
  if (moved < kept) return undefined;

  // The region parsed again: from the line after the last kept block to the line of the first moved one.
  const regionStart = kept > 0 ? starts[lineIndexAt(starts, offsetAt(starts, items[kept - 1]!.range.end) - 1) + 1]! : 0;
  const regionEndOld = moved < items.length ? starts[items[moved]!.range.start.line - 1]! : before.length;
  const delta = text.length - before.length;
  const regionEnd = regionEndOld + delta;
  if (regionStart > first || regionEndOld < lastOld) return undefined;
  for (const e of old.errors) if (offsetAt(starts, e.range.start) < regionStart || offsetAt(starts, e.range.end) > regionEndOld) return undefined;

  const lineStarts = editedLineStarts(starts, before.length, text, first, lastOld);
  const lineDelta = lineStarts.length - starts.length;
  if (moved < items.length && lineStarts[lineIndexAt(starts, regionEndOld) + lineDelta] !== regionEnd) return undefined;

  // The region is parsed from a copy of its own, then moved into place: the names and strings a parse takes
  // are slices of the text it parses, and a slice keeps its whole text alive. Parsed from the file's text,
  // a tree re-parsed edit after edit would keep every version of the file it was ever parsed from.
  const own = ownString(text.slice(regionStart, regionEnd));
  const parsed = new Parser(own, computeLineStarts(own)).parseFile();
  if (parsed.errors.length) return undefined;
  for (const item of parsed.body) if (item.kind !== 'Block') return undefined;
  const place = new TreeShift(lineIndexAt(lineStarts, regionStart));
  const region = { body: parsed.body.map((item) => place.item(item)), comments: parsed.comments.map((c) => place.comment(c)) };

  const comments: Comment[] = [];
  // The first of the old comments after the region.
  let after = 0;
  for (; after < old.comments.length; after++) {
    const c = old.comments[after]!;
    const start = offsetAt(starts, c.range.start);
    const end = offsetAt(starts, c.range.end);
    if (end <= regionStart) comments.push(c);
    else if (start < regionStart) return undefined;
    else if (start < regionEndOld) {
      if (end > regionEndOld) return undefined;
      // Inside the region: the region's parse has its own.
    } else break;
  }
  for (const c of region.comments) comments.push(c);
  const body: BodyItem[] = items.slice(0, kept);
  for (const item of region.body) body.push(item);
  if (moved < items.length) {
    // The same line count: every position below the edit is still right, and the blocks are kept as they are.
    const shift = lineDelta === 0 ? undefined : new TreeShift(lineDelta);
    for (let i = moved; i < items.length; i++) {
      body.push(shift ? shift.item(items[i]!) : items[i]!);
      if (shift && (i - moved) % MOVE_STEP === MOVE_STEP - 1) yield;
    }
    for (let i = after; i < old.comments.length; i++) comments.push(shift ? shift.comment(old.comments[i]!) : old.comments[i]!);
  }
  return { path: old.path, syntax: 'hcl', text, lineStarts, body, comments, errors: [] };
}

/**
 * The line starts of `text`, an edit of the text whose line starts are `old`: `first` and `lastOld` as
 * changedSpan gives them. Lines that start at or before the edit are the old ones, lines after it the old
 * ones moved; only the edited stretch is searched for line breaks (a 2 MB text took milliseconds a keystroke).
 */
export function editedLineStarts(old: readonly number[], oldLength: number, text: string, first: number, lastOld: number): number[] {
  const delta = text.length - oldLength;
  const lastNew = lastOld + delta;
  // Unchanged: lines whose break before them (at start - 1) lies before `first`; then those whose break was edited.
  let i = 0;
  while (i < old.length && old[i]! <= first) i++;
  let j = i;
  while (j < old.length && old[j]! <= lastOld) j++;
  // The edited stretch, searched again.
  const edited: number[] = [];
  for (let at = text.indexOf('\n', first); at >= 0 && at < lastNew; at = text.indexOf('\n', at + 1)) edited.push(at + 1);
  if (edited.length === j - i) {
    // As many lines as before (typing on a line): one copy of the list, moved in place — not 60,000 pushes.
    const starts = old.slice();
    for (let k = 0; k < edited.length; k++) starts[i + k] = edited[k]!;
    if (delta !== 0) for (let k = j; k < starts.length; k++) starts[k] = starts[k]! + delta;
    return starts;
  }
  const starts = old.slice(0, i);
  for (const start of edited) starts.push(start);
  // Moved: lines whose break lies in the unchanged end.
  for (let k = j; k < old.length; k++) starts.push(old[k]! + delta);
  return starts;
}

/**
 * The edit between two texts: `first` is where they start to differ;
 * `lastOld` is where the unchanged end of `before` starts. Equal stretches
 * are found by comparing substrings, halving the stretch on a mismatch: a
 * 2 MB text is compared in a few milliseconds, not a character at a time.
 */
function changedSpan(before: string, after: string): { first: number; lastOld: number } {
  const shorter = Math.min(before.length, after.length);
  const first = sameLength(shorter, (from, to) => before.substring(from, to) === after.substring(from, to));
  const room = shorter - first;
  const b = before.length;
  const a = after.length;
  const same = sameLength(room, (from, to) => before.substring(b - to, b - from) === after.substring(a - to, a - from));
  return { first, lastOld: b - same };
}

/** The length of the equal stretch, up to `limit`, where `equal(from, to)` says whether [from, to) of it is equal. */
function sameLength(limit: number, equal: (from: number, to: number) => boolean): number {
  let done = 0;
  let step = Math.min(limit, 4096);
  while (step > 0) {
    const to = Math.min(limit, done + step);
    if (to > done && equal(done, to)) {
      done = to;
      if (done === limit) return done;
      step *= 2;
    } else {
      step >>= 1;
    }
  }
  return done;
}

/** The first index whose item passes `test`, which no item fails after one passes (items are in source order). */
function firstIndex(items: readonly BodyItem[], test: (item: BodyItem) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(items[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Copies of syntax-tree nodes with every position moved by a line count. Each copy is an object literal with the members in the order
 * the parser sets them, so it has the parser's shape for its kind (code
 * reading trees stays monomorphic; a spread copy was three times slower).
 * A member the parser gains must be added here: the re-parse tests compare
 * whole trees and fail on a missing one.
 */
class TreeShift {
  /**
   * Old and new positions of the ranges of the nodes being copied, innermost last. The parser makes a node's
   * range from its parts' positions (a block starts where its type does, an attribute ends where its value
   * does), so most positions are shared by a node and its first or last descendants; a copy that made a new
   * position for every reference had a third more of them after a few dozen edits (497,000 against 364,000
   * in the 2 MB benchmark file), each one more object for every full collection to mark. A node's range is
   * copied before its parts, and a part's position that is one of its ancestors' is taken from them.
   */
  private readonly olds: Position[] = [];
  private readonly news: Position[] = [];
  /** How many entries of `olds` and `news` are in use (the arrays never shrink: resizing them cost more than the copy saved). */
  private used = 0;

  constructor(private readonly lines: number) {}

  item(item: BodyItem): BodyItem {
    const range = this.enter(item.range);
    let copy: BodyItem;
    if (item.kind === 'Attribute') {
      copy = { kind: 'Attribute', name: item.name, nameRange: this.range(item.nameRange), expr: this.expr(item.expr), range };
    } else {
      const typeRange = this.range(item.typeRange);
      const labels = new Array<BlockLabel>(item.labels.length);
      for (let i = 0; i < labels.length; i++) {
        const l = item.labels[i]!;
        labels[i] = { value: l.value, range: this.range(l.range), quoted: l.quoted };
      }
      const openBrace = this.range(item.openBrace);
      const body = new Array<BodyItem>(item.body.length);
      for (let i = 0; i < body.length; i++) body[i] = this.item(item.body[i]!);
      copy = item.closeBrace
        ? { kind: 'Block', type: item.type, typeRange, labels, body, openBrace, closeBrace: this.range(item.closeBrace), range }
        : { kind: 'Block', type: item.type, typeRange, labels, body, openBrace, range };
    }
    this.leave();
    return copy;
  }

  comment(c: Comment): Comment {
    return { text: c.text, style: c.style, range: this.range(c.range) };
  }

  private position(p: Position): Position {
    const olds = this.olds;
    // The nearest ancestors only: a position shared further up is shared by every node between (they hold it).
    for (let i = this.used - 1, last = Math.max(0, this.used - SHARED_WITH_ANCESTORS); i >= last; i--) if (olds[i] === p) return this.news[i]!;
    return { line: p.line + this.lines, column: p.column };
  }

  private range(r: Range): Range {
    const start = this.position(r.start);
    return { start, end: r.end === r.start ? start : this.position(r.end) };
  }

  /** A node's range, copied before its parts, whose positions may be its own until `leave`. */
  private enter(r: Range): Range {
    const range = this.range(r);
    const at = this.used;
    this.olds[at] = r.start;
    this.olds[at + 1] = r.end;
    this.news[at] = range.start;
    this.news[at + 1] = range.end;
    this.used = at + 2;
    return range;
  }

  private leave(): void {
    this.used -= 2;
  }

  private exprs(list: Expression[]): Expression[] {
    const out = new Array<Expression>(list.length);
    for (let i = 0; i < out.length; i++) out[i] = this.expr(list[i]!);
    return out;
  }

  private expr(e: Expression): Expression {
    const range = this.enter(e.range);
    const copy = this.exprParts(e, range);
    this.leave();
    return copy;
  }

  /** The copy of `e` with `range`, its own range copied already. */
  private exprParts(e: Expression, range: Range): Expression {
    switch (e.kind) {
      case 'Template': {
        const parts = this.parts(e.parts);
        return e.heredoc ? { kind: 'Template', parts, heredoc: e.heredoc, range } : { kind: 'Template', parts, range };
      }
      case 'Literal':
        return { kind: 'Literal', value: e.value, range };
      case 'Variable':
        return { kind: 'Variable', name: e.name, range };
      case 'GetAttr':
        return { kind: 'GetAttr', object: this.expr(e.object), name: e.name, nameRange: this.range(e.nameRange), range };
      case 'Object': {
        const items = new Array<ObjectItem>(e.items.length);
        for (let i = 0; i < items.length; i++) {
          const item = e.items[i]!;
          const itemRange = this.enter(item.range);
          items[i] = { key: this.expr(item.key), keyIsIdentifier: item.keyIsIdentifier, value: this.expr(item.value), range: itemRange };
          this.leave();
        }
        return { kind: 'Object', items, range };
      }
      case 'Tuple':
        return { kind: 'Tuple', items: this.exprs(e.items), range };
      case 'Call':
        return { kind: 'Call', name: e.name, nameRange: this.range(e.nameRange), args: this.exprs(e.args), expandFinal: e.expandFinal, range };
      case 'Index':
        return { kind: 'Index', object: this.expr(e.object), index: this.expr(e.index), legacy: e.legacy, range };
      case 'Splat':
        return { kind: 'Splat', object: this.expr(e.object), style: e.style, each: this.expr(e.each), range };
      case 'Conditional':
        return { kind: 'Conditional', cond: this.expr(e.cond), then: this.expr(e.then), else: this.expr(e.else), range };
      case 'Binary':
        return { kind: 'Binary', op: e.op, left: this.expr(e.left), right: this.expr(e.right), range };
      case 'Unary':
        return { kind: 'Unary', op: e.op, operand: this.expr(e.operand), range };
      case 'Paren':
        return { kind: 'Paren', expr: this.expr(e.expr), range };
      case 'Invalid':
        return { kind: 'Invalid', range };
      case 'For': {
        const node = { kind: 'For', result: e.result, valueVar: e.valueVar, collection: this.expr(e.collection), valueExpr: this.expr(e.valueExpr), grouping: e.grouping } as ForExpr;
        if (e.keyVar !== undefined) node.keyVar = e.keyVar;
        if (e.keyExpr) node.keyExpr = this.expr(e.keyExpr);
        if (e.cond) node.cond = this.expr(e.cond);
        node.range = range;
        return node;
      }
    }
  }

  private parts(parts: TemplatePart[]): TemplatePart[] {
    const out = new Array<TemplatePart>(parts.length);
    for (let i = 0; i < out.length; i++) out[i] = this.part(parts[i]!);
    return out;
  }

  private part(p: TemplatePart): TemplatePart {
    const range = this.enter(p.range);
    let copy: TemplatePart;
    switch (p.kind) {
      case 'TemplateLiteral':
        copy = { kind: 'TemplateLiteral', value: p.value, range };
        break;
      case 'TemplateInterpolation':
        copy = { kind: 'TemplateInterpolation', expr: this.expr(p.expr), stripLeft: p.stripLeft, stripRight: p.stripRight, range };
        break;
      case 'TemplateIf': {
        const node: TemplateIf = { kind: 'TemplateIf', cond: this.expr(p.cond), then: this.parts(p.then), range };
        if (p.else) node.else = this.parts(p.else);
        copy = node;
        break;
      }
      case 'TemplateFor': {
        const node: TemplateFor = { kind: 'TemplateFor', valueVar: p.valueVar, collection: this.expr(p.collection), body: this.parts(p.body), range };
        if (p.keyVar !== undefined) node.keyVar = p.keyVar;
        copy = node;
        break;
      }
    }
    this.leave();
    return copy;
  }
}
