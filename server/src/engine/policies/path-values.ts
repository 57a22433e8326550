import type { Block, Expression, SourceFile } from '../parse/ast.js';
import { rangeContains, type Range } from '../range.js';
import type { Value } from '../evaluate/value.js';
import { dynamicBlocks, dynamicContent, dynamicInstances, type ExistenceContext, type Instance } from '../evaluate/existence.js';
import { findAttribute, findBlocks, headerRange } from '../rules/rule.js';
import type { ArgumentPath, PathSegment } from './argument-path.js';

/**
 * What an argument path reaches in one instance of a block, as the built-in
 * rules see it: arguments evaluated in the instance's scope, nested blocks
 * written out and those a `dynamic` block generates (one per element of its
 * `for_each`), keys of object values, elements of lists.
 */
export type Reached =
  /** `expr`: the argument's expression, when the value is the whole argument. */
  | { kind: 'value'; value: Value; range: Range; expr?: Expression }
  | { kind: 'block'; block: Block; instance: Instance; range: Range };

/** Where a walk starts: a block, in one of its instances. */
export interface BlockAt {
  block: Block;
  file: SourceFile;
  instance: Instance;
}

/**
 * Everything `path` reaches from `start`. Nothing reached means the argument
 * or block is absent; `null` (Terraform's "not set") is returned where it is
 * written, so that a finding about it goes on that argument; an unknown
 * value on the way is returned as a value of kind `unknown` (the caller
 * decides what that leaves undecided).
 */
export function reach(ctx: ExistenceContext, start: BlockAt, path: ArgumentPath): Reached[] {
  let current: Reached[] = [{ kind: 'block', block: start.block, instance: start.instance, range: headerRange(start.block) }];
  for (const segment of path.segments) {
    const next: Reached[] = [];
    for (const item of current) step(ctx, start.file, item, segment, next);
    current = next;
  }
  return current;
}

function step(ctx: ExistenceContext, file: SourceFile, item: Reached, segment: PathSegment, out: Reached[]): void {
  if (item.kind === 'block') {
    const attribute = findAttribute(item.block, segment.name);
    if (attribute) {
      const value = ctx.evaluate(attribute.expr, file, item.instance.scope);
      if (value.kind === 'unknown' && !segment.each) out.push({ kind: 'value', value, range: attribute.range, expr: attribute.expr });
      else pushValue(value, attribute.range, segment.each, out);
      return;
    }
    for (const nested of findBlocks(item.block, segment.name)) out.push({ kind: 'block', block: nested, instance: item.instance, range: headerRange(nested) });
    for (const dynamic of dynamicBlocks(item.block, segment.name)) {
      const content = dynamicContent(dynamic);
      if (!content) continue;
      for (const instance of dynamicInstances(ctx, dynamic, file, item.instance)) out.push({ kind: 'block', block: content, instance, range: headerRange(dynamic) });
    }
    return;
  }
  const { value, range } = item;
  if (value.kind === 'unknown' || value.kind === 'null') {
    // Nothing below null; an unknown stays unknown all the way down.
    if (value.kind === 'unknown') out.push(item);
    return;
  }
  // A list of objects (blocks written as an attribute, `ingress = [{ … }]`): the name applies to each element, as a splat would.
  const elements = value.kind === 'tuple' ? value.items : [value];
  for (const element of elements) {
    if (element.kind === 'unknown') out.push({ kind: 'value', value: element, range });
    else if (element.kind === 'null') continue;
    else if (element.kind === 'object') {
      const entry = element.entries.get(segment.name);
      if (entry) pushValue(entry, writtenWithin(entry, file, range), segment.each, out);
    }
  }
}

/**
 * Where a value reached inside an argument is written, when that is inside
 * the argument (`Environment = "sandbox"` in a `tags = { … }`): the line to
 * fix. A value from a local or a variable stays on the argument that uses it.
 */
function writtenWithin(value: Value, file: SourceFile, range: Range): Range {
  const origin = value.origin;
  if (!origin || origin.file !== file.path) return range;
  const inside = rangeContains(range, origin.range);
  return inside ? origin.range : range;
}

function pushValue(value: Value, range: Range, each: boolean, out: Reached[]): void {
  if (each && value.kind === 'tuple') {
    for (const v of value.items) if (v.kind !== 'null') out.push({ kind: 'value', value: v, range });
    return;
  }
  out.push({ kind: 'value', value, range });
}
