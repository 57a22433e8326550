// Generates (part of `npm run generate`) docs/examples/plan-review/checklist.md — `iac-review checklist --plan plan.json` run in that
// folder — and copies it into README.md's "Plan-aware review" example (between the plan-example markers).
// tests/docs-plan-example.test.ts fails when either is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, writeGeneratedText } from './generated-text.mjs';

const dir = join(root, 'docs/examples/plan-review');
const out = join(dir, 'checklist.md');
await writeGeneratedText(
  out,
  [
    "import { main } from './server/src/cli/cli.ts';",
    'let text = "";',
    `main(['checklist', '--plan', 'plan.json'], { cwd: ${JSON.stringify(dir)}, env: {}, stdoutIsTTY: false, stdout: (t) => void (text += t), stderr: (t) => void process.stderr.write(t) });`,
    'export { text };',
  ].join('\n'),
);

const START = '<!-- plan-example:start -->';
const END = '<!-- plan-example:end -->';
const readme = join(root, 'README.md');
const text = readFileSync(readme, 'utf8');
const from = text.indexOf(START);
const to = text.indexOf(END);
if (from < 0 || to < from) throw new Error(`README.md has no ${START} … ${END} block`);
const block = `${START}\n\`\`\`\`markdown\n${readFileSync(out, 'utf8')}\`\`\`\`\n`;
const next = text.slice(0, from) + block + text.slice(to);
if (next !== text) {
  writeFileSync(readme, next);
  console.log('wrote README.md (plan example)');
}
