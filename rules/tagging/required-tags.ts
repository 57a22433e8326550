import { defineRule, headerRange, type RuleContext } from '../../server/src/engine/rules/rule.js';
import { effectiveTags, findTag, normalizeTagKey, type EffectiveTags } from '../../server/src/engine/tagging/effective-tags.js';
import type { CarriedPlace, CarryPass } from '../../server/src/engine/incremental/block-carry.js';
import type { SourceFile } from '../../server/src/engine/parse/ast.js';
import type { Range } from '../../server/src/engine/range.js';
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
    const judgeAll = (pass?: CarryPass<TagVerdict>) => {
      for (const resource of ctx.module.resources) {
        let verdict = pass?.reuse(resource.block);
        let tags: EffectiveTags | undefined;
        if (!verdict) {
          tags = effectiveTags(ctx.module, resource, ctx);
          if (!tags) continue;
          verdict = judge(ctx, resource, tags);
          pass?.keep(resource.block, verdict, placesOf(verdict));
        }
        reportVerdict(ctx, resource, verdict, placeholders, fileOf, tags);
      }
    };
    // In the editor, each resource's verdict is kept for the next review, and given again while an edit leaves it alone.
    const carry = ctx.carried?.<TagVerdict>(VERDICTS);
    if (carry) carry.pass(ctx.module, judgeAll, [ctx.options]);
    else judgeAll();
  },
});

/** The key of the editor's kept verdicts (RuleContext.carried). */
const VERDICTS = {};

/** What the rule says about one taggable resource, as data: what it reports, and where. */
interface TagVerdict {
  /** Placeholder values of required keys, each reported once where it is written (`where`), whichever resource reaches it first. */
  placeholders: Array<{ where: string; file: string; range: Range; address?: string; message: string }>;
  missing?:
    | { kind: 'finding'; range: Range; message: string; related: RelatedInformation[]; fixKeys?: string[] }
    | { kind: 'undecided'; range: Range; text: string; reason: string };
}

function judge(ctx: RuleContext<Options>, resource: ResourceRef, tags: EffectiveTags): TagVerdict {
  const { tags: required, caseSensitive } = ctx.options;
  const verdict: TagVerdict = { placeholders: [] };
  for (const key of required) {
    const entry = findTag(tags, key, caseSensitive);
    const value = entry && asString(entry.value);
    if (!entry?.origin || value === undefined || !isTagPlaceholder(value)) continue;
    verdict.placeholders.push({
      where: `${entry.origin.file}:${entry.origin.range.start.line}:${entry.origin.range.start.column}`,
      file: entry.origin.file,
      range: entry.origin.range,
      ...(entry.origin.file === resource.file.path ? { address: resource.address } : {}),
      message: `${entry.key} still has the placeholder value "${value}": fill in the real ${entry.key}`,
    });
  }
  const missing = required.filter((key) => !findTag(tags, key, caseSensitive));
  if (missing.length === 0) return verdict;
  const word = tagWord(resource.type);
  const where = tags.tagsAttribute?.attribute.range ?? headerRange(resource.block);
  if (tags.unknownReasons.length > 0) {
    // The plan has the tags the provider will apply, default tags included (SPEC §10).
    const planned = plannedMissing(ctx, resource, missing, caseSensitive);
    if (planned?.length === 0) return verdict;
    if (planned) {
      const message = `${resource.address} is missing required ${word}: ${[...new Set(planned.map((p) => p.key))].join(', ')} (in the plan's ${planned[0]!.attribute}${instancesText(planned)})`;
      verdict.missing = { kind: 'finding', range: where, message, related: [] };
      return verdict;
    }
    verdict.missing = { kind: 'undecided', range: where, text: `Confirm that ${resource.address} carries the ${word} ${missing.join(', ')}`, reason: tags.unknownReasons.join('; ') };
    return verdict;
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
  const message = `${resource.address} is missing required ${word}: ${missing.join(', ')}` + (present.length ? ` (it has ${[...new Set(present)].join(', ')})` : '');
  verdict.missing = { kind: 'finding', range: where, message, related, fixKeys: missing };
  return verdict;
}

/** Reports a verdict; `tags`, when the verdict was just made from them (else the fix works them out when asked). */
function reportVerdict(
  ctx: RuleContext<Options>,
  resource: ResourceRef,
  verdict: TagVerdict,
  placeholders: Set<string>,
  fileOf: ReadonlyMap<string, SourceFile>,
  tags: EffectiveTags | undefined,
): void {
  for (const p of verdict.placeholders) {
    if (placeholders.has(p.where)) continue;
    placeholders.add(p.where);
    ctx.report({ file: fileOf.get(p.file) ?? resource.file, range: p.range, address: p.address, message: p.message });
  }
  const missing = verdict.missing;
  if (!missing) return;
  if (missing.kind === 'undecided') {
    ctx.undecided({ file: resource.file, range: missing.range, address: resource.address, text: missing.text, reason: missing.reason });
    return;
  }
  const keys = missing.fixKeys;
  ctx.report({
    file: resource.file,
    range: missing.range,
    address: resource.address,
    message: missing.message,
    related: missing.related,
    ...(keys
      ? {
          fix: () => {
            const current = tags ?? effectiveTags(ctx.module, resource, ctx);
            return current && missingTagsFix(resource.file, resource, current, keys);
          },
        }
      : {}),
  });
}

/** Every place a verdict points into outside its resource (where the missing keys are reported is inside it). */
function* placesOf(verdict: TagVerdict): Generator<CarriedPlace> {
  yield* verdict.placeholders;
  if (verdict.missing?.kind === 'finding') yield* verdict.missing.related;
}

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
