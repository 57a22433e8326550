import { describe, expect, it } from 'vitest';
import {
  hasUpperBound,
  isExactConstraint,
  parseVersionConstraint,
  suggestBoundedConstraint,
  suggestExactVersion,
  type ConstraintClause,
  type ConstraintDialect,
} from '../../server/src/engine/versioning/version-constraint.js';

function clauses(text: string): ConstraintClause[] {
  const parsed = parseVersionConstraint(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.clauses;
}

describe('parseVersionConstraint', () => {
  it('reads operators, bare versions and lists', () => {
    expect(clauses('~> 1.2').map((c) => [c.op, c.version.segments])).toEqual([['~>', [1, 2]]]);
    expect(clauses('1.2.3')[0]).toMatchObject({ op: '=', explicitOperator: false, version: { segments: [1, 2, 3], text: '1.2.3' } });
    expect(clauses('= 1.2.3')[0]).toMatchObject({ op: '=', explicitOperator: true });
    expect(clauses('>= 1.0, < 2.0').map((c) => c.op)).toEqual(['>=', '<']);
    expect(clauses('>=1.0,<2').map((c) => c.op)).toEqual(['>=', '<']);
    expect(clauses('!= 2').map((c) => c.op)).toEqual(['!=']);
  });

  it('reads prerelease and metadata, and tolerates a v prefix', () => {
    expect(clauses('= 1.2.3-beta.1+build.5')[0]!.version).toMatchObject({
      segments: [1, 2, 3],
      prerelease: 'beta.1',
      metadata: 'build.5',
    });
    expect(clauses('~> v2.0')[0]!.version).toMatchObject({ segments: [2, 0], text: '2.0' });
  });

  it('rejects what is not a constraint', () => {
    expect(parseVersionConstraint('').ok).toBe(false);
    expect(parseVersionConstraint('   ').ok).toBe(false);
    expect(parseVersionConstraint('latest').ok).toBe(false);
    expect(parseVersionConstraint('>= 1.0,').ok).toBe(false);
    expect(parseVersionConstraint('=> 1.0').ok).toBe(false);
    expect(parseVersionConstraint('1.x').ok).toBe(false);
  });
});

describe('hasUpperBound', () => {
  const cases: Array<[string, ConstraintDialect, boolean]> = [
    ['~> 1.2', 'module', true],
    ['~> 1.2.3', 'module', true],
    ['= 1.2.3', 'module', true],
    ['1.2.3', 'module', true],
    ['>= 1, < 2', 'module', true],
    ['<= 4.9', 'module', true],
    ['>= 1.0', 'module', false],
    ['> 1', 'module', false],
    ['!= 2', 'module', false],
    ['>= 1.0, != 1.5.0', 'module', false],
    // go-version (modules, required_version): a one-segment `~>` fixes nothing.
    ['~> 1', 'module', false],
    // go-versions (providers): `~> 1` is `>= 1.0.0, < 2.0.0`.
    ['~> 1', 'provider', true],
    ['>= 5.0', 'provider', false],
    ['~> 5.0', 'provider', true],
  ];
  for (const [text, dialect, bounded] of cases) {
    it(`${dialect} "${text}" → ${bounded ? 'bounded' : 'unbounded'}`, () => {
      expect(hasUpperBound(clauses(text), dialect)).toBe(bounded);
    });
  }
});

describe('isExactConstraint', () => {
  it('is exact only as a single equality clause', () => {
    for (const exact of ['1.2.3', '= 1.2.3', '=1.2.3', 'v1.2.3', '= v1.2.3', '1.2.3-beta', '1.2.3-rc.1+build.5', '1.2']) {
      expect(isExactConstraint(clauses(exact)), exact).toBe(true);
    }
    for (const range of ['~> 1.2.3', '>= 1.2.3, <= 1.2.3', '!= 1.2.3', '> 1.2.3', '< 1.2.3', '1.0.0, 1.0.1', '= 1.0.0, = 1.0.0', '>= 1.0, = 1.2.3']) {
      expect(isExactConstraint(clauses(range)), range).toBe(false);
    }
  });
});

describe('suggestions', () => {
  it('suggests a bounded constraint from the lower bound', () => {
    expect(suggestBoundedConstraint(clauses('>= 5.1'))).toBe('~> 5.1');
    expect(suggestBoundedConstraint(clauses('>= 1'))).toBe('~> 1.0');
    expect(suggestBoundedConstraint(clauses('>= 5.1.2'))).toBe('>= 5.1.2, < 6.0.0');
    expect(suggestBoundedConstraint(clauses('>= 4.0, >= 4.2, != 4.3.0'))).toBe('~> 4.2');
    expect(suggestBoundedConstraint(clauses('~> 4'))).toBe('~> 4.0');
    expect(suggestBoundedConstraint(clauses('> 19'))).toBe('> 19, < 20.0.0');
    expect(suggestBoundedConstraint(clauses('!= 2'))).toBeUndefined();
  });

  it('suggests an exact version only when the constraint names one', () => {
    expect(suggestExactVersion(clauses('~> 5.1.2'))).toBe('5.1.2');
    expect(suggestExactVersion(clauses('~> 5.1'))).toBeUndefined();
    expect(suggestExactVersion(clauses('>= 1.0.0-rc1'))).toBeUndefined();
  });
});
