/**
 * Resource instance addresses as Terraform writes them in a plan
 * (`module.a["x"].module.b[0].data.aws_iam_policy_document.p["k"]`). A
 * `for_each` key is a quoted string (instance-key-string.ts) and may hold
 * dots, brackets and quotes, so the address is scanned once, left to right,
 * rather than split.
 */
import { quoteInstanceKey, readQuotedKey } from './instance-key-string.js';

/** One step of the module path: `module.a["x"]` is `{ name: 'a', key: 'x' }`. */
export interface AddressModuleStep {
  name: string;
  /** The module instance key: a number for `count`, a string for `for_each`; absent for a single instance. */
  key?: string | number;
}

export interface ParsedAddress {
  modules: AddressModuleStep[];
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** The resource instance key; absent for a single instance. */
  index?: string | number;
  /** The module instance part as written (`module.a["x"]`); '' for the root module. */
  moduleAddress: string;
  /** The resource without its instance key, with its mode prefix (`aws_s3_bucket.b`, `data.aws_iam_policy_document.p`). */
  resourceKey: string;
}

const enum Char {
  Dot = 0x2e,
  OpenBracket = 0x5b,
  CloseBracket = 0x5d,
  Quote = 0x22,
  Minus = 0x2d,
  Zero = 0x30,
  Nine = 0x39,
}

/** Terraform identifiers: letters, digits, `_` and `-`, not starting with a digit or `-`. */
function isIdentifierChar(code: number, first: boolean): boolean {
  if ((code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || code === 0x5f) return true;
  if (first) return code > 0x7f;
  return (code >= Char.Zero && code <= Char.Nine) || code === Char.Minus || code > 0x7f;
}

/** A cursor over the address; every method advances it or returns undefined without consuming meaningfully. */
class AddressScanner {
  pos = 0;
  constructor(readonly text: string) {}

  atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  identifier(): string | undefined {
    const start = this.pos;
    const text = this.text;
    if (start >= text.length || !isIdentifierChar(text.charCodeAt(start), true)) return undefined;
    let end = start + 1;
    while (end < text.length && isIdentifierChar(text.charCodeAt(end), false)) end++;
    this.pos = end;
    return text.slice(start, end);
  }

  dot(): boolean {
    if (this.text.charCodeAt(this.pos) !== Char.Dot) return false;
    this.pos++;
    return true;
  }

  /** `[0]` or `["key"]`; undefined when there is no bracket here, null when the bracket is malformed. */
  instanceKey(): string | number | undefined | null {
    const text = this.text;
    if (text.charCodeAt(this.pos) !== Char.OpenBracket) return undefined;
    let pos = this.pos + 1;
    let key: string | number;
    if (text.charCodeAt(pos) === Char.Quote) {
      const quoted = readQuotedKey(text, pos);
      if (!quoted) return null;
      key = quoted.key;
      pos = quoted.end;
    } else {
      const start = pos;
      while (pos < text.length && text.charCodeAt(pos) >= Char.Zero && text.charCodeAt(pos) <= Char.Nine) pos++;
      if (pos === start) return null;
      key = Number(text.slice(start, pos));
    }
    if (text.charCodeAt(pos) !== Char.CloseBracket) return null;
    this.pos = pos + 1;
    return key;
  }
}

/**
 * Parses a resource instance address. Returns undefined for text that is not
 * one (a module address alone, a stray character, an unterminated key), so a
 * caller can name the bad address instead of guessing.
 */
export function parseAddress(address: string): ParsedAddress | undefined {
  const scan = new AddressScanner(address);
  const modules = scanModuleSteps(scan);
  if (modules === undefined) return undefined;
  const moduleEnd = modules.length > 0 ? scan.pos - 1 : 0;
  const resourceStart = scan.pos;
  let mode: ParsedAddress['mode'] = 'managed';
  let type = scan.identifier();
  if (type === undefined || !scan.dot()) return undefined;
  if (type === 'data') {
    mode = 'data';
    type = scan.identifier();
    if (type === undefined || !scan.dot()) return undefined;
  }
  const name = scan.identifier();
  if (name === undefined) return undefined;
  const resourceEnd = scan.pos;
  const index = scan.instanceKey();
  if (index === null || !scan.atEnd()) return undefined;
  const parsed: ParsedAddress = {
    modules,
    mode,
    type,
    name,
    moduleAddress: address.slice(0, moduleEnd),
    resourceKey: address.slice(resourceStart, resourceEnd),
  };
  if (index !== undefined) parsed.index = index;
  return parsed;
}

/** Parses a module instance address (`module.a["x"].module.b[0]`); '' is the root module. */
export function parseModuleAddress(address: string): AddressModuleStep[] | undefined {
  if (address === '') return [];
  const scan = new AddressScanner(address + '.');
  const modules = scanModuleSteps(scan);
  return modules !== undefined && scan.atEnd() ? modules : undefined;
}

/**
 * Reads `module.NAME[KEY].` steps, leaving the scanner after the last step's
 * dot (or where it started when there is none); undefined when malformed.
 */
function scanModuleSteps(scan: AddressScanner): AddressModuleStep[] | undefined {
  const modules: AddressModuleStep[] = [];
  for (;;) {
    const stepStart = scan.pos;
    const first = scan.identifier();
    if (first !== 'module' || !scan.dot()) {
      scan.pos = stepStart;
      return modules;
    }
    const name = scan.identifier();
    if (name === undefined) return undefined;
    const key = scan.instanceKey();
    if (key === null) return undefined;
    modules.push(key === undefined ? { name } : { name, key });
    if (!scan.dot()) return undefined;
  }
}

/** Writes an instance key as Terraform does: `[0]`, `["a.b"]`, `["$${x}"]`. */
export function formatInstanceKey(key: string | number): string {
  return typeof key === 'number' ? `[${key}]` : `[${quoteInstanceKey(key)}]`;
}

/** The module path of a module instance address without its keys: `module.a["x"].module.b[0]` → `module.a.module.b`. */
export function moduleConfigPath(modules: readonly AddressModuleStep[]): string {
  return modules.map((step) => `module.${step.name}`).join('.');
}
