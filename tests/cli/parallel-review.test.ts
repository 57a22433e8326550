// A large check on several threads (issue 17): the shares, merged, are the one-thread review byte for byte,
// and shares that do not add up (a module of one calls a module of another) are refused, so that the CLI
// reviews on one thread again. Workers need the built CLI; here the shares run in-process, one after the
// other, which is what each worker runs (the built binary is tested in main.test.ts).
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, roleAssignmentOptions } from '../../server/src/engine/analyze.js';
import { discoverModules } from '../../server/src/engine/discover.js';
import { NodeFileHost } from '../../server/src/engine/host.js';
import { FULL_PARALLEL_FILES, idleCores, MIN_SAMPLE_MS, reviewThreads, mergeShares, othersBusyBetween, parallelSettings, shareRanges, sharedInstanceBudget } from '../../server/src/cli/parallel-review.js';
import { MAX_MODULE_INSTANCES, MAX_REVIEW_INSTANCES } from '../../server/src/engine/workspace/module-graph.js';
import { formatJson } from '../../server/src/cli/format/json.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';
import { fileTree } from '../support/file-tree.js';

const BUCKET = (name: string) => `resource "aws_s3_bucket" "${name}" {\n  bucket = "${name}"\n}\n`;
const POLICY = `resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }] })\n}\n`;

/** Repositories side by side, each a module with variables, examples calling it and a nested module. */
function repositories(count: number, crossCall = false): Record<string, string> {
  const files: Record<string, string> = {};
  for (let r = 0; r < count; r++) {
    const repo = `repo-${r}`;
    files[`${repo}/main.tf`] = `${BUCKET(`Bucket${r}`)}variable "name" {}\nresource "aws_s3_bucket" "named" {\n  bucket = var.name\n}\nmodule "inner" {\n  source = "./modules/inner"\n}\n`;
    files[`${repo}/modules/inner/main.tf`] = POLICY;
    files[`${repo}/examples/complete/main.tf`] = `module "this" {\n  source = "../.."\n  name   = "AKIAIOSFODNN7EXAMPLE"\n}\n${BUCKET('example')}`;
  }
  // A call from the last repository into the first: the shares no longer add up.
  if (crossCall) files[`repo-${count - 1}/examples/other/main.tf`] = `module "first" {\n  source = "../../../repo-0"\n  name   = "x"\n}\n`;
  return files;
}

function shareRun(root: string, threads: number) {
  const options = { cwd: root, paths: [root], fixes: 'eager' as const, undecided: false };
  const host = new NodeFileHost(root);
  const whole = analyzeWorkspace(options);
  const { modules } = discoverModules(host, [root], () => true);
  const ranges = shareRanges(modules, [root], { threads, minFiles: 1 });
  const shares = ranges.map((moduleRange) => analyzeWorkspace({ ...options, moduleRange }));
  const merged = mergeShares(shares, modules, ranges, roleAssignmentOptions([root], host, whole.config));
  return { whole, ranges, modules, merged };
}

const json = (result: Parameters<typeof formatJson>[0], cwd: string) => formatJson(result, { cwd, rules: RULES.map((r) => r.meta), color: false });

describe('parallel check: shares', () => {
  it('cuts the discovery order into contiguous ranges at top-level folders, about equal in files', () => {
    const root = fileTree(repositories(6));
    const { ranges, modules } = shareRun(root, 3);
    expect(ranges.length).toBe(3);
    expect(ranges[0]!.start).toBe(0);
    expect(ranges.at(-1)!.end).toBe(modules.length);
    for (let i = 1; i < ranges.length; i++) {
      expect(ranges[i]!.start).toBe(ranges[i - 1]!.end);
      const before = modules[ranges[i]!.start - 1]!.dir.slice(root.length + 1).split('/')[0];
      const after = modules[ranges[i]!.start]!.dir.slice(root.length + 1).split('/')[0];
      expect(before).not.toBe(after);
    }
    // One range below the size threshold, or with one thread.
    expect(shareRanges(modules, [root], { threads: 3, minFiles: 10_000 })).toEqual([{ start: 0, end: modules.length }]);
    expect(shareRanges(modules, [root], { threads: 1, minFiles: 1 })).toEqual([{ start: 0, end: modules.length }]);
  });

  it('cuts at the top-level boundary nearest the even split, before it as well as after it', () => {
    // Repositories of 30, 60 and 10 files: the first boundary past the half (after b, 90 files) would leave 10.
    const repo = (name: string, modules: number, filesEach: number) =>
      Array.from({ length: modules }, (_, i) => ({ dir: `/w/${name}/m${i}`, configFiles: Array.from({ length: filesEach }, (_, f) => `/w/${name}/m${i}/f${f}.tf`), varFiles: [] }));
    const modules = [...repo('a', 3, 10), ...repo('b', 6, 10), ...repo('c', 1, 10)];
    expect(shareRanges(modules, ['/w'], { threads: 2, minFiles: 1 })).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 10 },
    ]);
    // Three threads: 33 and 67 wanted; boundaries at 30 and 90 files.
    expect(shareRanges(modules, ['/w'], { threads: 3, minFiles: 1 })).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 9 },
      { start: 9, end: 10 },
    ]);
  });

  it('merged, gives the one-thread review byte for byte: each callee reported once, findings and modules in the same order', () => {
    for (const threads of [2, 3, 4]) {
      const root = fileTree(repositories(5));
      const { whole, merged, ranges } = shareRun(root, threads);
      expect(ranges.length).toBe(threads);
      expect(merged).toBeDefined();
      expect(whole.findings.length).toBeGreaterThan(10);
      expect(json(merged!, root)).toBe(json(whole, root));
      expect(merged!.moduleRoles.map((r) => r.role)).toContain('module');
    }
  });

  it('refuses shares when a module of one calls a module of another: the CLI then reviews on one thread', () => {
    const root = fileTree(repositories(4, true));
    const { merged, ranges } = shareRun(root, 2);
    expect(ranges.length).toBe(2);
    expect(merged).toBeUndefined();
  });

  it('starts a thread per idle core only (cores less what other processes use now), at most 4; IAC_REVIEW_THREADS decides when set', () => {
    // Two samples 100 ms apart on a 2-core machine: 200 ms of CPU time in all.
    const sample = (at: number, busyMs: number, ownMs: number) => ({ at, busyMs, idleMs: 2 * at - busyMs, ownMs });
    // This process busy the whole window, nothing else: one core used by others? none.
    expect(othersBusyBetween(sample(1000, 500, 100), sample(1100, 600, 200))).toBeCloseTo(0);
    // Another process busy on one core as well.
    expect(othersBusyBetween(sample(1000, 500, 100), sample(1100, 700, 200))).toBeCloseTo(1);
    expect(idleCores(2, othersBusyBetween(sample(1000, 500, 100), sample(1100, 700, 200))!)).toBe(1);
    // Too short a window (the kernel counts in 10 ms ticks): no answer, the load average decides.
    expect(othersBusyBetween(sample(1000, 500, 100), sample(1000 + MIN_SAMPLE_MS - 1, 520, 120))).toBeUndefined();
    // A review thread per two idle cores below FULL_PARALLEL_FILES (V8 compiles and collects on the other), per core above.
    expect(reviewThreads(2, 1_867)).toBe(1);
    expect(reviewThreads(2, FULL_PARALLEL_FILES)).toBe(2);
    expect(reviewThreads(4, 3_000)).toBe(2);
    expect(reviewThreads(1, 50_000)).toBe(1);
    expect(idleCores(2, 0)).toBe(2);
    expect(idleCores(2, 0.4)).toBe(2);
    expect(idleCores(2, 0.6)).toBe(1);
    expect(idleCores(2, 5)).toBe(1);
    expect(idleCores(8, 1)).toBe(4);
    expect(idleCores(1, 0)).toBe(1);
    expect(parallelSettings({ IAC_REVIEW_THREADS: '3' })).toMatchObject({ threads: 3, measured: false });
    expect(parallelSettings({ IAC_REVIEW_THREADS: '1', IAC_REVIEW_PARALLEL_MIN_FILES: '7' })).toMatchObject({ threads: 1, minFiles: 7 });
    // Unset: the cores are a ceiling, what the machine does while the CLI walks the workspace decides.
    expect(parallelSettings({})).toMatchObject({ threads: Math.min(availableParallelism(), 4), measured: true });
    // From the sources there is no built CLI to start in a worker: one thread.
    expect(parallelSettings({}).workerScript).toBeUndefined();
  });

  it('counts the instance limit per call tree: repositories that together pass it are each reviewed whole, on one thread and in shares alike', () => {
    // Each repository's example creates 40 + 40 × 40 = 1,640 instances: four of them pass MAX_MODULE_INSTANCES together.
    const keys = Array.from({ length: 40 }, (_, i) => `k${i} = ${i}`).join(', ');
    const files: Record<string, string> = {};
    for (let r = 0; r < 4; r++) {
      files[`repo-${r}/examples/wide/main.tf`] = `module "a" {\n  source   = "../../modules/a"\n  for_each = { ${keys} }\n  n        = each.value\n}\n`;
      files[`repo-${r}/modules/a/main.tf`] = `variable "n" {\n  type = number\n}\n\nmodule "b" {\n  source   = "../b"\n  for_each = { ${keys} }\n  n        = each.value\n}\n`;
      files[`repo-${r}/modules/b/main.tf`] = `variable "n" {\n  type = number\n}\n\n${POLICY}`;
    }
    expect(4 * (40 + 40 * 40)).toBeGreaterThan(MAX_MODULE_INSTANCES);
    const root = fileTree(files);
    const { whole, merged, ranges } = shareRun(root, 2);
    expect(whole.errors.filter((e) => e.kind === 'module-limit')).toEqual([]);
    expect(ranges.length).toBe(2);
    expect(merged).toBeDefined();
    expect(json(merged!, root)).toBe(json(whole, root));
    // Each repository says what it says alone.
    const alone = analyzeWorkspace({ cwd: root, paths: [`${root}/repo-3`], undecided: false });
    const inRepo3 = (f: { file: string }) => f.file.startsWith(`${root}/repo-3/`);
    expect(whole.findings.filter(inRepo3)).toEqual(alone.findings);
    expect(alone.findings.length).toBeGreaterThan(0);
  });

  it('shares one budget for the per-review limit: past it every share gives up, and nothing is merged', () => {
    const counter = new SharedArrayBuffer(4);
    const a = sharedInstanceBudget(counter);
    const b = sharedInstanceBudget(counter);
    expect(a(MAX_REVIEW_INSTANCES - 10)).toBe(true);
    expect(b(10)).toBe(true);
    expect(a(1)).toBe(false);
    expect(b(1)).toBe(false);
    const root = fileTree(repositories(3));
    const host = new NodeFileHost(root);
    const { modules } = discoverModules(host, [root], () => true);
    const ranges = shareRanges(modules, [root], { threads: 2, minFiles: 1 });
    const spent = new SharedArrayBuffer(4);
    new Int32Array(spent)[0] = MAX_REVIEW_INSTANCES;
    const shares = ranges.map((moduleRange) => analyzeWorkspace({ cwd: root, paths: [root], undecided: false, moduleRange, instanceBudget: sharedInstanceBudget(spent) }));
    // Every repository's example calls its module: the first call over budget abandons the share.
    expect(shares.every((s) => s.share!.abandoned)).toBe(true);
    expect(mergeShares(shares, modules, ranges, roleAssignmentOptions([root], host, shares[0]!.config))).toBeUndefined();
    const fresh = ranges.map((moduleRange) => analyzeWorkspace({ cwd: root, paths: [root], undecided: false, moduleRange, instanceBudget: sharedInstanceBudget(new SharedArrayBuffer(4)) }));
    expect(fresh.some((s) => s.share!.abandoned)).toBe(false);
  });

  it('refuses a share that did not answer, or met a call cycle', () => {
    const root = fileTree({ ...repositories(2), 'repo-1/modules/a/main.tf': 'module "b" {\n  source = "../b"\n}\n', 'repo-1/modules/b/main.tf': 'module "a" {\n  source = "../a"\n}\n' });
    const { merged, whole } = shareRun(root, 2);
    expect(whole.errors.some((e) => /cycle/.test(e.message))).toBe(true);
    expect(merged).toBeUndefined();
    const clean = fileTree(repositories(2));
    const host = new NodeFileHost(clean);
    const { modules } = discoverModules(host, [clean], () => true);
    const ranges = shareRanges(modules, [clean], { threads: 2, minFiles: 1 });
    const first = analyzeWorkspace({ cwd: clean, paths: [clean], undecided: false, moduleRange: ranges[0]! });
    expect(mergeShares([first, undefined], modules, ranges, roleAssignmentOptions([clean], host, first.config))).toBeUndefined();
  });
});
