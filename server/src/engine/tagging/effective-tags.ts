import type { Attribute, Block, Expression, SourceFile } from '../parse/ast.js';
import type { Location } from '../range.js';
import type { Module, ProviderConfigRef, ResourceRef } from '../model/module.js';
import { providerConfigFor } from '../model/build-module.js';
import type { Value } from '../evaluate/value.js';
import { asString } from '../evaluate/value.js';
import { findAttribute, findBlocks, type RuleContext } from '../rules/rule.js';
import { EMPTY_SCOPE } from '../evaluate/scope.js';
import { dynamicBlocks, dynamicContent, dynamicInstances, dynamicIterator, type Instance } from '../evaluate/existence.js';
import { tagSiteOf, type TagSite } from './taggable-types.js';
import { providerTypeOf } from '../model/provider-type.js';
import { TextMemo } from '../text-memo.js';
import { ownString } from '../own-string.js';

export interface TagEntry {
  key: string;
  value: Value;
  /** Where the tag came from. */
  source: 'provider-default' | 'resource';
  /** Where the key was written (a local, a tfvars entry, the resource itself …). */
  origin?: Location;
}

/**
 * The tags a resource ends up with: its provider's default tags (aws
 * `default_tags`, google `default_labels`) overlaid with its own.
 * `unknownReasons` lists what could add keys the review cannot see; when it is
 * non-empty, a key absent from `entries` may still be present.
 */
export interface EffectiveTags {
  site: TagSite;
  entries: TagEntry[];
  unknownReasons: string[];
  /** The resource's own tags attribute, when it has one (where fixes and findings go). */
  tagsAttribute?: { attribute: Attribute; block: Block };
  /** The provider configuration whose defaults apply. */
  provider?: ProviderConfigRef;
  /** Where the provider defaults are written. */
  defaultsLocation?: Location;
}

type Evaluator = Pick<RuleContext, 'evaluate' | 'existence'> & Partial<Pick<RuleContext, 'callerProvider'>>;

export function effectiveTags(module: Module, resource: ResourceRef, ctx: Evaluator): EffectiveTags | undefined {
  const site = tagSiteOf(resource.type);
  if (!site) return undefined;
  const result: EffectiveTags = { site, entries: [], unknownReasons: [] };
  addProviderDefaults(module, resource, ctx, result);
  addResourceTags(resource, ctx, site, result);
  return result;
}

/** Keys compare case-insensitively ignoring `-` and `_` unless asked otherwise (SPEC §3). */
export function normalizeTagKey(key: string, caseSensitive: boolean): string {
  // A module's tag keys are few and looked up for every resource and required key: each is normalised once.
  return caseSensitive ? key : NORMAL_KEYS.get(key, (k) => ownString(k.toLowerCase().replace(/[-_]/g, '')));
}

/** Normalised tag keys (the value is a copy of its own too: lower-casing a lower-case key gives the key itself). */
const NORMAL_KEYS = new TextMemo<string>(4096);

export function findTag(tags: EffectiveTags, key: string, caseSensitive: boolean): TagEntry | undefined {
  const wanted = normalizeTagKey(key, caseSensitive);
  // Later entries (the resource's own) override provider defaults.
  for (let i = tags.entries.length - 1; i >= 0; i--) {
    const entry = tags.entries[i]!;
    if (normalizeTagKey(entry.key, caseSensitive) === wanted) return entry;
  }
  return undefined;
}

/**
 * Where a provider keeps the defaults every resource receives, by provider type: aws `default_tags { tags }`,
 * google and google-beta `default_labels` (google-beta is a provider of its own, with its own block and defaults).
 */
type DefaultsKind = 'aws' | 'google';
const DEFAULTS_BY_PROVIDER_TYPE: ReadonlyMap<string, DefaultsKind> = new Map([
  ['aws', 'aws'],
  ['google', 'google'],
  ['google-beta', 'google'],
]);

function addProviderDefaults(module: Module, resource: ResourceRef, ctx: Evaluator, out: EffectiveTags): void {
  const providerName = resource.provider.name;
  const defaultsKind = DEFAULTS_BY_PROVIDER_TYPE.get(providerTypeOf(module, providerName, (expr, file) => ctx.evaluate(expr, file)));
  if (!defaultsKind) return;
  let config = providerConfigFor(module, resource.provider);
  let evaluate = (expr: Expression, file: SourceFile) => ctx.evaluate(expr, file);
  const label = resource.provider.alias ? `${providerName}.${resource.provider.alias}` : providerName;
  const passedIn = !config || config.block.body.every((i) => i.kind === 'Attribute' && i.name === 'alias');
  // A module evaluated with its caller's values uses the caller's configuration (SPEC §2a).
  const inherited = passedIn && !module.isRoot ? ctx.callerProvider?.(resource.provider) : undefined;
  if (inherited) {
    config = inherited.config;
    evaluate = inherited.evaluate;
  }
  if (!config) {
    if (!module.isRoot) {
      out.unknownReasons.push(
        `this is a child module without a provider "${providerName}" block: its callers' provider configuration (and its default tags) decides`,
      );
    } else if (resource.provider.alias) {
      out.unknownReasons.push(`provider ${label} is not configured in this module`);
    }
    return;
  }
  out.provider = config;
  const onlyAlias = config.block.body.every((i) => i.kind === 'Attribute' && i.name === 'alias');
  if (onlyAlias && !module.isRoot && !inherited) {
    out.unknownReasons.push(`provider ${label} is passed in by the callers of this module: its default tags are theirs`);
    return;
  }
  let value: Value | undefined;
  let location: Location | undefined;
  if (defaultsKind === 'aws') {
    const block = findBlocks(config.block, 'default_tags')[0];
    const attr = block && findAttribute(block, 'tags');
    if (attr) {
      value = evaluate(attr.expr, config.file);
      location = { file: config.file.path, range: attr.range };
    }
  } else {
    const attr = findAttribute(config.block, 'default_labels');
    if (attr) {
      value = evaluate(attr.expr, config.file);
      location = { file: config.file.path, range: attr.range };
    }
  }
  if (!value) return;
  if (location) out.defaultsLocation = location;
  addMap(value, 'provider-default', `default tags of provider ${label}`, out);
}

function addResourceTags(resource: ResourceRef, ctx: Evaluator, site: TagSite, out: EffectiveTags): void {
  const { block, file } = resource;
  if (site.kind === 'attribute') {
    addTagsAttribute(block, file, site.name, ctx, out);
    if (dynamicBlocks(block, site.name).length) out.unknownReasons.push(`${site.name} are set by a dynamic block`);
    return;
  }
  if (site.kind === 'nested-attribute') {
    for (const nested of findBlocks(block, site.block)) addTagsAttribute(nested, file, site.name, ctx, out);
    if (dynamicBlocks(block, site.block).length) out.unknownReasons.push(`${site.block} is a dynamic block`);
    return;
  }
  const written = findBlocks(block, site.block).map((tagBlock) => ({ tagBlock, instance: RESOURCE }));
  for (const { tagBlock, instance } of [...written, ...generatedTagBlocks(block, file, site.block, ctx, out)]) {
    const keyAttr = findAttribute(tagBlock, 'key');
    const valueAttr = findAttribute(tagBlock, 'value');
    const key = keyAttr && ctx.evaluate(keyAttr.expr, file, instance.scope);
    const value = valueAttr && ctx.evaluate(valueAttr.expr, file, instance.scope);
    if (!key || key.kind === 'unknown') {
      out.unknownReasons.push(`a ${site.block} block's key ${key ? `is not known statically (${key.reason})` : 'is missing'}`);
      continue;
    }
    const k = asString(key);
    if (k !== undefined) {
      const entry: TagEntry = { key: k, value: value ?? { kind: 'null' }, source: 'resource' };
      entry.origin = { file: file.path, range: tagBlock.range };
      out.entries.push(entry);
    }
  }
}

const RESOURCE: Instance = { scope: EMPTY_SCOPE, when: [] };

/**
 * The tag blocks a `dynamic "tag"` generates, one per element of a known
 * `for_each`. A tag only adds keys, so it is never assumed to exist: a
 * toggled or unknown `for_each` leaves a reason instead (a key may be there).
 */
function generatedTagBlocks(block: Block, file: SourceFile, type: string, ctx: Evaluator, out: EffectiveTags): { tagBlock: Block; instance: Instance }[] {
  const found: { tagBlock: Block; instance: Instance }[] = [];
  for (const dynamic of dynamicBlocks(block, type)) {
    const content = dynamicContent(dynamic);
    const generated = dynamicInstances(ctx, dynamic, file, RESOURCE);
    const unknownElement = generated.find((i) => i.scope.get(dynamicIterator(dynamic))?.kind === 'unknown');
    if (unknownElement || generated.some((i) => i.when.length > 0)) {
      const why = unknownElement ? 'its for_each is not known statically' : `it generates them only when ${generated[0]!.when.join(' and ')}`;
      out.unknownReasons.push(`${type} blocks are generated by a dynamic block: ${why}`);
      continue;
    }
    if (content) for (const instance of generated) found.push({ tagBlock: content, instance });
  }
  return found;
}

function addTagsAttribute(block: Block, file: SourceFile, name: string, ctx: Evaluator, out: EffectiveTags): void {
  const attr = findAttribute(block, name);
  if (!attr) return;
  if (!out.tagsAttribute) out.tagsAttribute = { attribute: attr, block };
  addMap(ctx.evaluate(attr.expr, file), 'resource', name, out);
}

function addMap(value: Value, source: TagEntry['source'], what: string, out: EffectiveTags): void {
  if (value.kind === 'null') return;
  if (value.kind === 'unknown') {
    out.unknownReasons.push(`${what}: ${value.reason}`);
    return;
  }
  if (value.kind !== 'object') return;
  const mapOrigin = value.origin;
  value.entries.forEach((v, key) => {
    // A null value removes the tag in the AWS provider: it does not count as present.
    if (v.kind === 'null') return;
    const origin = v.origin ?? mapOrigin;
    out.entries.push(origin ? { key, value: v, source, origin } : { key, value: v, source });
  });
}
