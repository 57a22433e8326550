import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlanError } from '../../server/src/engine/plan/plan-model.js';
import { parsePlan } from '../../server/src/engine/plan/read-plan.js';

// Damaged plans (a byte changed, dropped or repeated; a cut) are read or refused
// with a PlanError: never another exception, never a hang.
const ROOT = join(import.meta.dirname, '..', '..', 'test-fixtures', 'plan-cases');
const SPECIAL = Buffer.from('{}[]",:\\ 0-tne\u0000\u00ff');

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('damaged plans', () => {
  for (const name of readdirSync(ROOT).sort()) {
    it(`${name}: 300 mutations each read or refused with a PlanError`, () => {
      const original = readFileSync(join(ROOT, name, 'plan.json'));
      const next = random(name.length * 7919);
      let refused = 0;
      for (let i = 0; i < 300; i++) {
        const at = Math.floor(next() * original.length);
        const bytes = Buffer.from(original);
        let damaged: Buffer;
        switch (i % 4) {
          case 0:
            bytes[at] = SPECIAL[Math.floor(next() * SPECIAL.length)]!;
            damaged = bytes;
            break;
          case 1:
            damaged = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
            break;
          case 2:
            damaged = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at - Math.min(at, 20))]);
            break;
          default:
            damaged = bytes.subarray(0, at);
        }
        try {
          parsePlan(damaged, 'plan.json');
        } catch (e) {
          if (!(e instanceof PlanError)) throw new Error(`mutation ${i} at ${at}: ${String(e)}`);
          refused++;
        }
      }
      // Most damage is caught; what is read is JSON that still has the plan's shape.
      expect(refused).toBeGreaterThan(100);
    });
  }
});
