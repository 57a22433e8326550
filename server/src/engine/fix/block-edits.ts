import type { Attribute, Block, BodyItem, Expression, ObjectExpr, SourceFile } from '../parse/ast.js';
import type { Fix, TextEdit } from '../finding.js';
import { fileLines, indentOf, spliceLines } from './line-splice.js';
import { offsetAt, rangeText } from '../range.js';

/**
 * Edits that fixes are made of. Each keeps `terraform fmt` layout (two-space
 * indents, `=` aligned in runs of single-line assignments) and leaves the
 * file parseable.
 */

const INDENT = '  ';

function isOneLine(block: Block): boolean {
  return !!block.closeBrace && block.openBrace.start.line === block.closeBrace.start.line;
}

/** Value text may span lines: continuation lines are indented under the attribute. */
function attributeLines(indent: string, name: string, valueText: string): string[] {
  const [first, ...rest] = valueText.split('\n');
  return [`${indent}${name} = ${first}`, ...rest.map((l) => (l === '' ? '' : indent + l))];
}

function nestedBlockLines(indent: string, type: string, attributes: ReadonlyArray<readonly [string, string]>): string[] {
  return [`${indent}${type} {`, ...attributes.flatMap(([n, v]) => attributeLines(indent + INDENT, n, v)), `${indent}}`];
}

/** A one-line block `x { a = 1 }` written out over several lines, with `insert` added to its body. */
function expandOneLineBlock(file: SourceFile, block: Block, insert: (inner: string) => string[], atEnd: boolean): TextEdit {
  const line = block.openBrace.start.line;
  const lineText = fileLines(file)[line - 1]!.replace(/\r$/, '');
  const head = lineText.slice(0, block.openBrace.end.column - 1).trimEnd();
  const tail = lineText.slice(block.closeBrace!.end.column - 1);
  const indent = indentOf(file, block.typeRange.start.line);
  const inner = indent + INDENT;
  const existing = block.body.map((item) => inner + rangeText(file, item.range));
  const added = insert(inner);
  const body = atEnd ? [...existing, ...added] : [...existingAttributes(block, existing), ...added, ...existingBlocks(block, existing)];
  return spliceLines(file, line - 1, 1, [head, ...body, `${indent}}${tail}`]);
}

function existingAttributes(block: Block, lines: string[]): string[] {
  return lines.filter((_, i) => block.body[i]!.kind === 'Attribute');
}

function existingBlocks(block: Block, lines: string[]): string[] {
  return lines.filter((_, i) => block.body[i]!.kind === 'Block');
}

/** First line (0-based) of an item, including the comment lines directly above it (they belong to it). */
function firstLineWithComments(file: SourceFile, item: BodyItem, floor: number): number {
  const lines = fileLines(file);
  let index = item.range.start.line - 1;
  while (index - 1 > floor && /^\s*(#|\/\/)/.test(lines[index - 1]!)) index--;
  return index;
}

/** Adds `name = value` to a block: after its last attribute that precedes the nested blocks. */
export function insertAttributeFix(file: SourceFile, block: Block, name: string, valueText: string, title: string): Fix {
  if (isOneLine(block)) {
    return { title, edits: [expandOneLineBlock(file, block, (inner) => attributeLines(inner, name, valueText), false)] };
  }
  const items = block.body;
  const firstBlock = items.findIndex((i) => i.kind === 'Block');
  const leading = (firstBlock < 0 ? items : items.slice(0, firstBlock)).filter((i) => i.kind === 'Attribute');
  // After the last one-line argument: a new line after `tags = { … }` would read as an afterthought.
  const oneLine = leading.filter((i) => i.range.start.line === i.range.end.line);
  const anchor = oneLine[oneLine.length - 1] ?? leading[leading.length - 1];
  let index: number;
  let indent: string;
  if (anchor) {
    index = anchor.range.end.line;
    indent = indentOf(file, anchor.range.start.line);
  } else if (items.length) {
    index = firstLineWithComments(file, items[0]!, block.openBrace.start.line - 1);
    indent = indentOf(file, items[0]!.range.start.line);
  } else {
    index = (block.closeBrace ?? block.openBrace).start.line - 1;
    indent = indentOf(file, block.typeRange.start.line) + INDENT;
    if (!block.closeBrace) index = block.openBrace.start.line;
  }
  return { title, edits: [spliceLines(file, index, 0, attributeLines(indent, name, valueText))] };
}

/** Replaces an attribute's value. */
export function setAttributeValueFix(file: SourceFile, attribute: Attribute, valueText: string, title: string): Fix {
  return { title, edits: [{ file: file.path, range: attribute.expr.range, newText: valueText }] };
}

/** Sets `name = value` on a block: changes the attribute when present, adds it otherwise. */
export function setOrInsertAttributeFix(file: SourceFile, block: Block, name: string, valueText: string, title: string): Fix {
  const existing = block.body.find((i): i is Attribute => i.kind === 'Attribute' && i.name === name);
  return existing ? setAttributeValueFix(file, existing, valueText, title) : insertAttributeFix(file, block, name, valueText, title);
}

/** Appends a nested block `type { attributes }` at the end of a block's body, after a blank line. */
export function insertNestedBlockFix(
  file: SourceFile,
  block: Block,
  type: string,
  attributes: ReadonlyArray<readonly [string, string]>,
  title: string,
): Fix {
  if (isOneLine(block)) {
    return { title, edits: [expandOneLineBlock(file, block, (inner) => nestedBlockLines(inner, type, attributes), true)] };
  }
  const indent = block.body.length ? indentOf(file, block.body[0]!.range.start.line) : indentOf(file, block.typeRange.start.line) + INDENT;
  const closeLine = block.closeBrace ? block.closeBrace.start.line - 1 : fileLines(file).length;
  const previous = fileLines(file)[closeLine - 1] ?? '';
  const separate = block.body.length > 0 && previous.trim() !== '';
  const lines = [...(separate ? [''] : []), ...nestedBlockLines(indent, type, attributes)];
  return { title, edits: [spliceLines(file, closeLine, 0, lines)] };
}

/** A map key as HCL writes it: a bare identifier when it can be one. */
export function mapKeyText(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
}

/**
 * Adds entries to a literal map (`tags = { … }`); undefined when the value is
 * not a literal object (a merge(), a variable …) and the caller must add a
 * new argument instead.
 */
export function addMapEntriesFix(
  file: SourceFile,
  attribute: Attribute,
  entries: ReadonlyArray<readonly [string, string]>,
  title: string,
): Fix | undefined {
  const expr: Expression = attribute.expr;
  if (expr.kind !== 'Object') return undefined;
  const object = expr as ObjectExpr;
  const attrIndent = indentOf(file, attribute.range.start.line);
  const inner = attrIndent + INDENT;
  const newEntries = (indent: string, comma: string) => entries.map(([k, v]) => `${indent}${mapKeyText(k)} = ${v}${comma}`);
  if (object.range.start.line === object.range.end.line) {
    const line = object.range.start.line;
    const lineText = fileLines(file)[line - 1]!.replace(/\r$/, '');
    const head = lineText.slice(0, object.range.start.column - 1) + '{';
    const tail = lineText.slice(object.range.end.column - 1);
    const existing = object.items.map((item) => inner + rangeText(file, item.range).replace(/,\s*$/, ''));
    return { title, edits: [spliceLines(file, line - 1, 1, [head, ...existing, ...newEntries(inner, ''), `${attrIndent}}${tail}`])] };
  }
  const last = object.items[object.items.length - 1];
  if (!last) {
    const closeLine = object.range.end.line - 1;
    return { title, edits: [spliceLines(file, closeLine, 0, newEntries(inner, ''))] };
  }
  const afterLast = file.text.slice(offsetAt(file.lineStarts, last.range.end), file.lineStarts[last.range.end.line] ?? file.text.length);
  const comma = /^\s*,/.test(afterLast) ? ',' : '';
  return { title, edits: [spliceLines(file, last.range.end.line, 0, newEntries(indentOf(file, last.range.start.line), comma))] };
}
