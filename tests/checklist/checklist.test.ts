import { describe, expect, it } from 'vitest';
import type { TestRepo } from '../support/git-repo.js';
import { changeChecklist, ID, itemsOf, onlyRules, questions, theItem, tempRepos, workspaceChecklist } from './support.js';

const newRepo = tempRepos();

const IAM_RULES = onlyRules('iam/wildcard-action', 'iam/wildcard-resource');

function policy(name: string, actions: string[], resource = 'arn:aws:s3:::reports/*', extra = ''): string {
  return `resource "aws_iam_policy" "${name}" {
${extra}  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = [${actions.map((a) => `"${a}"`).join(', ')}]
      Resource = "${resource}"
    }]
  })
}
`;
}

/** The IAM change: a new wildcard policy, a widened one, an old wildcard policy edited elsewhere, one untouched. */
function iamChange(): TestRepo {
  const repo = newRepo();
  repo
    .write({
      '.iac-review.json': IAM_RULES,
      'untouched.tf': policy('untouched', ['*'], '*'),
      'legacy.tf': policy('legacy', ['s3:*'], 'arn:aws:s3:::legacy/*', '  name = "legacy"\n'),
      'reader.tf': policy('reader', ['s3:GetObject']),
    })
    .commit('base');
  repo.branch('change').write({
    'admin.tf': policy('admin', ['*'], '*'),
    'legacy.tf': policy('legacy', ['s3:*'], 'arn:aws:s3:::legacy/*', '  name = "legacy-v2"\n'),
    'reader.tf': policy('reader', ['s3:GetObject', 's3:PutObject']),
  });
  return repo;
}

describe('checklist of a change (SPEC §7)', () => {
  it('lists introduced findings, existing ones in modified blocks, and asks who approved widened access', () => {
    const checklist = changeChecklist(iamChange());
    expect(checklist.version).toBe(1);
    expect(checklist.base).toBe('main');
    expect(checklist.sections.map((s) => [s.category, s.title])).toEqual([['iam', 'Least-privilege IAM']]);
    const items = itemsOf(checklist);
    expect(items).toEqual([
      {
        id: expect.stringMatching(ID),
        kind: 'finding',
        label: 'aws_iam_policy.admin — wildcard actions',
        what: 'aws_iam_policy.admin',
        problem: 'wildcard actions',
        text: 'The first statement of aws_iam_policy.admin policy allows every action ("*"): name the actions it needs',
        ruleId: 'iam/wildcard-action',
        file: 'admin.tf',
        line: 4,
        introduced: true,
        category: 'iam',
      },
      {
        id: expect.stringMatching(ID),
        kind: 'finding',
        label: 'aws_iam_policy.admin — write actions on *',
        what: 'aws_iam_policy.admin',
        problem: 'write actions on *',
        text: 'The first statement of aws_iam_policy.admin policy allows every action on Resource "*": name the resources (ARNs) instead',
        ruleId: 'iam/wildcard-resource',
        file: 'admin.tf',
        line: 4,
        introduced: true,
        category: 'iam',
      },
      {
        id: expect.stringMatching(ID),
        kind: 'finding',
        label: 'aws_iam_policy.legacy — wildcard actions',
        what: 'aws_iam_policy.legacy',
        problem: 'wildcard actions',
        text: 'The first statement of aws_iam_policy.legacy policy allows every action of "s3:*": name the actions it needs',
        ruleId: 'iam/wildcard-action',
        file: 'legacy.tf',
        line: 5,
        introduced: false,
        category: 'iam',
      },
      {
        id: expect.stringMatching(ID),
        kind: 'question',
        label: 'aws_iam_policy.admin — access widened',
        what: 'aws_iam_policy.admin',
        problem: 'access widened',
        text: '`aws_iam_policy.admin` is a new policy granting actions *; resources *; an Allow statement without a Condition: who approved this access?',
        file: 'admin.tf',
        line: 4,
        category: 'iam',
      },
      {
        id: expect.stringMatching(ID),
        kind: 'question',
        label: 'aws_iam_policy.reader — access widened',
        what: 'aws_iam_policy.reader',
        problem: 'access widened',
        text: 'Who approved widening `aws_iam_policy.reader`? It gains actions s3:PutObject.',
        file: 'reader.tf',
        line: 4,
        category: 'iam',
      },
    ]);
    // The untouched wildcard policy is the base's business, not this change's: neither finding nor question.
    expect(items.some((i) => i.file === 'untouched.tf')).toBe(false);
    // legacy.tf changed only its name: its policy gained nothing, so no IAM question about it.
    expect(items.some((i) => i.kind === 'question' && i.file === 'legacy.tf')).toBe(false);
  });

  it('without --base lists every active finding, without introduced, and asks no questions', () => {
    const repo = iamChange();
    const checklist = workspaceChecklist(repo);
    expect(checklist.base).toBeNull();
    const items = itemsOf(checklist);
    expect(questions(checklist)).toEqual([]);
    expect(items.map((i) => [i.kind, i.file, i.line, i.ruleId])).toEqual([
      ['finding', 'admin.tf', 4, 'iam/wildcard-action'],
      ['finding', 'admin.tf', 4, 'iam/wildcard-resource'],
      ['finding', 'legacy.tf', 5, 'iam/wildcard-action'],
      ['finding', 'untouched.tf', 4, 'iam/wildcard-action'],
      ['finding', 'untouched.tf', 4, 'iam/wildcard-resource'],
    ]);
    expect(items.every((i) => !('introduced' in i))).toBe(true);
  });

  it('lists undecided items with why they could not be decided', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': IAM_RULES, 'main.tf': 'variable "actions" {\n  type = list(string)\n}\n' }).commit('base');
    repo.branch('change').write({
      'iam.tf': `resource "aws_iam_policy" "dynamic" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = var.actions, Resource = "*" }]
  })
}
`,
    });
    const undecided = itemsOf(changeChecklist(repo)).filter((i) => i.kind === 'undecided');
    expect(undecided.length).toBeGreaterThan(0);
    for (const u of undecided) {
      expect(u).toMatchObject({ category: 'iam', file: 'iam.tf', line: 4, introduced: true, ruleId: expect.stringMatching(/^iam\//) });
      expect(u.reason).toMatch(/var\.actions/);
    }
  });

  it('a renamed resource without moved: the refactor finding, and backup/rollback for the data it destroys', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': onlyRules('refactor/missing-moved-block'), 'main.tf': '# logs\n\nresource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n' }).commit('base');
    repo.branch('change').write({ 'main.tf': 'resource "aws_s3_bucket" "audit_logs" {\n  bucket = "acme-logs"\n}\n' });
    expect(itemsOf(changeChecklist(repo))).toEqual([
      {
        id: expect.stringMatching(ID),
        kind: 'question',
        label: 'aws_s3_bucket.logs — data destroyed',
        what: 'aws_s3_bucket.logs',
        problem: 'data destroyed',
        text: expect.stringMatching(/^`aws_s3_bucket\.logs` holds data and is renamed to `aws_s3_bucket\.audit_logs` without a `moved` block \(one with `from = aws_s3_bucket\.logs` and `to = aws_s3_bucket\.audit_logs` keeps the object\): Terraform will destroy it\. Is there a backup .* rollback plan/),
        file: 'main.tf',
        line: 3,
        removed: true,
        category: 'lifecycle',
      },
      {
        id: expect.stringMatching(ID),
        kind: 'finding',
        label: 'aws_s3_bucket.audit_logs — no moved block',
        what: 'aws_s3_bucket.audit_logs',
        problem: 'no moved block',
        text: expect.stringMatching(/no moved block/),
        ruleId: 'refactor/missing-moved-block',
        file: 'main.tf',
        line: 1,
        introduced: true,
        category: 'refactor',
      },
    ]);
  });

  it('a renamed resource with moved: no finding, no question', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': onlyRules('refactor/missing-moved-block'), 'main.tf': 'resource "aws_s3_bucket" "logs" {\n  bucket = "acme-logs"\n}\n' }).commit('base');
    repo.branch('change').write({
      'main.tf': 'resource "aws_s3_bucket" "audit_logs" {\n  bucket = "acme-logs"\n}\n\nmoved {\n  from = aws_s3_bucket.logs\n  to   = aws_s3_bucket.audit_logs\n}\n',
    });
    expect(itemsOf(changeChecklist(repo))).toEqual([]);
  });

  it('a removed database: backup and rollback, and removed/moved blocks, both placed where it was', () => {
    const repo = newRepo();
    repo
      .write({
        '.iac-review.json': onlyRules('refactor/missing-moved-block'),
        'main.tf': 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n\nresource "aws_db_instance" "orders" {\n  engine = "postgres"\n}\n',
      })
      .commit('base');
    repo.branch('change').write({ 'main.tf': 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n' });
    const qs = questions(changeChecklist(repo));
    expect(qs.map((q) => [q.category, q.file, q.line, q.removed])).toEqual([
      ['lifecycle', 'main.tf', 5, true],
      ['refactor', 'main.tf', 5, true],
    ]);
    expect(qs[0]!.text).toMatch(/^`aws_db_instance\.orders` holds data and is removed: Terraform will destroy it\. Is there a backup \(a final snapshot, an export\) and a rollback plan/);
    expect(qs[1]!.text).toMatch(/^`aws_db_instance\.orders` is removed: .* add a `removed` block with `lifecycle \{ destroy = false \}`; .* a `moved` block\.$/);
  });

  it('a removed block that keeps the object (removed { lifecycle { destroy = false } }) asks nothing', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': onlyRules(), 'main.tf': 'resource "aws_db_instance" "orders" {\n  engine = "postgres"\n}\n' }).commit('base');
    repo.branch('change').write({ 'main.tf': 'removed {\n  from = aws_db_instance.orders\n\n  lifecycle {\n    destroy = false\n  }\n}\n' });
    expect(questions(changeChecklist(repo))).toEqual([]);
  });

  it('a database argument change asks about plan, replacement, backup and rollback', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': onlyRules(), 'db.tf': 'resource "aws_db_instance" "orders" {\n  engine         = "postgres"\n  instance_class = "db.t3.medium"\n}\n' }).commit('base');
    repo.branch('change').write({ 'db.tf': 'resource "aws_db_instance" "orders" {\n  engine         = "aurora-postgresql"\n  instance_class = "db.t3.medium"\n}\n' });
    expect(questions(changeChecklist(repo))).toEqual([
      {
        id: expect.stringMatching(ID),
        kind: 'question',
        label: 'aws_db_instance.orders — data store changed',
        what: 'aws_db_instance.orders',
        problem: 'data store changed',
        text: '`aws_db_instance.orders` holds data and the change modifies `engine`: was `terraform plan` reviewed for destroy/replace (an argument that forces replacement destroys the data)? If it is replaced, what is the backup and rollback plan?',
        file: 'db.tf',
        line: 1,
        category: 'lifecycle',
      },
    ]);
  });

  it('a change that touches only tags raises no question (no IAM, network, state or data questions)', () => {
    const repo = newRepo();
    const files = (env: string) => ({
      '.iac-review.json': onlyRules(),
      'main.tf': `terraform {
  backend "s3" {
    bucket = "state"
    key    = "app.tfstate"
  }
}

resource "aws_db_instance" "orders" {
  engine = "postgres"
  tags   = { Environment = "${env}" }
}

resource "aws_security_group" "web" {
  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }
  tags = { Environment = "${env}" }
}

resource "aws_iam_role" "app" {
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
  tags = { Environment = "${env}" }
}
`,
    });
    repo.write(files('dev')).commit('base');
    repo.branch('change').write(files('staging'));
    const review = changeChecklist(repo);
    expect(questions(review)).toEqual([]);
    expect(review.sections).toEqual([]);
  });

  it('network rules changed: asks what can now reach what', () => {
    const repo = newRepo();
    const sg = (cidr: string) => `resource "aws_security_group" "web" {\n  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["${cidr}"]\n  }\n}\n`;
    repo.write({ '.iac-review.json': onlyRules(), 'sg.tf': sg('10.0.0.0/8') }).commit('base');
    repo.branch('change').write({ 'sg.tf': sg('0.0.0.0/0') });
    expect(questions(changeChecklist(repo)).map((q) => [q.category, q.file, q.line, q.text])).toEqual([
      ['network', 'sg.tf', 1, expect.stringMatching(/^`aws_security_group\.web` changes `ingress`: confirm the sources, ports and protocols it allows are intended/)],
    ]);
  });

  it('a module version bump asks whether the changelog was read, naming both versions', () => {
    const repo = newRepo();
    const call = (v: string) => `module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "${v}"\n}\n`;
    repo.write({ '.iac-review.json': onlyRules(), 'main.tf': call('5.1.0') }).commit('base');
    repo.branch('change').write({ 'main.tf': call('5.8.1') });
    expect(questions(changeChecklist(repo))).toEqual([
      {
        id: expect.stringMatching(ID),
        kind: 'question',
        label: 'module.vpc — version changed',
        what: 'module.vpc',
        problem: 'version changed',
        text: '`module.vpc` (terraform-aws-modules/vpc/aws) moves from `5.1.0` to `5.8.1`: was its changelog read for breaking changes, new required inputs, and resources the new version replaces or destroys?',
        file: 'main.tf',
        line: 3,
        category: 'versioning',
      },
    ]);
  });

  it('a git ref bump and a provider constraint bump are version questions too', () => {
    const repo = newRepo();
    const tf = (ref: string, aws: string) =>
      `terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${aws}"\n    }\n  }\n}\n\nmodule "net" {\n  source = "git::https://example.com/net.git?ref=${ref}"\n}\n`;
    repo.write({ '.iac-review.json': onlyRules(), 'main.tf': tf('v1.2.0', '~> 5.0') }).commit('base');
    repo.branch('change').write({ 'main.tf': tf('v1.3.0', '~> 6.0') });
    expect(questions(changeChecklist(repo)).map((q) => [q.category, q.line, q.text])).toEqual([
      ['versioning', 3, expect.stringMatching(/^The provider `aws` \(hashicorp\/aws\) moves from `~> 5\.0` to `~> 6\.0`: were its changelog and upgrade guide read/)],
      ['versioning', 11, expect.stringMatching(/^`module\.net` moves from ref `v1\.2\.0` to ref `v1\.3\.0`: was its changelog read/)],
    ]);
  });

  it('a backend change asks for the state migration plan', () => {
    const repo = newRepo();
    const tf = (key: string) => `terraform {\n  backend "s3" {\n    bucket = "acme-state"\n    key    = "${key}"\n  }\n}\n`;
    repo.write({ '.iac-review.json': onlyRules(), 'backend.tf': tf('app.tfstate') }).commit('base');
    repo.branch('change').write({ 'backend.tf': tf('prod/app.tfstate') });
    expect(questions(changeChecklist(repo))).toEqual([
      {
        id: expect.stringMatching(ID),
        kind: 'question',
        label: 'terraform — backend changed',
        what: 'terraform',
        problem: 'backend changed',
        text: "The change edits the `s3` backend's `key`: what is the state migration plan — who runs `terraform init -migrate-state`, is the old state backed up, and is nobody applying meanwhile?",
        file: 'backend.tf',
        line: 2,
        category: 'state',
      },
    ]);
  });
});

describe('checklist of a change: whole modules, grants, no history', () => {
  it('a deleted root module is one question about the change as a whole', () => {
    const repo = newRepo();
    repo
      .write({
        '.iac-review.json': onlyRules(),
        'envs/old/main.tf': 'provider "aws" {\n  region = "eu-west-1"\n}\n\nresource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n\nresource "aws_db_instance" "orders" {\n  engine = "postgres"\n}\n',
        'envs/new/main.tf': 'resource "aws_sqs_queue" "jobs" {\n  name = "jobs"\n}\n',
      })
      .commit('base');
    repo.branch('change').write({ 'envs/old/main.tf': null });
    expect(questions(changeChecklist(repo)).map((q) => [q.category, q.file, q.line, q.removed, q.text])).toEqual([
      ['change', 'envs/old/main.tf', 5, true, expect.stringMatching(/^The root module `envs\/old` \(2 resources\) is deleted: were its resources destroyed/)],
    ]);
  });

  it('a moved module directory is the same module; a new one that borrows a file from each of several others is new', () => {
    const repo = newRepo();
    const call = (v: string) => `module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "${v}"\n}\n`;
    const variables = 'variable "name" {\n  type        = string\n  description = "Name"\n}\n';
    const versions = 'terraform {\n  required_version = ">= 1.5"\n}\n';
    repo
      .write({
        '.iac-review.json': onlyRules(),
        'examples/a/main.tf': call('5.1.0'),
        'examples/a/variables.tf': variables,
        'examples/b/main.tf': call('4.0.0'),
        'examples/b/versions.tf': versions,
      })
      .commit('base');
    repo.branch('change').write({
      // a moved there with its version bumped: one module, one version question
      'examples/a/main.tf': null,
      'examples/a/variables.tf': null,
      'tests/a/main.tf': call('5.8.1'),
      'tests/a/variables.tf': variables,
      // c is new: it copies variables.tf from a and versions.tf from b, nothing makes it either of them
      'examples/c/main.tf': call('6.0.0'),
      'examples/c/variables.tf': variables,
      'examples/c/versions.tf': versions,
    });
    const texts = questions(changeChecklist(repo)).map((q) => `${q.file}: ${q.text}`);
    expect(texts).toContainEqual(expect.stringMatching(/^tests\/a\/main\.tf: `module\.vpc` .* moves from `5\.1\.0` to `5\.8\.1`/));
    expect(texts.filter((t) => t.startsWith('examples/c/') && /moves from/.test(t))).toEqual([]);
  });

  it('a new policy attachment asks who approved the access it grants', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': onlyRules(), 'main.tf': '' }).commit('base');
    repo.branch('change').write({
      'main.tf': 'resource "aws_iam_role_policy_attachment" "admin" {\n  role       = "deployer"\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n',
    });
    expect(questions(changeChecklist(repo)).map((q) => [q.category, q.line, q.text])).toEqual([
      ['iam', 1, '`aws_iam_role_policy_attachment.admin` is new and grants access (policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess", role = "deployer"): who approved it?'],
    ]);
  });

  it('in a repository without commits everything is new', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': IAM_RULES, 'admin.tf': policy('admin', ['*'], '*') });
    const items = itemsOf(changeChecklist(repo));
    expect(items.map((i) => [i.kind, i.ruleId, i.introduced])).toEqual([
      ['finding', 'iam/wildcard-action', true],
      ['finding', 'iam/wildcard-resource', true],
      ['question', undefined, undefined],
    ]);
  });
});

describe('stable item ids', () => {
  const idOf = (repo: TestRepo, match: (i: ReturnType<typeof itemsOf>[number]) => boolean) => theItem(changeChecklist(repo), match).id;
  const adminFinding = (i: ReturnType<typeof itemsOf>[number]) => i.ruleId === 'iam/wildcard-action' && i.file === 'admin.tf';
  const readerQuestion = (i: ReturnType<typeof itemsOf>[number]) => i.kind === 'question' && i.file === 'reader.tf';

  it('are the same on a re-run', () => {
    const repo = iamChange();
    expect(changeChecklist(repo)).toEqual(changeChecklist(repo));
    const ids = itemsOf(changeChecklist(repo)).map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('survive unrelated edits that move the item to other lines', () => {
    const repo = iamChange();
    const before = theItem(changeChecklist(repo), adminFinding);
    const question = idOf(repo, readerQuestion);
    repo.write({ 'admin.tf': `# Administrators of the reports account.\n\nresource "aws_sqs_queue" "unrelated" {\n  name = "jobs"\n}\n\n${policy('admin', ['*'], '*')}` });
    const after = theItem(changeChecklist(repo), adminFinding);
    expect(after.line).toBe(before.line + 6);
    expect(after.id).toBe(before.id);
    expect(idOf(repo, readerQuestion)).toBe(question);
  });

  it('change when the block the item is about changes', () => {
    const repo = iamChange();
    const finding = idOf(repo, adminFinding);
    const question = idOf(repo, readerQuestion);
    repo.write({ 'admin.tf': policy('admin', ['*'], '*', '  name = "admin"\n') });
    expect(idOf(repo, adminFinding)).not.toBe(finding);
    expect(idOf(repo, readerQuestion)).toBe(question);
    repo.write({ 'reader.tf': policy('reader', ['s3:GetObject', 's3:PutObject', 's3:DeleteObject']) });
    expect(idOf(repo, readerQuestion)).not.toBe(question);
  });

  it('tell apart the same block in two modules', () => {
    const repo = newRepo();
    repo.write({ '.iac-review.json': IAM_RULES, 'envs/dev/main.tf': '', 'envs/prod/main.tf': '' }).commit('base');
    repo.branch('change').write({ 'envs/dev/main.tf': policy('admin', ['*'], '*'), 'envs/prod/main.tf': policy('admin', ['*'], '*') });
    const ids = itemsOf(changeChecklist(repo)).map((i) => i.id);
    // Per module: two findings and a question, with the same text and block — told apart by their file.
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
  });
});
