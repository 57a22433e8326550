import { defineRule, headerRange, type RuleContext } from '../../server/src/engine/rules/rule.js';
import { effectiveTags, findTag, normalizeTagKey } from '../../server/src/engine/tagging/effective-tags.js';
import type { ResourceRef } from '../../server/src/engine/model/module.js';
import type { Value } from '../../server/src/engine/evaluate/value.js';
import { instances } from '../../server/src/engine/evaluate/existence.js';
import { instanceKey } from '../../server/src/engine/plan/planned-module.js';
import { isTagPlaceholder, missingTagsFix, TAG_PLACEHOLDER } from '../../server/src/engine/tagging/tag-fix.js';
import { asString } from '../../server/src/engine/evaluate/value.js';
import { tagWord } from '../../server/src/engine/tagging/taggable-types.js';
import type { RelatedInformation } from '../../server/src/engine/finding.js';

interface Options {
  tags: string[];
  caseSensitive: boolean;
}

export default defineRule<Options>({
  meta: {
    id: 'tagging/required-tags',
    title: 'Taggable resources carry every required tag',
    problem: 'missing tags',
    category: 'tagging',
    severity: 'warning',
    rationale:
      'Tags are how cost reports, ownership look-ups, incident routing and access policies find a resource. ' +
      'An untagged resource has no owner to page and no budget to charge, and tag-based IAM conditions silently stop matching it.',
    remediation:
      'Add the missing keys to the resource\'s `tags` (Google: `labels`), or once for every resource through the provider\'s ' +
      '`default_tags { tags = … }` (aws) / `default_labels` (google; google-beta resources take the `google-beta` ' +
      'provider\'s own). The quick fix adds the keys with the value `"' +
      TAG_PLACEHOLDER +
      '"`, which stays reported until a real value replaces it.',
    equivalents: { tflint: ['aws_resource_missing_tags'] },
    fixable: true,
    options: {
      tags: {
        type: 'string[]',
        description: 'Tag keys every taggable resource must carry.',
        default: ['Owner', 'Environment', 'CostCenter'],
      },
      caseSensitive: {
        type: 'boolean',
        description: 'Compare keys exactly; by default `cost-center`, `CostCenter` and `cost_center` are the same key.',
        default: false,
      },
    },
    examples: {
      failing: `provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  tags = {
    Owner = "platform"
  }
}
`,
      passing: `provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = {
      Owner       = "platform"
      Environment = "prod"
    }
  }
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  tags = {
    CostCenter = "cc-1234"
  }
}
`,
    },
  },
  check(ctx) {
    const required = ctx.options.tags;
    if (required.length === 0) return;
    // A placeholder written once (a local, provider default tags) is reported once, where it is written.
    const placeholders = new Set<string>();
    const fileOf = new Map([...ctx.module.files, ...ctx.module.varFiles].map((f) => [f.path, f]));
    for (const resource of ctx.module.resources) {
      const tags = effectiveTags(ctx.module, resource, ctx);
      if (!tags) continue;
      for (const key of required) {
        const entry = findTag(tags, key, ctx.options.caseSensitive);
        const value = entry && asString(entry.value);
        if (!entry?.origin || value === undefined || !isTagPlaceholder(value)) continue;
        const where = `${entry.origin.file}:${entry.origin.range.start.line}:${entry.origin.range.start.column}`;
        if (placeholders.has(where)) continue;
        placeholders.add(where);
        ctx.report({
          file: fileOf.get(entry.origin.file) ?? resource.file,
          range: entry.origin.range,
          address: entry.origin.file === resource.file.path ? resource.address : undefined,
          message: `${entry.key} still has the placeholder value "${value}": fill in the real ${entry.key}`,
        });
      }
      const missing = required.filter((key) => !findTag(tags, key, ctx.options.caseSensitive));
      if (missing.length === 0) continue;
      const word = tagWord(resource.type);
      const where = tags.tagsAttribute?.attribute.range ?? headerRange(resource.block);
      if (tags.unknownReasons.length > 0) {
        // The plan has the tags the provider will apply, default tags included (SPEC §10).
        const planned = plannedMissing(ctx, resource, missing, ctx.options.caseSensitive);
        if (planned?.length === 0) continue;
        if (planned) {
          ctx.report({
            file: resource.file,
            range: where,
            address: resource.address,
            message: `${resource.address} is missing required ${word}: ${[...new Set(planned.map((p) => p.key))].join(', ')} (in the plan's ${planned[0]!.attribute}${instancesText(planned)})`,
          });
          continue;
        }
        ctx.undecided({
          file: resource.file,
          range: where,
          address: resource.address,
          text: `Confirm that ${resource.address} carries the ${word} ${missing.join(', ')}`,
          reason: tags.unknownReasons.join('; '),
        });
        continue;
      }
      const related: RelatedInformation[] = [];
      if (tags.defaultsLocation) {
        const keys = tags.entries.filter((e) => e.source === 'provider-default').map((e) => e.key);
        related.push({
          ...tags.defaultsLocation,
          message: keys.length ? `provider default ${word}: ${keys.join(', ')}` : `provider default ${word} (none of the required keys)`,
        });
      }
      const own = tags.entries.filter((e) => e.source === 'resource');
      const tagsOrigin = own.find((e) => e.origin && e.origin.file !== resource.file.path)?.origin;
      if (tagsOrigin) related.push({ ...tagsOrigin, message: `${word} of ${resource.address} come from here` });
      const present = tags.entries.map((e) => e.key);
      ctx.report({
        file: resource.file,
        range: where,
        address: resource.address,
        message:
          `${resource.address} is missing required ${word}: ${missing.join(', ')}` +
          (present.length ? ` (it has ${[...new Set(present)].join(', ')})` : ''),
        related,
        fix: () => missingTagsFix(resource.file, resource, tags, missing),
      });
    }
  },
});

/** The planned attribute that holds every tag a resource gets (provider defaults merged in). */
const PLANNED_TAG_ATTRIBUTES = ['tags_all', 'effective_labels', 'tags', 'labels'];

/**
 * The required keys missing from the tags the plan says each instance gets;
 * undefined unless the plan knows them for every instance (no plan, or known
 * only after apply).
 */
function plannedMissing(ctx: RuleContext<Options>, resource: ResourceRef, keys: readonly string[], caseSensitive: boolean): Array<{ key: string; instance: string; attribute: string }> | undefined {
  if (!ctx.planned) return undefined;
  const scopes = instances(ctx, resource.block, resource.file).map((i) => i.scope);
  if (scopes.length === 0) return undefined;
  const out: Array<{ key: string; instance: string; attribute: string }> = [];
  for (const scope of scopes) {
    let found: { value: Value; attribute: string } | undefined;
    for (const attribute of PLANNED_TAG_ATTRIBUTES) {
      const value = ctx.plannedArgument(resource.block, attribute, scope);
      if (value && value.kind !== 'null') {
        found = { value, attribute };
        break;
      }
    }
    if (!found || found.value.kind !== 'object') return undefined;
    for (const v of found.value.entries.values()) if (v.kind === 'unknown') return undefined;
    const present = new Set([...found.value.entries.keys()].map((k) => normalizeTagKey(k, caseSensitive)));
    const key = instanceKey(scope);
    for (const k of keys) {
      if (!present.has(normalizeTagKey(k, caseSensitive))) out.push({ key: k, instance: key === undefined ? '' : `[${JSON.stringify(key)}]`, attribute: found.attribute });
    }
  }
  return out;
}

/** `, instances ["a"], ["b"]` when only some instances miss a tag. */
function instancesText(missing: ReadonlyArray<{ instance: string }>): string {
  const names = [...new Set(missing.map((m) => m.instance).filter((i) => i !== ''))];
  return names.length ? `; instances ${names.join(', ')}` : '';
}
