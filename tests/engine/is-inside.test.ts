import { relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside, relativeBelow } from '../../server/src/engine/host.js';

// The workspace boundary (SPEC §2): every read of a reviewed repository asks it. The common case skips
// path.relative; these are the cases where a prefix alone would say the wrong thing.
describe('isInside', () => {
  it('inside: the root itself and paths below it', () => {
    expect(isInside('/w/repo', '/w/repo')).toBe(true);
    expect(isInside('/w/repo', '/w/repo/main.tf')).toBe(true);
    expect(isInside('/w/repo', '/w/repo/a/b/c.tf')).toBe(true);
    expect(isInside('/w/repo', '/w/repo/..hidden/x.tf')).toBe(true);
    expect(isInside('/w/repo', '/w/repo/a/../b.tf')).toBe(true);
    expect(isInside('/', '/etc/passwd')).toBe(true);
  });

  it('outside: a sibling sharing the prefix, parent segments that climb out, the parent itself', () => {
    expect(isInside('/w/repo', '/w/repo2/main.tf')).toBe(false);
    expect(isInside('/w/repo', '/w/repo-other')).toBe(false);
    expect(isInside('/w/repo', '/w/repo/../etc/passwd')).toBe(false);
    expect(isInside('/w/repo', '/w/repo/a/../../x')).toBe(false);
    expect(isInside('/w/repo', '/w/repo/./../x')).toBe(false);
    expect(isInside('/w/repo', '/w/repo/..')).toBe(false);
    expect(isInside('/w/repo', '/w')).toBe(false);
  });
});

describe('relativeBelow', () => {
  it('is path.relative: below, the same, and every case a prefix would get wrong', () => {
    const cases: Array<[string, string]> = [
      ['/w/repo', '/w/repo'],
      ['/w/repo', '/w/repo/a/b.tf'],
      ['/w/repo/', '/w/repo/a'],
      ['/', '/etc/x'],
      ['/w/repo', '/w/repo2/a'],
      ['/w/repo', '/w/repo/../x'],
      ['/w/repo', '/w/repo/a/./b'],
      ['/w/repo', '/w/repo/a/.'],
      ['/w/repo', '/w'],
      ['/w/repo', '/elsewhere/a'],
    ];
    for (const [from, to] of cases) expect(relativeBelow(from, to), `${from} → ${to}`).toBe(relative(from, to));
  });
});
