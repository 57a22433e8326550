import { inertJson } from '../../engine/inert-text.js';

/**
 * A JSON document as the CLI prints it: indented, one trailing newline, and
 * no raw control character even where JSON allows one (bidi overrides, C1,
 * U+2028 inside strings), so printing the report to a terminal or a CI log
 * is as safe as parsing it.
 */
export function jsonText(value: unknown): string {
  return inertJson(JSON.stringify(value, null, 2)) + '\n';
}
