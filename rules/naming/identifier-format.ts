import { defineRule } from '../../server/src/engine/rules/rule.js';
import type { SourceFile } from '../../server/src/engine/parse/ast.js';
import type { Range } from '../../server/src/engine/range.js';
import { compileUserPattern, MAX_MATCHED_TEXT, type UserPattern } from '../../server/src/engine/config/user-pattern.js';
import { tickRuleBudget } from '../../server/src/engine/time-budget.js';

interface Options {
  pattern: string;
}

const DEFAULT_PATTERN = '^[a-z][a-z0-9_]*$';

export default defineRule<Options>({
  meta: {
    id: 'naming/identifier-format',
    title: 'Identifiers follow the naming convention',
    problem: 'naming convention',
    category: 'naming',
    blockLocal: true,
    writtenCodeOnly: true,
    severity: 'warning',
    rationale:
      'Names are part of every address (`aws_s3_bucket.app_logs`, `module.vpc`, `var.region`) that people type, ' +
      'grep for and read in plans. One convention — lower-case snake_case, the one HashiCorp’s style guide uses — ' +
      'keeps them predictable; mixed case and dashes make `terraform state` commands and cross-references error ' +
      'prone. Names are also hard to change later: renaming a resource needs a `moved` block.',
    remediation:
      'Rename to lower-case snake_case (`appLogs` → `app_logs`, `app-logs` → `app_logs`). For resources and ' +
      'modules add a `moved` block (`from` the old address, `to` the new one, one argument per line) so Terraform does not destroy and recreate them.',
    equivalents: {
      tflint: ['terraform_naming_convention'],
    },
    options: {
      pattern: {
        type: 'string',
        description:
          'Regular expression every name must match, in RE2 syntax (JavaScript\'s without lookaround and backreferences: ' +
          'patterns run in linear time). A pattern that does not compile is a configuration error and the default stays in force.',
        default: DEFAULT_PATTERN,
        schema: { format: 'regex' },
      },
    },
    examples: {
      failing: ['resource "aws_s3_bucket" "AppLogs" {', '  bucket = "app-logs"', '}', '', 'variable "instance-type" {}'].join('\n'),
      passing: ['resource "aws_s3_bucket" "app_logs" {', '  bucket = "app-logs"', '}', '', 'variable "instance_type" {}'].join('\n'),
    },
  },

  check(ctx) {
    const pattern = compile(ctx.options.pattern);
    const m = ctx.module;
    const check = (kind: string, name: string, file: SourceFile, range: Range, address?: string) => {
      tickRuleBudget();
      let message: string;
      if (name.length > MAX_MATCHED_TEXT) {
        message = `${kind} name "${name.slice(0, 40)}…" is ${name.length} characters long; names over ${MAX_MATCHED_TEXT} characters are not matched against ${pattern.source}: shorten it.`;
      } else {
        if (pattern.test(name)) return;
        const suggestion = snakeCase(name);
        const hint = suggestion !== name && pattern.test(suggestion) ? `: rename it to "${suggestion}"` : '';
        message = `${kind} name "${name}" does not match ${pattern.source}${hint}.`;
      }
      const descriptor = { file, range, message };
      ctx.report(address ? { ...descriptor, address } : descriptor);
    };

    for (const r of m.resources) labelCheck(check, 'Resource', r.block.labels[1], r.file, r.address);
    for (const d of [...m.dataSources, ...m.scopedDataSources]) labelCheck(check, 'Data source', d.block.labels[1], d.file, d.address);
    for (const c of m.moduleCalls) labelCheck(check, 'Module', c.block.labels[0], c.file, c.address);
    for (const v of m.variables.values()) labelCheck(check, 'Variable', v.block.labels[0], v.file, `var.${v.name}`);
    for (const o of m.outputs) labelCheck(check, 'Output', o.block.labels[0], o.file, `output.${o.name}`);
    for (const l of m.locals.values()) check('Local value', l.name, l.file, l.attribute.nameRange, `local.${l.name}`);
  },
});

type Check = (kind: string, name: string, file: SourceFile, range: Range, address?: string) => void;

function labelCheck(
  check: Check,
  kind: string,
  label: { value: string; range: Range } | undefined,
  file: SourceFile,
  address: string,
): void {
  if (label) check(kind, label.value, file, label.range, address);
}

/**
 * The configured pattern, run by RE2. Config validation reports a pattern
 * that does not compile (and drops it, so the default is what arrives here);
 * options given another way fall back to the default the same way.
 */
function compile(pattern: unknown): UserPattern {
  if (typeof pattern === 'string') {
    const compiled = compileUserPattern(pattern);
    if (compiled.ok) return compiled.pattern;
  }
  const fallback = compileUserPattern(DEFAULT_PATTERN);
  if (!fallback.ok) throw new Error(`the default naming pattern does not compile: ${fallback.error}`);
  return fallback.pattern;
}

/** `AppLogs` → `app_logs`, `app-logs` → `app_logs`, `HTTPServer2` → `http_server2`. */
function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    // A lookahead, not `([A-Z]+)([A-Z][a-z])`: that retries the whole capital run from each of its letters (quadratic).
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1_')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}
