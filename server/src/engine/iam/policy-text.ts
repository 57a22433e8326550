import type { Expression, TemplateExpr } from '../parse/ast.js';
import { offsetAt, type Position, type PositionedText } from '../range.js';

/**
 * The text of a policy written as a string literal or heredoc, with the
 * source offset of every character, so a statement found in it can be
 * placed where it was written. Interpolations whose value is known are
 * spliced in (their characters map to the interpolation); unknown ones
 * become placeholders (see policy-json.ts).
 */
export interface MappedText {
  text: string;
  /** Source offset of each character of `text`, plus one entry for the end. */
  offsets: number[];
}

/**
 * Builds the mapped text of a template. `interpolate` returns the text of an
 * interpolation or a placeholder for an unknown one. Undefined when the
 * template holds `%{if}`/`%{for}` directives or the literal text cannot be
 * lined up with the source.
 */
export function mapTemplateText(
  expr: TemplateExpr,
  source: PositionedText,
  interpolate: (expr: Expression) => string | undefined,
): MappedText | undefined {
  let text = '';
  const offsets: number[] = [];
  const at = (p: Position) => offsetAt(source.lineStarts, p);
  let end = at(expr.range.start);
  for (const part of expr.parts) {
    if (part.kind === 'TemplateLiteral') {
      const start = at(part.range.start);
      const raw = source.text.slice(start, at(part.range.end));
      const aligned = alignLiteral(raw, part.value, expr.heredoc === undefined);
      if (!aligned) return undefined;
      text += part.value;
      for (let k = 0; k < part.value.length; k++) offsets.push(start + aligned[k]!);
      end = start + aligned[part.value.length]!;
    } else if (part.kind === 'TemplateInterpolation') {
      const value = interpolate(part.expr);
      if (value === undefined) return undefined;
      text += value;
      const start = at(part.range.start);
      for (let i = 0; i < value.length; i++) offsets.push(start);
      end = at(part.range.end);
    } else {
      return undefined;
    }
  }
  offsets.push(end);
  return { text, offsets };
}

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

/**
 * Offsets into `raw` (the source text of a literal part) of each character
 * of `value` (the same part after escape processing and heredoc indentation
 * stripping). Characters present in the source map to themselves; escapes
 * (`\"`, `\n`, `\u00e9`, `$${`) map to where they start.
 */
export function alignLiteral(raw: string, value: string, quoted: boolean): number[] | undefined {
  const out: number[] = [];
  let j = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    for (;;) {
      if (j >= raw.length) return undefined;
      if (quoted && raw[j] === '\\') {
        const e = raw[j + 1];
        let decoded: string | undefined;
        let width = 2;
        if (e !== undefined && ESCAPES[e] !== undefined) decoded = ESCAPES[e];
        else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(raw.slice(j + 2, j + 6))) {
          decoded = String.fromCharCode(parseInt(raw.slice(j + 2, j + 6), 16));
          width = 6;
        } else if (e === 'U' && /^[0-9a-fA-F]{8}$/.test(raw.slice(j + 2, j + 10))) {
          decoded = String.fromCodePoint(parseInt(raw.slice(j + 2, j + 10), 16));
          width = 10;
        }
        if (decoded !== undefined && value.startsWith(decoded, i)) {
          for (let k = 0; k < decoded.length; k++) out.push(j);
          i += decoded.length - 1;
          j += width;
          break;
        }
      }
      if (raw[j] === c) {
        out.push(j);
        j++;
        break;
      }
      // Source characters the value does not have: quotes, stripped indentation, the first `$` of `$${`.
      j++;
    }
  }
  out.push(j);
  return out;
}
