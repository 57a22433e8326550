import { defineRule } from '../../server/src/engine/rules/rule.js';
import type { SourceFile } from '../../server/src/engine/parse/ast.js';
import type { Range } from '../../server/src/engine/range.js';

interface Options {
  pattern: string;
}

const DEFAULT_PATTERN = '^[a-z][a-z0-9_]*$';

export default defineRule<Options>({
  meta: {
    id: 'naming/identifier-format',
    title: 'Identifiers follow the naming convention',
    category: 'naming',
    severity: 'warning',
    rationale:
      'Names are part of every address (`aws_s3_bucket.app_logs`, `module.vpc`, `var.region`) that people type, ' +
      'grep for and read in plans. One convention — lower-case snake_case, the one HashiCorp’s style guide uses — ' +
      'keeps them predictable; mixed case and dashes make `terraform state` commands and cross-references error ' +
      'prone. Names are also hard to change later: renaming a resource needs a `moved` block.',
    remediation:
      'Rename to lower-case snake_case (`appLogs` → `app_logs`, `app-logs` → `app_logs`). For resources and ' +
      'modules add a `moved { from = … to = … }` block so Terraform does not destroy and recreate them.',
    equivalents: {
      tflint: ['terraform_naming_convention'],
    },
    options: {
      pattern: {
        type: 'string',
        description: 'Regular expression (JavaScript syntax) that every name must match.',
        default: DEFAULT_PATTERN,
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
      if (pattern.test(name)) return;
      const suggestion = snakeCase(name);
      const hint = suggestion !== name && pattern.test(suggestion) ? `: rename it to "${suggestion}"` : '';
      const descriptor = {
        file,
        range,
        message: `${kind} name "${name}" does not match ${pattern.source}${hint}.`,
      };
      ctx.report(address ? { ...descriptor, address } : descriptor);
    };

    for (const r of m.resources) labelCheck(check, 'Resource', r.block.labels[1], r.file, r.address);
    for (const d of m.dataSources) labelCheck(check, 'Data source', d.block.labels[1], d.file, d.address);
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

function compile(pattern: unknown): RegExp {
  if (typeof pattern === 'string') {
    try {
      return new RegExp(pattern);
    } catch {
      // Config validation reports a broken pattern; keep checking with the default meanwhile.
    }
  }
  return new RegExp(DEFAULT_PATTERN);
}

/** `AppLogs` → `app_logs`, `app-logs` → `app_logs`, `HTTPServer2` → `http_server2`. */
function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9_]+/g, '_')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toLowerCase();
}
