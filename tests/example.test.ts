import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../server/src/engine/analyze.js';

const EXAMPLE = join(import.meta.dirname, '..', 'test-fixtures', 'example');

describe('the bundled example module', () => {
  const result = analyzeWorkspace({ cwd: EXAMPLE, paths: ['.'], now: new Date('2026-11-23') });
  const found = result.findings.map((f) => `${relative(EXAMPLE, f.file)}:${f.range.start.line} ${f.ruleId}`);
  if (process.env.IAC_REVIEW_SHOW) console.log(found.join('\n'), result.undecided, result.errors);

  it('parses cleanly', () => {
    expect(result.errors).toEqual([]);
    expect(result.configErrors).toEqual([]);
    expect(result.modules.map((m) => relative(EXAMPLE, m))).toEqual(['', 'modules/queue']);
  });

  it('reports the planted problems of the issue-2 catalog', () => {
    expect(found).toEqual(
      expect.arrayContaining([
        'storage.tf:1 tagging/required-tags',
        'iam.tf:11 tagging/required-tags',
        'storage.tf:21 naming/identifier-format',
        'variables.tf:17 naming/identifier-format',
        'storage.tf:10 iam/public-principal',
        'iam.tf:22 iam/wildcard-action',
        'iam.tf:27 iam/unknown-action',
        'iam.tf:27 iam/wildcard-resource',
        'iam.tf:37 iam/passrole-wildcard',
        'iam.tf:50 iam/user-attached-policy',
        'iam.tf:52 iam/privileged-attachment',
        'main.tf:1 versioning/module-source-pinned',
        'main.tf:15 versioning/module-source-pinned',
        'versions.tf:3 versioning/provider-pinned',
        'versions.tf:8 versioning/provider-pinned',
        'versions.tf:1 versioning/terraform-version',
      ]),
    );
  });

  it('reports the planted problems of the rest of the catalog, and nothing for what is done right', () => {
    expect(found).toEqual(
      expect.arrayContaining([
        'main.tf:22 hardcoded/ami-id',
        'storage.tf:1 lifecycle/prevent-destroy',
        'storage.tf:21 lifecycle/prevent-destroy',
        'storage.tf:21 encryption/at-rest',
        'storage.tf:21 resilience/deletion-protection',
        'storage.tf:28 resilience/backups',
        'storage.tf:29 network/public-database',
        'terraform.tfvars:2 secrets/hardcoded-secret',
        'variables.tf:12 secrets/sensitive-variable',
      ]),
    );
    // The S3 backend encrypts and locks; every variable is typed and described; the region comes from a variable.
    for (const rule of ['state/remote-backend', 'variables/typed-described', 'hardcoded/region']) {
      expect(found.filter((f) => f.endsWith(` ${rule}`))).toEqual([]);
    }
  });

  it('reviews the child module with its caller\'s values: the caller\'s default tags lack CostCenter, so the finding is the caller\'s (SPEC §2a)', () => {
    // On its own the queue module cannot know its callers' provider default tags: nothing reported there…
    expect(found.filter((f) => f.startsWith('modules/queue') && f.includes('tagging/'))).toEqual([]);
    // …and its only caller decides: the finding sits on the module block (the callee's default `tags = {}` decides), not on the checklist.
    const queue = result.findings.find((f) => f.ruleId === 'tagging/required-tags' && relative(EXAMPLE, f.file) === 'main.tf' && f.range.start.line === 8);
    expect(queue?.message).toMatch(/^module\.queue → aws_sqs_queue\.this: .*CostCenter/);
    expect(queue?.address).toBe('module.queue.aws_sqs_queue.this');
    expect(result.undecided.some((u) => u.ruleId === 'tagging/required-tags' && u.file.endsWith('modules/queue/main.tf'))).toBe(false);
  });

  it('does not report actions AWS grants only on "*"', () => {
    // iam.tf:32 grants ec2:DescribeInstances on "*": AWS offers no resource-level permission for it.
    expect(found.filter((f) => f.startsWith('iam.tf:32 '))).toEqual([]);
  });
});
