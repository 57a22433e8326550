import { buildModule, providerConfigFor } from '../model/build-module.js';
import type { BlockRef, Module } from '../model/module.js';
import type { SourceFile } from '../parse/ast.js';
import type { Range } from '../range.js';
import { lineText } from '../parse/source-line.js';

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
  const found = itemAt(buildModule('', ordered, []), address);
  return found && locationOf(found.file, found.range.start.line, found.range.end.line);
}

/** The block (or, for `local.x`, the attribute) an address names, by the module's own index; the first one wins. */
function itemAt(module: Module, address: string): { file: SourceFile; range: Range } | undefined {
  const [head, ...rest] = address.split('.');
  const ref = (r: BlockRef | undefined) => r && { file: r.file, range: r.block.range };
  switch (head) {
    case 'var':
    case 'variable':
      return rest.length === 1 ? ref(module.variables.get(rest[0]!)) : undefined;
    case 'output':
      return rest.length === 1 ? ref(module.outputs.find((o) => o.name === rest[0])) : undefined;
    case 'local': {
      const local = rest.length === 1 ? module.locals.get(rest[0]!) : undefined;
      return local && { file: local.file, range: local.attribute.range };
    }
    case 'provider': {
      if (rest.length < 1 || rest.length > 2) return undefined;
      const [name, alias] = rest;
      return ref(providerConfigFor(module, alias === undefined ? { name: name! } : { name: name!, alias }));
    }
    case 'terraform':
      if (rest.length === 0) return ref(module.terraformBlocks[0]);
      return ref(module.terraformBlocks.find((t) => t.block.body.some((i) => i.kind === 'Block' && i.type === rest[0])));
    default:
      // Resources, data sources (`data.…`) and module calls (`module.…`).
      return ref(module.byAddress.get(address));
  }
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

