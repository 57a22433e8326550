import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript build script without type declarations
import { OUT, SHARED, render } from '../scripts/sync-shared-data.mjs';

describe('vendored ../shared/data', () => {
  it.runIf(existsSync(SHARED))('matches ../shared/data (run `node scripts/sync-shared-data.mjs` when it changes)', () => {
    expect(readFileSync(OUT, 'utf8')).toBe(render());
  });
});
