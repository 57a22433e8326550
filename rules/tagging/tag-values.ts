import { defineRule } from '../../server/src/engine/rules/rule.js';
import { effectiveTags, normalizeTagKey } from '../../server/src/engine/tagging/effective-tags.js';
import { asString } from '../../server/src/engine/evaluate/value.js';
import type { Location } from '../../server/src/engine/range.js';
import type { SourceFile } from '../../server/src/engine/parse/ast.js';

interface Options {
  /** Key → allowed values, or a regular expression the whole value must match. */
  values: Record<string, string[] | string>;
  caseSensitive: boolean;
}

export default defineRule<Options>({
  meta: {
    id: 'tagging/tag-values',
    title: 'Tag values come from the allowed set',
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
          'Tag key → list of allowed values, or a regular expression the whole value must match, e.g. `{"Environment": ["dev", "staging", "prod"], "CostCenter": "^cc-[0-9]{4}$"}`. Nothing configured = nothing checked.',
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
    const rules = Object.entries(ctx.options.values ?? {}).map(([key, allowed]) => ({
      key,
      normalized: normalizeTagKey(key, ctx.options.caseSensitive),
      allowed,
      pattern: typeof allowed === 'string' ? safeRegExp(allowed) : undefined,
    }));
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
        const value = asString(entry.value);
        if (value === undefined) continue;
        const ok = rule.pattern ? rule.pattern.test(value) : (rule.allowed as string[]).includes(value);
        if (ok) continue;
        const key = `${where.file}:${where.range.start.offset}:${entry.key}`;
        if (reported.has(key)) continue;
        reported.add(key);
        const expected = rule.pattern ? `a value matching /${rule.allowed}/` : `one of ${(rule.allowed as string[]).map((v) => `"${v}"`).join(', ')}`;
        ctx.report({
          file,
          range: where.range,
          address: file === resource.file ? resource.address : undefined,
          message: `${entry.key} = "${value}" is not allowed; expected ${expected}`,
        });
      }
    }
  },
});

function safeRegExp(source: string): RegExp | undefined {
  try {
    return new RegExp(`^(?:${source})$`, 'u');
  } catch {
    return undefined;
  }
}
