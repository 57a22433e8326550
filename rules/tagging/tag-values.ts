import { defineRule } from '../../server/src/engine/rules/rule.js';
import { effectiveTags, normalizeTagKey } from '../../server/src/engine/tagging/effective-tags.js';
import type { Value } from '../../server/src/engine/evaluate/value.js';
import { compileUserPattern, MAX_MATCHED_TEXT, type UserPattern } from '../../server/src/engine/config/user-pattern.js';
import { tickRuleBudget } from '../../server/src/engine/time-budget.js';
import type { Location } from '../../server/src/engine/range.js';
import type { SourceFile } from '../../server/src/engine/parse/ast.js';

interface Options {
  /** Key → allowed values, or a regular expression the whole value must match. */
  values: Record<string, string[] | string>;
  caseSensitive: boolean;
}

/** What one configured key allows. */
type Allowed = { kind: 'list'; values: readonly string[] } | { kind: 'pattern'; pattern: UserPattern };

export default defineRule<Options>({
  meta: {
    id: 'tagging/tag-values',
    title: 'Tag values come from the allowed set',
    problem: 'bad tag value',
    category: 'tagging',
    severity: 'warning',
    rationale:
      'A tag that is present but wrong (`Environment = "Production"` where reports group by `prod`) is worse than a missing one: ' +
      'dashboards, budgets and tag-based access policies quietly miss the resource and nobody notices.',
    remediation: 'Use one of the allowed values, or a value that matches the configured pattern. Fix it where it is written: the resource, a local, or the provider default tags.',
    equivalents: {},
    options: {
      values: {
        type: 'object',
        description:
          'Tag key → list of allowed values, or a regular expression the whole value must match, e.g. `{"Environment": ["dev", "staging", "prod"], "CostCenter": "^cc-[0-9]{4}$"}`. Nothing configured = nothing checked. ' +
          'Patterns are RE2 syntax (JavaScript\'s without lookaround and backreferences: they run in linear time). A key whose ' +
          'setting is not a list of strings or a pattern that compiles is a configuration error, and that key is not checked. ' +
          'Numbers and bools in the Terraform code are compared as Terraform writes them as strings (`5`, `true`).',
        default: {},
        schema: {
          type: 'object',
          additionalProperties: { oneOf: [{ type: 'array', items: { type: 'string' } }, { type: 'string', format: 'regex' }] },
        },
      },
      caseSensitive: {
        type: 'boolean',
        description: 'Compare keys exactly (values are always compared exactly).',
        default: false,
      },
    },
    examples: {
      options: { values: { Environment: ['dev', 'staging', 'prod'] } },
      failing: `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  tags = {
    Environment = "production"
  }
}
`,
      passing: `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  tags = {
    Environment = "prod"
  }
}
`,
    },
  },
  check(ctx) {
    const rules = Object.entries(ctx.options.values ?? {}).flatMap(([key, setting]) => {
      const allowed = allowedBy(setting);
      return allowed ? [{ key, normalized: normalizeTagKey(key, ctx.options.caseSensitive), allowed }] : [];
    });
    if (rules.length === 0) return;
    // A wrong value written once (a local, provider default tags) is reported once, where it is written.
    const reported = new Set<string>();
    const fileByPath = new Map<string, SourceFile>([...ctx.module.files, ...ctx.module.varFiles].map((f) => [f.path, f]));
    for (const resource of ctx.module.resources) {
      const tags = effectiveTags(ctx.module, resource, ctx);
      if (!tags) continue;
      for (const entry of tags.entries) {
        const rule = rules.find((r) => normalizeTagKey(entry.key, ctx.options.caseSensitive) === r.normalized);
        if (!rule) continue;
        const where: Location = entry.origin ?? { file: resource.file.path, range: resource.block.range };
        const file = fileByPath.get(where.file) ?? resource.file;
        if (entry.value.kind === 'unknown') {
          ctx.undecided({
            file,
            range: where.range,
            address: resource.address,
            text: `Confirm that ${resource.address} has an allowed ${entry.key} value`,
            reason: entry.value.reason,
          });
          continue;
        }
        tickRuleBudget();
        const value = tagValueText(entry.value);
        if (value === undefined) continue;
        // A pattern runs on values of a bounded length (tag values stop at 256 characters in AWS).
        const tooLong = rule.allowed.kind === 'pattern' && value.length > MAX_MATCHED_TEXT;
        if (!tooLong && isAllowed(rule.allowed, value)) continue;
        const key = `${where.file}:${where.range.start.line}:${where.range.start.column}:${entry.key}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const expected =
          rule.allowed.kind === 'pattern' ? `a value matching /${rule.allowed.pattern.source}/` : `one of ${rule.allowed.values.map((v) => `"${v}"`).join(', ')}`;
        const shown = tooLong ? `"${value.slice(0, 40)}…" (${value.length} characters, over the ${MAX_MATCHED_TEXT} a pattern is matched against)` : `"${value}"`;
        ctx.report({
          file,
          range: where.range,
          address: file === resource.file ? resource.address : undefined,
          message: `${entry.key} = ${shown} is not allowed; expected ${expected}`,
        });
      }
    }
  },
});

/**
 * A key's setting: a list of values, or a pattern run by RE2. Config
 * validation reports anything else (and drops it); should such a setting
 * arrive another way, the key is not checked — never a substring match of the
 * pattern text, never a crash.
 */
function allowedBy(setting: unknown): Allowed | undefined {
  if (typeof setting === 'string') {
    const compiled = compileUserPattern(setting);
    return compiled.ok ? { kind: 'pattern', pattern: compiled.pattern } : undefined;
  }
  if (Array.isArray(setting)) return { kind: 'list', values: setting.filter((v): v is string => typeof v === 'string') };
  return undefined;
}

function isAllowed(allowed: Allowed, value: string): boolean {
  return allowed.kind === 'pattern' ? allowed.pattern.testWhole(value) : allowed.values.includes(value);
}

/**
 * A tag value as the provider receives it: tags are strings, and Terraform
 * converts numbers and bools (`5`, `1.5`, `true`). Null (no tag), lists and
 * objects (a Terraform type error) have no text.
 */
function tagValueText(value: Value): string | undefined {
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'bool':
      return value.value ? 'true' : 'false';
    case 'number':
      return Number.isFinite(value.value) ? decimalText(value.value) : undefined;
    default:
      return undefined;
  }
}

/** Terraform writes numbers in plain decimal: `1e21` is `1000000000000000000000`, `1e-7` is `0.0000001`. */
function decimalText(n: number): string {
  const text = String(n);
  const e = text.indexOf('e');
  if (e < 0) return text;
  const negative = text.startsWith('-');
  const mantissa = text.slice(negative ? 1 : 0, e);
  const exponent = Number(text.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const point = (dot < 0 ? mantissa.length : dot) + exponent;
  const body =
    point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${body}` : body;
}
