import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, type AnalyzeOptions } from '../../server/src/engine/analyze.js';
import { NodeFileHost } from '../../server/src/engine/host.js';
import { ModuleReleases } from '../../server/src/engine/workspace/module-releases.js';
import { outermostModuleDir, reviewOrder } from '../../server/src/engine/workspace/review-order.js';
import type { LocalCall } from '../../server/src/engine/workspace/module-graph.js';
import { fileTree } from '../support/file-tree.js';

const call = (target: string): LocalCall => ({ name: 'm', target, file: 'f', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } } });

describe('ModuleReleases', () => {
  it('lets a module go once it and every known caller are reviewed, each module once', () => {
    const releases = new ModuleReleases(() => true);
    releases.record('/r', [call('/r/modules/m')]);
    releases.record('/r/examples/e', [call('/r'), call('/r/modules/m')]);
    expect(releases.isCalled('/r/modules/m')).toBe(true);
    expect(releases.isCalled('/r/examples/e')).toBe(false);
    // Nothing calls the example: it goes at once; the root and the submodule wait for their other callers.
    expect(releases.reviewedNow('/r/examples/e', [call('/r'), call('/r/modules/m')])).toEqual(['/r/examples/e']);
    expect(releases.reviewedNow('/r', [call('/r/modules/m')])).toEqual(['/r']);
    // The submodule's callers are all reviewed, but not the submodule itself.
    expect(releases.reviewedNow('/r/modules/m', [])).toEqual(['/r/modules/m']);
    // A module loaded again after it went (a late caller) is kept to the end: it is never read a third time.
    releases.record('/late', [call('/r/modules/m')]);
    expect(releases.reviewedNow('/late', [call('/r/modules/m')])).toEqual(['/late']);
  });

  it('lets a module whose path decides its role go a second time once the callers found since are reviewed, never a third', () => {
    const releases = new ModuleReleases(() => true, (dir) => dir.includes('/modules/'));
    releases.record('/r/examples/e', [call('/r/modules/m'), call('/r/root-like')]);
    expect(releases.reviewedNow('/r/examples/e', [call('/r/modules/m'), call('/r/root-like')])).toEqual(['/r/examples/e']);
    expect(releases.reviewedNow('/r/modules/m', [])).toEqual(['/r/modules/m']);
    expect(releases.reviewedNow('/r/root-like', [])).toEqual(['/r/root-like']);
    // A wrapper found later read both again: the submodule goes again, the module whose role depends on callers stays.
    releases.record('/r/wrappers/w', [call('/r/modules/m'), call('/r/root-like')]);
    expect(releases.reviewedNow('/r/wrappers/w', [call('/r/modules/m'), call('/r/root-like')])).toEqual(['/r/wrappers/w', '/r/modules/m']);
    // Asked again with no caller found since (nothing read it again): nothing to let go.
    expect(releases.reviewedNow('/r/modules/m', [])).toEqual([]);
    // Read a third time, it is kept to the end.
    releases.record('/late', [call('/r/modules/m')]);
    expect(releases.reviewedNow('/late', [call('/r/modules/m')])).toEqual(['/late']);
    // A module calling itself is let go once per review of it.
    const self = new ModuleReleases(() => true, () => true);
    self.record('/a/modules/x', [call('/a/modules/x')]);
    expect(self.reviewedNow('/a/modules/x', [call('/a/modules/x')])).toEqual(['/a/modules/x']);
  });

  it('lets a callee the review never reviews itself go once its callers are reviewed', () => {
    const releases = new ModuleReleases((dir) => dir !== '/outside/m');
    releases.record('/a', [call('/outside/m')]);
    releases.record('/b', [call('/outside/m')]);
    expect(releases.reviewedNow('/a', [call('/outside/m')])).toEqual(['/a']);
    expect(releases.reviewedNow('/b', [call('/outside/m')])).toEqual(['/b', '/outside/m']);
  });

  it('ignores a module calling itself', () => {
    const releases = new ModuleReleases(() => true);
    releases.record('/a', [call('/a')]);
    expect(releases.isCalled('/a')).toBe(false);
    expect(releases.reviewedNow('/a', [call('/a')])).toEqual(['/a']);
  });
});

describe('reviewOrder', () => {
  it('groups the modules under each outermost module folder, callers first, modules/ last', () => {
    const root = join('/', 'ws');
    const dirs = ['eks', 'eks/examples/a', 'eks/modules/m', 'eks/wrappers/w', 'iam/examples/b', 'iam/modules/n', 'vpc', 'vpc/tests/t'].map((d) => join(root, d));
    const found = dirs.map((dir) => ({ dir, configFiles: [join(dir, 'main.tf')], varFiles: [] }));
    const { groups } = reviewOrder(found, { analysedDirs: [root] }, [root]);
    const names = (list: Array<{ files: { dir: string } }>) => list.map((d) => d.files.dir.slice(root.length + 1));
    expect(groups.map((g) => [names(g.callers), names(g.deferred), names(g.modules)])).toEqual([
      [['eks/examples/a'], ['eks', 'eks/wrappers/w'], ['eks/modules/m']],
      // No root module: each folder is a group of its own.
      [['iam/examples/b'], [], []],
      [[], [], ['iam/modules/n']],
      [['vpc/tests/t'], ['vpc'], []],
    ]);
  });

  it('finds the outermost module folder within the analysed path only', () => {
    const root = join('/', 'ws');
    const modules = new Set([root, join(root, 'a'), join(root, 'a', 'b', 'c')].concat(join('/', 'x')));
    expect(outermostModuleDir(join(root, 'a', 'b', 'c'), modules, [join(root, 'a')])).toBe(join(root, 'a'));
    expect(outermostModuleDir(join(root, 'a', 'b', 'c'), modules, [root])).toBe(root);
    expect(outermostModuleDir(join(root, 'z'), modules, [join(root, 'a')])).toBe(join(root, 'z'));
    expect(outermostModuleDir(join('/', 'x'), modules, [root])).toBe(join('/', 'x'));
  });
});

const DB_MODULE = `variable "encrypted" {
  type    = bool
  default = false
}

resource "aws_db_instance" "this" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.medium"
  storage_encrypted = var.encrypted
}
`;

/** A check of `dir` (no undecided items: a check's review), counting the reads of each file. */
function check(dir: string, extra: Partial<AnalyzeOptions> = {}) {
  const host = new NodeFileHost(dir);
  const reads = new Map<string, number>();
  const readText = host.readText.bind(host);
  host.readText = (path: string) => {
    reads.set(path.slice(dir.length + 1), (reads.get(path.slice(dir.length + 1)) ?? 0) + 1);
    return readText(path);
  };
  const { config: _config, analyses: _analyses, ...result } = analyzeWorkspace({ cwd: dir, host, undecided: false, ...extra });
  return { result, reads };
}

describe('a check lets each module go once it and its callers are reviewed', () => {
  it('says what a review holding every module says; a callee a later folder calls is read again', () => {
    const dir = fileTree({
      'repo/main.tf': 'module "m" {\n  source = "./modules/m"\n}\n',
      'repo/modules/m/main.tf': DB_MODULE,
      'repo/examples/e/main.tf': 'module "r" {\n  source = "../.."\n}\n',
      'x-app/main.tf': 'module "m" {\n  source    = "../repo/modules/m"\n  encrypted = false\n}\n',
    }, 'iac-releases-');
    const { result, reads } = check(dir);
    // repo/ is a group: its submodule went when the group was done; x-app (the next group) read it again.
    expect(reads.get('repo/modules/m/main.tf')).toBe(2);
    expect(reads.get('repo/main.tf')).toBe(1);
    expect(reads.get('repo/examples/e/main.tf')).toBe(1);
    const kept = check(dir, { keepModules: true });
    expect(kept.reads.get('repo/modules/m/main.tf')).toBe(1);
    expect(result).toEqual(kept.result);
    expect(result.findings.some((f) => f.ruleId === 'encryption/at-rest')).toBe(true);
  });

  it('says what a review holding every module says when modules call each other in a cycle, or call a folder that is not there', () => {
    const dir = fileTree({
      'main.tf': 'module "a" {\n  source = "./modules/a"\n}\nmodule "gone" {\n  source = "./modules/gone"\n}\n',
      'modules/a/main.tf': `module "b" {\n  source = "../b"\n}\n${DB_MODULE}`,
      'modules/b/main.tf': 'module "a" {\n  source = "../a"\n}\n',
    }, 'iac-releases-');
    const { result, reads } = check(dir);
    expect(Math.max(...reads.values())).toBe(1);
    expect(result.errors.some((e) => /cycle|call each other/i.test(e.message))).toBe(true);
    expect(result).toEqual(check(dir, { keepModules: true }).result);
  });

  it('lets a submodule that a later wrapper reads again go again after the wrapper (a repository without a root module), and says what a review holding every module says', () => {
    const dir = fileTree({
      'repo/examples/e/main.tf': 'module "m" {\n  source = "../../modules/m"\n}\n',
      'repo/modules/m/main.tf': DB_MODULE,
      'repo/wrappers/w/main.tf': 'module "m" {\n  source    = "../../modules/m"\n  encrypted = false\n}\n',
      'zz-app/main.tf': 'module "m" {\n  source = "../repo/modules/m"\n}\n',
    }, 'iac-releases-');
    const { result, reads } = check(dir);
    // Each folder is a group: the wrapper read the submodule again, and it went again once the wrapper was
    // reviewed (so the next caller read it a third time), instead of staying to the end of the check.
    expect(reads.get('repo/modules/m/main.tf')).toBe(3);
    expect(result).toEqual(check(dir, { keepModules: true }).result);
    expect(result.findings.some((f) => f.ruleId === 'encryption/at-rest' && f.file.endsWith(join('wrappers', 'w', 'main.tf')))).toBe(true);
  });

  it('reads a callee at most twice, however many later folders call it', () => {
    const files: Record<string, string> = { 'a-lib/main.tf': DB_MODULE };
    for (const app of ['b', 'c', 'd', 'e', 'f']) files[`${app}-app/main.tf`] = 'module "lib" {\n  source = "../a-lib"\n}\n';
    const dir = fileTree(files, 'iac-releases-');
    const { result, reads } = check(dir);
    expect(reads.get('a-lib/main.tf')).toBe(2);
    expect(result).toEqual(check(dir, { keepModules: true }).result);
  });

  it('stops reading a group whole past 4 M characters of source, and says what a review of the whole says', () => {
    const big = `/*${'x'.repeat(1_500_000)}*/\n`;
    const dir = fileTree({
      'main.tf': 'terraform {\n  backend "s3" {}\n}\n',
      'wrappers/w/main.tf': DB_MODULE,
      'modules/a/main.tf': big,
      'modules/b/main.tf': big,
      'modules/c/main.tf': big,
      'modules/d/main.tf': 'module "w" {\n  source = "../../wrappers/w"\n}\n',
    }, 'iac-releases-');
    const { result, reads } = check(dir);
    // modules/d was not read before wrappers/w was reviewed (as a deployment) and let go: d read it again, and the end
    // of the review, knowing d calls it, reviewed it again as a module.
    expect(reads.get('wrappers/w/main.tf')).toBe(2);
    expect(reads.get('modules/a/main.tf')).toBe(1);
    const whole = check(dir, { keepModules: true, undecided: true });
    expect(result.findings).toEqual(whole.result.findings);
    expect(result.moduleRoles).toEqual(whole.result.moduleRoles);
    expect(result.moduleRoles.find((r) => r.dir === join(dir, 'wrappers/w'))?.role).toBe('module');
  });

  it('reads a group too large to read whole one module at a time, and says what a review of the whole says', () => {
    const files: Record<string, string> = {
      'main.tf': 'terraform {\n  backend "s3" {}\n}\n',
      'modules/db/main.tf': DB_MODULE,
    };
    for (let i = 0; i < 300; i++) files[`stacks/s${String(i).padStart(3, '0')}/main.tf`] = i === 7 ? 'module "db" {\n  source = "../../modules/db"\n}\n' : `resource "aws_s3_bucket" "b" {\n  bucket = "b-${i}"\n}\n`;
    // A deployment folder one stack calls: a module once the stack's call is read.
    files['stacks/s299/main.tf'] = 'module "s" {\n  source = "../s298"\n}\n';
    const dir = fileTree(files, 'iac-releases-');
    const { result, reads } = check(dir);
    expect(Math.max(...reads.values())).toBeLessThanOrEqual(2);
    const whole = check(dir, { keepModules: true, undecided: true });
    expect(result.findings).toEqual(whole.result.findings);
    expect(result.moduleRoles).toEqual(whole.result.moduleRoles);
    expect(result.moduleRoles.find((r) => r.dir === join(dir, 'stacks/s298'))?.role).toBe('module');
  });
});
