import { isUtf8 } from 'node:buffer';
import { inertText } from '../inert-text.js';

/**
 * Turns a plan file's bytes into UTF-8 JSON bytes, or says why they are not
 * plan JSON. Windows PowerShell's `>` writes UTF-16LE with a byte order mark
 * (`terraform show -json tfplan > plan.json` there), so UTF-16 with a BOM is
 * decoded rather than refused: the user did what the documentation says.
 */
export type PlanBytes = { ok: true; bytes: Buffer } | { ok: false; error: string };

export const SHOW_JSON_HINT = 'run `terraform show -json tfplan > plan.json` (or `tofu show -json tfplan > plan.json`) and pass plan.json';

export function planBytes(raw: Buffer): PlanBytes {
  let bytes = raw;
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    bytes = Buffer.from(new TextDecoder('utf-16le').decode(bytes.subarray(2)), 'utf8');
  } else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    bytes = Buffer.from(new TextDecoder('utf-16be').decode(bytes.subarray(2)), 'utf8');
  } else if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bytes = bytes.subarray(3);
  } else if (bytes.length >= 2 && bytes[0] !== 0 && bytes[1] === 0) {
    // UTF-16LE without a BOM (`Out-File -Encoding unicode` variants): JSON starts with an ASCII character.
    bytes = Buffer.from(new TextDecoder('utf-16le').decode(bytes), 'utf8');
  }
  let first = 0;
  while (first < bytes.length && (bytes[first] === 0x20 || bytes[first] === 0x0a || bytes[first] === 0x0d || bytes[first] === 0x09)) first++;
  if (first === bytes.length) return { ok: false, error: `the file is empty; ${SHOW_JSON_HINT}` };
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return {
      ok: false,
      error: `this is a binary plan file (what \`terraform plan -out\` writes), not its JSON; ${SHOW_JSON_HINT}`,
    };
  }
  if (!isUtf8(bytes) || bytes.subarray(0, 8192).includes(0)) {
    return { ok: false, error: `not JSON: the file is binary or not UTF-8 text; ${SHOW_JSON_HINT}` };
  }
  const opening = bytes[first]!;
  if (opening !== 0x7b) {
    if (opening === 0x5b || opening === 0x22 || opening === 0x2d || (opening >= 0x30 && opening <= 0x39)) {
      return { ok: false, error: `not a plan JSON: expected an object, the JSON is ${opening === 0x5b ? 'an array' : 'a single value'}; ${SHOW_JSON_HINT}` };
    }
    const start = bytes.toString('utf8', first, Math.min(bytes.length, first + 40)).split(/\r?\n/)[0];
    return {
      ok: false,
      error: `not JSON: it starts with "${inertText(start ?? '')}" (the text output of \`terraform plan\` or \`terraform show\`?); ${SHOW_JSON_HINT}`,
    };
  }
  return { ok: true, bytes };
}
