/**
 * Finds the members of a JSON object and the elements of a JSON array in a
 * byte buffer without building their values, so a large plan is parsed piece
 * by piece: `JSON.parse` runs on each resource change alone, and the members
 * the review does not use (`planned_values`, `prior_state`: copies of what
 * `resource_changes` holds) are stepped over without being materialised.
 *
 * This is a structural scanner, not a parser: it follows strings (with their
 * escapes) and brackets to find where a value ends. Every slice the reader
 * keeps is then parsed by `JSON.parse`, which validates it; a skipped value is
 * checked only for balanced brackets and terminated strings.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/**
 * Deeper values are refused: Terraform's values nest a few levels per nested
 * block, and what is kept is walked recursively (JSON.parse, the marks), which
 * a hostile file must not be able to push past the stack.
 */
export const MAX_NESTING = 512;

/** Why the scan stopped; `offset` is a byte offset into the buffer. */
export class JsonSliceError extends Error {
  constructor(
    readonly kind: 'truncated' | 'syntax' | 'too-deep',
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export interface JsonSlice {
  start: number;
  end: number;
}

export interface JsonMember extends JsonSlice {
  key: string;
}

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

export function skipSpace(bytes: Buffer, pos: number): number {
  while (pos < bytes.length && isSpace(bytes[pos]!)) pos++;
  return pos;
}

function truncated(at: number): JsonSliceError {
  return new JsonSliceError('truncated', at, 'the JSON ends early');
}

function describeByte(byte: number): string {
  return byte >= 0x20 && byte < 0x7f ? `'${String.fromCharCode(byte)}'` : `byte 0x${byte.toString(16).padStart(2, '0')}`;
}

/** The offset just past the string that starts at `pos` (on its opening quote). */
function skipString(bytes: Buffer, pos: number): number {
  let from = pos + 1;
  for (;;) {
    // Buffer.indexOf is native: long strings (policy documents, user data) are crossed at memchr speed.
    const quote = bytes.indexOf(QUOTE, from);
    if (quote < 0) throw truncated(bytes.length);
    let backslashes = 0;
    while (bytes[quote - 1 - backslashes] === BACKSLASH) backslashes++;
    if (backslashes % 2 === 0) return quote + 1;
    from = quote + 1;
  }
}

/** The offset just past the value that starts at `pos` (after any space). */
export function skipValue(bytes: Buffer, pos: number): number {
  if (pos >= bytes.length) throw truncated(pos);
  const first = bytes[pos]!;
  if (first === QUOTE) return skipString(bytes, pos);
  if (first !== OPEN_BRACE && first !== OPEN_BRACKET) {
    // A number, true, false or null: up to the next delimiter; JSON.parse judges it when it is kept.
    let end = pos;
    while (end < bytes.length) {
      const byte = bytes[end]!;
      if (byte === COMMA || byte === CLOSE_BRACE || byte === CLOSE_BRACKET || isSpace(byte)) break;
      if (byte === QUOTE || byte === OPEN_BRACE || byte === OPEN_BRACKET || byte === COLON) {
        throw new JsonSliceError('syntax', end, `unexpected ${describeByte(byte)}`);
      }
      end++;
    }
    if (end === pos) throw new JsonSliceError('syntax', pos, `unexpected ${describeByte(first)}`);
    return end;
  }
  // Containers: a stack of the closers expected, so `[}` is caught and not miscounted.
  const closers: number[] = [first === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET];
  let at = pos + 1;
  while (closers.length > 0) {
    if (at >= bytes.length) throw truncated(at);
    const byte = bytes[at]!;
    if (byte === QUOTE) {
      at = skipString(bytes, at);
      continue;
    }
    if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
      if (closers.length >= MAX_NESTING) throw new JsonSliceError('too-deep', at, `values nested more than ${MAX_NESTING} levels deep`);
      closers.push(byte === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET);
    } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
      if (closers.pop() !== byte) throw new JsonSliceError('syntax', at, `unexpected ${describeByte(byte)}`);
    }
    at++;
  }
  return at;
}

/** Parses the bytes of one slice; the scanner has found its bounds, JSON.parse judges its content. */
export function parseSlice(bytes: Buffer, slice: JsonSlice): unknown {
  try {
    return JSON.parse(bytes.toString('utf8', slice.start, slice.end));
  } catch (e) {
    if (e instanceof SyntaxError) throw new JsonSliceError('syntax', slice.start, 'not a valid JSON value');
    throw e;
  }
}

/** What kind of value a slice holds, from its first byte (without parsing a value that may be large). */
export function describeSlice(bytes: Buffer, slice: JsonSlice): string {
  switch (bytes[slice.start]) {
    case OPEN_BRACE:
      return 'an object';
    case OPEN_BRACKET:
      return 'an array';
    case QUOTE:
      return 'a string';
    case 0x74: // t
    case 0x66: // f
      return 'a boolean';
    case 0x6e: // n
      return 'null';
    default:
      return 'a number';
  }
}

/** Whether the slice is JSON null (Go's nil slices and maps print as null). */
export function isNullSlice(bytes: Buffer, slice: JsonSlice): boolean {
  return slice.end - slice.start === 4 && bytes.toString('latin1', slice.start, slice.end) === 'null';
}

/**
 * The members of the object that starts at `pos`, each with its value's byte
 * range; values are not parsed. `object.end` is set past the closing brace.
 * `scanValue` may walk a member's value itself (and return where it ends), so
 * a large value is crossed once rather than skipped and then walked again.
 */
export function* objectMembers(
  bytes: Buffer,
  pos: number,
  object?: { end: number },
  scanValue?: (key: string, start: number) => number | undefined,
): Generator<JsonMember> {
  if (bytes[pos] !== OPEN_BRACE) throw new JsonSliceError('syntax', pos, 'expected an object');
  let at = skipSpace(bytes, pos + 1);
  if (at >= bytes.length) throw truncated(at);
  if (bytes[at] === CLOSE_BRACE) {
    if (object) object.end = at + 1;
    return;
  }
  for (;;) {
    if (at >= bytes.length) throw truncated(at);
    if (bytes[at] !== QUOTE) throw new JsonSliceError('syntax', at, `expected a member name, found ${describeByte(bytes[at]!)}`);
    const keyEnd = skipString(bytes, at);
    const key = parseSlice(bytes, { start: at, end: keyEnd }) as string;
    at = skipSpace(bytes, keyEnd);
    if (at >= bytes.length) throw truncated(at);
    if (bytes[at] !== COLON) throw new JsonSliceError('syntax', at, `expected ':' after "${key}"`);
    const start = skipSpace(bytes, at + 1);
    const end = scanValue?.(key, start) ?? skipValue(bytes, start);
    yield { key, start, end };
    at = skipSpace(bytes, end);
    if (at >= bytes.length) throw truncated(at);
    if (bytes[at] === CLOSE_BRACE) {
      if (object) object.end = at + 1;
      return;
    }
    if (bytes[at] !== COMMA) throw new JsonSliceError('syntax', at, `expected ',' or '}', found ${describeByte(bytes[at]!)}`);
    at = skipSpace(bytes, at + 1);
  }
}

/** The elements of the array that starts at `pos`, each as a byte range; elements are not parsed. `array.end` is set past `]`. */
export function* arrayElements(bytes: Buffer, pos: number, array?: { end: number }): Generator<JsonSlice> {
  if (bytes[pos] !== OPEN_BRACKET) throw new JsonSliceError('syntax', pos, 'expected an array');
  let at = skipSpace(bytes, pos + 1);
  if (at >= bytes.length) throw truncated(at);
  if (bytes[at] === CLOSE_BRACKET) {
    if (array) array.end = at + 1;
    return;
  }
  for (;;) {
    const end = skipValue(bytes, at);
    yield { start: at, end };
    at = skipSpace(bytes, end);
    if (at >= bytes.length) throw truncated(at);
    if (bytes[at] === CLOSE_BRACKET) {
      if (array) array.end = at + 1;
      return;
    }
    if (bytes[at] !== COMMA) throw new JsonSliceError('syntax', at, `expected ',' or ']', found ${describeByte(bytes[at]!)}`);
    at = skipSpace(bytes, at + 1);
  }
}

/** The line and column (1-based) of a byte offset, for messages. */
export function lineAndColumn(bytes: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  let at = bytes.indexOf(0x0a, 0);
  while (at >= 0 && at < offset) {
    line++;
    lineStart = at + 1;
    at = bytes.indexOf(0x0a, at + 1);
  }
  return { line, column: offset - lineStart + 1 };
}
