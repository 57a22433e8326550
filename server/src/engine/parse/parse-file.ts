import type { SourceFile } from './ast.js';
import { computeLineStarts } from '../range.js';
import { Parser } from './parser.js';
import { parseJsonSyntax } from './json-syntax.js';

/**
 * Parses one Terraform/OpenTofu file. Names ending `.json` (`x.tf.json`,
 * `terraform.tfvars.json`, …) use the JSON configuration syntax; everything
 * else the HCL native syntax. Never throws: problems are in `errors`.
 * `text` must not start with a byte-order mark; CRLF line endings are fine.
 */
export function parseSource(path: string, text: string): SourceFile {
  const lineStarts = computeLineStarts(text);
  if (path.toLowerCase().endsWith('.json')) {
    const parsed = parseJsonSyntax(text, lineStarts, isVariablesFile(path));
    return { path, syntax: 'json', text, lineStarts, ...parsed };
  }
  const parsed = new Parser(text, lineStarts).parseFile();
  return { path, syntax: 'hcl', text, lineStarts, body: parsed.body, comments: parsed.comments, errors: parsed.errors };
}

/** `terraform.tfvars.json`, `x.auto.tfvars.json`: every top-level key is an attribute. */
function isVariablesFile(path: string): boolean {
  return /\.tfvars\.json$/i.test(path);
}
