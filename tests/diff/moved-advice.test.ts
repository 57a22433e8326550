// The `moved` block iac-review suggests is valid HCL and, inserted as suggested, ends the finding (issue 12, SPEC §7).
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../server/src/cli/cli.js';
import type { CliIO } from '../../server/src/cli/io.js';
import { reviewChange } from '../../server/src/engine/change/review-change.js';
import { buildChecklist } from '../../server/src/engine/checklist/checklist.js';
import { applyEdits } from '../../server/src/engine/fix/apply-edits.js';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { movedBlockText } from '../../rules/refactor/missing-moved-block.js';
import { TestRepo } from '../support/git-repo.js';
import { VERSIONS } from '../support/tagged-terraform.js';

const repos: TestRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) rmSync(r.root, { recursive: true, force: true });
});

const database = (name: string) => `resource "aws_db_instance" "${name}" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}
`;

/** A repository whose change renames the database `Orders` to `orders` (main.tf) without a moved block. */
function renamed(eol = '\n'): TestRepo {
  const repo = new TestRepo();
  repos.push(repo);
  repo.write({ 'versions.tf': VERSIONS, 'main.tf': database('Orders').replace(/\n/g, eol) }).commit('base');
  repo.branch('change').write({ 'main.tf': database('orders').replace(/\n/g, eol) });
  return repo;
}

function movedFindings(cwd: string): string[] {
  let stdout = '';
  const io: CliIO = { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: () => undefined };
  main(['check', '--format', 'json', '--base', 'main'], io);
  const report = JSON.parse(stdout) as { findings: Array<{ ruleId: string; address?: string }> };
  return report.findings.filter((f) => f.ruleId === 'refactor/missing-moved-block').map((f) => f.address ?? '');
}

/** Syntax errors of HCL text, as the project's parser sees it. */
function syntaxErrors(text: string): string[] {
  return parseSource('suggested.tf', text).errors.map((e) => e.message);
}

/** The `moved` block a sentence describes by its code spans `from = …` and `to = …`, as someone following it would write it. */
function blockFromWords(sentence: string): string {
  const from = /`from = ([^`]+)`/.exec(sentence)?.[1];
  const to = /`to = ([^`]+)`/.exec(sentence)?.[1];
  expect(from, sentence).toBeDefined();
  expect(to, sentence).toBeDefined();
  return `moved {\n  from = ${from}\n  to   = ${to}\n}\n`;
}

describe('the suggested moved block', () => {
  it('is the multi-line block terraform fmt writes, and parses without errors', () => {
    const text = movedBlockText('aws_db_instance.Orders', 'aws_db_instance.orders');
    expect(text).toBe('moved {\n  from = aws_db_instance.Orders\n  to   = aws_db_instance.orders\n}');
    expect(syntaxErrors(text + '\n')).toEqual([]);
    // The one-line form the rule used to suggest is not HCL: the parser says so (this test would not catch a regression otherwise).
    expect(syntaxErrors('moved { from = aws_db_instance.Orders, to = aws_db_instance.orders }\n')).not.toEqual([]);
  });

  it('the finding names from and to in words, and its fix, inserted, parses and clears the finding in check --base', () => {
    const repo = renamed();
    expect(movedFindings(repo.root)).toEqual(['aws_db_instance.orders']);
    const change = reviewChange({ cwd: repo.root, paths: [repo.root], base: 'main' });
    const finding = change.head.findings.find((f) => f.ruleId === 'refactor/missing-moved-block');
    expect(finding).toBeDefined();
    expect(change.introduced.has(finding!)).toBe(true);
    expect(finding!.message).not.toMatch(/moved \{/);
    expect(syntaxErrors(blockFromWords(finding!.message))).toEqual([]);

    const fix = finding!.fix;
    expect(fix).toBeDefined();
    expect(fix!.title).not.toMatch(/[{},]/);
    for (const edit of fix!.edits) expect(syntaxErrors(edit.newText)).toEqual([]);
    const path = join(repo.root, 'main.tf');
    const fixed = applyEdits(readFileSync(path, 'utf8'), fix!.edits);
    expect(fixed).toContain('\nmoved {\n  from = aws_db_instance.Orders\n  to   = aws_db_instance.orders\n}\n');
    expect(syntaxErrors(fixed)).toEqual([]);
    writeFileSync(path, fixed);
    expect(movedFindings(repo.root)).toEqual([]);
  });

  it('the block the message describes, pasted at the end of a file, clears the finding too', () => {
    const repo = renamed();
    const change = reviewChange({ cwd: repo.root, paths: [repo.root], base: 'main' });
    const finding = change.head.findings.find((f) => f.ruleId === 'refactor/missing-moved-block')!;
    repo.write({ 'moved.tf': blockFromWords(finding.message) });
    expect(movedFindings(repo.root)).toEqual([]);
  });

  it('in a CRLF file the fix keeps CRLF and still parses', () => {
    const repo = renamed('\r\n');
    const change = reviewChange({ cwd: repo.root, paths: [repo.root], base: 'main' });
    const fix = change.head.findings.find((f) => f.ruleId === 'refactor/missing-moved-block')!.fix!;
    const fixed = applyEdits(readFileSync(join(repo.root, 'main.tf'), 'utf8'), fix.edits);
    expect(fixed).toContain('moved {\r\n  from = aws_db_instance.Orders\r\n  to   = aws_db_instance.orders\r\n}\r\n');
    expect(syntaxErrors(fixed)).toEqual([]);
    writeFileSync(join(repo.root, 'main.tf'), fixed);
    expect(movedFindings(repo.root)).toEqual([]);
  });

  it("the checklist's question about a database renamed without moved describes a valid block", () => {
    const repo = renamed();
    const checklist = buildChecklist({ cwd: repo.root, change: reviewChange({ cwd: repo.root, paths: [repo.root], base: 'main' }) });
    const texts = checklist.sections.flatMap((s) => s.items.map((i) => i.text));
    expect(texts.join('\n')).not.toMatch(/moved \{/);
    const question = texts.find((t) => t.includes('without a `moved` block'));
    expect(question).toBeDefined();
    expect(syntaxErrors(blockFromWords(question!))).toEqual([]);
    repo.write({ 'moved.tf': blockFromWords(question!) });
    expect(movedFindings(repo.root)).toEqual([]);
  });
});
