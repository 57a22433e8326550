// The two bounds on module instances (module-graph.ts): MAX_MODULE_INSTANCES per call tree, so a module's review
// does not depend on what else the workspace holds; MAX_REVIEW_INSTANCES over the review, so a pull request that
// adds many trees at their limit cannot make the review unbounded.
import { describe, expect, it } from 'vitest';
import { NodeFileHost } from '../../server/src/engine/host.js';
import { ModuleGraph } from '../../server/src/engine/workspace/module-graph.js';
import { ModuleLoader } from '../../server/src/engine/workspace/module-loader.js';
import { fileTree } from '../support/file-tree.js';

/** `trees` callers, each calling ./leaf with for_each over `keys` keys. */
function workspace(trees: number, keys: number): string {
  const map = Array.from({ length: keys }, (_, i) => `k${i} = ${i}`).join(', ');
  const files: Record<string, string> = { 'leaf/main.tf': 'variable "n" {\n  type = number\n}\n' };
  for (let t = 0; t < trees; t++) files[`caller-${t}/main.tf`] = `module "leaf" {\n  source   = "../leaf"\n  for_each = { ${map} }\n  n        = each.value\n}\n`;
  return fileTree(files, 'iac-limits-');
}

function graphOver(root: string): { graph: ModuleGraph; tree: (t: number) => number } {
  const loader = new ModuleLoader(new NodeFileHost(root));
  const graph = new ModuleGraph(loader);
  const tree = (t: number) => graph.standalone(loader.loadDir(`${root}/caller-${t}`)!.module!).allChildren().length;
  return { graph, tree };
}

describe('module instance limits', () => {
  it('per call tree: each tree gets its own count, whatever was followed before', () => {
    const root = workspace(3, 40);
    const { graph, tree } = graphOver(root);
    expect([tree(0), tree(1), tree(2)]).toEqual([40, 40, 40]);
    expect(graph.instanceCount).toBe(120);
    expect(graph.limitReached).toBeUndefined();
  });

  it('per review: past the review limit no tree follows its calls, and the review says so once', () => {
    const root = workspace(3, 40);
    const { graph, tree } = graphOver(root);
    graph.reviewInstanceLimit = 100;
    expect([tree(0), tree(1), tree(2)]).toEqual([40, 40, 0]);
    expect(graph.limitReached?.kind).toBe('module-limit');
    expect(graph.limitReached?.message).toMatch(/in this review create more than 100 module instances/);
    expect(graph.limitReached?.file).toBe(`${root}/caller-2/main.tf`);
  });
});
