/**
 * Hand-written scanner for HCL native syntax, over character codes.
 *
 * The parser pulls tokens one at a time. In expression context it calls
 * `scan()`; inside a quoted template or heredoc it calls `scanTemplate()`,
 * which returns literal chunks and the `${` / `%{` introducers. Only offsets
 * are kept here; the parser turns them into ranges when it builds nodes.
 */

export enum Token {
  EOF,
  Newline,
  Ident,
  Number,
  /** `"` opening a quoted template. */
  OQuote,
  /** `<<EOT` or `<<-EOT` including its newline; see `heredocMarker`. */
  Heredoc,
  LBrace,
  RBrace,
  LBrack,
  RBrack,
  LParen,
  RParen,
  Comma,
  Dot,
  Ellipsis,
  Colon,
  DoubleColon,
  Question,
  Equal,
  FatArrow,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  And,
  Or,
  Bang,
  EqEq,
  NotEq,
  Lt,
  Le,
  Gt,
  Ge,
  Invalid,
  // Template-mode tokens.
  TemplateLiteral,
  /** `${` (or `${~`, see `strip`). */
  TemplateInterp,
  /** `%{` (or `%{~`). */
  TemplateControl,
  /** `"` closing a quoted template. */
  CQuote,
  /** The line closing a heredoc. */
  HeredocEnd,
  /** A newline inside a quoted template (the string was not closed on its line). */
  Unterminated,
}

export type CommentStyle = 'hash' | 'slash' | 'block';

export interface RawComment {
  start: number;
  end: number;
  style: CommentStyle;
}

export interface RawError {
  message: string;
  start: number;
  end: number;
}

export interface ScannerState {
  pos: number;
  token: Token;
  tokenStart: number;
  tokenEnd: number;
  strip: boolean;
  commentCount: number;
  errorCount: number;
}

const CH_TAB = 9;
const CH_LF = 10;
const CH_CR = 13;
const CH_SPACE = 32;
const CH_BANG = 33;
const CH_QUOTE = 34;
const CH_HASH = 35;
const CH_DOLLAR = 36;
const CH_PERCENT = 37;
const CH_AMP = 38;
const CH_LPAREN = 40;
const CH_RPAREN = 41;
const CH_STAR = 42;
const CH_PLUS = 43;
const CH_COMMA = 44;
const CH_MINUS = 45;
const CH_DOT = 46;
const CH_SLASH = 47;
const CH_0 = 48;
const CH_9 = 57;
const CH_COLON = 58;
const CH_LT = 60;
const CH_EQ = 61;
const CH_GT = 62;
const CH_QUESTION = 63;
const CH_UPPER_E = 69;
const CH_LBRACK = 91;
const CH_BACKSLASH = 92;
const CH_RBRACK = 93;
const CH_UNDERSCORE = 95;
const CH_LOWER_E = 101;
const CH_LBRACE = 123;
const CH_PIPE = 124;
const CH_RBRACE = 125;
const CH_TILDE = 126;

/**
 * White space other than line breaks, as Go's `unicode.IsSpace` defines it
 * (what HashiCorp's scanner trims around a heredoc's closing marker): tab,
 * vertical tab, form feed, space, U+0085, U+00A0 and the Unicode White_Space
 * characters above U+00FF. Not U+FEFF, which JavaScript's `\s` includes.
 */
function isLineSpace(c: number): boolean {
  if (c === CH_SPACE || c === CH_TAB || c === 11 || c === 12) return true;
  if (c < 0x85) return false;
  return c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

const ID_START = /[\p{ID_Start}]/u;
const ID_CONTINUE = /[\p{ID_Continue}]/u;

/** ASCII character classes: bit 1 identifier start, bit 2 identifier continuation. */
const ASCII_ID_START = 1;
const ASCII_ID_CONTINUE = 2;
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === CH_UNDERSCORE;
  if (letter) ASCII_CLASS[c] = ASCII_ID_START | ASCII_ID_CONTINUE;
  else if ((c >= CH_0 && c <= CH_9) || c === CH_MINUS) ASCII_CLASS[c] = ASCII_ID_CONTINUE;
}

function isAsciiIdStart(c: number): boolean {
  return c < 128 && (ASCII_CLASS[c]! & ASCII_ID_START) !== 0;
}

function isHexDigit(c: number): boolean {
  return (c >= CH_0 && c <= CH_9) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

export class Scanner {
  readonly text: string;
  readonly end: number;
  pos: number;
  token: Token = Token.EOF;
  tokenStart = 0;
  tokenEnd = 0;
  /** Strip marker on the current `${~`, `%{~` or `~}` token. */
  strip = false;
  /** Escape-processed value of the current TemplateLiteral token. */
  literalValue = '';
  heredocMarker = '';
  heredocIndented = false;
  /** Where scanning resumes after a heredoc's closing line (past white space after its marker). */
  private resumeAt = 0;
  readonly comments: RawComment[] = [];
  readonly errors: RawError[] = [];

  constructor(text: string, start = 0, end = text.length) {
    this.text = text;
    this.pos = start;
    this.end = end;
  }

  save(): ScannerState {
    return {
      pos: this.pos,
      token: this.token,
      tokenStart: this.tokenStart,
      tokenEnd: this.tokenEnd,
      strip: this.strip,
      commentCount: this.comments.length,
      errorCount: this.errors.length,
    };
  }

  restore(s: ScannerState): void {
    this.pos = s.pos;
    this.token = s.token;
    this.tokenStart = s.tokenStart;
    this.tokenEnd = s.tokenEnd;
    this.strip = s.strip;
    this.comments.length = s.commentCount;
    this.errors.length = s.errorCount;
  }

  tokenText(): string {
    return this.text.slice(this.tokenStart, this.tokenEnd);
  }

  private error(message: string, start: number, end: number): void {
    this.errors.push({ message, start, end });
  }

  private finish(token: Token, start: number, end: number): Token {
    this.tokenStart = start;
    this.tokenEnd = end;
    this.pos = end;
    this.token = token;
    return token;
  }

  /** Scans the next token in expression/structure context. */
  scan(): Token {
    const text = this.text;
    const end = this.end;
    this.strip = false;
    // One exit at the bottom: each case sets the token and where it ends (fewer calls while the code is still cold).
    let token: Token;
    let start: number;
    let stop: number;
    for (;;) {
      start = this.pos;
      let c = 0;
      while (start < end && ((c = text.charCodeAt(start)) === CH_SPACE || c === CH_TAB)) start++;
      if (start >= end) {
        token = Token.EOF;
        start = stop = end;
        break;
      }
      // Identifiers are the most common token.
      if (c < 128 && (ASCII_CLASS[c]! & ASCII_ID_START) !== 0) {
        token = Token.Ident;
        stop = this.identEnd(start + 1);
        break;
      }
      const n = start + 1 < end ? text.charCodeAt(start + 1) : 0;
      stop = start + 1;
      switch (c) {
        case CH_CR:
          if (n === CH_LF) {
            token = Token.Newline;
            stop = start + 2;
            break;
          }
          this.pos = start + 1;
          continue;
        case CH_LF:
          token = Token.Newline;
          break;
        case CH_HASH:
          this.scanLineComment(start, 'hash');
          continue;
        case CH_SLASH:
          if (n === CH_SLASH) {
            this.scanLineComment(start, 'slash');
            continue;
          }
          if (n === CH_STAR) {
            this.scanBlockComment(start);
            continue;
          }
          token = Token.Slash;
          break;
        case CH_LBRACE:
          token = Token.LBrace;
          break;
        case CH_RBRACE:
          token = Token.RBrace;
          break;
        case CH_LBRACK:
          token = Token.LBrack;
          break;
        case CH_RBRACK:
          token = Token.RBrack;
          break;
        case CH_LPAREN:
          token = Token.LParen;
          break;
        case CH_RPAREN:
          token = Token.RParen;
          break;
        case CH_COMMA:
          token = Token.Comma;
          break;
        case CH_QUESTION:
          token = Token.Question;
          break;
        case CH_PLUS:
          token = Token.Plus;
          break;
        case CH_MINUS:
          token = Token.Minus;
          break;
        case CH_STAR:
          token = Token.Star;
          break;
        case CH_PERCENT:
          token = Token.Percent;
          break;
        case CH_COLON:
          if (n === CH_COLON) {
            token = Token.DoubleColon;
            stop = start + 2;
          } else token = Token.Colon;
          break;
        case CH_DOT:
          if (n === CH_DOT && this.at(start + 2) === CH_DOT) {
            token = Token.Ellipsis;
            stop = start + 3;
          } else token = Token.Dot;
          break;
        case CH_EQ:
          if (n === CH_EQ) {
            token = Token.EqEq;
            stop = start + 2;
          } else if (n === CH_GT) {
            token = Token.FatArrow;
            stop = start + 2;
          } else token = Token.Equal;
          break;
        case CH_BANG:
          if (n === CH_EQ) {
            token = Token.NotEq;
            stop = start + 2;
          } else token = Token.Bang;
          break;
        case CH_LT:
          if (n === CH_EQ) {
            token = Token.Le;
            stop = start + 2;
            break;
          }
          this.pos = start;
          if (n === CH_LT) return this.scanHeredocIntro(start);
          token = Token.Lt;
          break;
        case CH_GT:
          if (n === CH_EQ) {
            token = Token.Ge;
            stop = start + 2;
          } else token = Token.Gt;
          break;
        case CH_AMP:
          if (n === CH_AMP) {
            token = Token.And;
            stop = start + 2;
          } else token = Token.Invalid;
          break;
        case CH_PIPE:
          if (n === CH_PIPE) {
            token = Token.Or;
            stop = start + 2;
          } else token = Token.Invalid;
          break;
        case CH_TILDE:
          if (n === CH_RBRACE) {
            token = Token.RBrace;
            stop = start + 2;
            this.strip = true;
          } else token = Token.Invalid;
          break;
        case CH_QUOTE:
          token = Token.OQuote;
          break;
        default:
          if (c >= CH_0 && c <= CH_9) {
            token = Token.Number;
            stop = this.numberEnd(start);
            break;
          }
          token = Token.Invalid;
          if (c >= 128) {
            const cp = text.codePointAt(start)!;
            const width = cp > 0xffff ? 2 : 1;
            stop = start + width;
            // Unicode spaces are not HCL whitespace, but treating them as
            // invalid tokens one by one would flood the error list.
            const space = c === 0xa0 || c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x3000;
            if (!space && ID_START.test(String.fromCodePoint(cp))) {
              token = Token.Ident;
              stop = this.identEnd(stop);
            }
          }
      }
      break;
    }
    this.tokenStart = start;
    this.tokenEnd = stop;
    this.pos = stop;
    this.token = token;
    return token;
  }

  private scanBlockComment(start: number): void {
    const end = this.end;
    const close = this.text.indexOf('*/', start + 2);
    if (close < 0 || close + 2 > end) {
      this.error('unterminated comment: expected "*/"', start, end);
      this.comments.push({ start, end, style: 'block' });
      this.pos = end;
    } else {
      this.comments.push({ start, end: close + 2, style: 'block' });
      this.pos = close + 2;
    }
  }

  private at(i: number): number {
    return i < this.end ? this.text.charCodeAt(i) : 0;
  }

  private scanLineComment(start: number, style: CommentStyle): void {
    const text = this.text;
    let i = text.indexOf('\n', start);
    if (i < 0 || i > this.end) i = this.end;
    let stop = i;
    if (stop > start && text.charCodeAt(stop - 1) === CH_CR) stop--;
    this.comments.push({ start, end: stop, style });
    this.pos = stop;
  }

  private identEnd(i: number): number {
    const text = this.text;
    const end = this.end;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        if ((ASCII_CLASS[c]! & ASCII_ID_CONTINUE) === 0) break;
        i++;
        continue;
      }
      const cp = text.codePointAt(i)!;
      if (!ID_CONTINUE.test(String.fromCodePoint(cp))) break;
      i += cp > 0xffff ? 2 : 1;
    }
    return i;
  }

  /** End of the number starting at `start` (digits, an optional fraction and exponent). */
  private numberEnd(start: number): number {
    let i = start + 1;
    while (i < this.end && this.isDigit(i)) i++;
    if (this.at(i) === CH_DOT && this.isDigit(i + 1)) {
      i += 2;
      while (i < this.end && this.isDigit(i)) i++;
    }
    const e = this.at(i);
    if (e === CH_LOWER_E || e === CH_UPPER_E) {
      let j = i + 1;
      const s = this.at(j);
      if (s === CH_PLUS || s === CH_MINUS) j++;
      if (this.isDigit(j)) {
        j++;
        while (j < this.end && this.isDigit(j)) j++;
        i = j;
      }
    }
    return i;
  }

  private isDigit(i: number): boolean {
    const c = this.at(i);
    return c >= CH_0 && c <= CH_9;
  }

  /** Digits only, for the legacy index form `foo.0` (so `foo.0.1` is not one number). */
  scanDigits(): Token {
    const start = this.pos;
    let i = start;
    while (i < this.end && this.isDigit(i)) i++;
    return this.finish(Token.Number, start, i);
  }

  private scanHeredocIntro(start: number): Token {
    let i = start + 2;
    let indented = false;
    if (this.at(i) === CH_MINUS) {
      indented = true;
      i++;
    }
    const c = this.at(i);
    let idEnd = i;
    if (isAsciiIdStart(c)) idEnd = this.identEnd(i + 1);
    else if (c >= 128 && ID_START.test(String.fromCodePoint(this.text.codePointAt(i)!))) idEnd = this.identEnd(i + 1);
    if (idEnd === i) {
      this.error('invalid heredoc: expected a marker name after "<<", as in <<EOT', start, i);
      return this.finish(Token.Invalid, start, i);
    }
    let nl = idEnd;
    if (this.at(nl) === CH_CR) nl++;
    if (this.at(nl) !== CH_LF) {
      this.error('invalid heredoc: the marker must be followed by a newline', start, idEnd);
      return this.finish(Token.Invalid, start, idEnd);
    }
    this.heredocMarker = this.text.slice(i, idEnd);
    this.heredocIndented = indented;
    return this.finish(Token.Heredoc, start, nl + 1);
  }

  /**
   * Scans the next piece of template content. `quoted` selects quoted-string
   * rules (escapes, ends at `"`, no newlines); otherwise heredoc rules when
   * `marker` is set (pieces end after each newline), else standalone-template
   * rules (the JSON syntax's strings: everything up to the end is content).
   */
  scanTemplate(quoted: boolean, marker: string | null): Token {
    const text = this.text;
    const end = this.end;
    const start = this.pos;
    this.strip = false;
    if (start >= end) return this.finish(Token.EOF, end, end);
    if (marker !== null && (start === 0 || text.charCodeAt(start - 1) === CH_LF)) {
      const close = this.heredocCloseAt(start, marker);
      if (close >= 0) {
        this.finish(Token.HeredocEnd, start, close);
        // Trailing white space belongs to the closing line, not to the code after it.
        this.pos = this.resumeAt;
        return this.token;
      }
    }
    let i = start;
    let value = '';
    let segStart = start;
    while (i < end) {
      const c = text.charCodeAt(i);
      if (c === CH_DOLLAR || c === CH_PERCENT) {
        const n = this.at(i + 1);
        if (n === CH_LBRACE) {
          if (i > start) break;
          const strip = this.at(i + 2) === CH_TILDE;
          this.finish(c === CH_DOLLAR ? Token.TemplateInterp : Token.TemplateControl, i, i + (strip ? 3 : 2));
          this.strip = strip;
          return this.token;
        }
        if (n === c && this.at(i + 2) === CH_LBRACE) {
          // `$${` and `%%{` stand for the literal introducers.
          value += text.slice(segStart, i + 1);
          i += 2;
          segStart = i;
          continue;
        }
        i++;
        continue;
      }
      if (quoted) {
        if (c === CH_QUOTE) {
          if (i > start) break;
          return this.finish(Token.CQuote, i, i + 1);
        }
        if (c === CH_LF || (c === CH_CR && this.at(i + 1) === CH_LF)) {
          if (i > start) break;
          return this.finish(Token.Unterminated, i, i);
        }
        if (c === CH_BACKSLASH) {
          value += text.slice(segStart, i);
          i = this.scanEscape(i);
          value += this.literalValue;
          segStart = i;
          continue;
        }
        i++;
        continue;
      }
      i++;
      if (c === CH_LF && marker !== null) break;
    }
    this.literalValue = segStart === start ? text.slice(start, i) : value + text.slice(segStart, i);
    return this.finish(Token.TemplateLiteral, start, i);
  }

  /**
   * If the line at `lineStart` closes the heredoc, the offset after the marker
   * (the scanner then resumes at the line's end); else -1. HashiCorp's scanner
   * compares the whole line with `bytes.TrimSpace` applied, so white space
   * before and after the marker is allowed (Go's `unicode.IsSpace`, see
   * `isLineSpace`); the line must still end with a newline, even at the end of
   * the file.
   */
  private heredocCloseAt(lineStart: number, marker: string): number {
    const text = this.text;
    let i = lineStart;
    while (i < this.end && isLineSpace(text.charCodeAt(i))) i++;
    if (!text.startsWith(marker, i)) return -1;
    const after = i + marker.length;
    if (after > this.end) return -1;
    let lineEnd = after;
    while (lineEnd < this.end && isLineSpace(text.charCodeAt(lineEnd))) lineEnd++;
    const c = this.at(lineEnd);
    if (c !== CH_LF && !(c === CH_CR && this.at(lineEnd + 1) === CH_LF)) return -1;
    this.resumeAt = lineEnd;
    return after;
  }

  /** Reads one escape sequence at `i` (a backslash) into `literalValue`; returns the offset after it. */
  private scanEscape(i: number): number {
    const c = this.at(i + 1);
    switch (c) {
      case 110: // n
        this.literalValue = '\n';
        return i + 2;
      case 114: // r
        this.literalValue = '\r';
        return i + 2;
      case 116: // t
        this.literalValue = '\t';
        return i + 2;
      case CH_QUOTE:
        this.literalValue = '"';
        return i + 2;
      case CH_BACKSLASH:
        this.literalValue = '\\';
        return i + 2;
      case 117: // u
      case 85: {
        // U
        const digits = c === 117 ? 4 : 8;
        let j = i + 2;
        while (j < i + 2 + digits && j < this.end && isHexDigit(this.text.charCodeAt(j))) j++;
        if (j - (i + 2) !== digits) {
          this.error(`invalid escape sequence: \\${c === 117 ? 'u' : 'U'} needs ${digits} hexadecimal digits`, i, j);
          this.literalValue = '';
          return j;
        }
        const cp = parseInt(this.text.slice(i + 2, j), 16);
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
          this.error('invalid escape sequence: not a valid Unicode character', i, j);
          this.literalValue = '';
        } else {
          this.literalValue = String.fromCodePoint(cp);
        }
        return j;
      }
      default: {
        if (c === 0 || c === CH_LF || c === CH_CR) {
          this.error('invalid escape sequence: a backslash must be followed by an escape character', i, i + 1);
          this.literalValue = '';
          return i + 1;
        }
        const width = c >= 0xd800 && c <= 0xdbff ? 2 : 1;
        this.error(`invalid escape sequence "\\${this.text.slice(i + 1, i + 1 + width)}"`, i, i + 1 + width);
        this.literalValue = '';
        return i + 1 + width;
      }
    }
  }
}
