/**
 * Text the reviewed code supplies (a Terraform string quoted in a message, a
 * file name) made inert for where the tool prints it: a terminal, a CI log, a
 * rendered report. Two things in such text can act instead of being read:
 *
 * - control characters: C0 controls (a newline starts a line of the
 *   attacker's choosing; ESC starts colour, cursor and OSC 8 hyperlink
 *   sequences; BEL, NUL, backspace), DEL and the C1 controls (CSI and OSC
 *   among them), the line and paragraph separators U+2028/U+2029, the
 *   bidirectional marks, embeddings, overrides and isolates that reorder what
 *   is shown ("Trojan Source"), and lone surrogates (not text at all);
 * - GitHub workflow commands: a line that starts, after blanks, with `::`
 *   (`::error …::`, `::stop-commands::…`), and the legacy form `##[command]`,
 *   which the Actions runner recognises anywhere in a line.
 */

/** DEL, C1, the Arabic letter mark, LRM/RLM, U+2028/U+2029, bidi embeddings, overrides and isolates. */
const OTHER_CONTROLS = '\\u{7f}-\\u{9f}\\u{61c}\\u{200e}\\u{200f}\\u{2028}-\\u{202e}\\u{2066}-\\u{2069}';
/** GitHub's legacy workflow command marker, `##[`. */
const LEGACY_COMMAND = '##\\[';
/** The marker as printed: its `[` escaped. */
const INERT_LEGACY_COMMAND = '##\\u005b';
/**
 * Every control character, and `##[` (its `[` is escaped, which breaks the legacy command marker). The marker
 * is matched whole, not as a `[` after a lookbehind: a lookbehind tried at every position tripled the time of
 * a large report's pass (a 7.7 MB SARIF document: 25 ms, now 8 ms).
 */
const ACTIVE_TEXT = new RegExp(`[\\u{0}-\\u{1f}${OTHER_CONTROLS}\\u{d800}-\\u{dfff}]|${LEGACY_COMMAND}`, 'gu');
/** What JSON.stringify leaves raw (it escapes C0 controls and lone surrogates itself; its own line breaks are layout). */
const ACTIVE_IN_JSON = new RegExp(`[${OTHER_CONTROLS}]|${LEGACY_COMMAND}`, 'gu');
/** A line a CI runner takes for a workflow command (it trims leading blanks first). */
const COMMAND_LINE_START = /^(\s*:)(?=:)/;

const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * The text with every control character written as an escape — `\n`, `\r`,
 * `\t`, else `\uXXXX` — the way Terraform itself writes it in a string, so
 * that what is printed is inert text that still says what was there; `##[`
 * becomes `##\u005b`. `keep` lists control characters the caller's format
 * uses itself (a multi-line answer key in a score report).
 */
export function inertText(text: string, keep = ''): string {
  return text.replace(ACTIVE_TEXT, (c) => (c === '##[' ? INERT_LEGACY_COMMAND : keep.includes(c) ? c : (SHORT_ESCAPES[c] ?? unicodeEscape(c))));
}

/**
 * JSON text (as JSON.stringify writes it) with what JSON.stringify leaves raw
 * — DEL, C1, U+2028/U+2029, bidirectional controls, `##[` — written as
 * `\uXXXX` escapes. Those occur only inside JSON strings, where the escape
 * means the same character: the data is unchanged, and a terminal or CI log
 * that shows the document shows inert text.
 */
export function inertJson(json: string): string {
  return json.replace(ACTIVE_IN_JSON, (c) => (c === '##[' ? INERT_LEGACY_COMMAND : unicodeEscape(c)));
}

/**
 * A printed line that begins with text from the input (a file name): when it
 * would start with `::`, its first colon is written `\u003a`, so the line is
 * never read as a workflow command.
 */
export function inertLineStart(line: string): string {
  return line.replace(COMMAND_LINE_START, (prefix) => `${prefix.slice(0, -1)}\\u003a`);
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
