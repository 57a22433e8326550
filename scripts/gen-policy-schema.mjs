// Generates schemas/policy.schema.json (the JSON Schema of *.policy.json files, SPEC §11).
// tests/policies fails when the committed file is stale; `npm run generate` refreshes it.
import { join } from 'node:path';
import { root, writeGeneratedText } from './generated-text.mjs';

await writeGeneratedText(
  join(root, 'schemas/policy.schema.json'),
  ["import { policySchemaText } from './server/src/engine/policies/policy-schema.ts';", 'export const text = policySchemaText();'].join('\n'),
);
