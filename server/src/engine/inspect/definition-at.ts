import type { Module } from '../model/module.js';
import { comparePositions, rangeContains, type Location, type Position, type Range } from '../range.js';

/** True when the position is on a character of the range (the end is exclusive). */
export function rangeContainsPosition(range: Range, position: Position): boolean {
  return comparePositions(range.start, position) <= 0 && comparePositions(position, range.end) < 0;
}

/**
 * The named definition a value was written in, as a reader would refer to it:
 * `local.common_tags`, `var.owner` (its default, or its entry in a tfvars
 * file), `provider "aws"`, or the address of a resource, data source or
 * module call. Undefined when the location is in none of them.
 */
export function definitionAt(module: Module, location: Location): string | undefined {
  const inside = (file: string, range: Range) => file === location.file && rangeContains(range, location.range);
  for (const local of module.locals.values()) {
    if (inside(local.file.path, local.attribute.range)) return `local.${local.name}`;
  }
  for (const [name, variable] of module.variables) {
    if (inside(variable.file.path, variable.block.range)) return `var.${name}`;
  }
  for (const file of module.varFiles) {
    if (file.path !== location.file) continue;
    for (const item of file.body) {
      if (item.kind === 'Attribute' && inside(file.path, item.range)) return `var.${item.name}`;
    }
  }
  for (const provider of module.providers) {
    if (inside(provider.file.path, provider.block.range)) {
      return provider.alias ? `provider "${provider.name}" (alias ${provider.alias})` : `provider "${provider.name}"`;
    }
  }
  for (const ref of module.byAddress.values()) {
    if (inside(ref.file.path, ref.block.range)) return ref.address;
  }
  return undefined;
}
