// Discovery in steps (issue 17): the editor's scan of a large workspace yields to the event loop between
// folders; a step is one folder read, and the steps end with what discoverModules finds at once.
import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverModules, discoverModulesSteps } from '../../server/src/engine/discover.js';
import { NodeFileHost } from '../../server/src/engine/host.js';
import { fileTree } from '../support/file-tree.js';

describe('discoverModulesSteps', () => {
  it('takes one step per folder read and ends with the same discovery as discoverModules', () => {
    const files: Record<string, string> = { 'README.md': '', 'skipped.txt': '' };
    for (let r = 0; r < 5; r++) {
      files[`repo-${r}/main.tf`] = '';
      files[`repo-${r}/terraform.tfvars`] = '';
      files[`repo-${r}/examples/basic/main.tf`] = '';
      files[`repo-${r}/docs/notes.md`] = '';
      files[`repo-${r}/.terraform/modules/x/main.tf`] = '';
    }
    const root = fileTree(files);
    mkdirSync(join(root, 'empty'));
    symlinkSync(join(root, 'repo-0'), join(root, 'linked'));
    const host = new NodeFileHost(root);
    const included = (p: string) => !p.endsWith('terraform.tfvars') || p.includes('repo-1');
    const steps = discoverModulesSteps(host, [root, join(root, 'repo-2/main.tf'), join(root, 'missing')], included);
    let count = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) count++;
    // root, empty, and per repository: itself, examples, examples/basic, docs (.terraform is never entered); the link leads to a folder entered already.
    expect(count).toBe(2 + 5 * 4);
    expect(next.value).toEqual(discoverModules(host, [root, join(root, 'repo-2/main.tf'), join(root, 'missing')], included));
    expect(next.value.modules.map((m) => m.dir.slice(root.length + 1))).toContain('repo-3/examples/basic');
    expect(next.value.modules.find((m) => m.dir.endsWith('repo-1'))!.varFiles).toHaveLength(1);
    expect(next.value.modules.find((m) => m.dir.endsWith('repo-4'))!.varFiles).toHaveLength(0);
    expect(next.value.missing).toEqual([join(root, 'missing')]);
  });
});
