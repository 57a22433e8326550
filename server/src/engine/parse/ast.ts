import type { Range } from '../range.js';

/**
 * Syntax tree of one Terraform/OpenTofu file (native HCL or JSON syntax).
 * A broken file still has a tree: what could not be parsed is an `Invalid`
 * expression or is skipped, and the problem is recorded in `SourceFile.errors`.
 */

export interface SyntaxError {
  message: string;
  range: Range;
}

export interface Comment {
  /** Full comment text including its markers (`#`, `//`, `/* *\/`). */
  text: string;
  style: 'hash' | 'slash' | 'block';
  range: Range;
}

export type BodyItem = Attribute | Block;

export interface Attribute {
  kind: 'Attribute';
  name: string;
  nameRange: Range;
  expr: Expression;
  /** From the name to the end of the expression. */
  range: Range;
}

export interface BlockLabel {
  value: string;
  /** Range of the label token including quotes, if quoted. */
  range: Range;
  quoted: boolean;
}

export interface Block {
  kind: 'Block';
  type: string;
  typeRange: Range;
  labels: BlockLabel[];
  body: BodyItem[];
  /** Range of the opening `{`. */
  openBrace: Range;
  /** Range of the closing `}`; absent when the block is unterminated. */
  closeBrace?: Range;
  /** From the block type to the closing brace (or as far as it got). */
  range: Range;
}

export type Expression =
  | LiteralExpr
  | TemplateExpr
  | TupleExpr
  | ObjectExpr
  | VariableExpr
  | GetAttrExpr
  | IndexExpr
  | SplatExpr
  | CallExpr
  | ConditionalExpr
  | BinaryExpr
  | UnaryExpr
  | ForExpr
  | ParenExpr
  | InvalidExpr;

interface ExprBase {
  range: Range;
}

/** Numbers, `true`/`false`, `null`. Quoted strings without interpolation are TemplateExpr with one literal part. */
export interface LiteralExpr extends ExprBase {
  kind: 'Literal';
  value: number | boolean | null;
}

export type TemplatePart = TemplateLiteralPart | TemplateInterpolation | TemplateIf | TemplateFor;

export interface TemplateLiteralPart {
  kind: 'TemplateLiteral';
  /** Text after escape processing (`\n`, `$${`, `%%{` …) and, for `<<-`, after indentation stripping. */
  value: string;
  range: Range;
}

export interface TemplateInterpolation {
  kind: 'TemplateInterpolation';
  expr: Expression;
  stripLeft: boolean;
  stripRight: boolean;
  range: Range;
}

export interface TemplateIf {
  kind: 'TemplateIf';
  cond: Expression;
  then: TemplatePart[];
  else?: TemplatePart[];
  range: Range;
}

export interface TemplateFor {
  kind: 'TemplateFor';
  keyVar?: string;
  valueVar: string;
  collection: Expression;
  body: TemplatePart[];
  range: Range;
}

export interface TemplateExpr extends ExprBase {
  kind: 'Template';
  parts: TemplatePart[];
  /** Present for heredocs: the marker (e.g. `EOT`) and whether it was `<<-`. */
  heredoc?: { marker: string; indented: boolean };
}

export interface TupleExpr extends ExprBase {
  kind: 'Tuple';
  items: Expression[];
}

export interface ObjectItem {
  /**
   * The key. A bare identifier key (`Name = …`) is a VariableExpr with
   * `keyIsIdentifier` true: it means the literal string, not a variable.
   */
  key: Expression;
  keyIsIdentifier: boolean;
  value: Expression;
  range: Range;
}

export interface ObjectExpr extends ExprBase {
  kind: 'Object';
  items: ObjectItem[];
}

/** A root name: `var`, `local`, `aws_s3_bucket`, a for-expression variable, … */
export interface VariableExpr extends ExprBase {
  kind: 'Variable';
  name: string;
}

export interface GetAttrExpr extends ExprBase {
  kind: 'GetAttr';
  object: Expression;
  name: string;
  nameRange: Range;
}

export interface IndexExpr extends ExprBase {
  kind: 'Index';
  object: Expression;
  index: Expression;
  /** true for the legacy `foo.0` form. */
  legacy: boolean;
}

/** A splat traversal (`x[*].a.b` or `x.*.a`): `each` is applied to every element, with `SplatItem` standing for it. */
export interface SplatExpr extends ExprBase {
  kind: 'Splat';
  object: Expression;
  style: 'full' | 'attr';
  /** Traversal applied to each element; its innermost object is a Variable named `SPLAT_ITEM`. */
  each: Expression;
}

export const SPLAT_ITEM = '\u0000splat';

export interface CallExpr extends ExprBase {
  kind: 'Call';
  name: string;
  nameRange: Range;
  args: Expression[];
  /** true when the last argument is followed by `...`. */
  expandFinal: boolean;
}

export interface ConditionalExpr extends ExprBase {
  kind: 'Conditional';
  cond: Expression;
  then: Expression;
  else: Expression;
}

export type BinaryOperator = '||' | '&&' | '==' | '!=' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '/' | '%';

export interface BinaryExpr extends ExprBase {
  kind: 'Binary';
  op: BinaryOperator;
  left: Expression;
  right: Expression;
}

export interface UnaryExpr extends ExprBase {
  kind: 'Unary';
  op: '!' | '-';
  operand: Expression;
}

export interface ForExpr extends ExprBase {
  kind: 'For';
  /** `[for …]` makes a tuple, `{for …}` an object. */
  result: 'tuple' | 'object';
  keyVar?: string;
  valueVar: string;
  collection: Expression;
  /** Object form only: the key expression before `=>`. */
  keyExpr?: Expression;
  valueExpr: Expression;
  /** Object form only: `...` after the value (grouping mode). */
  grouping: boolean;
  cond?: Expression;
}

export interface ParenExpr extends ExprBase {
  kind: 'Paren';
  expr: Expression;
}

/** Placeholder where an expression could not be parsed; an error was recorded. */
export interface InvalidExpr extends ExprBase {
  kind: 'Invalid';
}

export type FileSyntax = 'hcl' | 'json';

export interface SourceFile {
  /** Absolute path. */
  path: string;
  syntax: FileSyntax;
  /** The text that was parsed (BOM removed). */
  text: string;
  lineStarts: number[];
  body: BodyItem[];
  comments: Comment[];
  errors: SyntaxError[];
}
