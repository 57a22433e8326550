import type { Block, Expression, SourceFile, TemplateLiteralPart, TemplatePart } from '../parse/ast.js';
import type { Module } from '../model/module.js';
import { offsetAt, rangeFromOffsets, rangeText, type Range } from '../range.js';

/**
 * The string literals written in a module's arguments, for the `hardcoded/*`
 * rules. These rules are about what is *written* in a block, not what it
 * evaluates to: `ami = local.ami` is fine for a resource (the value lives in
 * one named place), so the walk is syntactic and never follows references.
 */

/** Where an argument is written: the kinds of top-level block a rule looks in. */
export type ArgumentOwnerKind = 'resource' | 'data' | 'module' | 'provider';

export interface ArgumentOwner {
  kind: ArgumentOwnerKind;
  block: Block;
  file: SourceFile;
  /** Terraform address (`aws_instance.web`, `data.aws_ami.x`, `module.vpc`, `provider.aws`). */
  address: string;
  /** Resource or data source type (`aws_instance`); undefined for modules and providers. */
  type?: string;
}

/** One literal piece of a string (the text between interpolations). */
export interface LiteralString {
  file: SourceFile;
  part: TemplateLiteralPart;
  /** True when the whole string is this literal: `"eu-west-1"`, not `"${x}-eu-west-1"` or a heredoc. */
  whole: boolean;
  /** The nearest attribute name or object key the string is the value of (inside tuples too). */
  key: string | undefined;
  /** The argument (attribute of the block in `blockPath`) the string is written in, however deep inside its value. */
  attribute: string | undefined;
  /** Types of the nested blocks the attribute is in, outermost first (`["root_block_device"]`). */
  blockPath: readonly string[];
  /** The sibling attributes' literal values of the block the string is in (e.g. `type = "AWS"` next to `identifiers`). */
  siblings: ReadonlyMap<string, string>;
}

/** Every resource, data source, module call and provider block of the module, as the rule asks. */
export function argumentOwners(module: Module, kinds: readonly ArgumentOwnerKind[]): ArgumentOwner[] {
  const out: ArgumentOwner[] = [];
  if (kinds.includes('resource')) {
    for (const r of module.resources) out.push({ kind: 'resource', block: r.block, file: r.file, address: r.address, type: r.type });
  }
  if (kinds.includes('data')) {
    for (const d of module.dataSources) out.push({ kind: 'data', block: d.block, file: d.file, address: d.address, type: d.type });
  }
  if (kinds.includes('module')) {
    for (const m of module.moduleCalls) out.push({ kind: 'module', block: m.block, file: m.file, address: m.address });
  }
  if (kinds.includes('provider')) {
    for (const p of module.providers) {
      out.push({ kind: 'provider', block: p.block, file: p.file, address: `provider.${p.name}${p.alias ? `.${p.alias}` : ''}` });
    }
  }
  return out;
}

export interface WalkOptions {
  /** Attribute names whose values are prose or metadata, not configuration (`description`). */
  skipAttributes?: ReadonlySet<string>;
  /**
   * A pattern every literal the caller looks for must contain in its source
   * spelling (`/ami-/`): a block whose text has no match is not walked at all.
   */
  sourceFilter?: RegExp;
}

function sourceMayMatch(file: SourceFile, node: { range: Range }, filter: RegExp | undefined): boolean {
  return !filter || filter.test(rangeText(file, node.range));
}

/** Calls `visit` for every literal string piece in a block's arguments, nested blocks included. */
export function forEachLiteralString(
  block: Block,
  file: SourceFile,
  visit: (s: LiteralString) => void,
  options: WalkOptions = {},
): void {
  if (!sourceMayMatch(file, block, options.sourceFilter)) return;
  walkBlock(block, file, [], visit, options);
}

/** Calls `visit` for every literal string piece of one expression. */
export function forEachLiteralInExpression(
  expr: Expression,
  file: SourceFile,
  key: string | undefined,
  visit: (s: LiteralString) => void,
  options: Pick<WalkOptions, 'sourceFilter'> = {},
): void {
  if (!sourceMayMatch(file, expr, options.sourceFilter)) return;
  walkExpression(expr, { file, key, attribute: key, blockPath: [], siblings: new Map(), visit });
}

function walkBlock(block: Block, file: SourceFile, path: readonly string[], visit: (s: LiteralString) => void, options: WalkOptions): void {
  const siblings = new Map<string, string>();
  for (const item of block.body) {
    if (item.kind === 'Attribute' && item.expr.kind === 'Template' && item.expr.parts.length === 1 && item.expr.parts[0]!.kind === 'TemplateLiteral') {
      siblings.set(item.name, item.expr.parts[0]!.value);
    }
  }
  for (const item of block.body) {
    if (item.kind === 'Attribute') {
      if (options.skipAttributes?.has(item.name)) continue;
      walkExpression(item.expr, { file, key: item.name, attribute: item.name, blockPath: path, siblings, visit });
    } else {
      walkBlock(item, file, [...path, item.type], visit, options);
    }
  }
}

interface ExprContext {
  file: SourceFile;
  key: string | undefined;
  attribute: string | undefined;
  blockPath: readonly string[];
  siblings: ReadonlyMap<string, string>;
  visit: (s: LiteralString) => void;
}

function walkExpression(expr: Expression, ctx: ExprContext): void {
  switch (expr.kind) {
    case 'Template': {
      const whole = !expr.heredoc && expr.parts.length === 1 && expr.parts[0]!.kind === 'TemplateLiteral';
      walkParts(expr.parts, ctx, whole);
      return;
    }
    case 'Tuple':
      for (const item of expr.items) walkExpression(item, ctx);
      return;
    case 'Object': {
      const siblings = new Map<string, string>();
      const keys = expr.items.map((item) => objectKey(item.key, item.keyIsIdentifier));
      expr.items.forEach((item, i) => {
        const k = keys[i];
        if (k !== undefined && item.value.kind === 'Template' && item.value.parts.length === 1 && item.value.parts[0]!.kind === 'TemplateLiteral') {
          siblings.set(k, item.value.parts[0]!.value);
        }
      });
      expr.items.forEach((item, i) => {
        // Built field by field, not spread: every map item of every literal string walk makes two.
        if (!item.keyIsIdentifier) walkExpression(item.key, { file: ctx.file, key: undefined, attribute: ctx.attribute, blockPath: ctx.blockPath, siblings: ctx.siblings, visit: ctx.visit });
        walkExpression(item.value, { file: ctx.file, key: keys[i], attribute: ctx.attribute, blockPath: ctx.blockPath, siblings, visit: ctx.visit });
      });
      return;
    }
    case 'GetAttr':
      walkExpression(expr.object, ctx);
      return;
    case 'Index':
      walkExpression(expr.object, ctx);
      walkExpression(expr.index, ctx);
      return;
    case 'Splat':
      walkExpression(expr.object, ctx);
      return;
    case 'Call':
      for (const arg of expr.args) walkExpression(arg, ctx);
      return;
    case 'Conditional':
      walkExpression(expr.cond, ctx);
      walkExpression(expr.then, ctx);
      walkExpression(expr.else, ctx);
      return;
    case 'Binary':
      walkExpression(expr.left, ctx);
      walkExpression(expr.right, ctx);
      return;
    case 'Unary':
      walkExpression(expr.operand, ctx);
      return;
    case 'For':
      walkExpression(expr.collection, ctx);
      if (expr.keyExpr) walkExpression(expr.keyExpr, ctx);
      walkExpression(expr.valueExpr, ctx);
      if (expr.cond) walkExpression(expr.cond, ctx);
      return;
    case 'Paren':
      walkExpression(expr.expr, ctx);
      return;
    case 'Literal':
    case 'Variable':
    case 'Invalid':
      return;
  }
}

function walkParts(parts: TemplatePart[], ctx: ExprContext, whole: boolean): void {
  for (const part of parts) {
    switch (part.kind) {
      case 'TemplateLiteral':
        ctx.visit({ file: ctx.file, part, whole, key: ctx.key, attribute: ctx.attribute, blockPath: ctx.blockPath, siblings: ctx.siblings });
        break;
      case 'TemplateInterpolation':
        walkExpression(part.expr, ctx);
        break;
      case 'TemplateIf':
        walkExpression(part.cond, ctx);
        walkParts(part.then, ctx, false);
        if (part.else) walkParts(part.else, ctx, false);
        break;
      case 'TemplateFor':
        walkExpression(part.collection, ctx);
        walkParts(part.body, ctx, false);
        break;
    }
  }
}

/** The key of an object item when it is written as a name or a plain string. */
export function objectKey(key: Expression, keyIsIdentifier: boolean): string | undefined {
  if (keyIsIdentifier && key.kind === 'Variable') return key.name;
  if (key.kind === 'Template' && key.parts.length === 1 && key.parts[0]!.kind === 'TemplateLiteral') return key.parts[0]!.value;
  if (key.kind === 'Paren') return objectKey(key.expr, false);
  return undefined;
}

/**
 * The exact range of `length` characters at `index` of a literal's text.
 * Where the source spelling differs from the text (escapes elsewhere in the
 * string, `<<-` indentation) the same occurrence of the matched text is
 * looked up in the source; failing that, the literal's whole range.
 */
export function rangeInLiteral(file: SourceFile, part: TemplateLiteralPart, index: number, length: number): Range {
  const start = offsetAt(file.lineStarts, part.range.start);
  const raw = file.text.slice(start, offsetAt(file.lineStarts, part.range.end));
  if (raw === part.value) return rangeFromOffsets(file.lineStarts, start + index, start + index + length);
  const needle = part.value.slice(index, index + length);
  let occurrence = 0;
  for (let i = part.value.indexOf(needle); i !== -1 && i < index; i = part.value.indexOf(needle, i + 1)) occurrence++;
  let at = raw.indexOf(needle);
  for (let k = 0; k < occurrence && at !== -1; k++) at = raw.indexOf(needle, at + 1);
  return at === -1 ? part.range : rangeFromOffsets(file.lineStarts, start + at, start + at + length);
}
