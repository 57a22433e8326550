import { describe, expect, it } from 'vitest';
import { join, relative, sep } from 'node:path';
import { FULL_PARALLEL_FILES, MIN_SAMPLE_MS, topLevelKey } from '../../server/src/cli/parallel-review.js';
import { MAX_SCAN_THREADS, scanThreads, scanWorkerLimits, shareDirs } from '../../server/src/lsp/scan-pool.js';

// CPU samples on a 2-core machine: `at` ms of wall clock, `busyMs` of all cores' busy time, `ownMs` of this process's.
const sample = (at: number, busyMs: number, ownMs: number) => ({ at, busyMs, idleMs: 2 * at - busyMs, ownMs });
const measured = { threads: 4, measured: true };
const large = FULL_PARALLEL_FILES * 2;

describe('start-up scan: worker threads', () => {
  it('counts the cores other processes used while the scan walked the workspace, not the last minute', () => {
    // A build ended just before the editor started: the load average still says 1.5, but nothing else ran during the walk.
    const start = sample(1000, 500, 100);
    const walked = sample(1600, 1100, 700);
    expect(scanThreads(measured, large, 2, start, walked, 1.5)).toBe(2);
    // Another process busy on one core during the walk: one worker.
    expect(scanThreads(measured, large, 2, start, sample(1600, 1700, 700), 0)).toBe(1);
  });

  it('falls back to the load average when the walk was too short to say', () => {
    const start = sample(1000, 500, 100);
    const short = sample(1000 + MIN_SAMPLE_MS - 1, 520, 120);
    expect(scanThreads(measured, large, 2, start, short, 1.5)).toBe(1);
    expect(scanThreads(measured, large, 2, start, short, 0)).toBe(2);
    expect(scanThreads(measured, large, 2, undefined, short, 1.5)).toBe(1);
  });

  it('keeps the CLI limits: one thread per two idle cores below the full-parallel size, IAC_REVIEW_THREADS as set', () => {
    const start = sample(1000, 500, 100);
    const walked = sample(1600, 1100, 700);
    expect(scanThreads(measured, FULL_PARALLEL_FILES - 1, 2, start, walked, 0)).toBe(1);
    expect(scanThreads({ threads: 3, measured: false }, 10, 2, start, sample(1600, 1700, 700), 9)).toBe(3);
    expect(scanThreads({ threads: 2, measured: true }, large, 8, start, walked, 0)).toBe(2);
  });

  it('starts at most MAX_SCAN_THREADS workers on a machine with many idle cores, and keeps the young generation of each small past two', () => {
    const start = sample(1000, 500, 100);
    const walked = sample(1600, 1100, 700);
    expect(scanThreads(measured, large, 8, start, walked, 0)).toBe(MAX_SCAN_THREADS);
    expect(scanThreads(measured, large, 4, start, walked, 0)).toBe(Math.min(4, MAX_SCAN_THREADS));
    expect(scanWorkerLimits(2).maxYoungGenerationSizeMb).toBeUndefined();
    expect(scanWorkerLimits(3).maxYoungGenerationSizeMb).toBeLessThanOrEqual(8);
    // IAC_REVIEW_THREADS is the user's to set, up to the CLI's own limit; the workers are then kept small.
    expect(scanThreads({ threads: 4, measured: false }, large, 2, start, walked, 0)).toBe(4);
    expect(scanWorkerLimits(4).maxYoungGenerationSizeMb).toBeLessThanOrEqual(8);
  });
});

describe('start-up scan: shares', () => {
  const root = join(sep, 'work', 'repos');
  const other = join(sep, 'work', 'other');

  it('keys a directory by its workspace folder and the first folder below it, as path.relative reads them', () => {
    expect(topLevelKey(join(root, 'vpc', 'modules', 'a'), [other, root])).toBe(`${root}\u0000vpc`);
    expect(topLevelKey(root, [root])).toBe(`${root}\u0000`);
    expect(topLevelKey(join(sep, 'elsewhere', 'x'), [root])).toBe(join(sep, 'elsewhere', 'x'));
    // Not normalised: resolved as path.relative resolves it, not cut at the prefix.
    const odd = `${root}${sep}vpc${sep}..${sep}eks${sep}m`;
    expect(topLevelKey(odd, [root])).toBe(`${root}\u0000${relative(root, odd).split(sep)[0]}`);
    expect(topLevelKey(odd, [root])).toBe(`${root}\u0000eks`);
  });

  it('cuts shares only between top-level folders, and one share for one thread', () => {
    const dirs = ['a/x', 'a/y', 'b/x', 'b/y', 'c/x', 'c/y'].map((d) => join(root, ...d.split('/')));
    expect(shareDirs(dirs, [root], 1)).toEqual([dirs]);
    expect(shareDirs(dirs, [root], 2)).toEqual([dirs.slice(0, 2), dirs.slice(2)]);
    expect(shareDirs(dirs, [root], 3)).toEqual([dirs.slice(0, 2), dirs.slice(2, 4), dirs.slice(4)]);
  });
});
