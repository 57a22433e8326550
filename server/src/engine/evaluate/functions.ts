import { resolve } from 'node:path';
import type { CallExpr, Expression, SourceFile } from '../parse/ast.js';
import type { Location } from '../range.js';
import { MAX_FUNCTION_FILE_BYTES, type FileHost } from '../host.js';
import { parseTemplateText } from '../parse/template-text.js';
import type { Scope } from './scope.js';
import { valuesEqual } from './equality.js';
import {
  asString,
  bool,
  fromJson,
  isWhollyKnown,
  num,
  object,
  str,
  toJson,
  tuple,
  unknown,
  type ObjectValue,
  type Value,
} from './value.js';

export interface FunctionHost {
  host: FileHost;
  /** Directory relative paths in file()/templatefile() resolve against. */
  baseDir: string;
  evaluate(expr: Expression, file: SourceFile, scope: Scope): Value;
}

type Impl = (args: Value[], origin: Location, fh: FunctionHost) => Value;

function failed(reason: string, origin: Location): Value {
  return { kind: 'unknown', reason, failed: true, origin };
}

/** The first unknown argument, which makes the result unknown too. */
function unknownArg(args: Value[], origin: Location): Value | undefined {
  for (const a of args) {
    if (a.kind === 'unknown') return { kind: 'unknown', reason: a.reason, origin, ...(a.failed ? { failed: true } : {}) };
  }
  return undefined;
}

function stringArg(v: Value | undefined): string | undefined {
  return v ? asString(v) : undefined;
}

/** Terraform's jsonencode: object keys sorted, `<`, `>`, `&` escaped as Go does. */
export function terraformJsonEncode(data: unknown): string {
  const sortKeys = (d: unknown): unknown => {
    if (Array.isArray(d)) return d.map(sortKeys);
    if (d && typeof d === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(d).sort()) out[k] = sortKeys((d as Record<string, unknown>)[k]);
      return out;
    }
    return d;
  };
  return JSON.stringify(sortKeys(data))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}

function formatValue(verb: string, v: Value, origin: Location): string | Value {
  switch (verb) {
    case 'd': {
      if (v.kind !== 'number') return failed(`format %d needs a number`, origin);
      return String(Math.trunc(v.value));
    }
    case 'f':
    case 'e':
    case 'g':
      if (v.kind !== 'number') return failed(`format %${verb} needs a number`, origin);
      return verb === 'f' ? v.value.toFixed(6) : String(v.value);
    case 't':
      if (v.kind !== 'bool') return failed('format %t needs a bool', origin);
      return String(v.value);
    case 'q': {
      const s = asString(v);
      return s === undefined ? failed('format %q needs a string', origin) : JSON.stringify(s);
    }
    case 's': {
      const s = asString(v);
      return s === undefined ? failed('format %s needs a string', origin) : s;
    }
    case 'v': {
      const s = asString(v);
      if (s !== undefined) return s;
      return terraformJsonEncode(toJson(v));
    }
    default:
      return failed(`format verb %${verb} is not supported`, origin);
  }
}

function format(args: Value[], origin: Location): Value {
  const spec = stringArg(args[0]);
  if (spec === undefined) return failed('format needs a format string', origin);
  let out = '';
  let argIndex = 1;
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const m = /^([-+# 0]*)(\d*)(?:\.(\d+))?([a-z%])/.exec(spec.slice(i + 1));
    if (!m) return failed('invalid format string', origin);
    i += m[0].length;
    const [, flags, width, precision, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    const arg = args[argIndex++];
    if (!arg) return failed('format has more verbs than arguments', origin);
    if (arg.kind === 'unknown') return unknown(arg.reason, origin);
    let piece: string | Value;
    if (verb === 'f' && precision !== undefined && arg.kind === 'number') piece = arg.value.toFixed(Number(precision));
    else piece = formatValue(verb!, arg, origin);
    if (typeof piece !== 'string') return piece;
    const w = width ? Number(width) : 0;
    if (piece.length < w) {
      const pad = (flags!.includes('0') && !flags!.includes('-') ? '0' : ' ').repeat(w - piece.length);
      piece = flags!.includes('-') ? piece + pad : pad + piece;
    }
    out += piece;
  }
  return str(out, origin);
}

/**
 * The text of a file the reviewed code names. The host refuses, links
 * followed, anything outside the workspace or inside its `.git/`, and
 * anything that is not a regular file; then the value is unknown, with the
 * reason (never the refused file's content), as for any other unknown.
 */
function readWorkspaceFile(pathArg: Value, fh: FunctionHost, origin: Location): string | Value {
  const p = asString(pathArg);
  if (p === undefined) return failed('file() needs a path string', origin);
  const read = fh.host.readText(resolve(fh.baseDir, p), MAX_FUNCTION_FILE_BYTES, 'workspace');
  if (!read.ok) return unknown(`file("${p}") is not read: ${read.error}`, origin);
  return read.text;
}

function collectionItems(v: Value): Value[] | undefined {
  if (v.kind === 'tuple') return v.items;
  if (v.kind === 'object') return [...v.entries.values()];
  return undefined;
}

function dedupe(items: Value[]): Value[] {
  const out: Value[] = [];
  for (const item of items) if (!out.some((o) => valuesEqual(o, item) === true)) out.push(item);
  return out;
}

const FUNCTIONS: Record<string, Impl> = {
  merge(args, origin) {
    const entries = new Map<string, Value>();
    for (const a of args) {
      if (a.kind === 'null') continue;
      if (a.kind === 'unknown') return unknown(a.reason, origin);
      if (a.kind !== 'object') return failed('merge() arguments must be maps or objects', origin);
      for (const [k, v] of a.entries) entries.set(k, v);
    }
    return object(entries, origin);
  },
  concat(args, origin) {
    const u = unknownArg(args, origin);
    if (u) return u;
    const items: Value[] = [];
    for (const a of args) {
      if (a.kind !== 'tuple') return failed('concat() arguments must be lists', origin);
      for (const item of a.items) items.push(item);
    }
    return tuple(items, origin);
  },
  lookup(args, origin) {
    const [map, key, fallback] = args;
    if (!map || !key) return failed('lookup() needs a map and a key', origin);
    if (key.kind === 'unknown') return unknown(key.reason, origin);
    if (map.kind === 'unknown') return unknown(map.reason, origin);
    if (map.kind !== 'object') return failed('lookup() needs a map', origin);
    const k = asString(key);
    if (k === undefined) return failed('lookup() key must be a string', origin);
    return map.entries.get(k) ?? fallback ?? failed(`lookup(): no key "${k}" and no default`, origin);
  },
  tomap(args, origin) {
    const [v] = args;
    if (!v) return failed('tomap() needs an argument', origin);
    if (v.kind === 'unknown' || v.kind === 'object') return v;
    return failed('tomap() needs a map or object', origin);
  },
  tolist(args, origin) {
    const [v] = args;
    if (!v) return failed('tolist() needs an argument', origin);
    if (v.kind === 'unknown' || v.kind === 'tuple') return v;
    return failed('tolist() needs a list, set or tuple', origin);
  },
  toset(args, origin) {
    const [v] = args;
    if (!v) return failed('toset() needs an argument', origin);
    if (v.kind === 'unknown') return v;
    if (v.kind !== 'tuple') return failed('toset() needs a list', origin);
    if (!v.items.every(isWhollyKnown)) return tuple(v.items, origin);
    return tuple(dedupe(v.items), origin);
  },
  coalesce(args, origin) {
    for (const a of args) {
      if (a.kind === 'unknown') return unknown(a.reason, origin);
      if (a.kind === 'null' || (a.kind === 'string' && a.value === '')) continue;
      return a;
    }
    return failed('coalesce(): no non-null, non-empty argument', origin);
  },
  coalescelist(args, origin) {
    for (const a of args) {
      if (a.kind === 'unknown') return unknown(a.reason, origin);
      if (a.kind === 'tuple' && a.items.length > 0) return a;
    }
    return failed('coalescelist(): no non-empty list', origin);
  },
  jsonencode(args, origin) {
    const [v] = args;
    if (!v) return failed('jsonencode() needs an argument', origin);
    if (!isWhollyKnown(v)) return unknown(firstReason(v) ?? 'jsonencode() of an unknown value', origin);
    return str(terraformJsonEncode(toJson(v)), origin);
  },
  jsondecode(args, origin) {
    const [v] = args;
    if (!v) return failed('jsondecode() needs an argument', origin);
    if (v.kind === 'unknown') return unknown(v.reason, origin);
    const s = asString(v);
    if (s === undefined) return failed('jsondecode() needs a string', origin);
    try {
      return fromJson(JSON.parse(s), v.origin ?? origin);
    } catch (e) {
      return failed(`jsondecode(): invalid JSON (${(e as Error).message})`, origin);
    }
  },
  format: (args, origin) => format(args, origin),
  join(args, origin) {
    const u = unknownArg(args, origin);
    if (u) return u;
    const sep = stringArg(args[0]);
    if (sep === undefined) return failed('join() needs a separator string', origin);
    const parts: string[] = [];
    for (const list of args.slice(1)) {
      if (list.kind !== 'tuple') return failed('join() needs lists of strings', origin);
      for (const item of list.items) {
        if (item.kind === 'unknown') return unknown(item.reason, origin);
        const s = asString(item);
        if (s === undefined) return failed('join() needs lists of strings', origin);
        parts.push(s);
      }
    }
    return str(parts.join(sep), origin);
  },
  lower: stringFunction((s) => s.toLowerCase()),
  upper: stringFunction((s) => s.toUpperCase()),
  trimspace: stringFunction((s) => s.trim()),
  title: stringFunction((s) => s.replace(/\b\p{L}/gu, (c) => c.toUpperCase())),
  tostring(args, origin) {
    const [v] = args;
    if (!v) return failed('tostring() needs an argument', origin);
    if (v.kind === 'unknown' || v.kind === 'null') return v;
    const s = asString(v);
    return s === undefined ? failed('tostring() needs a primitive value', origin) : str(s, v.origin ?? origin);
  },
  tonumber(args, origin) {
    const [v] = args;
    if (!v) return failed('tonumber() needs an argument', origin);
    if (v.kind === 'unknown' || v.kind === 'null' || v.kind === 'number') return v;
    const n = v.kind === 'string' ? Number(v.value) : NaN;
    return Number.isNaN(n) ? failed('tonumber(): not a number', origin) : num(n, v.origin ?? origin);
  },
  tobool(args, origin) {
    const [v] = args;
    if (!v) return failed('tobool() needs an argument', origin);
    if (v.kind === 'unknown' || v.kind === 'null' || v.kind === 'bool') return v;
    if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return bool(v.value === 'true', v.origin ?? origin);
    return failed('tobool(): not a bool', origin);
  },
  length(args, origin) {
    const [v] = args;
    if (!v) return failed('length() needs an argument', origin);
    if (v.kind === 'unknown') return unknown(v.reason, origin);
    if (v.kind === 'string') return num([...v.value].length, origin);
    if (v.kind === 'tuple') return num(v.items.length, origin);
    if (v.kind === 'object') return num(v.entries.size, origin);
    return failed('length() needs a string or collection', origin);
  },
  keys(args, origin) {
    const [v] = args;
    if (!v) return failed('keys() needs an argument', origin);
    if (v.kind === 'unknown') return unknown(v.reason, origin);
    if (v.kind !== 'object') return failed('keys() needs a map', origin);
    return tuple([...v.entries.keys()].sort().map((k) => str(k)), origin);
  },
  values(args, origin) {
    const [v] = args;
    if (!v) return failed('values() needs an argument', origin);
    if (v.kind === 'unknown') return unknown(v.reason, origin);
    if (v.kind !== 'object') return failed('values() needs a map', origin);
    return tuple([...v.entries.keys()].sort().map((k) => (v as ObjectValue).entries.get(k)!), origin);
  },
  contains(args, origin) {
    const [list, value] = args;
    if (!list || !value) return failed('contains() needs a list and a value', origin);
    if (list.kind === 'unknown') return unknown(list.reason, origin);
    const items = collectionItems(list);
    if (!items) return failed('contains() needs a list', origin);
    let undecided = false;
    for (const item of items) {
      const eq = valuesEqual(item, value);
      if (eq === true) return bool(true, origin);
      if (eq === undefined) undecided = true;
    }
    return undecided ? unknown('contains() over values not fully known', origin) : bool(false, origin);
  },
  element(args, origin) {
    const u = unknownArg(args, origin);
    if (u) return u;
    const [list, index] = args;
    if (list?.kind !== 'tuple' || index?.kind !== 'number') return failed('element() needs a list and a number', origin);
    if (list.items.length === 0) return failed('element() of an empty list', origin);
    const i = ((Math.trunc(index.value) % list.items.length) + list.items.length) % list.items.length;
    return list.items[i]!;
  },
  flatten(args, origin) {
    const [v] = args;
    if (!v) return failed('flatten() needs an argument', origin);
    if (v.kind === 'unknown') return unknown(v.reason, origin);
    if (v.kind !== 'tuple') return failed('flatten() needs a list', origin);
    const out: Value[] = [];
    const walk = (items: Value[]): Value | undefined => {
      for (const item of items) {
        if (item.kind === 'unknown') return unknown(item.reason, origin);
        if (item.kind === 'tuple') {
          const u = walk(item.items);
          if (u) return u;
        } else out.push(item);
      }
      return undefined;
    };
    return walk(v.items) ?? tuple(out, origin);
  },
  distinct(args, origin) {
    const [v] = args;
    if (!v) return failed('distinct() needs an argument', origin);
    if (v.kind === 'unknown') return unknown(v.reason, origin);
    if (v.kind !== 'tuple') return failed('distinct() needs a list', origin);
    if (!v.items.every(isWhollyKnown)) return unknown('distinct() over values not fully known', origin);
    return tuple(dedupe(v.items), origin);
  },
  sort(args, origin) {
    const [v] = args;
    if (!v) return failed('sort() needs an argument', origin);
    if (v.kind === 'unknown') return unknown(v.reason, origin);
    if (v.kind !== 'tuple') return failed('sort() needs a list', origin);
    const texts: Array<{ text: string; item: Value }> = [];
    for (const item of v.items) {
      if (item.kind === 'unknown') return unknown(item.reason, origin);
      const text = asString(item);
      if (text === undefined) return failed('sort() needs a list of strings', origin);
      texts.push({ text, item: str(text, item.origin) });
    }
    // Terraform sorts by byte order of the UTF-8 text, not by locale: code-unit order, the same outside the astral planes.
    texts.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    return tuple(
      texts.map((t) => t.item),
      origin,
    );
  },
  compact(args, origin) {
    const [v] = args;
    if (!v) return failed('compact() needs an argument', origin);
    if (v.kind === 'unknown') return unknown(v.reason, origin);
    if (v.kind !== 'tuple') return failed('compact() needs a list', origin);
    const out: Value[] = [];
    for (const item of v.items) {
      if (item.kind === 'unknown') return unknown(item.reason, origin);
      if (item.kind === 'null' || (item.kind === 'string' && item.value === '')) continue;
      out.push(item);
    }
    return tuple(out, origin);
  },
  split(args, origin) {
    const u = unknownArg(args, origin);
    if (u) return u;
    const sep = stringArg(args[0]);
    const s = stringArg(args[1]);
    if (sep === undefined || s === undefined) return failed('split() needs two strings', origin);
    return tuple(s.split(sep).map((p) => str(p)), origin);
  },
  replace(args, origin) {
    const u = unknownArg(args, origin);
    if (u) return u;
    const [s, search, replacement] = args.map(stringArg);
    if (s === undefined || search === undefined || replacement === undefined) return failed('replace() needs three strings', origin);
    if (search.length > 1 && search.startsWith('/') && search.endsWith('/')) {
      return unknown('replace() with a regular expression is not evaluated', origin);
    }
    return str(s.split(search).join(replacement), origin);
  },
  startswith(args, origin) {
    const u = unknownArg(args, origin);
    if (u) return u;
    const [s, prefix] = args.map(stringArg);
    if (s === undefined || prefix === undefined) return failed('startswith() needs two strings', origin);
    return bool(s.startsWith(prefix), origin);
  },
  endswith(args, origin) {
    const u = unknownArg(args, origin);
    if (u) return u;
    const [s, suffix] = args.map(stringArg);
    if (s === undefined || suffix === undefined) return failed('endswith() needs two strings', origin);
    return bool(s.endsWith(suffix), origin);
  },
  zipmap(args, origin) {
    const u = unknownArg(args, origin);
    if (u) return u;
    const [keys, vals] = args;
    if (keys?.kind !== 'tuple' || vals?.kind !== 'tuple') return failed('zipmap() needs two lists', origin);
    if (keys.items.length !== vals.items.length) return failed('zipmap() lists differ in length', origin);
    const entries = new Map<string, Value>();
    for (let i = 0; i < keys.items.length; i++) {
      const k = keys.items[i]!;
      if (k.kind === 'unknown') return unknown(k.reason, origin);
      const ks = asString(k);
      if (ks === undefined) return failed('zipmap() keys must be strings', origin);
      entries.set(ks, vals.items[i]!);
    }
    return object(entries, origin);
  },
  file(args, origin, fh) {
    const [p] = args;
    if (!p) return failed('file() needs a path', origin);
    if (p.kind === 'unknown') return unknown(p.reason, origin);
    const text = readWorkspaceFile(p, fh, origin);
    return typeof text === 'string' ? str(text, origin) : text;
  },
  templatefile(args, origin, fh) {
    const [p, vars] = args;
    if (!p) return failed('templatefile() needs a path', origin);
    if (p.kind === 'unknown') return unknown(p.reason, origin);
    const text = readWorkspaceFile(p, fh, origin);
    if (typeof text !== 'string') return text;
    if (vars && vars.kind === 'unknown') return unknown(vars.reason, origin);
    const bindings = new Map<string, Value>();
    if (vars && vars.kind === 'object') for (const [k, v] of vars.entries) bindings.set(k, v);
    const template = parseTemplateText(resolve(fh.baseDir, asString(p)!), text);
    if (!template) return failed(`templatefile("${asString(p)}") has a template syntax error`, origin);
    return withOrigin(fh.evaluate(template.expr, template.file, bindings), origin);
  },
  abspath(args, origin, fh) {
    const [p] = args;
    if (!p) return failed('abspath() needs a path', origin);
    if (p.kind === 'unknown') return unknown(p.reason, origin);
    const s = asString(p);
    return s === undefined ? failed('abspath() needs a string', origin) : str(resolve(fh.baseDir, s), origin);
  },
};

function withOrigin(v: Value, origin: Location): Value {
  return v.kind === 'string' ? str(v.value, origin) : v;
}

function firstReason(v: Value): string | undefined {
  if (v.kind === 'unknown') return v.reason;
  const items = collectionItems(v) ?? [];
  for (const item of items) {
    const r = firstReason(item);
    if (r) return r;
  }
  return undefined;
}

function stringFunction(fn: (s: string) => string): Impl {
  return (args, origin) => {
    const [v] = args;
    if (!v) return failed('missing argument', origin);
    if (v.kind === 'unknown') return unknown(v.reason, origin);
    const s = asString(v);
    return s === undefined ? failed('needs a string', origin) : str(fn(s), v.origin ?? origin);
  };
}


export function callFunction(expr: CallExpr, file: SourceFile, scope: Scope, fh: FunctionHost, origin: Location): Value {
  // try() and can() look at evaluation failures, so their arguments are evaluated lazily.
  if (expr.name === 'try') {
    for (const arg of expr.args) {
      const v = fh.evaluate(arg, file, scope);
      if (v.kind === 'unknown' && v.failed) continue;
      return v;
    }
    return failed('try(): every argument failed', origin);
  }
  if (expr.name === 'can') {
    const v = expr.args[0] ? fh.evaluate(expr.args[0], file, scope) : undefined;
    if (!v) return failed('can() needs an argument', origin);
    if (v.kind === 'unknown') return v.failed ? bool(false, origin) : unknown(v.reason, origin);
    return bool(true, origin);
  }
  const impl = Object.prototype.hasOwnProperty.call(FUNCTIONS, expr.name) ? FUNCTIONS[expr.name] : undefined;
  if (!impl) return unknown(`${expr.name}() is not evaluated statically`, origin);
  let args = expr.args.map((a) => fh.evaluate(a, file, scope));
  if (expr.expandFinal && args.length > 0) {
    const last = args[args.length - 1]!;
    if (last.kind === 'unknown') return unknown(last.reason, origin);
    if (last.kind !== 'tuple') return failed('only a list can be expanded with "..."', origin);
    args = [...args.slice(0, -1), ...last.items];
  }
  return impl(args, origin, fh);
}
