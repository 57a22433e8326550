/**
 * A small JSON parser that keeps offsets, so that a finding about one
 * statement of a policy written as a JSON string or heredoc can point at that
 * statement. It also understands placeholders for template interpolations
 * whose value is unknown (`"Resource": "${aws_s3_bucket.b.arn}/*"`): the rest
 * of the document stays readable and only the affected strings are unknown.
 */

/** Start of a placeholder; followed by its decimal id and PLACEHOLDER_END. */
export const PLACEHOLDER_START = '\uE000';
export const PLACEHOLDER_END = '\uE001';

export function placeholder(id: number): string {
  return `${PLACEHOLDER_START}${id}${PLACEHOLDER_END}`;
}

interface NodeBase {
  /** Offsets into the parsed text, end exclusive. */
  start: number;
  end: number;
}

export interface JsonObjectNode extends NodeBase {
  kind: 'object';
  entries: { key: string; keyStart: number; value: JsonNode }[];
}

export interface JsonArrayNode extends NodeBase {
  kind: 'array';
  items: JsonNode[];
}

export interface JsonStringNode extends NodeBase {
  kind: 'string';
  /** Decoded value; may contain placeholders. */
  value: string;
}

export interface JsonScalarNode extends NodeBase {
  kind: 'number' | 'boolean' | 'null';
  value: number | boolean | null;
}

/** A placeholder standing where a whole JSON value was expected. */
export interface JsonPlaceholderNode extends NodeBase {
  kind: 'placeholder';
  id: number;
}

export type JsonNode = JsonObjectNode | JsonArrayNode | JsonStringNode | JsonScalarNode | JsonPlaceholderNode;

export type JsonParseResult = { ok: true; node: JsonNode } | { ok: false; message: string; offset: number };

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function parseJsonWithOffsets(text: string): JsonParseResult {
  const parser = new Parser(text);
  try {
    parser.skipSpace();
    const node = parser.value();
    parser.skipSpace();
    if (parser.pos < text.length) throw new JsonSyntaxError('unexpected text after the JSON value', parser.pos);
    return { ok: true, node };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { ok: false, message: e.message, offset: e.offset };
    throw e;
  }
}

/** The text span to underline for a syntax error: the character at `offset`, or the last one at the end of the text. */
export function syntaxErrorSpan(text: string, offset: number): [number, number] {
  const start = Math.max(0, Math.min(offset, text.length - 1));
  return [start, start + 1];
}

/**
 * Why a fully known policy text could not be read, for the checklist:
 * the parser's message with its line and column in the policy text, and
 * what AWS does with such a document.
 */
export function describeSyntaxError(text: string, error: { message: string; offset: number }): string {
  const before = text.slice(0, error.offset);
  const line = before.split('\n').length;
  const column = error.offset - (before.lastIndexOf('\n') + 1) + 1;
  return `the policy is not valid JSON (${error.message} at line ${line}, column ${column} of the policy text), and AWS rejects a malformed policy document when it is applied`;
}

/** Ids of the placeholders inside a decoded string, in order. */
export function placeholdersIn(value: string): number[] {
  const ids: number[] = [];
  const re = /\uE000(\d+)\uE001/g;
  for (let m = re.exec(value); m; m = re.exec(value)) ids.push(Number(m[1]));
  return ids;
}

class Parser {
  pos = 0;

  constructor(private readonly text: string) {}

  skipSpace(): void {
    const t = this.text;
    while (this.pos < t.length) {
      const c = t.charCodeAt(this.pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) this.pos++;
      else break;
    }
  }

  value(): JsonNode {
    const t = this.text;
    const start = this.pos;
    const c = t[this.pos];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') {
      const value = this.string();
      return { kind: 'string', value, start, end: this.pos };
    }
    if (c === PLACEHOLDER_START) {
      const close = t.indexOf(PLACEHOLDER_END, this.pos);
      if (close < 0) throw new JsonSyntaxError('unterminated placeholder', this.pos);
      const id = Number(t.slice(this.pos + 1, close));
      this.pos = close + 1;
      return { kind: 'placeholder', id, start, end: this.pos };
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (t.startsWith(word, this.pos)) {
        this.pos += word.length;
        return { kind: value === null ? 'null' : 'boolean', value, start, end: this.pos };
      }
    }
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(t.slice(this.pos, this.pos + 64));
    if (m) {
      this.pos += m[0].length;
      return { kind: 'number', value: Number(m[0]), start, end: this.pos };
    }
    throw new JsonSyntaxError(c === undefined ? 'unexpected end of the JSON text' : `unexpected ${JSON.stringify(c)}`, this.pos);
  }

  private object(): JsonObjectNode {
    const start = this.pos;
    this.pos++;
    const entries: JsonObjectNode['entries'] = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', entries, start, end: this.pos };
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') throw new JsonSyntaxError('expected a quoted property name', this.pos);
      const keyStart = this.pos;
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') throw new JsonSyntaxError('expected ":" after a property name', this.pos);
      this.pos++;
      this.skipSpace();
      const value = this.value();
      entries.push({ key, keyStart, value });
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === '}') {
        this.pos++;
        return { kind: 'object', entries, start, end: this.pos };
      }
      throw new JsonSyntaxError('expected "," or "}"', this.pos);
    }
  }

  private array(): JsonArrayNode {
    const start = this.pos;
    this.pos++;
    const items: JsonNode[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', items, start, end: this.pos };
    }
    for (;;) {
      this.skipSpace();
      items.push(this.value());
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ']') {
        this.pos++;
        return { kind: 'array', items, start, end: this.pos };
      }
      throw new JsonSyntaxError('expected "," or "]"', this.pos);
    }
  }

  private string(): string {
    const t = this.text;
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      const c = t[this.pos];
      if (c === undefined) throw new JsonSyntaxError('unterminated string', start);
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\\') {
        const e = t[this.pos + 1];
        const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
        if (e !== undefined && simple[e] !== undefined) {
          out += simple[e];
          this.pos += 2;
          continue;
        }
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(t.slice(this.pos + 2, this.pos + 6))) {
          out += String.fromCharCode(parseInt(t.slice(this.pos + 2, this.pos + 6), 16));
          this.pos += 6;
          continue;
        }
        throw new JsonSyntaxError('invalid escape in a string', this.pos);
      }
      out += c;
      this.pos++;
    }
  }
}
