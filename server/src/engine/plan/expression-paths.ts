import type { Block, Expression } from '../parse/ast.js';
import type { Module, ResourceRef } from '../model/module.js';

/** One step from a resource's planned object to an argument: an attribute name, or the n-th of a block type's static blocks. */
/** `self` is the code's block (absent for a block the code does not write). */
export type PathStep = string | { block: string; index: number; of: number; self?: Block };

/** Where an argument's expression sits in the plan's object of its resource. */
export interface ExpressionPath {
  resource: ResourceRef;
  path: PathStep[];
}

const byModule = new WeakMap<Module, Map<Expression, ExpressionPath>>();
const blocksByModule = new WeakMap<Module, Map<Block, ExpressionPath>>();

/** The path of a resource block or one of its static nested blocks in the resource's planned object (`[]` for the resource itself). */
export function blockPath(module: Module, block: Block): ExpressionPath | undefined {
  expressionPaths(module);
  return blocksByModule.get(module)!.get(block);
}

/**
 * Every argument expression of the module's resources and data sources, with
 * its path in the resource's planned object (SPEC §10): `acl` →
 * `["acl"]`, `ingress { cidr_blocks = … }` → `[ingress#0, "cidr_blocks"]`.
 * Blocks a `dynamic` block also makes have no path: which planned element is
 * whose cannot be told. Built once per module.
 */
export function expressionPaths(module: Module): Map<Expression, ExpressionPath> {
  let map = byModule.get(module);
  if (map) return map;
  map = new Map();
  const blocks = new Map<Block, ExpressionPath>();
  for (const resource of [...module.resources, ...module.dataSources]) collect(resource, resource.block, [], map, blocks);
  byModule.set(module, map);
  blocksByModule.set(module, blocks);
  return map;
}

/** Meta-arguments and blocks that are not part of the planned object. */
const META = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection', 'dynamic']);

function collect(resource: ResourceRef, block: Block, path: PathStep[], map: Map<Expression, ExpressionPath>, blocks: Map<Block, ExpressionPath>): void {
  blocks.set(block, { resource, path });
  const nested = new Map<string, Block[]>();
  const dynamicTypes = new Set<string>();
  for (const item of block.body) {
    if (path.length === 0 && META.has(item.kind === 'Attribute' ? item.name : item.type)) {
      if (item.kind === 'Block' && item.type === 'dynamic' && item.labels[0]) dynamicTypes.add(item.labels[0].value);
      continue;
    }
    if (item.kind === 'Attribute') map.set(item.expr, { resource, path: [...path, item.name] });
    else if (item.type === 'dynamic') {
      if (item.labels[0]) dynamicTypes.add(item.labels[0].value);
    } else {
      const list = nested.get(item.type);
      if (list) list.push(item);
      else nested.set(item.type, [item]);
    }
  }
  for (const [type, list] of nested) {
    if (dynamicTypes.has(type)) continue;
    list.forEach((b, index) => collect(resource, b, [...path, { block: type, index, of: list.length, self: b }], map, blocks));
  }
}
