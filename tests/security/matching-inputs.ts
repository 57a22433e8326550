/**
 * Adversarial inputs for the matchers, shared by the regression tests
 * (tests/security/matching-*.test.ts) and the benchmark (scripts/bench.mjs
 * bundles this file with what it imports).
 */
import { SeededRandom } from '../../server/src/engine/exercise/generator/prng.js';

/** A deterministic float source (the engine's mulberry32): the same adversarial inputs on every run. */
export function prng(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

/**
 * IAM wildcard patterns built to make a backtracking matcher take
 * exponential or high-polynomial time: repeated and nested stars, long runs
 * of `*` and `?`, `*?*?` mixes, 30 and more stars between literals that
 * almost match, long literal parts, and random mixes.
 */
export function adversarialActionPatterns(seed = 10): string[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const out = new Set<string>();
  for (const service of ['ec2', 's3', 'iam', '*', 'e?2', '*3']) {
    for (const stars of [8, 20, 30, 64, 1000]) {
      out.add(`${service}:${'*'.repeat(stars)}Z`);
      out.add(`${service}:${'*?'.repeat(stars)}`);
      out.add(`${service}:${'*a'.repeat(stars)}*b`);
      out.add(`${service}:${'*e*s'.repeat(stars)}*Q`);
      out.add(`${service}:${'?'.repeat(stars)}*`);
      out.add(`${service}:*${'?'.repeat(stars)}x`);
      out.add(`${service}:${'*?*'.repeat(stars)}${'?'.repeat(stars)}Z`);
    }
    out.add(`${service}:${'Describe*'.repeat(50)}`);
    out.add(`${service}:${'*Get*Object'.repeat(40)}`);
    out.add(`${service}:${'D*e*s*c*r*i*b*e*I*n*s*t*a*n*c*e*s'.repeat(3)}*X`);
    out.add(`${service}:${'?'.repeat(5000)}`);
    out.add(`${service}:${'*'.repeat(20000)}`);
  }
  out.add('*'.repeat(50_000) + ':' + '*'.repeat(50_000) + 'Z');
  out.add(`${'*?'.repeat(100)}:${'*?'.repeat(100)}`);
  // Random mixes of stars, question marks and letters that action names hold.
  const alphabet = ['*', '*', '?', 'e', 's', 't', 'a', 'c', 'D', 'G', '*', '?'];
  for (let i = 0; i < 200; i++) {
    const length = 10 + Math.floor(random() * 190);
    let action = '';
    for (let j = 0; j < length; j++) action += pick(alphabet);
    out.add(`${pick(['ec2', 's3', 'iam', '*', 'ec?', 'lambda'])}:${action}`);
  }
  return [...out];
}

/** Long action-like texts a pattern is matched against (grantsAction, allowedActions, the checklist). */
export function longActionTexts(): string[] {
  return [
    `ec2:${'a'.repeat(10_000)}`,
    `ec2:${'a'.repeat(10_000)}Z`,
    `ec2:${'ab'.repeat(5_000)}`,
    `iam:${'PassRole'.repeat(1_000)}`,
    `s3:${'GetObject'.repeat(1_000)}X`,
  ];
}

/** User patterns that take a backtracking engine exponential (or high-polynomial) time on craftedTexts. */
export const CATASTROPHIC_USER_PATTERNS: readonly string[] = [
  '^([a-z]+)+$',
  '(a|aa)+$',
  '(x+x+)+y',
  '^(a*)*b$',
  '^(\\w+\\s?)*$',
  '(.*a){25}',
  '^(a|a?)+$',
  '([a-z0-9_]+)*!',
];

/** Texts that make those patterns backtrack: long runs that almost match. */
export function craftedTexts(length: number): string[] {
  return ['a'.repeat(length) + '!', 'x'.repeat(length), 'a'.repeat(length) + 'b', 'word '.repeat(length / 5) + '!', 'aaaa_'.repeat(length / 5) + '-'];
}
