// Identity across a change (SPEC §7), on real git repositories: a renamed block is the same object, and a finding is
// introduced only when the change wrote the offending code, not when it merely touched the line.
import { describe, expect, it } from 'vitest';
import { main } from '../../server/src/cli/cli.js';
import type { CliIO } from '../../server/src/cli/io.js';
import { TestRepo } from '../support/git-repo.js';
import { VERSIONS } from '../support/tagged-terraform.js';

/** The checklist's findings with `--base main`: rule → introduced. */
function checklistFindings(cwd: string): Record<string, boolean> {
  let stdout = '';
  const io: CliIO = { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: () => {} };
  main(['checklist', '--format', 'json', '--base', 'main'], io);
  const report = JSON.parse(stdout) as { sections: Array<{ items: Array<{ kind: string; ruleId?: string; introduced?: boolean }> }> };
  const out: Record<string, boolean> = {};
  for (const item of report.sections.flatMap((s) => s.items)) if (item.kind === 'finding' && item.ruleId) out[item.ruleId] = item.introduced === true;
  return out;
}

function introduced(cwd: string): string[] {
  let stdout = '';
  const io: CliIO = { cwd, env: {}, stdoutIsTTY: false, stdout: (t) => void (stdout += t), stderr: () => {} };
  main(['check', '--format', 'json', '--base', 'main'], io);
  const report = JSON.parse(stdout) as { findings: Array<{ ruleId: string; file: string; range: { start: { line: number } } }> };
  return report.findings.map((f) => `${f.file}:${f.range.start.line} ${f.ruleId}`);
}

/** A database with several problems of its own: public, unencrypted, unprotected. */
const database = (name: string) => `resource "aws_db_instance" "${name}" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t3.medium"
  publicly_accessible = true
  tags                = { Owner = "a", Environment = "b", CostCenter = "c" }
}
`;

describe('identity across a change', () => {
  it('a block renamed without a moved block, body unchanged, is the same object: only the missing moved block is introduced', () => {
    const repo = new TestRepo();
    repo.write({ 'versions.tf': VERSIONS, 'db.tf': database('Orders') }).commit('base');
    repo.branch('change');
    repo.write({ 'db.tf': database('orders') });
    expect(introduced(repo.root)).toEqual(['db.tf:1 refactor/missing-moved-block']);
  });

  it('two identical new blocks for one removed block are not a rename: each is new', () => {
    const repo = new TestRepo();
    repo.write({ 'versions.tf': VERSIONS, 'db.tf': database('Orders') }).commit('base');
    repo.branch('change');
    repo.write({ 'db.tf': database('orders_a') + '\n' + database('orders_b') });
    const found = introduced(repo.root);
    expect(found.filter((f) => f.endsWith('network/public-database'))).toHaveLength(2);
  });

  it('an edit of an unrelated token on a line with an existing finding leaves the finding existing', () => {
    const repo = new TestRepo();
    const bucket = (comment: string) => `resource "aws_s3_bucket" "Logs" { # ${comment}\n  bucket = "acme-logs"\n  tags   = { Owner = "a", Environment = "b", CostCenter = "c" }\n\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n`;
    repo.write({ 'versions.tf': VERSIONS, 'bucket.tf': bucket('the access logs') }).commit('base');
    repo.branch('change');
    // The comment on the line of the badly named bucket changes; the name does not.
    repo.write({ 'bucket.tf': bucket('the access logs of the shop') });
    expect(introduced(repo.root)).toEqual([]);
    // Writing the offending code on that line makes it introduced.
    repo.write({ 'bucket.tf': bucket('the access logs').replace('"Logs"', '"AccessLogs"') });
    expect(introduced(repo.root)).toContain('bucket.tf:1 naming/identifier-format');
  });

  it('a block renamed with a moved block and a replacing change: the forced replacement is reported, its old findings stay existing', () => {
    const repo = new TestRepo();
    repo.write({ 'versions.tf': VERSIONS, 'db.tf': database('Orders') }).commit('base');
    repo.branch('change');
    const moved = '\nmoved {\n  from = aws_db_instance.Orders\n  to   = aws_db_instance.orders\n}\n';
    // The rename, and what the encryption quick fix inserts: Terraform replaces the database to encrypt it.
    repo.write({ 'db.tf': database('orders').replace('  publicly_accessible', '  storage_encrypted   = true\n  publicly_accessible') + moved });
    expect(introduced(repo.root)).toEqual(['db.tf:5 refactor/forced-replacement']);
    // The checklist keeps the database's findings from before the change, as existing.
    expect(checklistFindings(repo.root)).toMatchObject({ 'refactor/forced-replacement': true, 'network/public-database': false });
  });
});
