// Generates schemas/iac-review.schema.json (the JSON Schema of .iac-review.json) from the rule registry.
// tests/config fails when the committed file is stale; `npm run generate` refreshes it.
import { join } from 'node:path';
import { root, writeGeneratedText } from './generated-text.mjs';

await writeGeneratedText(
  join(root, 'schemas/iac-review.schema.json'),
  [
    "import { RULES } from './server/src/engine/rules/registry.generated.ts';",
    "import { configSchemaText } from './server/src/engine/config/config-schema.ts';",
    'export const text = configSchemaText(RULES.map((r) => r.meta));',
  ].join('\n'),
);
