// Generates docs/rules.md (the rule reference) from the rule metadata — the
// same text as `iac-review rules --format markdown`. tests/docs.test.ts fails when stale.
import { join } from 'node:path';
import { root, writeGeneratedText } from './generated-text.mjs';

await writeGeneratedText(
  join(root, 'docs/rules.md'),
  [
    "import { RULES } from './server/src/engine/rules/registry.generated.ts';",
    "import { formatCatalogMarkdown } from './server/src/cli/format/rule-catalog.ts';",
    'export const text = formatCatalogMarkdown(RULES.map((r) => r.meta));',
  ].join('\n'),
);
