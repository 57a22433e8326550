import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace, type ModuleAnalysis } from '../server/src/engine/analyze.js';
import { defaultConfig } from '../server/src/engine/config/load-config.js';
import { inspectAt, type Inspection } from '../server/src/engine/inspect/inspection.js';
import { knownEntries } from '../server/src/engine/iam/policy-statement.js';
import { hoverMarkdown } from '../server/src/lsp/hover-content.js';
import { writeModule } from './iam/policy-harness.js';

/** A module written to a temporary directory and analysed as the language server would (modules kept). */
function analyse(files: Record<string, string>): { dir: string; analysis: ModuleAnalysis } {
  const dir = writeModule(files);
  const result = analyzeWorkspace({ cwd: dir, keepModules: true });
  expect(result.errors).toEqual([]);
  expect(result.analyses).toHaveLength(1);
  return { dir, analysis: result.analyses[0]! };
}

/** The 1-based line of the first line of `text` that contains `marker`, and the column just after the marker's start. */
function at(text: string, marker: string): { line: number; column: number } {
  const lines = text.split('\n');
  const index = lines.findIndex((l) => l.includes(marker));
  if (index < 0) throw new Error(`marker not found: ${marker}`);
  return { line: index + 1, column: lines[index]!.indexOf(marker) + 2 };
}

const PROVIDERS = `terraform {
  required_version = ">= 1.6"
}

provider "aws" {
  region = "eu-west-1"
  default_tags {
    tags = local.common_tags
  }
}
`;

const TAGS = `locals {
  common_tags = {
    Owner       = "platform"
    Environment = "prod"
  }
}
`;

const MAIN = `resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"

  tags = {
    Name        = "logs"
    Environment = "staging"
  }
}

data "aws_iam_policy_document" "read" {
  statement {
    sid       = "Read"
    actions   = ["s3:GetObject", "s3:ListBucket"]
    resources = ["\${aws_s3_bucket.logs.arn}/*", "arn:aws:s3:::acme-shared"]

    condition {
      test     = "StringEquals"
      variable = "aws:SourceVpc"
      values   = ["vpc-0123"]
    }
  }
}

resource "aws_iam_policy" "read" {
  name   = "read"
  policy = data.aws_iam_policy_document.read.json
}

resource "aws_iam_policy" "write" {
  name = "write"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:GetObject", "s3:PutObject"]
      Resource = "arn:aws:s3:::b/*"
    }]
  })
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "~> 5.1"
}

module "vpc_unpinned" {
  source = "terraform-aws-modules/vpc/aws"
}

module "network" {
  source = "git::https://github.com/acme/terraform-network.git?ref=v2.3.1"
}

module "network_main" {
  source = "git::https://github.com/acme/terraform-network.git?ref=main"
}

module "shared" {
  source = "../shared"
}
`;

describe('inspectAt and hoverMarkdown in a root module', () => {
  const { dir, analysis } = analyse({ 'providers.tf': PROVIDERS, 'tags.tf': TAGS, 'main.tf': MAIN });
  const main = join(dir, 'main.tf');
  const inspect = (marker: string): Inspection | undefined => inspectAt(analysis, main, at(MAIN, marker));
  const hover = (marker: string): string | undefined => hoverMarkdown(analysis, main, at(MAIN, marker));

  it('shows effective tags with their source and origin: provider defaults from a local in another file, the resource own tags', () => {
    const inspection = inspect('resource "aws_s3_bucket" "logs"')!;
    expect(inspection).toMatchObject({ kind: 'resource', address: 'aws_s3_bucket.logs', type: 'aws_s3_bucket' });
    const tags = inspection.tags!;
    expect(tags.word).toBe('tags');
    expect(tags.unknownReasons).toEqual([]);
    expect(tags.entries.map((t) => [t.key, t.value, t.source, t.overridesDefault])).toEqual([
      ['Owner', { known: true, value: 'platform' }, 'provider-default', false],
      ['Name', { known: true, value: 'logs' }, 'resource', false],
      // The resource's Environment replaces the provider default "prod".
      ['Environment', { known: true, value: 'staging' }, 'resource', true],
    ]);
    const owner = tags.entries[0]!.origin!;
    expect(owner.definedIn).toBe('local.common_tags');
    expect(owner.location.file).toBe(join(dir, 'tags.tf'));
    expect(owner.location.range.start.line).toBe(3);
    expect(tags.entries[1]!.origin!.definedIn).toBe('aws_s3_bucket.logs');

    const md = hover('resource "aws_s3_bucket" "logs"')!;
    expect(md.split('\n')[0]).toBe('**resource** `aws_s3_bucket.logs`');
    expect(md).toContain('| `Owner` | `platform` | provider default · from `local.common_tags` (tags.tf:3) |');
    expect(md).toContain('| `Name` | `logs` | resource (main.tf:5) |');
    expect(md).toContain('| `Environment` | `staging` | resource, overrides the default (main.tf:6) |');
    expect(md).not.toContain('`prod`');
  });

  it('finds the same block from its header and from deep in its body', () => {
    const fromHeader = inspect('data "aws_iam_policy_document" "read"')!;
    const fromBody = inspect('variable = "aws:SourceVpc"')!;
    expect(fromHeader.address).toBe('data.aws_iam_policy_document.read');
    expect(fromBody.address).toBe('data.aws_iam_policy_document.read');
    expect(fromBody.kind).toBe('data');
    // The closing brace still belongs to the block.
    const closing = MAIN.split('\n').indexOf('}', at(MAIN, 'data "aws_iam_policy_document"').line - 1);
    expect(inspectAt(analysis, main, { line: closing + 1, column: 1 })?.address).toBe('data.aws_iam_policy_document.read');
    expect(hover('variable = "aws:SourceVpc"')).toBe(hover('data "aws_iam_policy_document" "read"'));
  });

  it('returns nothing outside a resource, data or module block', () => {
    const blank = at(MAIN, 'data "aws_iam_policy_document"').line - 1;
    expect(MAIN.split('\n')[blank - 1]).toBe('');
    expect(inspectAt(analysis, main, { line: blank, column: 1 })).toBeUndefined();
    expect(hoverMarkdown(analysis, main, { line: blank, column: 1 })).toBeUndefined();
    // Blocks that are not resources, data sources or module calls.
    expect(hoverMarkdown(analysis, join(dir, 'tags.tf'), at(TAGS, 'Owner'))).toBeUndefined();
    expect(hoverMarkdown(analysis, join(dir, 'providers.tf'), at(PROVIDERS, 'region'))).toBeUndefined();
    // A file that is not in the module.
    expect(inspectAt(analysis, join(dir, 'other.tf'), { line: 1, column: 1 })).toBeUndefined();
  });

  it('normalises an aws_iam_policy_document statement, with the unknown part and its reason', () => {
    const policies = inspect('actions   = ["s3:GetObject"')!.policies!;
    expect(policies.undecided).toEqual([]);
    expect(policies.statements).toHaveLength(1);
    const { statement, via } = policies.statements[0]!;
    expect(via).toBeUndefined();
    expect(statement.sid).toBe('Read');
    expect(statement.effect).toEqual({ known: true, value: 'Allow' });
    expect(knownEntries(statement.actions)).toEqual(['s3:GetObject', 's3:ListBucket']);
    expect(statement.resources!.entries[0]).toMatchObject({ known: false, shape: '\u0000/*' });
    expect(knownEntries(statement.resources)).toEqual(['arn:aws:s3:::acme-shared']);
    expect(statement.conditionKeys).toEqual(['aws:SourceVpc']);

    const md = hover('actions   = ["s3:GetObject"')!;
    expect(md).toContain('`data.aws_iam_policy_document.read` (identity policy):');
    expect(md).toContain(
      '- [Read] Allow `s3:GetObject`, `s3:ListBucket` on `…/*`, `arn:aws:s3:::acme-shared` when `aws:SourceVpc` (main.tf:11)',
    );
    expect(md).toContain('  - Resource unknown: aws_s3_bucket.logs.arn is known only after apply');
  });

  it('shows the statements of the policy document a resource uses', () => {
    const inspection = inspect('resource "aws_iam_policy" "read"')!;
    expect(inspection.policies!.statements.map((s) => s.statement.sid)).toEqual(['Read']);
    expect(hover('resource "aws_iam_policy" "read"')).toContain('- [Read] Allow `s3:GetObject`, `s3:ListBucket`');
  });

  it('normalises an inline jsonencode policy', () => {
    const inspection = inspect('Action   = ["s3:GetObject", "s3:PutObject"]')!;
    expect(inspection.address).toBe('aws_iam_policy.write');
    const [only] = inspection.policies!.statements;
    expect(only!.statement.policyName).toBe('aws_iam_policy.write policy');
    expect(knownEntries(only!.statement.actions)).toEqual(['s3:GetObject', 's3:PutObject']);
    expect(knownEntries(only!.statement.resources)).toEqual(['arn:aws:s3:::b/*']);
    const md = hover('resource "aws_iam_policy" "write"')!;
    expect(md).toContain('`aws_iam_policy.write policy` (identity policy):');
    expect(md).toContain(`- Allow \`s3:GetObject\`, \`s3:PutObject\` on \`arn:aws:s3:::b/*\` (main.tf:${at(MAIN, 'Statement = [{').line})`);
    // aws_iam_policy is taggable: the provider defaults apply to it too.
    expect(md).toContain('| `Environment` | `prod` | provider default · from `local.common_tags` (tags.tf:4) |');
  });

  it('shows a registry module with a bounded version as pinned', () => {
    const call = inspect('module "vpc" {')!.moduleCall!;
    expect(call.source).toEqual({ known: true, value: 'terraform-aws-modules/vpc/aws' });
    expect(call.classified?.kind).toBe('registry');
    expect(call.version).toEqual({ known: true, value: '~> 5.1' });
    expect(call.pinning).toEqual({ verdict: 'not-reported', messages: [] });
    expect(hover('module "vpc" {')).toBe(
      [
        '**module** `module.vpc`',
        '',
        '- Source: `terraform-aws-modules/vpc/aws` — registry module `terraform-aws-modules/vpc/aws` on the public registry',
        '- Version: `~> 5.1`',
        '- Pinned ✓',
      ].join('\n'),
    );
  });

  it('says what versioning/module-source-pinned says of a registry module without a version', () => {
    const call = inspect('module "vpc_unpinned"')!.moduleCall!;
    expect(call.version).toBeUndefined();
    expect(call.pinning?.verdict).toBe('reported');
    expect(call.pinning?.messages[0]).toMatch(/has no version/);
    const md = hover('module "vpc_unpinned"')!;
    expect(md).toContain('- Version: none (the latest release)');
    expect(md).toContain('- **Not pinned**: Registry module "terraform-aws-modules/vpc/aws" has no version');
    // The rule's code spans stay code.
    expect(md).toContain('`terraform init`');
  });

  it('follows the configuration in force: strict requires exact versions', () => {
    const strict = { ...defaultConfig(dir), extends: 'strict' as const };
    const call = inspectAt(analysis, main, at(MAIN, 'module "vpc" {'), { config: strict })!.moduleCall!;
    expect(call.pinning?.verdict).toBe('reported');
    expect(call.pinning?.messages[0]).toMatch(/exact versions are required/);
  });

  it('classifies a git source and its ref', () => {
    const tagged = inspect('module "network" {')!.moduleCall!;
    expect(tagged.classified?.kind).toBe('git');
    expect(tagged.gitRef).toMatchObject({ ref: 'v2.3.1', param: 'ref', kind: 'tag' });
    expect(tagged.pinning?.verdict).toBe('not-reported');
    expect(hover('module "network" {')).toContain('- Git ref: `v2.3.1` (a tag)\n- Pinned ✓');

    const branch = inspect('module "network_main"')!.moduleCall!;
    expect(branch.gitRef).toMatchObject({ ref: 'main', kind: 'branch' });
    expect(branch.pinning?.verdict).toBe('reported');
    const md = hover('module "network_main"')!;
    expect(md).toContain('- Git ref: `main` (a branch)');
    expect(md).toContain('- **Not pinned**: Module source');
  });

  it('exempts a local module source', () => {
    const call = inspect('module "shared"')!.moduleCall!;
    expect(call.classified?.kind).toBe('local');
    expect(hover('module "shared"')).toContain('- Source: `../shared` — local path\n- Pinning: not needed');
  });
});

describe('inspectAt in a child module', () => {
  const CHILD = `variable "team" {
  type    = string
  default = "data"
}

variable "policy" {
  type = string
}

resource "aws_s3_bucket" "b" {
  bucket = "b"
  tags   = { Team = var.team, Name = "b|c" }
}

resource "aws_iam_role_policy" "p" {
  role   = "r"
  policy = var.policy
}
`;
  const { dir, analysis } = analyse({ 'main.tf': CHILD });
  const main = join(dir, 'main.tf');

  it('shows an input as unknown, with the reason, and says the callers decide the default tags', () => {
    const tags = inspectAt(analysis, main, at(CHILD, 'tags   ='))!.tags!;
    const team = tags.entries.find((t) => t.key === 'Team')!;
    expect(team.value.known).toBe(false);
    expect(team.value.known ? '' : team.value.reason).toMatch(/var\.team is an input of this child module/);
    expect(tags.unknownReasons).toHaveLength(1);
    expect(tags.unknownReasons[0]).toMatch(/child module without a provider "aws" block/);

    const md = hoverMarkdown(analysis, main, at(CHILD, 'tags   ='))!;
    expect(md).toMatch(/\| `Team` \| _unknown: var\.team is an input of this child module[^|]*_ \| resource \(main\.tf:12\) \|/);
    // A `|` in a value does not break the table.
    expect(md).toContain('| `Name` | `b\\|c` | resource (main.tf:12) |');
    expect(md).toContain('Tags the review cannot see:\n- this is a child module without a provider "aws" block');
  });

  it('lists a policy it cannot read as undecided, with why', () => {
    const policies = inspectAt(analysis, main, at(CHILD, 'policy = var.policy'))!.policies!;
    expect(policies.statements).toEqual([]);
    expect(policies.undecided).toHaveLength(1);
    expect(policies.undecided[0]!.policyName).toBe('aws_iam_role_policy.p policy');
    expect(policies.undecided[0]!.reason).toMatch(/var\.policy/);
    const md = hoverMarkdown(analysis, main, at(CHILD, 'resource "aws_iam_role_policy"'))!;
    expect(md).toContain('Policies the review could not read:\n- `aws_iam_role_policy.p policy`: the policy comes from var.policy');
  });

  it('returns nothing for a block the review evaluates nothing in', () => {
    expect(inspectAt(analysis, main, at(CHILD, 'variable "team"'))).toBeUndefined();
  });
});

describe('inspectAt with a policy shared through a local', () => {
  const POLICY = `locals {
  deploy_policy = {
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "lambda:UpdateFunctionCode", Resource = "*" }]
  }
}

resource "aws_iam_role_policy" "a" {
  role   = "a"
  policy = jsonencode(local.deploy_policy)
}

resource "aws_iam_role_policy" "b" {
  role   = "b"
  policy = jsonencode(local.deploy_policy)
}
`;
  const { dir, analysis } = analyse({ 'main.tf': POLICY });
  const main = join(dir, 'main.tf');

  it('shows the statement on every resource that uses it, saying where it is written', () => {
    for (const name of ['a', 'b']) {
      const policies = inspectAt(analysis, main, at(POLICY, `resource "aws_iam_role_policy" "${name}"`))!.policies!;
      expect(policies.statements.map((s) => [knownEntries(s.statement.actions), s.via])).toEqual([
        [['lambda:UpdateFunctionCode'], 'local.deploy_policy'],
      ]);
    }
    const md = hoverMarkdown(analysis, main, at(POLICY, 'role   = "b"'))!;
    expect(md).toMatch(/` \(identity policy\) via `local\.deploy_policy`:\n- Allow `lambda:UpdateFunctionCode` on `\*` \(main\.tf:4\)/);
  });
});

describe('hoverMarkdown on hostile strings', () => {
  it('shows tag values with newlines, escape sequences, bidi overrides and Markdown as inert text', () => {
    const main = `provider "aws" {
  region = "eu-west-1"
}

resource "aws_s3_bucket" "logs" {
  bucket = "acme-logs"
  tags = {
    Owner = "a\\n::error ::forged\\u001b[31mred\\u202eevil"
    Team  = "[click](https://evil.example) <img src=x onerror=alert(1)> \`\`\` *x*"
  }
}
`;
    const { dir, analysis } = analyse({ 'main.tf': main });
    const md = hoverMarkdown(analysis, join(dir, 'main.tf'), at(main, 'tags = {'))!;
    expect(md).toBeDefined();
    // No control character reaches the hover; the values are still there, written as escapes.
    expect(md).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u);
    expect(md).toContain('\\u001b[31mred\\u202eevil');
    expect(md.split('\n').some((l) => l.trimStart().startsWith('::'))).toBe(false);
    // Markdown in a value stays inside a code span: no link, no HTML.
    expect(md).not.toMatch(/(^|[^`])\[click\]\(https/);
    expect(md).toMatch(/`+ ?\[click\]\(https:\/\/evil\.example\) <img src=x onerror=alert\(1\)> ``` \*x\* ?`+/);
  });

  it('shows where a tag comes from without letting the file name act as Markdown or reorder the line', () => {
    const name = 'a[x](https:evil)\u202e*b*.tf';
    const main = 'provider "aws" {\n  region = "eu-west-1"\n}\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n  tags   = local.tags\n}\n';
    const { dir, analysis } = analyse({ 'main.tf': main, [name]: 'locals {\n  tags = { Owner = "team" }\n}\n' });
    const md = hoverMarkdown(analysis, join(dir, 'main.tf'), at(main, 'tags   ='))!;
    expect(md).toContain('Owner');
    expect(md).not.toContain('\u202e');
    expect(md).not.toContain('[x](https:evil)');
    expect(md).toContain('a\\[x\\](https:evil)\\\\u202e\\*b\\*.tf:2');
  });
});
