import type { Module } from '../model/module.js';
import type { SourceFile } from '../parse/ast.js';
import { rangeText, type Range } from '../range.js';
import { headerRange } from '../rules/rule.js';
import type { ModuleGraph } from '../workspace/module-graph.js';
import type { ModuleInstance } from '../workspace/module-instance.js';
import { findAttribute } from '../rules/rule.js';
import { parseModuleAddress } from './plan-address.js';
import { isDownloadedDir } from '../workspace/call-target.js';
import { instanceKeyText } from './plan-context.js';

/** Where a plan address is placed in the code (SPEC §10). */
export interface PlanPlace {
  file: SourceFile;
  range: Range;
  /** The plan's address. */
  address: string;
  /**
   * `block`: the resource's own block; `module-call`: a module block whose
   * code is not the workspace's own or not read (a registry module: the
   * finding is placed on the call); `removed`: the block is no longer in the
   * code (a `removed` block, the module call that held it, or the root
   * module's first file).
   */
  kind: 'block' | 'module-call' | 'removed';
}

/** The steps of a plan's module address, keys as the review's module instances write them. */
function moduleSteps(moduleAddress: string): Array<{ name: string; key: string }> {
  return (parseModuleAddress(moduleAddress) ?? []).map((s) => ({ name: s.name, key: instanceKeyText(s.key) }));
}

/** Whether a module's code was placed by `terraform init` (not the workspace's own code under review). */
export function isDownloaded(module: Module): boolean {
  return isDownloadedDir(module.dir);
}

/**
 * Places plan addresses in the code, walking the module instances from the
 * plan's root module: a resource on its block; a resource inside a module the
 * review does not read (a registry module that is not installed) or that
 * `terraform init` downloaded, on the innermost module block of the
 * workspace's own code; a resource that is no longer in the code on its
 * `removed` block, else on the module call that held it, else on the root
 * module's first file.
 */
export function planPlacer(
  graph: ModuleGraph,
  root: Module,
  baseModuleFor?: (dir: string) => Module | undefined,
): (address: string, moduleAddress: string, localAddress: string) => PlanPlace | undefined {
  const rootInstance = graph.standalone(root);
  return (address, moduleAddress, localAddress) => {
    let current: ModuleInstance = rootInstance;
    let ownCall: { file: SourceFile; range: Range } | undefined;
    for (const step of moduleSteps(moduleAddress)) {
      const call = current.module.moduleCalls.find((c) => c.name === step.name);
      if (!call) return atBase(current.module, `module.${step.name}`, address) ?? removedPlace(current.module, address, ownCall);
      if (!isDownloaded(current.module)) ownCall = { file: call.file, range: headerRange(call.block) };
      const children = current.childrenOf(call);
      const next = children.find((c) => (c.step?.key ?? '') === step.key) ?? (children.length === 1 && !children[0]!.step?.key ? children[0] : undefined);
      if (!next) return { ...ownCall!, address, kind: 'module-call' };
      current = next;
    }
    if (isDownloaded(current.module) && ownCall) return { ...ownCall, address, kind: 'module-call' };
    const block = current.module.byAddress.get(localAddress);
    if (block && 'mode' in block) return { file: block.file, range: headerRange(block.block), address, kind: 'block' };
    return atBase(current.module, localAddress, address) ?? removedPlace(current.module, address, ownCall, localAddress);
  };

  /** Diff mode: a block the change removed, at its last known place, the base of the change (SPEC §10). */
  function atBase(module: Module, local: string, address: string): PlanPlace | undefined {
    const block = baseModuleFor?.(module.dir)?.byAddress.get(local);
    return block && { file: block.file, range: headerRange(block.block), address, kind: 'removed' };
  }
}

function removedPlace(module: Module, address: string, ownCall: { file: SourceFile; range: Range } | undefined, localAddress?: string): PlanPlace | undefined {
  if (localAddress) {
    for (const file of module.files) for (const block of file.body) {
      if (block.kind !== 'Block' || block.type !== 'removed') continue;
      const from = findAttribute(block, 'from');
      const text = from && rangeText(file, from.expr.range).trim();
      if (text === localAddress) return { file, range: headerRange(block), address, kind: 'removed' };
    }
  }
  if (ownCall) return { ...ownCall, address, kind: 'removed' };
  const file = [...module.files].sort((a, b) => (a.path < b.path ? -1 : 1))[0];
  if (!file) return undefined;
  const start = { line: 1, column: 1, offset: 0 };
  return { file, range: { start, end: start }, address, kind: 'removed' };
}
