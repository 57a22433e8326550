import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { comparePositions } from '../../server/src/engine/range.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'test-fixtures', 'example');
const NOW = new Date('2026-11-23T12:00:00Z');
const run = (fixes: 'eager' | 'lazy' | 'none') => analyzeWorkspace({ cwd: EXAMPLE, paths: ['.'], now: NOW, fixes }).findings;
const key = (f: { ruleId: string; file: string; range: { start: { line: number; column: number } } }) => `${f.file}:${f.range.start.line}:${f.range.start.column} ${f.ruleId}`;

describe('fix modes', () => {
  const eager = run('eager');

  it('report the same findings whatever the mode', () => {
    expect(run('lazy').map(key)).toEqual(eager.map(key));
    expect(run('none').map(key)).toEqual(eager.map(key));
  });

  it('lazy computes, on first read, exactly the fix that eager computes', () => {
    const lazy = run('lazy');
    const withFix = eager.filter((f) => f.fix);
    expect(withFix.length).toBeGreaterThan(5);
    for (const f of lazy) {
      const twin = eager.find((e) => key(e) === key(f))!;
      expect(f.fix).toEqual(twin.fix);
      // Read once, stored: the same object comes back.
      expect(f.fix).toBe(f.fix);
    }
  });

  it('none leaves out the fixes that insert text', () => {
    const none = run('none');
    const inserts = eager.filter((f) => f.fix && f.fix.edits.some((e) => comparePositions(e.range.start, e.range.end) === 0));
    expect(inserts.length).toBeGreaterThan(0);
    for (const f of inserts) expect(none.find((n) => key(n) === key(f))!.fix).toBeUndefined();
  });
});
