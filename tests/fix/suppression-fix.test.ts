import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { applyEdits } from '../../server/src/engine/fix/apply-edits.js';
import { comparePositions } from '../../server/src/engine/range.js';
import { REASON_PLACEHOLDER, suppressionFix } from '../../server/src/engine/fix/suppression-fix.js';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';

const EXAMPLE = join(import.meta.dirname, '..', '..', 'test-fixtures', 'example');
const NOW = new Date('2026-11-23T12:00:00Z');

function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'iac-suppress-'));
  cpSync(EXAMPLE, dir, { recursive: true });
  return dir;
}

describe('"Suppress with reason…" works for the finding of every rule in the example module', () => {
  const findings = analyzeWorkspace({ cwd: EXAMPLE, paths: ['.'], now: NOW }).findings;
  const firstPerRule = [...new Map(findings.map((f) => [f.ruleId, f])).values()];

  it('covers many rules', () => {
    expect(firstPerRule.length).toBeGreaterThanOrEqual(10);
  });

  for (const original of firstPerRule) {
    it(original.ruleId, () => {
      const dir = copyExample();
      const file = join(dir, original.file.slice(EXAMPLE.length + 1));
      const before = analyzeWorkspace({ cwd: dir, paths: ['.'], now: NOW });
      const finding = before.findings.find((f) => f.ruleId === original.ruleId && f.file === file && comparePositions(f.range.start, original.range.start) === 0)!;
      const fix = suppressionFix(parseSource(file, readFileSync(file, 'utf8')), finding);
      const withPlaceholder = applyEdits(readFileSync(file, 'utf8'), fix.edits);
      expect(parseSource(file, withPlaceholder).errors).toEqual([]);
      writeFileSync(file, withPlaceholder);

      // The placeholder is not a reason: nothing is suppressed and the comment is reported.
      const pending = analyzeWorkspace({ cwd: dir, paths: ['.'], now: NOW });
      const stillThere = pending.findings.filter((f) => f.ruleId === original.ruleId && f.file === file && !f.suppression);
      expect(stillThere.some((f) => f.message === finding.message)).toBe(true);
      expect(pending.findings.some((f) => f.ruleId === 'suppression/invalid' && f.file === file)).toBe(true);

      // With a real reason the finding is suppressed, and kept as audit evidence.
      writeFileSync(file, withPlaceholder.replace(REASON_PLACEHOLDER, 'accepted in SEC-142'));
      const done = analyzeWorkspace({ cwd: dir, paths: ['.'], now: NOW });
      const suppressed = done.findings.find((f) => f.ruleId === original.ruleId && f.file === file && f.message === finding.message);
      expect(suppressed?.suppression?.reason).toBe('accepted in SEC-142');
      expect(done.findings.filter((f) => f.ruleId.startsWith('suppression/') && f.file === file)).toEqual([]);
    });
  }
});
