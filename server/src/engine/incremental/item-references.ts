import type { Block, BodyItem, Expression } from '../parse/ast.js';
import { childExpressions } from '../parse/expression-children.js';

/**
 * What a top-level item reads, by name, as the editor's incremental review
 * needs it (rule-memory.ts): `aws_s3_bucket.logs`, `data.aws_iam_policy_document.x`,
 * `local.tags`, `var.name`, `module.vpc`. A traversal whose name cannot be
 * read statically stands for every item of its kind (`aws_s3_bucket.*`,
 * `data.aws_ami.*`, `data.*`). An item that calls a function reading files
 * (`file`, `templatefile`, …) also reads `READS_FILES`: its value can change
 * without its text changing.
 */
export const READS_FILES = '#files';

/** Roots that name nothing another item declares: the block's own iteration and the run's constants. */
const NOT_ITEMS = new Set(['each', 'count', 'self', 'path', 'terraform']);

const FILE_FUNCTIONS = new Set([
  'file',
  'filebase64',
  'filebase64sha256',
  'filebase64sha512',
  'fileexists',
  'filemd5',
  'fileset',
  'filesha1',
  'filesha256',
  'filesha512',
  'templatefile',
]);

const known = new WeakMap<BodyItem, ReadonlySet<string>>();

/** The names an item reads; computed once per syntax node (a kept block is the same object edit after edit). */
export function itemReferences(item: BodyItem): ReadonlySet<string> {
  let refs = known.get(item);
  if (!refs) {
    const out = new Set<string>();
    if (item.kind === 'Attribute') collect(item.expr, out);
    else collectBody(item, out);
    known.set(item, (refs = out));
  }
  return refs;
}

function collectBody(block: Block, out: Set<string>): void {
  for (const child of block.body) {
    if (child.kind === 'Attribute') collect(child.expr, out);
    else collectBody(child, out);
  }
}

function collect(expr: Expression, out: Set<string>): void {
  const key = referenceKey(expr, out);
  if (key !== undefined) {
    if (key) out.add(key);
    return;
  }
  if (expr.kind === 'Call' && FILE_FUNCTIONS.has(expr.name)) out.add(READS_FILES);
  for (const child of childExpressions(expr)) collect(child, out);
}

/**
 * The name a traversal reads (`''` when it reads nothing declared, as
 * `each.key`), or undefined when `expr` is not a traversal from a root name
 * (its children are walked instead). The index expressions inside a
 * traversal (`x[var.i]`) and a splat's per-element part are walked here.
 */
function referenceKey(expr: Expression, out: Set<string>): string | undefined {
  // The chain of static names from the root: `aws_s3_bucket.logs.arn` → [aws_s3_bucket, logs, arn].
  const names: string[] = [];
  let e: Expression = expr;
  for (;;) {
    if (e.kind === 'GetAttr') {
      names.unshift(e.name);
      e = e.object;
    } else if (e.kind === 'Index' || e.kind === 'Splat') {
      // `x[0].y`, `x[*].y`: what follows the index is not a name of an item; start again from its object.
      if (e.kind === 'Index') collect(e.index, out);
      else collect(e.each, out);
      names.length = 0;
      e = e.object;
    } else break;
  }
  if (e.kind !== 'Variable') return undefined;
  const root = e.name;
  if (NOT_ITEMS.has(root)) return '';
  if (root === 'data') return names.length >= 2 ? `data.${names[0]}.${names[1]}` : names.length === 1 ? `data.${names[0]}.*` : 'data.*';
  return names.length >= 1 ? `${root}.${names[0]}` : `${root}.*`;
}
