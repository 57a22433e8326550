import { describe, expect, it } from 'vitest';
import { inertJson, inertText } from '../../server/src/engine/inert-text.js';

// The specification, written out here (not imported from the code under test): every control character as
// Terraform writes it in a string, and the `[` of `##[` escaped — `[` preceded, in the text as given, by `##`.
const C0 = /[\u0000-\u001f]/u;
const OTHER = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;
const LONE_SURROGATE = /[\ud800-\udfff]/u;
const SHORT: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
const escape = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

function specified(text: string, active: (c: string) => boolean, short: boolean): string {
  // Code points (a surrogate pair is one, a lone surrogate is one), looking back at the text as given for `##[`.
  let out = '';
  const points = [...text];
  for (let i = 0; i < points.length; i++) {
    const c = points[i]!;
    if (c === '[' && points[i - 1] === '#' && points[i - 2] === '#') out += '\\u005b';
    else if (active(c)) out += (short && SHORT[c]) || escape(c);
    else out += c;
  }
  return out;
}

const textSpec = (text: string) => specified(text, (c) => C0.test(c) || OTHER.test(c) || LONE_SURROGATE.test(c), true);
const jsonSpec = (text: string) => specified(text, (c) => OTHER.test(c), false);

/** Every string of up to `length` characters over `alphabet`. */
function* strings(alphabet: readonly string[], length: number): Generator<string> {
  yield '';
  let level = [''];
  for (let n = 1; n <= length; n++) {
    const next: string[] = [];
    for (const prefix of level) for (const c of alphabet) next.push(prefix + c);
    yield* next;
    level = next;
  }
}

// `#` and `[` around every kind of character the passes treat: a C0 control, a short escape, a C1 control, a
// bidi override, a lone high and low surrogate, a surrogate pair (one code point, left alone), a plain letter.
const ALPHABET = ['#', '[', 'a', '\u0001', '\n', '\u0085', '\u202e', '\ud800', '\udc00', '\ud83d\ude00'];

describe('inert text', () => {
  it('escapes exactly what the specification says, for every short string around `##[`', () => {
    let checked = 0;
    for (const s of strings(ALPHABET, 4)) {
      expect(inertText(s), JSON.stringify(s)).toBe(textSpec(s));
      expect(inertJson(s), JSON.stringify(s)).toBe(jsonSpec(s));
      checked++;
    }
    expect(checked).toBe(11111);
  });

  it('escapes every `[` after `##`, however many markers and hashes there are', () => {
    expect(inertText('###[x##[##[')).toBe('###\\u005bx##\\u005b##\\u005b');
    expect(inertJson('"##[error]" "#[" "# #["')).toBe('"##\\u005berror]" "#[" "# #["');
    expect(inertText('##\n[')).toBe('##\\n[');
  });

  it('keeps what the caller asks for, but never the marker', () => {
    expect(inertText('a\nb ##[c', '\n')).toBe('a\nb ##\\u005bc');
  });
});
