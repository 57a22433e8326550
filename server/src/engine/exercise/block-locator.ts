import type { Block, SourceFile, TemplateExpr } from '../parse/ast.js';

/** Where a key problem's block stands in a file: its lines, and the comment lines directly above it. */
export interface BlockLocation {
  file: SourceFile;
  /** 1-based line of the block's first line (its header). */
  startLine: number;
  /** 1-based line of the block's last line (closing brace). */
  endLine: number;
  /** First line of the run of whole-line comments directly above the header (= startLine when there is none). */
  leadingCommentLine: number;
}

/**
 * Finds the block a Terraform address names: `aws_s3_bucket.logs`,
 * `data.aws_iam_policy_document.x`, `module.vpc`, `var.x` / `variable.x`,
 * `output.x`, `local.x` (the attribute in a `locals` block), `provider.aws` /
 * `provider.aws.west`, `terraform` (the first terraform block; `terraform.backend`
 * the one that holds the backend). `preferred` is searched first.
 */
export function locateBlock(files: readonly SourceFile[], address: string, preferred?: SourceFile): BlockLocation | undefined {
  const ordered = preferred ? [preferred, ...files.filter((f) => f !== preferred)] : [...files];
  const match = matcher(address);
  if (!match) return undefined;
  for (const file of ordered) {
    for (const item of file.body) {
      if (item.kind !== 'Block') continue;
      if (match.block?.(item)) return locationOf(file, item.range.start.line, item.range.end.line);
      if (match.local && item.type === 'locals') {
        for (const attr of item.body) {
          if (attr.kind === 'Attribute' && attr.name === match.local) return locationOf(file, attr.range.start.line, attr.range.end.line);
        }
      }
    }
  }
  return undefined;
}

interface Matcher {
  block?: (b: Block) => boolean;
  local?: string;
}

function matcher(address: string): Matcher | undefined {
  const parts = address.split('.');
  const labels = (b: Block) => b.labels.map((l) => l.value);
  const is = (type: string, ...want: string[]) => (b: Block) => b.type === type && labels(b).join('.') === want.join('.');
  const [head, ...rest] = parts;
  switch (head) {
    case 'data':
      return rest.length === 2 ? { block: is('data', rest[0]!, rest[1]!) } : undefined;
    case 'module':
      return rest.length === 1 ? { block: is('module', rest[0]!) } : undefined;
    case 'var':
    case 'variable':
      return rest.length === 1 ? { block: is('variable', rest[0]!) } : undefined;
    case 'output':
      return rest.length === 1 ? { block: is('output', rest[0]!) } : undefined;
    case 'local':
      return rest.length === 1 ? { local: rest[0]! } : undefined;
    case 'provider': {
      if (rest.length < 1 || rest.length > 2) return undefined;
      const [name, alias] = rest;
      return {
        block: (b) => {
          if (b.type !== 'provider' || labels(b)[0] !== name) return false;
          const aliasAttr = b.body.find((i) => i.kind === 'Attribute' && i.name === 'alias');
          const blockAlias = aliasAttr?.kind === 'Attribute' && aliasAttr.expr.kind === 'Template' ? templateText(aliasAttr.expr) : undefined;
          return alias === undefined ? blockAlias === undefined : blockAlias === alias;
        },
      };
    }
    case 'terraform':
      if (rest.length === 0) return { block: (b) => b.type === 'terraform' };
      return { block: (b) => b.type === 'terraform' && b.body.some((i) => i.kind === 'Block' && i.type === rest[0]) };
    default:
      return rest.length === 1 ? { block: is('resource', head!, rest[0]!) } : undefined;
  }
}

function templateText(expr: TemplateExpr): string | undefined {
  const [only] = expr.parts;
  return expr.parts.length === 1 && only?.kind === 'TemplateLiteral' ? only.value : undefined;
}

function locationOf(file: SourceFile, startLine: number, endLine: number): BlockLocation {
  return { file, startLine, endLine, leadingCommentLine: firstLeadingCommentLine(file, startLine) };
}

/** Walks up from the line above `line` while each line holds only a comment (or lies inside a block comment). */
function firstLeadingCommentLine(file: SourceFile, line: number): number {
  const commentOnly = commentOnlyLines(file);
  let first = line;
  while (first > 1 && commentOnly.has(first - 1)) first--;
  return first;
}

const commentOnlyCache = new WeakMap<SourceFile, Set<number>>();

/** Lines whose only non-blank content is comment text. */
export function commentOnlyLines(file: SourceFile): Set<number> {
  const cached = commentOnlyCache.get(file);
  if (cached) return cached;
  const lines = new Set<number>();
  for (const c of file.comments) {
    for (let n = c.range.start.line; n <= c.range.end.line; n++) {
      const text = lineText(file, n);
      const startCol = n === c.range.start.line ? c.range.start.column - 1 : 0;
      const endCol = n === c.range.end.line ? c.range.end.column - 1 : text.length;
      if (text.slice(0, startCol).trim() === '' && text.slice(endCol).trim() === '') lines.add(n);
    }
  }
  commentOnlyCache.set(file, lines);
  return lines;
}

export function lineText(file: SourceFile, line: number): string {
  const start = file.lineStarts[line - 1];
  if (start === undefined) return '';
  const next = file.lineStarts[line];
  return file.text.slice(start, next === undefined ? file.text.length : next).replace(/\r?\n$/, '');
}
