import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../server/src/engine/rules/registry.generated.js';
import { formatCatalogMarkdown } from '../server/src/cli/format/rule-catalog.js';

describe('docs/rules.md', () => {
  it('is the current output of `iac-review rules --format markdown` (run `npm run generate`)', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'docs', 'rules.md'), 'utf8');
    expect(committed).toBe(formatCatalogMarkdown(RULES.map((r) => r.meta)));
  });

  it('documents every rule with its why, how to fix and examples', () => {
    const committed = readFileSync(join(import.meta.dirname, '..', 'docs', 'rules.md'), 'utf8');
    for (const rule of RULES) {
      expect(committed).toContain(`### ${rule.meta.id}`);
    }
    expect(committed.match(/\*\*Why\.\*\*/g)?.length).toBe(RULES.length);
  });
});
