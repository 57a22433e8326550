/**
 * Terraform's JSON configuration syntax (`*.tf.json`, `*.tfvars.json`) mapped
 * onto the same syntax tree as native HCL, with exact ranges.
 *
 * Without provider schemas a JSON object is ambiguous (nested block or
 * object-valued attribute), so the mapping is fixed and simple:
 * - top-level keys are block types; labels are nested object keys, as many as
 *   the block type takes (`resource`/`data` 2; `module`/`provider`/
 *   `variable`/`output` 1; everything else 0);
 * - inside a block, a key listed in NESTED_BLOCKS whose value is an object or
 *   an array of objects becomes nested block(s) (with the labels that block
 *   type takes); any other object value is an attribute with an Object
 *   expression;
 * - an array of objects where blocks are expected means repeated blocks;
 * - strings are templates (`${…}` and `%{…}` work as in native syntax);
 *   numbers, bools and null are literals; arrays are tuples;
 * - `"//"` keys are comments and are skipped;
 * - in `.tfvars.json` files every top-level key is an attribute.
 */
import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { Attribute, Block, BlockLabel, BodyItem, Comment, Expression, ObjectItem, SyntaxError, TemplatePart } from './ast.js';
import { comparePositions, computeLineStarts, offsetAt, type Range } from '../range.js';
import { PositionIndex } from './positions.js';
import { MAX_NESTING_DEPTH, Parser } from './parser.js';

/** Labels taken by top-level block types. */
const TOP_LEVEL_LABELS: Record<string, number> = {
  resource: 2,
  data: 2,
  module: 1,
  provider: 1,
  variable: 1,
  output: 1,
};

/** Keys that become nested blocks inside a block body, with the labels each takes. */
const NESTED_BLOCKS: Record<string, number> = {
  lifecycle: 0,
  provisioner: 1,
  connection: 0,
  dynamic: 1,
  content: 0,
  default_tags: 0,
  statement: 0,
  ingress: 0,
  egress: 0,
  backend: 1,
  cloud: 0,
  required_providers: 0,
  validation: 0,
  precondition: 0,
  postcondition: 0,
};

interface JsonParseResult {
  body: BodyItem[];
  comments: Comment[];
  errors: SyntaxError[];
}

class JsonSyntaxConverter {
  readonly errors: SyntaxError[] = [];
  private readonly positions: PositionIndex;

  constructor(
    private readonly text: string,
    private readonly lineStarts: readonly number[],
  ) {
    this.positions = new PositionIndex(lineStarts);
  }

  range(start: number, end: number): Range {
    return this.positions.range(start, end);
  }

  nodeRange(n: Node): Range {
    return this.range(n.offset, n.offset + n.length);
  }

  error(message: string, n: Node): void {
    this.errors.push({ message, range: this.nodeRange(n) });
  }

  /** Range of a string node's content, without the quotes. */
  private keyContentRange(key: Node): Range {
    return this.range(key.offset + 1, Math.max(key.offset + 1, key.offset + key.length - 1));
  }

  convertFile(root: Node | undefined, variablesFile: boolean): BodyItem[] {
    if (!root) return [];
    if (root.type !== 'object') {
      this.error('a JSON configuration file must contain one object at the top level', root);
      return [];
    }
    const items: BodyItem[] = [];
    for (const prop of root.children ?? []) {
      const key = prop.children?.[0];
      const value = prop.children?.[1];
      if (!key || !value || key.value === '//') continue;
      const name = String(key.value);
      if (variablesFile) items.push(this.attribute(key, value));
      else this.blocks(name, key, value, TOP_LEVEL_LABELS[name] ?? 0, items);
    }
    return items;
  }

  /** Appends the block(s) that `value` describes for block type `type` with `labelCount` labels. */
  private blocks(type: string, key: Node, value: Node, labelCount: number, out: BodyItem[]): void {
    this.collectBlocks(type, key, value, labelCount, [], out, true);
  }

  private collectBlocks(type: string, key: Node, value: Node, remaining: number, labels: BlockLabel[], out: BodyItem[], direct: boolean): void {
    if (value.type === 'array') {
      for (const el of value.children ?? []) this.collectBlocks(type, key, el, remaining, labels, out, false);
      return;
    }
    if (value.type !== 'object') {
      this.error(
        remaining > 0
          ? `expected an object whose keys are the labels of '${type}' blocks`
          : `expected an object (or an array of objects) for the body of block '${type}'`,
        value,
      );
      return;
    }
    if (remaining > 0) {
      for (const prop of value.children ?? []) {
        const labelKey = prop.children?.[0];
        const labelValue = prop.children?.[1];
        if (!labelKey || !labelValue || labelKey.value === '//') continue;
        const label: BlockLabel = { value: String(labelKey.value), range: this.nodeRange(labelKey), quoted: true };
        this.collectBlocks(type, key, labelValue, remaining - 1, [...labels, label], out, direct);
      }
      return;
    }
    const start = direct && labels.length === 0 ? key.offset : labels.length ? this.positions.offsetOf(labels[0]!.range.start) : value.offset;
    const end = value.offset + value.length;
    const block: Block = {
      kind: 'Block',
      type,
      typeRange: this.keyContentRange(key),
      labels,
      body: this.body(type, value),
      openBrace: this.range(value.offset, value.offset + 1),
      closeBrace: this.range(end - 1, end),
      range: this.range(Math.min(start, key.offset), end),
    };
    out.push(block);
  }

  private body(blockType: string, obj: Node): BodyItem[] {
    const items: BodyItem[] = [];
    for (const prop of obj.children ?? []) {
      const key = prop.children?.[0];
      const value = prop.children?.[1];
      if (!key || !value || key.value === '//') continue;
      const name = String(key.value);
      const nested = NESTED_BLOCKS[name];
      if (nested !== undefined && blockType !== 'locals' && isBlockShaped(value, nested)) {
        this.blocks(name, key, value, nested, items);
        continue;
      }
      items.push(this.attribute(key, value));
    }
    return items;
  }

  private attribute(key: Node, value: Node): Attribute {
    const expr = this.expression(value);
    return {
      kind: 'Attribute',
      name: String(key.value),
      nameRange: this.keyContentRange(key),
      expr,
      range: this.range(key.offset, value.offset + value.length),
    };
  }

  private depth = 0;

  expression(n: Node): Expression {
    const range = this.nodeRange(n);
    if (this.depth >= MAX_NESTING_DEPTH) {
      if (this.depth === MAX_NESTING_DEPTH) this.error(`nesting is deeper than ${MAX_NESTING_DEPTH} levels`, n);
      return { kind: 'Invalid', range };
    }
    this.depth++;
    try {
      return this.expressionAt(n, range);
    } finally {
      this.depth--;
    }
  }

  private expressionAt(n: Node, range: Range): Expression {
    switch (n.type) {
      case 'string':
        return { kind: 'Template', parts: this.templateParts(n), range };
      case 'number':
        return { kind: 'Literal', value: n.value as number, range };
      case 'boolean':
        return { kind: 'Literal', value: n.value as boolean, range };
      case 'null':
        return { kind: 'Literal', value: null, range };
      case 'array':
        return { kind: 'Tuple', items: (n.children ?? []).map((c) => this.expression(c)), range };
      case 'object': {
        const items: ObjectItem[] = [];
        for (const prop of n.children ?? []) {
          const key = prop.children?.[0];
          const value = prop.children?.[1];
          if (!key || !value) continue;
          const keyExpr: Expression = { kind: 'Template', parts: this.templateParts(key), range: this.nodeRange(key) };
          items.push({ key: keyExpr, keyIsIdentifier: false, value: this.expression(value), range: this.range(key.offset, value.offset + value.length) });
        }
        return { kind: 'Object', items, range };
      }
      default:
        return { kind: 'Invalid', range };
    }
  }

  /** A JSON string's content parsed as a standalone template, with ranges in the file. */
  private templateParts(n: Node): TemplatePart[] {
    const rawStart = n.offset + 1;
    const rawEnd = n.offset + n.length - 1;
    if (rawEnd < rawStart) return [{ kind: 'TemplateLiteral', value: '', range: this.range(rawStart, rawStart) }];
    const raw = this.text.slice(rawStart, rawEnd);
    if (raw.indexOf('\\') < 0) {
      // No JSON escapes: the content is the file text itself, so parse in place.
      const parsed = new Parser(this.text, this.lineStarts, rawStart, rawEnd).parseStandaloneTemplate();
      for (const e of parsed.errors) this.errors.push(e);
      return parsed.parts;
    }
    const decoded = typeof n.value === 'string' ? n.value : '';
    const offsets = decodedOffsets(raw, rawStart, decoded.length);
    const decodedStarts = computeLineStarts(decoded);
    const parsed = new Parser(decoded, decodedStarts).parseStandaloneTemplate();
    const remap = (r: Range): Range => this.range(offsets[offsetAt(decodedStarts, r.start)] ?? rawEnd, offsets[offsetAt(decodedStarts, r.end)] ?? rawEnd);
    remapRanges(parsed.parts, remap);
    for (const e of parsed.errors) this.errors.push({ message: e.message, range: remap(e.range) });
    return parsed.parts;
  }
}

function isBlockShaped(value: Node, labels: number): boolean {
  if (value.type === 'object') return labels === 0 || (value.children ?? []).every((p) => p.children?.[1]?.type === 'object' || p.children?.[1]?.type === 'array');
  if (value.type === 'array') return (value.children?.length ?? 0) > 0 && value.children!.every((c) => c.type === 'object');
  return false;
}

/**
 * For each index of the decoded string (and one past the end), the file
 * offset of the character it came from. `\uXXXX` is six source characters.
 */
function decodedOffsets(raw: string, rawStart: number, decodedLength: number): number[] {
  const map: number[] = new Array<number>(decodedLength + 1);
  let d = 0;
  let i = 0;
  while (i < raw.length && d < decodedLength) {
    map[d++] = rawStart + i;
    if (raw.charCodeAt(i) === 92 /* \ */) i += raw.charCodeAt(i + 1) === 117 /* u */ ? 6 : 2;
    else i++;
  }
  while (d <= decodedLength) map[d++] = rawStart + i;
  return map;
}

function isRange(v: unknown): v is Range {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as { start?: { line?: unknown; column?: unknown }; end?: unknown };
  return typeof r.start?.line === 'number' && typeof r.start.column === 'number' && typeof r.end === 'object';
}

/** Rewrites every range in a parsed template tree (used when a string had escapes). */
function remapRanges(node: unknown, remap: (r: Range) => Range): void {
  if (Array.isArray(node)) {
    for (const item of node) remapRanges(item, remap);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const obj = node as Record<string, unknown>;
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (isRange(v)) obj[k] = remap(v);
    else if (typeof v === 'object' && v !== null) remapRanges(v, remap);
  }
}

export function parseJsonSyntax(text: string, lineStarts: readonly number[], variablesFile: boolean): JsonParseResult {
  const parseErrors: ParseError[] = [];
  const converter = new JsonSyntaxConverter(text, lineStarts);
  let root: Node | undefined;
  try {
    root = parseTree(text, parseErrors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: true });
  } catch {
    // jsonc-parser recurses per nesting level; absurdly deep input can exhaust the stack.
    return { body: [], comments: [], errors: [{ message: 'invalid JSON: nesting is too deep to parse', range: converter.range(0, 0) }] };
  }
  const errors: SyntaxError[] = parseErrors.map((e) => ({
    message: `invalid JSON: ${describeJsonError(printParseErrorCode(e.error))}`,
    // jsonc-parser's error for an unterminated comment at the end can reach one past the text: keep it inside.
    range: converter.range(Math.min(e.offset, text.length), Math.min(e.offset + e.length, text.length)),
  }));
  const body = converter.convertFile(root, variablesFile);
  for (const e of converter.errors) errors.push(e);
  errors.sort((a, b) => comparePositions(a.range.start, b.range.start));
  return { body, comments: [], errors };
}

function describeJsonError(code: string): string {
  switch (code) {
    case 'InvalidSymbol':
      return 'unexpected character';
    case 'InvalidNumberFormat':
      return 'invalid number';
    case 'PropertyNameExpected':
      return 'expected a property name';
    case 'ValueExpected':
      return 'expected a value';
    case 'ColonExpected':
      return "expected ':'";
    case 'CommaExpected':
      return "expected ','";
    case 'CloseBraceExpected':
      return "expected '}'";
    case 'CloseBracketExpected':
      return "expected ']'";
    case 'EndOfFileExpected':
      return 'expected end of file';
    case 'InvalidCommentToken':
      return 'comments are not allowed in JSON';
    case 'UnexpectedEndOfComment':
      return 'unterminated comment';
    case 'UnexpectedEndOfString':
      return 'unterminated string';
    case 'UnexpectedEndOfNumber':
      return 'unterminated number';
    case 'InvalidUnicode':
      return 'invalid \\u escape';
    case 'InvalidEscapeCharacter':
      return 'invalid escape character';
    case 'InvalidCharacter':
      return 'invalid character in string';
    default:
      return code;
  }
}
