import { describe, expect, it } from 'vitest';
import { lowestAllowedVersion, meets } from '../../server/src/engine/policies/operators.js';
import { compileUserPattern } from '../../server/src/engine/config/user-pattern.js';
import { bool, num, object, str, tuple, unknown } from '../../server/src/engine/evaluate/value.js';

const pattern = (source: string) => {
  const c = compileUserPattern(source);
  if (!c.ok) throw new Error(c.error);
  return c.pattern;
};

describe('policy operators', () => {
  it('equals and oneOf compare as Terraform converts', () => {
    expect(meets({ name: 'equals', value: true }, str('true'))).toBe(true);
    expect(meets({ name: 'equals', value: 90 }, str('90'))).toBe(true);
    expect(meets({ name: 'equals', value: '90' }, num(90))).toBe(true);
    expect(meets({ name: 'equals', value: true }, bool(false))).toBe(false);
    expect(meets({ name: 'oneOf', values: ['dev', 'prod'] }, str('staging'))).toBe(false);
    expect(meets({ name: 'oneOf', values: ['dev', 'prod'] }, str('prod'))).toBe(true);
  });

  it('an unknown value decides nothing, whatever the operator', () => {
    const u = unknown('var.x is an input');
    for (const op of [
      { name: 'equals', value: 1 },
      { name: 'atLeast', value: 1 },
      { name: 'matches', pattern: pattern('^a') },
      { name: 'notContains', value: 'x' },
      { name: 'versionAtLeast', version: [1], text: '1' },
    ] as const satisfies ReadonlyArray<Parameters<typeof meets>[0]>) {
      expect(meets(op, u), op.name).toBeUndefined();
    }
    // A list with one unknown element: contains is undecided unless a known element decides it.
    expect(meets({ name: 'contains', value: 'a' }, tuple([unknown('x'), str('b')]))).toBeUndefined();
    expect(meets({ name: 'contains', value: 'a' }, tuple([unknown('x'), str('a')]))).toBe(true);
    expect(meets({ name: 'notContains', value: 'a' }, tuple([unknown('x'), str('a')]))).toBe(false);
  });

  it('contains reads lists, map keys and strings', () => {
    expect(meets({ name: 'contains', value: '0.0.0.0/0' }, tuple([str('10.0.0.0/8'), str('0.0.0.0/0')]))).toBe(true);
    expect(meets({ name: 'contains', value: 'Owner' }, object(new Map([['Owner', str('me')]])))).toBe(true);
    expect(meets({ name: 'notContains', value: 'allUsers' }, str('group:ops@acme.com'))).toBe(true);
  });

  it('numbers and patterns', () => {
    expect(meets({ name: 'atLeast', value: 365 }, num(400))).toBe(true);
    expect(meets({ name: 'atLeast', value: 365 }, num(30))).toBe(false);
    expect(meets({ name: 'lessThan', value: 10 }, str('3'))).toBe(true);
    expect(meets({ name: 'matches', pattern: pattern('^git::https://git\\.acme\\.com/') }, str('git::https://github.com/x'))).toBe(false);
  });

  it('versionAtLeast reads the lowest version a constraint allows, and a git ref', () => {
    expect(lowestAllowedVersion('~> 5.2')).toEqual([5, 2]);
    expect(lowestAllowedVersion('>= 4.0, < 6.0')).toEqual([4, 0]);
    expect(lowestAllowedVersion('< 6.0')).toBeUndefined();
    const atLeast5 = { name: 'versionAtLeast', version: [5, 0, 0], text: '5.0.0' } as const;
    expect(meets(atLeast5, str('~> 5.1'))).toBe(true);
    expect(meets(atLeast5, str('>= 4.2'))).toBe(false);
    expect(meets(atLeast5, str('<= 6.0'))).toBe(false);
    expect(meets(atLeast5, str('git::https://git.acme.com/mods/vpc.git?ref=v5.3.0'))).toBe(true);
    expect(meets(atLeast5, str('git::https://git.acme.com/mods/vpc.git?ref=v4.9.9'))).toBe(false);
    expect(meets(atLeast5, str('git::https://git.acme.com/mods/vpc.git?ref=main'))).toBe(false);
  });
});
