/**
 * String instance keys as Terraform writes them in addresses
 * (`aws_s3_bucket.b["a.b"]`): an HCL quoted string, not JSON. Terraform 1.x
 * escapes `\n \r \t \" \\`, writes other non-printable characters as
 * `\uXXXX` or `\UXXXXXXXX`, and doubles `$` and `%` before `{` (`$${`), so the
 * key reads back as a literal and not as a template; Terraform 0.12–0.14 used
 * Go's `%q`, whose extra escapes (`\a \b \f \v \xNN`) are read too.
 */

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v', '/': '/' };
const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };

/**
 * Reads the quoted key that starts at `start` (on its opening quote). Returns
 * the key and the offset after the closing quote, or undefined when the text
 * is not a quoted string. One pass, left to right.
 */
export function readQuotedKey(text: string, start: number): { key: string; end: number } | undefined {
  if (text[start] !== '"') return undefined;
  let key = '';
  let runStart = start + 1;
  let at = runStart;
  while (at < text.length) {
    const c = text[at]!;
    if (c === '"') return { key: key + text.slice(runStart, at), end: at + 1 };
    if (c === '\\') {
      key += text.slice(runStart, at);
      const escape = text[at + 1];
      if (escape === undefined) return undefined;
      const simple = SIMPLE_ESCAPES[escape];
      const digits = HEX_DIGITS[escape];
      if (simple !== undefined) {
        key += simple;
        at += 2;
      } else if (digits !== undefined) {
        const hex = text.slice(at + 2, at + 2 + digits);
        if (hex.length !== digits || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
        const code = parseInt(hex, 16);
        if (code > 0x10ffff) return undefined;
        key += String.fromCodePoint(code);
        at += 2 + digits;
      } else {
        return undefined;
      }
      runStart = at;
    } else if ((c === '$' || c === '%') && text[at + 1] === c && text[at + 2] === '{') {
      // `$${` is a literal `${`: keep one of the two.
      key += text.slice(runStart, at + 1);
      at += 2;
      runStart = at;
    } else {
      at++;
    }
  }
  return undefined;
}

/** Printable in Go's sense (`unicode.IsPrint`): letters, marks, numbers, punctuation, symbols and the ASCII space. */
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** Writes a key as Terraform does, so an address built here equals the one in the plan. */
export function quoteInstanceKey(key: string): string {
  let out = '"';
  const chars = [...key];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (c === '\t') out += '\\t';
    else if (c === '"') out += '\\"';
    else if (c === '\\') out += '\\\\';
    else if ((c === '$' || c === '%') && chars[i + 1] === '{') out += c + c;
    else if (PRINTABLE.test(c)) out += c;
    else {
      const code = c.codePointAt(0)!;
      out += code < 0x10000 ? `\\u${code.toString(16).padStart(4, '0')}` : `\\U${code.toString(16).padStart(8, '0')}`;
    }
  }
  return `${out}"`;
}
