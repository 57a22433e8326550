// README's "Plan-aware review" example is generated (scripts/gen-plan-example.mjs), never written by hand:
// `iac-review checklist --plan plan.json` in docs/examples/plan-review, as it runs now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../server/src/cli/cli.js';

const ROOT = join(import.meta.dirname, '..');
const DIR = join(ROOT, 'docs/examples/plan-review');
const STALE = 'stale: run `npm run generate` (or `node scripts/gen-plan-example.mjs`)';

function checklist(format: 'markdown' | 'json'): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(['checklist', '--plan', 'plan.json', '--format', format], { cwd: DIR, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe('the plan-aware review example (README)', () => {
  const markdown = checklist('markdown');

  it('is the checklist as the CLI gives it now, in docs/examples/plan-review/checklist.md and in README.md', () => {
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(readFileSync(join(DIR, 'checklist.md'), 'utf8'), STALE).toBe(markdown.stdout);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme, STALE).toContain(`<!-- plan-example:start -->\n\`\`\`\`markdown\n${markdown.stdout}\`\`\`\`\n<!-- plan-example:end -->`);
  });

  it('shows plan items: the counts first, the replaced database first of its section', () => {
    expect(markdown.stdout.split('\n')[2]).toMatch(/^\*\*Plan\*\* `plan\.json`: \d+ to create, \d+ to update, \d+ to replace, \d+ to delete\.$/);
    const json = JSON.parse(checklist('json').stdout) as { sections: Array<{ category: string; items: Array<{ what: string; text: string }> }> };
    expect(json.sections[0]!.category).toBe('plan');
    // The plan rule's finding, or the checklist's question where the rule does not stand for it: the database first.
    expect(json.sections[0]!.items[0]!.what).toBe('aws_db_instance.orders');
    expect(json.sections[0]!.items[0]!.text).toMatch(/replaces/);
  });

  it('never prints the sensitive value the plan file holds in clear text', () => {
    expect(readFileSync(join(DIR, 'plan.json'), 'utf8')).toContain('plan-only-Zq7xW9pw');
    expect(markdown.stdout).not.toContain('Zq7xW9pw');
    expect(checklist('json').stdout).not.toContain('Zq7xW9pw');
    for (const format of ['text', 'json', 'sarif', 'markdown', 'github']) {
      let out = '';
      main(['check', '--plan', 'plan.json', '--format', format, '--fail-on', 'never'], { cwd: DIR, env: {}, stdoutIsTTY: false, stdout: (t) => void (out += t), stderr: (t) => void (out += t) });
      expect(out, format).not.toContain('Zq7xW9pw');
    }
  });
});
