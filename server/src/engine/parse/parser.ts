/**
 * Recursive-descent parser for HCL native syntax.
 *
 * Never throws: every problem becomes a SyntaxError with a range, and the
 * tree keeps whatever could be parsed. Recovery works at the level of body
 * items (attributes and blocks): after an error the parser skips to the next
 * line that can start an item, and an unterminated block gives back the
 * items that, judging by indentation, were meant to follow it.
 */
import type {
  Attribute,
  BinaryOperator,
  Block,
  BlockLabel,
  BodyItem,
  Comment,
  Expression,
  ForExpr,
  ObjectItem,
  SyntaxError,
  TemplateExpr,
  TemplatePart,
} from './ast.js';
import { SPLAT_ITEM } from './ast.js';
import type { Position, Range } from '../range.js';
import { PositionIndex } from './positions.js';
import { Scanner, Token } from './scanner.js';
import { compactArray } from './compact-array.js';
import { buildTemplateParts, flatItem, type FlatTemplateItem, type TemplateBuildContext, FlatKind } from './template-parts.js';

/** Deeper nesting than this is reported instead of risking a stack overflow. */
export const MAX_NESTING_DEPTH = 256;

const BINARY_PRECEDENCE: Partial<Record<Token, number>> = {
  [Token.Or]: 1,
  [Token.And]: 2,
  [Token.EqEq]: 3,
  [Token.NotEq]: 3,
  [Token.Lt]: 4,
  [Token.Le]: 4,
  [Token.Gt]: 4,
  [Token.Ge]: 4,
  [Token.Plus]: 5,
  [Token.Minus]: 5,
  [Token.Star]: 6,
  [Token.Slash]: 6,
  [Token.Percent]: 6,
};

/** BINARY_PRECEDENCE as an array indexed by token, 0 for tokens that are not binary operators (the hot lookup). */
const PRECEDENCE_BY_TOKEN = new Uint8Array(Token.Unterminated + 1);
for (const [token, precedence] of Object.entries(BINARY_PRECEDENCE)) PRECEDENCE_BY_TOKEN[Number(token)] = precedence;

const BINARY_OPERATOR: Partial<Record<Token, BinaryOperator>> = {
  [Token.Or]: '||',
  [Token.And]: '&&',
  [Token.EqEq]: '==',
  [Token.NotEq]: '!=',
  [Token.Lt]: '<',
  [Token.Le]: '<=',
  [Token.Gt]: '>',
  [Token.Ge]: '>=',
  [Token.Plus]: '+',
  [Token.Minus]: '-',
  [Token.Star]: '*',
  [Token.Slash]: '/',
  [Token.Percent]: '%',
};

const TOKEN_DESCRIPTION: Partial<Record<Token, string>> = {
  [Token.EOF]: 'end of file',
  [Token.Newline]: 'newline',
  [Token.Ident]: 'identifier',
  [Token.Number]: 'number',
  [Token.OQuote]: 'string',
  [Token.Heredoc]: 'heredoc',
  [Token.Invalid]: 'invalid character',
};

/**
 * Scanner snapshots at the start of each body item, for giving items back to
 * an enclosing body: ITEM_START_SIZE numbers per item in `Parser.itemStarts`.
 */
const ITEM_START_SIZE = 5;
const IS_OFFSET = 0;
const IS_COLUMN = 1;
const IS_COMMENTS = 2;
const IS_PARSER_ERRORS = 3;
const IS_SCANNER_ERRORS = 4;

/** Bodies with more attributes than this check for duplicates with a Map instead of a scan. */
const DUPLICATE_SCAN_LIMIT = 16;

export interface ParsedNative {
  body: BodyItem[];
  comments: Comment[];
  errors: SyntaxError[];
}

export class Parser {
  private readonly scanner: Scanner;
  private readonly positions: PositionIndex;
  private readonly errors: SyntaxError[] = [];
  private token: Token = Token.EOF;
  /** Newlines are insignificant inside (), [], ${} and for expressions. */
  private ignoreNewlines = false;
  /** A newline was skipped just before the current token (while newlines were ignored). */
  private newlineBefore = false;
  private depth = 0;
  /** Set when nesting exceeded the limit: the rest of the input is abandoned. */
  private aborted = false;
  /** Parsing the body of a one-line block (`a { b = 1 }`), where an item may end at `}`. */
  private oneLineBody = false;
  /** Column of the body item being parsed; used to stop recovery at the next item. */
  private itemColumn = 1;
  /** `~}` ended the template sequence last closed by closeTemplateSequence. */
  private closeStripRight = false;
  /** Callbacks for buildTemplateParts, made once per parser. */
  private templateContext: TemplateBuildContext | null = null;
  /** Start snapshots of the body items being parsed, innermost body last (see ITEM_START_SIZE). */
  private readonly itemStarts: number[] = [];
  /** Entries of `itemStarts` in use (the array is reused, not shrunk). */
  private itemStartsTop = 0;

  constructor(
    private readonly text: string,
    lineStarts: readonly number[],
    start = 0,
    end = text.length,
  ) {
    this.scanner = new Scanner(text, start, end);
    this.positions = new PositionIndex(lineStarts);
  }

  // ---- entry points ----

  parseFile(): ParsedNative {
    this.next();
    const body = this.parseBody(null);
    this.itemStartsTop = 0;
    return { body, comments: this.collectComments(), errors: this.collectErrors() };
  }

  /** Parses the whole input as a standalone template (JSON syntax strings). */
  parseStandaloneTemplate(): { parts: TemplatePart[]; errors: SyntaxError[] } {
    const parts = this.parseTemplateContent(false, null, this.scanner.pos);
    return { parts, errors: this.collectErrors() };
  }

  // ---- tokens, positions, errors ----

  /**
   * The current token (a method, so TypeScript does not narrow it across `next()` calls). Where no
   * narrowing is in the way `this.token` is read directly: each call costs while the code is not yet optimised.
   */
  private tok(): Token {
    return this.token;
  }

  private next(): Token {
    const s = this.scanner;
    let t = s.scan();
    this.newlineBefore = false;
    if (this.ignoreNewlines) {
      while (t === Token.Newline) {
        this.newlineBefore = true;
        t = s.scan();
      }
    }
    this.token = t;
    return t;
  }

  private skipNewlines(): void {
    while (this.token === Token.Newline) {
      this.next();
      this.newlineBefore = true;
    }
  }

  /**
   * Range from an already made start position: constructs spanning lines make
   * their start position when they open, so the position cursor does not jump back.
   */
  private rangeFrom(start: Position, end: number): Range {
    return { start, end: end === this.positions.offsetOf(start) ? start : this.positions.position(end) };
  }

  private error(message: string, start: number, end: number): void {
    if (this.aborted) return;
    this.errors.push({ message, range: this.positions.range(start, end) });
  }

  private errorAtToken(message: string): void {
    const s = this.scanner;
    this.error(message, s.tokenStart, Math.max(s.tokenEnd, s.tokenStart));
  }

  private describeToken(): string {
    const d = TOKEN_DESCRIPTION[this.token];
    if (d) return d;
    return `'${this.scanner.tokenText()}'`;
  }

  private collectErrors(): SyntaxError[] {
    const all = this.errors;
    for (const e of this.scanner.errors) all.push({ message: e.message, range: this.positions.range(e.start, e.end) });
    all.sort((a, b) => this.positions.offsetOf(a.range.start) - this.positions.offsetOf(b.range.start));
    return all;
  }

  private collectComments(): Comment[] {
    // map, not push: an exact-size array (see compactArray).
    return this.scanner.comments.map((c) => ({ text: this.text.slice(c.start, c.end), style: c.style, range: this.positions.range(c.start, c.end) }));
  }

  /** Counts one nesting level; false (with the error recorded) when that is too deep. */
  private enter(start: number): boolean {
    if (++this.depth <= MAX_NESTING_DEPTH) return true;
    this.nestingTooDeep(start);
    return false;
  }

  /** Records the nesting error once and abandons the rest of the input. */
  private nestingTooDeep(start: number): void {
    this.error(`nesting is deeper than ${MAX_NESTING_DEPTH} levels; the rest of the file was not parsed`, start, start + 1);
    this.aborted = true;
    this.scanner.pos = this.scanner.end;
    this.token = Token.EOF;
    this.scanner.token = Token.EOF;
    this.scanner.tokenStart = this.scanner.tokenEnd = this.scanner.end;
  }

  private invalid(start: number, end: number): Expression {
    return { kind: 'Invalid', range: this.positions.range(start, end) };
  }

  // ---- structure ----

  /**
   * Parses body items until `}` (when `owner` is a block) or end of input.
   * Does not consume the closing brace.
   */
  private parseBody(owner: string | null): BodyItem[] {
    const items: BodyItem[] = [];
    let seen: Map<string, Attribute> | null = null;
    // Until `seen` is made: one bit per attribute name (from its length and last character),
    // so a scan for a duplicate happens only when the bit was already set.
    let nameBits = 0;
    for (;;) {
      this.skipNewlines();
      const t = this.token;
      if (t === Token.EOF) break;
      if (t === Token.RBrace) {
        if (owner !== null) break;
        this.errorAtToken("unexpected '}': there is no open block to close");
        this.next();
        continue;
      }
      const s = this.scanner;
      const start = s.tokenStart;
      const entry = this.itemStartsTop;
      this.pushItemStart(start, this.positions.column(start), s.comments.length, this.errors.length, s.errors.length);
      const item = this.parseBodyItem();
      if (!item) {
        this.itemStartsTop = entry;
        continue;
      }
      if (item.kind === 'Attribute') {
        const name = item.name;
        let prev: Attribute | undefined;
        const bit = 1 << ((name.length * 7 + name.charCodeAt(name.length - 1)) & 31);
        if (seen !== null) prev = seen.get(name);
        else if ((nameBits & bit) === 0) nameBits |= bit;
        else {
          for (let i = 0; i < items.length; i++) {
            const other = items[i]!;
            if (other.kind === 'Attribute' && other.name === name) {
              prev = other;
              break;
            }
          }
        }
        if (prev) {
          this.error(
            `attribute '${name}' is already set at line ${prev.nameRange.start.line}; each attribute may be set only once`,
            this.positions.offsetOf(item.nameRange.start),
            this.positions.offsetOf(item.nameRange.end),
          );
        } else if (seen !== null) seen.set(name, item);
      }
      items.push(item);
      if (seen === null && items.length === DUPLICATE_SCAN_LIMIT) {
        seen = new Map();
        for (const other of items) if (other.kind === 'Attribute' && !seen.has(other.name)) seen.set(other.name, other);
      }
    }
    return compactArray(items);
  }

  private pushItemStart(offset: number, column: number, comments: number, parserErrors: number, scannerErrors: number): void {
    const a = this.itemStarts;
    const i = this.itemStartsTop;
    if (i === a.length) a.push(offset, column, comments, parserErrors, scannerErrors);
    else {
      a[i + IS_OFFSET] = offset;
      a[i + IS_COLUMN] = column;
      a[i + IS_COMMENTS] = comments;
      a[i + IS_PARSER_ERRORS] = parserErrors;
      a[i + IS_SCANNER_ERRORS] = scannerErrors;
    }
    this.itemStartsTop = i + ITEM_START_SIZE;
  }

  private parseBodyItem(): BodyItem | null {
    const s = this.scanner;
    if (this.token !== Token.Ident) {
      if (this.token === Token.OQuote) {
        this.errorAtToken('expected an attribute name or block type; names must not be quoted');
      } else {
        this.errorAtToken(`expected an attribute or block, found ${this.describeToken()}`);
      }
      this.recoverToNextItem(this.positions.column(s.tokenStart));
      return null;
    }
    const nameStart = s.tokenStart;
    const nameEnd = s.tokenEnd;
    const name = s.tokenText();
    const savedColumn = this.itemColumn;
    this.itemColumn = this.positions.column(nameStart);
    const t = this.next();
    let item: BodyItem | null;
    if (t === Token.Equal) item = this.parseAttribute(name, nameStart, nameEnd);
    else if (t === Token.LBrace || t === Token.OQuote || t === Token.Ident) item = this.parseBlock(name, nameStart, nameEnd);
    else {
      this.errorAtToken(`expected '=' or '{' after '${name}', found ${this.describeToken()}`);
      this.recoverToNextItem(this.itemColumn);
      item = null;
    }
    // No try/finally: the parser does not throw.
    this.itemColumn = savedColumn;
    return item;
  }

  private parseAttribute(name: string, nameStart: number, nameEnd: number): Attribute {
    const nameRange = this.positions.range(nameStart, nameEnd);
    this.next(); // '='
    const expr = this.parseExpression();
    this.expectItemEnd('attribute', name);
    const exprEnd = expr.range.end;
    return {
      kind: 'Attribute',
      name,
      nameRange,
      expr,
      range: { start: nameRange.start, end: this.positions.offsetOf(exprEnd) >= nameEnd ? exprEnd : nameRange.end },
    };
  }

  /** After an attribute or block: newline, end of input, or the `}` of a one-line block. */
  private expectItemEnd(what: 'attribute' | 'block', name: string): void {
    const t = this.token;
    if (t === Token.Newline || t === Token.EOF || this.newlineBefore || (t === Token.RBrace && this.oneLineBody)) return;
    this.errorAtToken(`expected a newline after ${what} '${name}', found ${this.describeToken()}`);
    this.recoverToNextItem(this.itemColumn);
  }

  private parseBlock(type: string, typeStart: number, typeEnd: number): Block {
    const s = this.scanner;
    const typeRange = this.positions.range(typeStart, typeEnd);
    const labelList: BlockLabel[] = [];
    while (this.token === Token.OQuote || this.token === Token.Ident) {
      if (this.token === Token.Ident) {
        labelList.push({ value: s.tokenText(), range: this.positions.range(s.tokenStart, s.tokenEnd), quoted: false });
        this.next();
        continue;
      }
      const start = s.tokenStart;
      const tmpl = this.parseTemplateExpr();
      const end = s.tokenStart > start ? this.lastTemplateEnd : start + 1;
      let value = '';
      for (const p of tmpl.parts) {
        if (p.kind === 'TemplateLiteral') value += p.value;
        else {
          this.error('block labels must be plain strings: interpolation and directives are not allowed here', start, end);
          break;
        }
      }
      labelList.push({ value, range: this.positions.range(start, end), quoted: true });
    }
    const labels = compactArray(labelList);
    if (this.token !== Token.LBrace) {
      this.errorAtToken(`expected '{' to open block '${type}', found ${this.describeToken()}`);
      const endPos = labels.length ? labels[labels.length - 1]!.range.end : typeRange.end;
      this.recoverToNextItem(this.itemColumn);
      return {
        kind: 'Block',
        type,
        typeRange,
        labels,
        body: [],
        openBrace: { start: endPos, end: endPos },
        range: { start: typeRange.start, end: endPos },
      };
    }
    const openStart = s.tokenStart;
    const openBrace = this.positions.range(openStart, openStart + 1);
    if (!this.enter(openStart)) {
      this.depth--;
      return { kind: 'Block', type, typeRange, labels, body: [], openBrace, range: { start: typeRange.start, end: openBrace.end } };
    }
    const blockColumn = this.itemColumn;
    this.next();
    const oneLine = this.tok() !== Token.Newline && this.tok() !== Token.EOF;
    const savedOneLine = this.oneLineBody;
    this.oneLineBody = oneLine;
    const startsBase = this.itemStartsTop;
    const body = this.parseBody(type);
    this.oneLineBody = savedOneLine;
    this.depth--;
    if (oneLine) this.checkOneLineBlock(body, openStart);
    if (this.tok() === Token.RBrace) {
      this.itemStartsTop = startsBase;
      const closeStart = s.tokenStart;
      const closeBrace = this.positions.range(closeStart, closeStart + 1);
      this.next();
      const block: Block = {
        kind: 'Block',
        type,
        typeRange,
        labels,
        body,
        openBrace,
        closeBrace,
        range: { start: typeRange.start, end: closeBrace.end },
      };
      this.expectItemEnd('block', type);
      return block;
    }
    // Unterminated: items indented no deeper than the block itself were
    // most likely meant to follow it, so hand them back to the parent body.
    if (!this.aborted) {
      const headerLine = typeRange.start.line;
      const starts = this.itemStarts;
      for (let i = startsBase, n = 0; i < this.itemStartsTop; i += ITEM_START_SIZE, n++) {
        if (starts[i + IS_COLUMN]! <= blockColumn && this.positions.lineOf(starts[i + IS_OFFSET]!) > headerLine) {
          body.length = n;
          this.errors.length = starts[i + IS_PARSER_ERRORS]!;
          s.errors.length = starts[i + IS_SCANNER_ERRORS]!;
          s.comments.length = starts[i + IS_COMMENTS]!;
          s.pos = starts[i + IS_OFFSET]!;
          this.next();
          break;
        }
      }
    }
    this.itemStartsTop = startsBase;
    const endPos = body.length ? body[body.length - 1]!.range.end : openBrace.end;
    this.error(
      `expected '}' to close block '${type}' opened at line ${this.positions.lineOf(openStart)}`,
      typeStart,
      typeEnd,
    );
    return {
      kind: 'Block',
      type,
      typeRange,
      labels,
      body,
      openBrace,
      range: { start: typeRange.start, end: endPos },
    };
  }

  private checkOneLineBlock(body: BodyItem[], openStart: number): void {
    if (body.length === 0) return;
    const first = body[0]!;
    if (body.length === 1 && first.kind === 'Attribute' && this.token === Token.RBrace && this.positions.lineOf(this.scanner.tokenStart) !== this.positions.lineOf(openStart)) {
      this.error(
        "an attribute on the same line as its block's '{' must be followed by the closing '}' on that line",
        this.positions.offsetOf(first.nameRange.start),
        this.positions.offsetOf(first.range.end),
      );
      return;
    }
    if (first.kind === 'Block') {
      this.error(
        'a one-line block may contain only a single attribute; put nested blocks on their own lines',
        this.positions.offsetOf(first.typeRange.start),
        this.positions.offsetOf(first.typeRange.end),
      );
    } else if (body.length > 1) {
      const second = body[1]!;
      const r = second.kind === 'Block' ? second.typeRange : second.nameRange;
      this.error('a one-line block may contain only a single attribute; use one line per attribute', this.positions.offsetOf(r.start), this.positions.offsetOf(r.end));
    }
  }

  /**
   * Skips to the start of the next body item: a newline at bracket depth 0,
   * a `}` at depth 0 (left for the enclosing block), or any token that
   * begins a line at or left of `column` (the broken item's own column).
   */
  private recoverToNextItem(column: number): void {
    const s = this.scanner;
    const saved = this.ignoreNewlines;
    this.ignoreNewlines = false;
    let depth = 0;
    let atLineStart = false;
    if (this.token !== Token.Newline && this.token !== Token.EOF && this.newlineBefore) atLineStart = true;
    for (;;) {
      const t = this.token;
      if (t === Token.EOF) break;
      if (t === Token.Newline) {
        if (depth === 0) break;
        atLineStart = true;
        this.next();
        continue;
      }
      if (atLineStart && depth > 0 && (t === Token.Ident || t === Token.RBrace) && this.positions.column(s.tokenStart) <= column) break;
      atLineStart = false;
      if (t === Token.LBrace || t === Token.LBrack || t === Token.LParen) depth++;
      else if (t === Token.RBrace || t === Token.RBrack || t === Token.RParen) {
        if (depth === 0) {
          if (t === Token.RBrace) break;
        } else depth--;
      } else if (t === Token.OQuote || t === Token.Heredoc) {
        this.parseTemplateExpr();
        continue;
      }
      this.next();
    }
    this.ignoreNewlines = saved;
  }

  // ---- expressions ----

  parseExpression(): Expression {
    // `enter`, inline: this runs once per expression.
    if (++this.depth > MAX_NESTING_DEPTH) {
      const start = this.scanner.tokenStart;
      this.nestingTooDeep(start);
      this.depth--;
      return this.invalid(start, start);
    }
    const cond = this.parseBinary(0);
    let result = cond;
    if (this.token === Token.Question) {
      this.next();
      const then = this.parseExpression();
      let otherwise: Expression;
      if (this.tok() === Token.Colon) {
        this.next();
        otherwise = this.parseExpression();
      } else {
        this.errorAtToken(`expected ':' in conditional expression, found ${this.describeToken()}`);
        otherwise = this.invalid(this.scanner.tokenStart, this.scanner.tokenStart);
      }
      result = { kind: 'Conditional', cond, then, else: otherwise, range: this.span(cond, otherwise) };
    }
    this.depth--;
    return result;
  }

  /** Range from the start of `a` to the end of `b`. */
  private span(a: Expression, b: Expression): Range {
    return { start: a.range.start, end: b.range.end };
  }

  private parseBinary(minPrec: number): Expression {
    let left = this.parseUnary();
    // Each operator in a chain makes the tree one level deeper, so chains count towards the nesting limit.
    let levels = 0;
    for (;;) {
      const prec = PRECEDENCE_BY_TOKEN[this.token]!;
      if (prec <= minPrec) break;
      const op = BINARY_OPERATOR[this.token]!;
      levels++;
      if (!this.enter(this.scanner.tokenStart)) break;
      this.next();
      const right = this.parseBinary(prec);
      left = { kind: 'Binary', op, left, right, range: this.span(left, right) };
    }
    this.depth -= levels;
    return left;
  }

  private parseUnary(): Expression {
    const t = this.token;
    if (t === Token.Bang || t === Token.Minus) {
      const start = this.scanner.tokenStart;
      if (!this.enter(start)) {
        this.depth--;
        return this.invalid(start, start);
      }
      this.next();
      const operand = this.parseUnary();
      this.depth--;
      return {
        kind: 'Unary',
        op: t === Token.Bang ? '!' : '-',
        operand,
        range: { start: this.positions.position(start), end: operand.range.end },
      };
    }
    return this.parsePostfix(this.parsePrimary());
  }

  private parsePrimary(): Expression {
    const s = this.scanner;
    const start = s.tokenStart;
    switch (this.token) {
      case Token.Number: {
        const value = Number(s.tokenText());
        const end = s.tokenEnd;
        this.next();
        return { kind: 'Literal', value, range: this.positions.range(start, end) };
      }
      case Token.Ident: {
        const end = s.tokenEnd;
        const name = s.tokenText();
        this.next();
        if (this.tok() === Token.LParen || this.tok() === Token.DoubleColon) return this.parseCall(name, start, end);
        if (name === 'true' || name === 'false' || name === 'null') {
          return { kind: 'Literal', value: name === 'null' ? null : name === 'true', range: this.positions.range(start, end) };
        }
        return { kind: 'Variable', name, range: this.positions.range(start, end) };
      }
      case Token.OQuote:
      case Token.Heredoc:
        return this.parseTemplateExpr();
      case Token.LBrack:
        return this.parseTuple();
      case Token.LBrace:
        return this.parseObject();
      case Token.LParen: {
        const startPos = this.positions.position(start);
        const saved = this.ignoreNewlines;
        this.ignoreNewlines = true;
        this.next();
        const expr = this.parseExpression();
        this.ignoreNewlines = saved;
        let end = s.tokenStart;
        if (this.tok() === Token.RParen) {
          end = s.tokenEnd;
          this.next();
        } else {
          this.errorAtToken(`expected ')' to close '(' at line ${startPos.line}, found ${this.describeToken()}`);
          end = Math.max(start + 1, this.exprEnd(expr));
        }
        return { kind: 'Paren', expr, range: this.rangeFrom(startPos, end) };
      }
      default: {
        this.errorAtToken(`expected an expression, found ${this.describeToken()}`);
        // Consume stray tokens that cannot end anything, so callers make progress.
        if (this.token === Token.Invalid || this.token === Token.Ellipsis || this.token === Token.Dot || this.token === Token.DoubleColon) {
          const end = s.tokenEnd;
          this.next();
          return this.invalid(start, end);
        }
        return this.invalid(start, start);
      }
    }
  }

  private exprEnd(e: Expression): number {
    return this.positions.offsetOf(e.range.end);
  }

  private parseCall(first: string, start: number, firstEnd: number): Expression {
    const s = this.scanner;
    let name = first;
    let nameEnd = firstEnd;
    while (this.token === Token.DoubleColon) {
      this.next();
      if (this.tok() !== Token.Ident) {
        this.errorAtToken(`expected a name after '::' in '${name}::', found ${this.describeToken()}`);
        return this.invalid(start, nameEnd);
      }
      name += '::' + s.tokenText();
      nameEnd = s.tokenEnd;
      this.next();
    }
    if (this.token !== Token.LParen) {
      this.errorAtToken(`expected '(' after function name '${name}', found ${this.describeToken()}`);
      return this.invalid(start, nameEnd);
    }
    const openLine = this.positions.lineOf(s.tokenStart);
    const nameRange = this.positions.range(start, nameEnd);
    const saved = this.ignoreNewlines;
    this.ignoreNewlines = true;
    this.next();
    const args: Expression[] = [];
    let expandFinal = false;
    let end = nameEnd;
    for (;;) {
      if (this.tok() === Token.RParen) break;
      if (this.tok() === Token.EOF) break;
      if (this.shouldAbandonList()) break;
      const arg = this.parseExpression();
      args.push(arg);
      if (this.tok() === Token.Ellipsis) {
        expandFinal = true;
        this.next();
        if (this.tok() !== Token.RParen) {
          this.errorAtToken(`expected ')' after '...' in call to '${name}', found ${this.describeToken()}`);
        }
        break;
      }
      if (this.tok() === Token.Comma) {
        this.next();
        continue;
      }
      if (this.tok() === Token.RParen) break;
      this.errorAtToken(`expected ',' or ')' in arguments of '${name}', found ${this.describeToken()}`);
      if (!this.skipMalformedItem(Token.RParen, false)) break;
    }
    this.ignoreNewlines = saved;
    if (this.tok() === Token.RParen) {
      end = s.tokenEnd;
      this.next();
    } else {
      if (this.tok() === Token.EOF || this.newlineBefore || this.tok() !== Token.Comma) {
        this.error(`expected ')' to close the call to '${name}' opened at line ${openLine}`, start, nameEnd);
      }
      end = args.length ? this.exprEnd(args[args.length - 1]!) : nameEnd + 1;
    }
    return { kind: 'Call', name, nameRange, args: compactArray(args), expandFinal, range: { start: nameRange.start, end: end === nameEnd ? nameRange.end : this.positions.position(end) } };
  }

  /**
   * Inside `[...]` or `(...)`: a line that starts, at or left of the current
   * body item's column, with `name =` or `}` cannot continue the list, so the
   * list was left unclosed and that line belongs to the enclosing body.
   */
  private shouldAbandonList(): boolean {
    if (!this.newlineBefore) return false;
    const t = this.token;
    if (t !== Token.Ident && t !== Token.RBrace) return false;
    if (this.positions.column(this.scanner.tokenStart) > this.itemColumn) return false;
    return t === Token.RBrace || this.peek() === Token.Equal;
  }

  /**
   * Inside an object: a line that starts, at or left of the current body
   * item's column, with `name "label"`, `name label` or `name {` is a block,
   * which no object item can be, so the object was left unclosed.
   */
  private looksLikeBlockHeader(): boolean {
    if (this.token !== Token.Ident || !this.newlineBefore) return false;
    if (this.positions.column(this.scanner.tokenStart) > this.itemColumn) return false;
    const next = this.peek();
    return next === Token.OQuote || next === Token.Ident || next === Token.LBrace;
  }

  /** The token after the current one, without consuming anything. */
  private peek(): Token {
    const s = this.scanner;
    const state = s.save();
    const t = s.scan();
    s.restore(state);
    return t;
  }

  /**
   * After a malformed list element (`newlineEnds` false) or object item
   * (true): skips to the next `,` (or, in an object, newline), consumed, or to
   * `close`, not consumed, at bracket depth 0. Returns false when the list or
   * object should be abandoned (end of input, or a token that belongs elsewhere).
   */
  private skipMalformedItem(close: Token, newlineEnds: boolean): boolean {
    let depth = 0;
    for (;;) {
      const t = this.token;
      if (t === Token.EOF) return false;
      if (depth === 0) {
        if (t === close) return true;
        if (t === Token.Comma || (newlineEnds && t === Token.Newline)) {
          this.next();
          return true;
        }
        if (
          !newlineEnds &&
          this.newlineBefore &&
          (t === Token.Ident || t === Token.RBrace) &&
          this.positions.column(this.scanner.tokenStart) <= this.itemColumn
        ) {
          return false;
        }
      }
      if (t === Token.LBrace || t === Token.LBrack || t === Token.LParen) depth++;
      else if (t === Token.RBrace || t === Token.RBrack || t === Token.RParen) {
        if (depth === 0) return false;
        depth--;
      } else if (t === Token.OQuote || t === Token.Heredoc) {
        this.parseTemplateExpr();
        continue;
      }
      this.next();
    }
  }

  private parsePostfix(expr: Expression): Expression {
    const t = this.token;
    if (t !== Token.Dot && t !== Token.LBrack) return expr;
    // Each step makes the tree one level deeper, so long chains count towards the nesting limit.
    const depth = this.depth;
    const result = this.parsePostfixSteps(expr);
    this.depth = depth;
    return result;
  }

  private parsePostfixSteps(expr: Expression): Expression {
    const s = this.scanner;
    for (;;) {
      const t = this.token;
      if ((t === Token.Dot || t === Token.LBrack) && !this.enter(s.tokenStart)) return expr;
      if (t === Token.Dot) {
        const dotStart = s.tokenStart;
        // Look at the character after the dot directly: a digit starts a legacy index.
        const c = this.text.charCodeAt(s.pos);
        if (c >= 48 && c <= 57 && s.pos < s.end) {
          s.scanDigits();
          const idxStart = s.tokenStart;
          const idxEnd = s.tokenEnd;
          const index: Expression = { kind: 'Literal', value: Number(s.tokenText()), range: this.positions.range(idxStart, idxEnd) };
          this.next();
          if (this.token === Token.Dot && this.isDigitAt(s.pos)) {
            this.errorAtToken('legacy index syntax cannot be chained, as in foo.0.1; use foo[0][1] instead');
          }
          expr = { kind: 'Index', object: expr, index, legacy: true, range: { start: expr.range.start, end: index.range.end } };
          continue;
        }
        this.next();
        if (this.token === Token.Star) {
          const starEnd = s.tokenEnd;
          this.next();
          expr = this.parseSplat(expr, 'attr', dotStart, starEnd);
          continue;
        }
        if (this.token === Token.Ident) {
          const name = s.tokenText();
          const nameRange = this.positions.range(s.tokenStart, s.tokenEnd);
          this.next();
          expr = { kind: 'GetAttr', object: expr, name, nameRange, range: { start: expr.range.start, end: nameRange.end } };
          continue;
        }
        this.errorAtToken(`expected an attribute name after '.', found ${this.describeToken()}`);
        return expr;
      }
      if (t === Token.LBrack) {
        if (this.newlineBefore) return expr;
        const open = s.tokenStart;
        const saved = this.ignoreNewlines;
        this.ignoreNewlines = true;
        this.next();
        if (this.token === Token.Star) {
          this.next();
          this.ignoreNewlines = saved;
          let end = s.tokenStart;
          if (this.tok() === Token.RBrack) {
            end = s.tokenEnd;
            this.next();
          } else this.errorAtToken(`expected ']' after '[*', found ${this.describeToken()}`);
          expr = this.parseSplat(expr, 'full', open, end);
          continue;
        }
        const index = this.parseExpression();
        this.ignoreNewlines = saved;
        let end: number;
        if (this.token === Token.RBrack) {
          end = s.tokenEnd;
          this.next();
        } else {
          this.errorAtToken(`expected ']' to close index, found ${this.describeToken()}`);
          end = Math.max(open + 1, this.exprEnd(index));
        }
        expr = { kind: 'Index', object: expr, index, legacy: false, range: { start: expr.range.start, end: this.positions.position(end) } };
        continue;
      }
      return expr;
    }
  }

  private isDigitAt(i: number): boolean {
    const c = this.text.charCodeAt(i);
    return i < this.scanner.end && c >= 48 && c <= 57;
  }

  private parseSplat(object: Expression, style: 'full' | 'attr', opStart: number, opEnd: number): Expression {
    const s = this.scanner;
    let each: Expression = { kind: 'Variable', name: SPLAT_ITEM, range: this.positions.range(opStart, opEnd) };
    let end = opEnd;
    const depth = this.depth;
    for (;;) {
      if ((this.token === Token.Dot || this.token === Token.LBrack) && !this.enter(s.tokenStart)) break;
      if (this.token === Token.Dot) {
        const c = this.text.charCodeAt(s.pos);
        if (c >= 48 && c <= 57 && s.pos < s.end) {
          s.scanDigits();
          const index: Expression = { kind: 'Literal', value: Number(s.tokenText()), range: this.positions.range(s.tokenStart, s.tokenEnd) };
          end = s.tokenEnd;
          this.next();
          each = { kind: 'Index', object: each, index, legacy: true, range: { start: each.range.start, end: index.range.end } };
          continue;
        }
        if (c === 42 /* '*' */) {
          if (style === 'attr') this.errorAtToken("a splat ('.*') cannot follow another attribute-only splat; use [*] instead");
          break; // another splat: ends this one
        }
        const saved = s.save();
        const savedToken = this.token;
        const savedNl = this.newlineBefore;
        this.next();
        if (this.tok() !== Token.Ident) {
          s.restore(saved);
          this.token = savedToken;
          this.newlineBefore = savedNl;
          break;
        }
        const name = s.tokenText();
        const nameRange = this.positions.range(s.tokenStart, s.tokenEnd);
        end = s.tokenEnd;
        this.next();
        each = { kind: 'GetAttr', object: each, name, nameRange, range: { start: each.range.start, end: nameRange.end } };
        continue;
      }
      if (style === 'full' && this.token === Token.LBrack && !this.newlineBefore) {
        if (this.text.charCodeAt(this.afterSpaces(s.pos)) === 42) break;
        const open = s.tokenStart;
        const saved = this.ignoreNewlines;
        this.ignoreNewlines = true;
        this.next();
        const index = this.parseExpression();
        this.ignoreNewlines = saved;
        if (this.tok() === Token.RBrack) {
          end = s.tokenEnd;
          this.next();
        } else {
          this.errorAtToken(`expected ']' to close index, found ${this.describeToken()}`);
          end = Math.max(open + 1, this.exprEnd(index));
        }
        each = { kind: 'Index', object: each, index, legacy: false, range: { start: each.range.start, end: this.positions.position(end) } };
        continue;
      }
      break;
    }
    this.depth = depth;
    return { kind: 'Splat', object, style, each, range: { start: object.range.start, end: this.positions.position(end) } };
  }

  private afterSpaces(i: number): number {
    const text = this.text;
    while (i < this.scanner.end) {
      const c = text.charCodeAt(i);
      if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
      i++;
    }
    return i;
  }

  private parseTuple(): Expression {
    const s = this.scanner;
    const start = s.tokenStart;
    const openLine = this.positions.lineOf(start);
    const saved = this.ignoreNewlines;
    this.ignoreNewlines = true;
    this.next();
    if (this.token === Token.Ident && this.isKeyword('for')) {
      return this.parseFor('tuple', start, saved);
    }
    const startPos = this.positions.position(start);
    const items: Expression[] = [];
    for (;;) {
      if (this.token === Token.RBrack || this.token === Token.EOF) break;
      if (this.shouldAbandonList()) break;
      items.push(this.parseExpression());
      if (this.token === Token.Comma) {
        this.next();
        continue;
      }
      if (this.tok() === Token.RBrack) break;
      this.errorAtToken(`expected ',' or ']' in tuple, found ${this.describeToken()}`);
      if (!this.skipMalformedItem(Token.RBrack, false)) break;
    }
    this.ignoreNewlines = saved;
    let end: number;
    if (this.token === Token.RBrack) {
      end = s.tokenEnd;
      this.next();
    } else {
      this.error(`expected ']' to close tuple opened at line ${openLine}`, start, start + 1);
      end = items.length ? this.exprEnd(items[items.length - 1]!) : start + 1;
    }
    return { kind: 'Tuple', items: compactArray(items), range: this.rangeFrom(startPos, end) };
  }

  private isKeyword(word: string): boolean {
    const s = this.scanner;
    return s.tokenEnd - s.tokenStart === word.length && this.text.startsWith(word, s.tokenStart);
  }

  private parseObject(): Expression {
    const s = this.scanner;
    const start = s.tokenStart;
    const openLine = this.positions.lineOf(start);
    const saved = this.ignoreNewlines;
    this.ignoreNewlines = false;
    this.next();
    this.skipNewlines();
    if (this.token === Token.Ident && this.isKeyword('for')) {
      this.ignoreNewlines = true;
      return this.parseFor('object', start, saved);
    }
    const startPos = this.positions.position(start);
    const items: ObjectItem[] = [];
    for (;;) {
      this.skipNewlines();
      if (this.token === Token.RBrace || this.token === Token.EOF) break;
      if (this.looksLikeBlockHeader()) break;
      const item = this.parseObjectItem();
      if (item) items.push(item);
      if (this.token === Token.Comma) {
        this.next();
        continue;
      }
      if (this.tok() === Token.Newline || this.tok() === Token.RBrace) continue;
      if (item) this.errorAtToken(`expected ',', newline or '}' after object item, found ${this.describeToken()}`);
      if (!this.skipMalformedItem(Token.RBrace, true)) break;
    }
    this.ignoreNewlines = saved;
    let end: number;
    if (this.token === Token.RBrace) {
      end = s.tokenEnd;
      this.next();
    } else {
      this.error(`expected '}' to close object opened at line ${openLine}`, start, start + 1);
      end = items.length ? this.exprEnd(items[items.length - 1]!.value) : start + 1;
    }
    return { kind: 'Object', items: compactArray(items), range: this.rangeFrom(startPos, end) };
  }

  private parseObjectItem(): ObjectItem | null {
    const s = this.scanner;
    let key: Expression;
    let keyIsIdentifier = false;
    if (this.token === Token.Ident && this.identifierKeyFollows()) {
      key = { kind: 'Variable', name: s.tokenText(), range: this.positions.range(s.tokenStart, s.tokenEnd) };
      keyIsIdentifier = true;
      this.next();
    } else if (this.token === Token.Ident) {
      const st = s.save();
      const name = s.tokenText();
      const keyStart = s.tokenStart;
      const keyEnd = s.tokenEnd;
      this.next();
      if (this.tok() === Token.Equal || this.tok() === Token.Colon) {
        key = { kind: 'Variable', name, range: this.positions.range(keyStart, keyEnd) };
        keyIsIdentifier = true;
      } else {
        s.restore(st);
        this.token = Token.Ident;
        this.newlineBefore = false;
        key = this.parseExpression();
      }
    } else {
      key = this.parseExpression();
    }
    if (this.token !== Token.Equal && this.token !== Token.Colon) {
      if (key.kind !== 'Invalid') this.errorAtToken(`expected '=' or ':' after object key, found ${this.describeToken()}`);
      return null;
    }
    this.next();
    const value = this.parseExpression();
    return { key, keyIsIdentifier, value, range: this.span(key, value) };
  }

  /** Fast check, without scanning a token, that the identifier key is followed by `=` or `:`. */
  private identifierKeyFollows(): boolean {
    const text = this.text;
    let i = this.scanner.tokenEnd;
    let c = text.charCodeAt(i);
    while (c === 32 || c === 9) c = text.charCodeAt(++i);
    const n = text.charCodeAt(i + 1);
    if (c === 61 /* = */) return n !== 61 && n !== 62;
    if (c === 58 /* : */) return n !== 58;
    return false;
  }

  /**
   * `[for k, v in coll : expr if cond]` / `{for k, v in coll : k => v... if cond}`.
   * Called with the `for` keyword as the current token and newlines ignored.
   */
  private parseFor(result: 'tuple' | 'object', start: number, savedNewlines: boolean): Expression {
    const s = this.scanner;
    const close = result === 'tuple' ? Token.RBrack : Token.RBrace;
    const closeChar = result === 'tuple' ? ']' : '}';
    this.next(); // 'for'
    let keyVar: string | undefined;
    let valueVar: string;
    if (this.token !== Token.Ident) {
      this.errorAtToken(`expected a variable name after 'for', found ${this.describeToken()}`);
      return this.abandonFor(close, start, savedNewlines);
    }
    valueVar = s.tokenText();
    this.next();
    if (this.tok() === Token.Comma) {
      this.next();
      if (this.token !== Token.Ident) {
        this.errorAtToken(`expected a second variable name after ',' in for expression, found ${this.describeToken()}`);
        return this.abandonFor(close, start, savedNewlines);
      }
      keyVar = valueVar;
      valueVar = s.tokenText();
      this.next();
    }
    if (this.token !== Token.Ident || !this.isKeyword('in')) {
      this.errorAtToken(`expected 'in' in for expression, found ${this.describeToken()}`);
      return this.abandonFor(close, start, savedNewlines);
    }
    this.next();
    const collection = this.parseExpression();
    if (this.tok() !== Token.Colon) {
      this.errorAtToken(`expected ':' after the collection in for expression, found ${this.describeToken()}`);
      return this.abandonFor(close, start, savedNewlines);
    }
    this.next();
    let keyExpr: Expression | undefined;
    let valueExpr = this.parseExpression();
    let grouping = false;
    if (result === 'object') {
      if (this.tok() !== Token.FatArrow) {
        this.errorAtToken(`expected '=>' in object for expression, found ${this.describeToken()}`);
        return this.abandonFor(close, start, savedNewlines);
      }
      this.next();
      keyExpr = valueExpr;
      valueExpr = this.parseExpression();
      if (this.tok() === Token.Ellipsis) {
        grouping = true;
        this.next();
      }
    }
    let cond: Expression | undefined;
    if (this.token === Token.Ident && this.isKeyword('if')) {
      this.next();
      cond = this.parseExpression();
    }
    if (this.tok() !== close) {
      this.errorAtToken(`expected '${closeChar}' to close the for expression, found ${this.describeToken()}`);
      return this.abandonFor(close, start, savedNewlines);
    }
    const node = { kind: 'For', result, valueVar, collection, valueExpr, grouping } as ForExpr;
    if (keyVar !== undefined) node.keyVar = keyVar;
    if (keyExpr) node.keyExpr = keyExpr;
    if (cond) node.cond = cond;
    this.ignoreNewlines = savedNewlines;
    const end = s.tokenEnd;
    this.next();
    node.range = this.positions.range(start, end);
    return node;
  }

  /** After an error in a for expression: skips to the closing bracket, so the rest does not cascade. */
  private abandonFor(close: Token, start: number, savedNewlines: boolean): Expression {
    const s = this.scanner;
    this.skipMalformedItem(close, false);
    this.ignoreNewlines = savedNewlines;
    let end: number;
    if (this.token === close) {
      end = s.tokenEnd;
      this.next();
    } else {
      end = s.tokenStart;
    }
    return this.invalid(start, Math.max(end, start + 1));
  }

  // ---- templates ----

  /** End offset of the most recently parsed template expression (parser-text coordinates). */
  private lastTemplateEnd = 0;

  /** Current token is `"` or a heredoc introducer. */
  private parseTemplateExpr(): TemplateExpr {
    const s = this.scanner;
    const start = s.tokenStart;
    if (this.token === Token.Heredoc) {
      const marker = s.heredocMarker;
      const indented = s.heredocIndented;
      const startPos = this.positions.position(start);
      const content = this.parseTemplateContent(false, marker, start);
      let end: number;
      if (s.token === Token.HeredocEnd) {
        end = s.tokenEnd;
      } else {
        this.error(`unterminated heredoc: expected a line containing only '${marker}'`, start, s.tokenStart === start ? start + 2 : s.tokenStart);
        end = s.tokenEnd;
      }
      const expr: TemplateExpr = { kind: 'Template', parts: content, heredoc: { marker, indented }, range: this.rangeFrom(startPos, end) };
      this.lastTemplateEnd = end;
      this.next();
      return expr;
    }
    const content = this.parseTemplateContent(true, null, start);
    let end: number;
    if (s.token === Token.CQuote) {
      end = s.tokenEnd;
    } else {
      end = s.tokenStart;
      if (s.token === Token.Unterminated) {
        this.error('unterminated string: quoted strings may not span lines; use \\n or a heredoc', start, Math.max(end, start + 1));
      } else this.error('unterminated string: expected \'"\'', start, Math.max(end, start + 1));
    }
    this.lastTemplateEnd = end;
    const expr: TemplateExpr = { kind: 'Template', parts: content, range: this.positions.range(start, end) };
    this.next();
    return expr;
  }

  /**
   * Reads template content up to its end (closing quote, heredoc end line,
   * or end of input) and builds the parts tree. Leaves the scanner's current
   * token at the terminator.
   */
  private parseTemplateContent(quoted: boolean, marker: string | null, start: number): TemplatePart[] {
    const s = this.scanner;
    const contentStart = s.pos;
    let t = s.scanTemplate(quoted, marker);
    let flat: FlatTemplateItem[];
    if (t === Token.TemplateLiteral) {
      const value = s.literalValue;
      const litStart = s.tokenStart;
      const litEnd = s.tokenEnd;
      t = s.scanTemplate(quoted, marker);
      // Fast path: one literal piece and nothing else (most quoted strings) needs no flat list.
      if (t !== Token.TemplateLiteral && t !== Token.TemplateInterp && t !== Token.TemplateControl && marker === null) {
        if (value === '') return [{ kind: 'TemplateLiteral', value: '', range: this.positions.range(contentStart, contentStart) }];
        return [{ kind: 'TemplateLiteral', value, range: this.positions.range(litStart, litEnd) }];
      }
      flat = [flatItem(FlatKind.Literal, litStart, litEnd, false, false, value, null)];
    } else {
      flat = [];
    }
    const saved = this.ignoreNewlines;
    for (;; t = s.scanTemplate(quoted, marker)) {
      if (t === Token.TemplateLiteral) {
        flat.push(flatItem(FlatKind.Literal, s.tokenStart, s.tokenEnd, false, false, s.literalValue, null));
        continue;
      }
      if (t === Token.TemplateInterp) {
        const itemStart = s.tokenStart;
        const stripLeft = s.strip;
        this.ignoreNewlines = true;
        this.next();
        const expr = this.parseExpression();
        const end = this.closeTemplateSequence('interpolation', itemStart);
        flat.push(flatItem(FlatKind.Interp, itemStart, end, stripLeft, this.closeStripRight, '', expr));
        if (this.aborted) break;
        continue;
      }
      if (t === Token.TemplateControl) {
        this.parseDirective(flat);
        if (this.aborted) break;
        continue;
      }
      break; // CQuote, HeredocEnd, Unterminated, EOF
    }
    this.ignoreNewlines = saved;
    const parts = buildTemplateParts(flat, marker !== null && this.scanner.heredocIndented, this.templateCallbacks(), start);
    if (parts.length === 0) parts.push({ kind: 'TemplateLiteral', value: '', range: this.positions.range(contentStart, contentStart) });
    return compactArray(parts);
  }

  private templateCallbacks(): TemplateBuildContext {
    return (this.templateContext ??= {
      range: (a, b) => this.positions.range(a, b),
      error: (message, a, b) => this.error(message, a, b),
    });
  }

  /**
   * Expects `}` / `~}` ending an interpolation or directive; the scanner is
   * left just after it. Returns the end offset; `closeStripRight` tells whether it was `~}`.
   */
  private closeTemplateSequence(what: string, openStart: number): number {
    const s = this.scanner;
    if (this.token === Token.RBrace) {
      this.closeStripRight = s.strip;
      return s.tokenEnd;
    }
    if (!this.aborted) this.error(`expected '}' to close the ${what} opened at line ${this.positions.lineOf(openStart)}, found ${this.describeToken()}`, s.tokenStart, Math.max(s.tokenEnd, s.tokenStart));
    // Resume template scanning at the offending token so the rest of the string is kept.
    s.pos = s.tokenStart;
    this.closeStripRight = false;
    return s.tokenStart;
  }

  private parseDirective(flat: FlatTemplateItem[]): void {
    const s = this.scanner;
    const itemStart = s.tokenStart;
    const stripLeft = s.strip;
    this.ignoreNewlines = true;
    this.next();
    if (this.token !== Token.Ident) {
      this.errorAtToken(`expected 'if', 'else', 'endif', 'for' or 'endfor' after '%{', found ${this.describeToken()}`);
      const end = this.closeTemplateSequence('directive', itemStart);
      flat.push(flatItem(FlatKind.Literal, itemStart, end, false, false, '', null));
      return;
    }
    const word = s.tokenText();
    switch (word) {
      case 'if': {
        this.next();
        const cond = this.parseExpression();
        const end = this.closeTemplateSequence('directive', itemStart);
        flat.push(flatItem(FlatKind.If, itemStart, end, stripLeft, this.closeStripRight, '', cond));
        return;
      }
      case 'else':
      case 'endif':
      case 'endfor': {
        this.next();
        const end = this.closeTemplateSequence('directive', itemStart);
        const kind = word === 'else' ? FlatKind.Else : word === 'endif' ? FlatKind.EndIf : FlatKind.EndFor;
        flat.push(flatItem(kind, itemStart, end, stripLeft, this.closeStripRight, '', null));
        return;
      }
      case 'for': {
        this.next();
        let keyVar: string | undefined;
        let valueVar = '';
        let collection: Expression | null = null;
        if (this.token === Token.Ident) {
          valueVar = s.tokenText();
          this.next();
          if (this.tok() === Token.Comma) {
            this.next();
            if (this.token === Token.Ident) {
              keyVar = valueVar;
              valueVar = s.tokenText();
              this.next();
            } else this.errorAtToken(`expected a variable name after ',' in for directive, found ${this.describeToken()}`);
          }
          if (this.token === Token.Ident && this.isKeyword('in')) {
            this.next();
            collection = this.parseExpression();
          } else this.errorAtToken(`expected 'in' in for directive, found ${this.describeToken()}`);
        } else this.errorAtToken(`expected a variable name after 'for', found ${this.describeToken()}`);
        if (this.tok() !== Token.RBrace) this.skipToDirectiveEnd();
        const end = this.closeTemplateSequence('directive', itemStart);
        const item = flatItem(FlatKind.For, itemStart, end, stripLeft, this.closeStripRight, '', collection ?? this.invalid(itemStart, end));
        item.keyVar = keyVar;
        item.valueVar = valueVar;
        flat.push(item);
        return;
      }
      default: {
        this.errorAtToken(`unknown template directive '${word}'; expected if, else, endif, for or endfor`);
        this.skipToDirectiveEnd();
        const end = this.closeTemplateSequence('directive', itemStart);
        flat.push(flatItem(FlatKind.Literal, itemStart, end, false, false, '', null));
      }
    }
  }

  private skipToDirectiveEnd(): void {
    while (this.token !== Token.RBrace && this.token !== Token.EOF && this.token !== Token.OQuote) {
      if (this.token === Token.Heredoc) {
        this.parseTemplateExpr();
        continue;
      }
      this.next();
    }
  }
}
