import type { Difficulty } from '../answer-key.js';
import type { SeededRandom } from './prng.js';
import { editBlock, insertAttributeAfter, MutationError, realign, removeAttribute, replaceOnce, setAttribute, type ModuleTexts } from './text-edits.js';

/** One problem planted into the module, with what the answer key says about it. */
export interface Planted {
  ruleId: string;
  file: string;
  address: string;
  explanation: string;
  refactor: string;
  weight: number;
  /** What tells it apart from other problems of its block: words its explanation uses (the service, attribute, port). */
  subjects: string[];
}

/**
 * One place an operator can plant a problem. Sites that share a group edit
 * the same lines (or would change each other's findings) and never go into
 * one exercise together.
 */
export interface MutationSite {
  operator: string;
  /** The lowest difficulty that plants it. */
  level: Difficulty;
  groups: readonly string[];
  apply(files: ModuleTexts, rng: SeededRandom): Planted;
}

const REQUIRED_TAGS = [
  { key: 'Owner', value: 'var.owner' },
  { key: 'Environment', value: 'var.environment' },
  { key: 'CostCenter', value: 'var.cost_center' },
];

/** Taggable resources of the base module whose `tags` line an operator can rewrite. */
const TAGGED = [
  ['network.tf', 'aws_security_group.app'],
  ['network.tf', 'aws_security_group.db'],
  ['compute.tf', 'aws_instance.app'],
  ['storage.tf', 'aws_kms_key.data'],
  ['storage.tf', 'aws_s3_bucket.uploads'],
  ['storage.tf', 'aws_db_subnet_group.orders'],
  ['storage.tf', 'aws_db_instance.orders'],
  ['iam.tf', 'aws_iam_role.app'],
  ['iam.tf', 'aws_iam_policy.app'],
  ['observability.tf', 'aws_cloudwatch_log_group.app'],
] as const;

/** The statements of aws_iam_policy.app: their Action and Resource lines in the base. */
const STATEMENTS = [
  { service: 's3', action: 'Action   = ["s3:GetObject", "s3:PutObject"]', resource: 'Resource = "${aws_s3_bucket.uploads.arn}/*"', what: 'the uploads bucket' },
  { service: 'kms', action: 'Action   = ["kms:Decrypt", "kms:GenerateDataKey"]', resource: 'Resource = aws_kms_key.data.arn', what: 'the data key' },
  { service: 'logs', action: 'Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]', resource: 'Resource = "${aws_cloudwatch_log_group.app.arn}:*"', what: 'the service log group' },
] as const;

const STATEFUL = [
  ['storage.tf', 'aws_kms_key.data', 'the KMS key (its loss makes every object encrypted with it unreadable)'],
  ['storage.tf', 'aws_s3_bucket.uploads', 'the uploads bucket (customer files)'],
  ['storage.tf', 'aws_db_instance.orders', 'the orders database'],
] as const;

const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1', 'us-west-2'];

function hex(rng: SeededRandom, n: number): string {
  return rng.chars('0123456789abcdef', n);
}

function accountId(rng: SeededRandom): string {
  return String(rng.int(1, 9)) + rng.chars('0123456789', 11);
}

export const MUTATION_SITES: readonly MutationSite[] = [
  // ── Tagging ────────────────────────────────────────────────────────────────
  ...TAGGED.map(([file, address]): MutationSite => ({
    operator: 'drop-required-tag',
    level: 'junior',
    groups: [`tags:${address}`],
    apply(files, rng) {
      const dropped = rng.pick(REQUIRED_TAGS);
      const kept = REQUIRED_TAGS.filter((t) => t !== dropped).map((t) => `${t.key} = ${t.value}`);
      editBlock(files, file, address, (b) => setAttribute(b, 'tags', `{ ${kept.join(', ')} }`));
      return {
        ruleId: 'tagging/required-tags',
        file,
        address,
        explanation: `${address} replaces the shared local.tags with a hand-written map that has no ${dropped.key} tag: cost reports and ownership lookups miss it.`,
        refactor: `Use the shared tags again: \`tags = local.tags\` (or \`merge(local.tags, { … })\` for extra keys), or move the required tags into the provider's default_tags so no resource can forget them.`,
        weight: 1,
        subjects: [dropped.key],
      };
    },
  })),

  // ── Least-privilege IAM ───────────────────────────────────────────────────
  ...STATEMENTS.map((s): MutationSite => ({
    operator: 'widen-action-to-service',
    level: 'mid',
    groups: [`iam-statement:${s.service}`],
    apply(files) {
      editBlock(files, 'iam.tf', 'aws_iam_policy.app', (b) => replaceOnce(b, s.action, `Action   = "${s.service}:*"`));
      return {
        ruleId: 'iam/wildcard-action',
        file: 'iam.tf',
        address: 'aws_iam_policy.app',
        explanation: `The statement on ${s.what} grants "${s.service}:*": every ${s.service} action, including destructive and permission-changing ones, where the service needs two.`,
        refactor: `List the actions the service calls (${s.action.replace(/^Action\s*=\s*/, '')}) instead of "${s.service}:*".`,
        weight: 2,
        subjects: [s.service, `${s.service}:*`],
      };
    },
  })),
  ...STATEMENTS.map((s): MutationSite => ({
    operator: 'widen-action-to-star',
    level: 'junior',
    groups: [`iam-statement:${s.service}`],
    apply(files) {
      editBlock(files, 'iam.tf', 'aws_iam_policy.app', (b) => replaceOnce(b, s.action, 'Action   = "*"'));
      return {
        ruleId: 'iam/wildcard-action',
        file: 'iam.tf',
        address: 'aws_iam_policy.app',
        explanation: `The ${s.service} statement on ${s.what} allows Action "*": every action of every AWS service on that resource — effectively admin on it.`,
        refactor: `Grant only the actions the application calls: ${s.action.replace(/^Action\s*=\s*/, '')}.`,
        weight: 2,
        subjects: [s.service],
      };
    },
  })),
  ...STATEMENTS.map((s): MutationSite => ({
    operator: 'widen-resource-to-star',
    level: 'mid',
    groups: [`iam-statement:${s.service}`],
    apply(files) {
      editBlock(files, 'iam.tf', 'aws_iam_policy.app', (b) => replaceOnce(b, s.resource, 'Resource = "*"'));
      return {
        ruleId: 'iam/wildcard-resource',
        file: 'iam.tf',
        address: 'aws_iam_policy.app',
        explanation: `The ${s.service} statement applies to Resource "*": the role can use those actions on every ${s.service} resource in the account, not just ${s.what}.`,
        refactor: `Scope the statement to ${s.what}: ${s.resource}.`,
        weight: 2,
        subjects: [s.service],
      };
    },
  })),
  {
    operator: 'allow-not-action',
    level: 'lead',
    groups: ['iam-statement:s3'],
    apply(files) {
      editBlock(files, 'iam.tf', 'aws_iam_policy.app', (b) =>
        realign(replaceOnce(b, STATEMENTS[0].action, 'NotAction = ["s3:DeleteBucket", "s3:PutBucketPolicy"]')),
      );
      return {
        ruleId: 'iam/not-action',
        file: 'iam.tf',
        address: 'aws_iam_policy.app',
        explanation:
          'The bucket statement is an Allow with NotAction: it grants every action except the two listed — every S3 action AWS adds later included — where the service needs GetObject and PutObject.',
        refactor: 'Use an allow-list: `Action = ["s3:GetObject", "s3:PutObject"]`; keep NotAction for Deny statements.',
        weight: 3,
        subjects: ['NotAction', 's3'],
      };
    },
  },
  {
    operator: 'public-assume-role-principal',
    level: 'lead',
    groups: ['assume-role'],
    apply(files) {
      editBlock(files, 'iam.tf', 'aws_iam_role.app', (b) => replaceOnce(b, 'Principal = { Service = "ec2.amazonaws.com" }', 'Principal = { AWS = "*" }'));
      return {
        ruleId: 'iam/public-principal',
        file: 'iam.tf',
        address: 'aws_iam_role.app',
        explanation: 'The trust policy lets Principal "*" assume the role with no condition: any AWS account can take on the service\'s permissions.',
        refactor: 'Trust only the service that runs the code: `Principal = { Service = "ec2.amazonaws.com" }` (or a named account/role with an sts:ExternalId condition).',
        weight: 3,
        subjects: ['Principal', 'trust policy'],
      };
    },
  },
  {
    operator: 'attach-administrator-access',
    level: 'lead',
    groups: ['admin-attachment'],
    apply(files) {
      files.set(
        'iam.tf',
        files.get('iam.tf')! +
          '\nresource "aws_iam_role_policy_attachment" "debug" {\n  role       = aws_iam_role.app.name\n  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"\n}\n',
      );
      return {
        ruleId: 'iam/privileged-attachment',
        file: 'iam.tf',
        address: 'aws_iam_role_policy_attachment.debug',
        explanation: 'A "debug" attachment gives the application role AdministratorAccess: anything that compromises the instance owns the account.',
        refactor: 'Remove the attachment; add the specific permissions the debugging needs to aws_iam_policy.app, and only for as long as needed.',
        weight: 3,
        subjects: ['AdministratorAccess', 'debug'],
      };
    },
  },

  // ── Versioning ─────────────────────────────────────────────────────────────
  {
    operator: 'unpin-registry-module',
    level: 'mid',
    groups: ['module:vpc_endpoints'],
    apply(files, rng) {
      const unbounded = rng.next() < 0.5;
      editBlock(files, 'observability.tf', 'module.vpc_endpoints', (b) => (unbounded ? setAttribute(b, 'version', '">= 5.0"') : removeAttribute(b, 'version')));
      return {
        ruleId: 'versioning/module-source-pinned',
        file: 'observability.tf',
        address: 'module.vpc_endpoints',
        explanation: unbounded
          ? 'The registry module is constrained to ">= 5.0" with no upper bound: the next `terraform init -upgrade` pulls any future major version, breaking changes included.'
          : 'The registry module has no `version`: every `terraform init` may pull a different release.',
        refactor: 'Pin the module: `version = "5.8.1"` (or `~> 5.8` to accept patches), and bump it deliberately.',
        weight: 2,
        subjects: ['registry module'],
      };
    },
  },
  {
    operator: 'module-branch-ref',
    level: 'mid',
    groups: ['module:alarms-source'],
    apply(files, rng) {
      const ref = rng.pick(['main', 'master', 'develop']);
      editBlock(files, 'observability.tf', 'module.alarms', (b) => replaceOnce(b, '?ref=v2.3.1"', `?ref=${ref}"`));
      return {
        ruleId: 'versioning/module-source-pinned',
        file: 'observability.tf',
        address: 'module.alarms',
        explanation: `The alarms module is sourced from the ${ref} branch: whatever is pushed there next is what the next plan runs.`,
        refactor: 'Reference a release tag (`?ref=v2.3.1`) or a commit SHA.',
        weight: 2,
        subjects: [ref, 'branch'],
      };
    },
  },
  {
    operator: 'unpin-provider',
    level: 'mid',
    groups: ['terraform:providers'],
    apply(files, rng) {
      const unbounded = rng.next() < 0.5;
      editBlock(files, 'versions.tf', 'terraform', (b) => (unbounded ? replaceOnce(b, 'version = "~> 5.40"', 'version = ">= 5.0"') : removeAttribute(b, 'version')));
      return {
        ruleId: 'versioning/provider-pinned',
        file: 'versions.tf',
        address: 'terraform',
        explanation: unbounded
          ? 'The AWS provider is constrained to ">= 5.0": a future major version (with breaking changes) is accepted on the next upgrade.'
          : 'The AWS provider has a source but no version constraint: any release, including the next major, can be installed.',
        refactor: 'Constrain it: `version = "~> 5.40"`, and commit .terraform.lock.hcl.',
        weight: 2,
        subjects: ['AWS provider', 'provider'],
      };
    },
  },
  {
    operator: 'drop-required-version',
    level: 'lead',
    groups: ['terraform:required_version'],
    apply(files) {
      editBlock(files, 'versions.tf', 'terraform', (b) => removeAttribute(b, 'required_version'));
      return {
        ruleId: 'versioning/terraform-version',
        file: 'versions.tf',
        address: 'terraform',
        explanation: 'The root module does not say which Terraform versions it supports: a newer CLI can upgrade the state format under everyone else.',
        refactor: 'Add `required_version = "~> 1.7"` to the terraform block.',
        weight: 1,
        subjects: ['Terraform version*', 'required_version'],
      };
    },
  },

  // ── Secrets ────────────────────────────────────────────────────────────────
  {
    operator: 'inline-database-password',
    level: 'junior',
    groups: ['db:password'],
    apply(files, rng) {
      const secret = `${rng.pick(['Orders', 'Welcome', 'Prod', 'Spring'])}${rng.chars('ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789', 10)}!`;
      editBlock(files, 'storage.tf', 'aws_db_instance.orders', (b) => setAttribute(b, 'password', `"${secret}"`));
      return {
        ruleId: 'secrets/hardcoded-secret',
        file: 'storage.tf',
        address: 'aws_db_instance.orders',
        explanation: 'The database master password is written in the code: it is in git history, in every clone and in the state.',
        refactor: 'Take it from var.db_password (sensitive, fed by the secrets pipeline), or better `manage_master_user_password = true` so RDS keeps it in Secrets Manager; rotate the leaked one.',
        weight: 3,
        subjects: ['master password'],
      };
    },
  },
  {
    operator: 'inline-module-token',
    level: 'junior',
    groups: ['module:alarms-token'],
    apply(files, rng) {
      const token = `pd_${rng.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 20)}`;
      editBlock(files, 'observability.tf', 'module.alarms', (b) => insertAttributeAfter(b, 'service', 'pagerduty_token', `"${token}"`));
      return {
        ruleId: 'secrets/hardcoded-secret',
        file: 'observability.tf',
        address: 'module.alarms',
        explanation: 'A PagerDuty integration token is passed to the alarms module as a literal: anyone with read access to the repository can page (or silence) on-call.',
        refactor: 'Read it from Secrets Manager/SSM with a data source, or a sensitive variable set by the pipeline; rotate the token.',
        weight: 3,
        subjects: ['PagerDuty', 'token'],
      };
    },
  },
  {
    operator: 'variable-not-sensitive',
    level: 'junior',
    groups: ['var:db_password:sensitive'],
    apply(files) {
      editBlock(files, 'variables.tf', 'var.db_password', (b) => removeAttribute(b, 'sensitive'));
      return {
        ruleId: 'secrets/sensitive-variable',
        file: 'variables.tf',
        address: 'var.db_password',
        explanation: 'var.db_password is not marked sensitive: plans and logs print the password.',
        refactor: 'Add `sensitive = true` to the variable.',
        weight: 1,
        subjects: ['sensitive'],
      };
    },
  },
  {
    operator: 'secret-variable-default',
    level: 'mid',
    groups: ['var:db_password:default'],
    apply(files, rng) {
      const secret = `changeme-${rng.chars('abcdefghijkmnopqrstuvwxyz23456789', 8)}`;
      editBlock(files, 'variables.tf', 'var.db_password', (b) => insertAttributeAfter(b, 'description', 'default', `"${secret}"`));
      return {
        ruleId: 'secrets/hardcoded-secret',
        file: 'variables.tf',
        address: 'var.db_password',
        explanation: 'var.db_password has a literal default: the password lives in the repository, and a forgotten input silently uses it.',
        refactor: 'Remove the default so the pipeline must supply it (or use manage_master_user_password); rotate the committed value.',
        weight: 2,
        subjects: ['default'],
      };
    },
  },

  // ── Hard-coded values ──────────────────────────────────────────────────────
  {
    operator: 'hardcode-ami',
    level: 'junior',
    groups: ['instance:ami'],
    apply(files, rng) {
      const ami = `ami-0${hex(rng, 16)}`;
      editBlock(files, 'compute.tf', 'aws_instance.app', (b) => setAttribute(b, 'ami', `"${ami}"`));
      return {
        ruleId: 'hardcoded/ami-id',
        file: 'compute.tf',
        address: 'aws_instance.app',
        explanation: `The instance uses the literal ${ami}: it exists in one region only and never picks up patched images.`,
        refactor: 'Use the data.aws_ami.app lookup (already in the module) or an SSM public parameter: `ami = data.aws_ami.app.id`.',
        weight: 1,
        subjects: [ami, 'ami'],
      };
    },
  },
  {
    operator: 'hardcode-account-id',
    level: 'junior',
    groups: ['module:alarms-topic'],
    apply(files, rng) {
      const id = accountId(rng);
      editBlock(files, 'observability.tf', 'module.alarms', (b) => insertAttributeAfter(b, 'log_group', 'alarm_role_arn', `"arn:aws:iam::${id}:role/ops-alerting"`));
      return {
        ruleId: 'hardcoded/account-id',
        file: 'observability.tf',
        address: 'module.alarms',
        explanation: `The alarm role ARN hard-codes account ${id}: the module cannot be deployed to another account (staging, DR) without editing code.`,
        refactor: 'Build the ARN from data.aws_caller_identity.current.account_id, or pass the role ARN in as a variable.',
        weight: 1,
        subjects: [id, 'account'],
      };
    },
  },
  {
    operator: 'hardcode-region',
    level: 'junior',
    groups: ['db:availability_zone'],
    apply(files, rng) {
      const zone = `${rng.pick(REGIONS)}${rng.pick(['a', 'b', 'c'])}`;
      editBlock(files, 'storage.tf', 'aws_db_instance.orders', (b) => insertAttributeAfter(b, 'allocated_storage', 'availability_zone', `"${zone}"`));
      return {
        ruleId: 'hardcoded/region',
        file: 'storage.tf',
        address: 'aws_db_instance.orders',
        explanation: `The database is pinned to the literal zone ${zone}: deploying to another region fails, and it ignores var.region.`,
        refactor: 'Drop availability_zone (the subnet group decides), or derive it from var.region / a data.aws_availability_zones lookup.',
        weight: 1,
        subjects: [zone, 'zone'],
      };
    },
  },

  // ── Lifecycle and resilience ───────────────────────────────────────────────
  ...STATEFUL.map(([file, address, what]): MutationSite => ({
    operator: 'remove-prevent-destroy',
    level: 'mid',
    groups: [`lifecycle:${address}`],
    apply(files) {
      editBlock(files, file, address, (b) => replaceOnce(b, '\n\n  lifecycle {\n    prevent_destroy = true\n  }\n', '\n'));
      return {
        ruleId: 'lifecycle/prevent-destroy',
        file,
        address,
        explanation: `${address} — ${what} — has no prevent_destroy: a rename, a forced replacement or a destroy in the wrong workspace deletes it without a second look.`,
        refactor: 'Add `lifecycle { prevent_destroy = true }`; retire it deliberately in two changes.',
        weight: 2,
        subjects: ['prevent_destroy'],
      };
    },
  })),
  {
    operator: 'disable-deletion-protection',
    level: 'mid',
    groups: ['db:deletion_protection'],
    apply(files) {
      editBlock(files, 'storage.tf', 'aws_db_instance.orders', (b) => setAttribute(b, 'deletion_protection', 'false'));
      return {
        ruleId: 'resilience/deletion-protection',
        file: 'storage.tf',
        address: 'aws_db_instance.orders',
        explanation: 'deletion_protection = false: the orders database can be deleted by any API call or console click, not only through Terraform.',
        refactor: 'Set `deletion_protection = true`.',
        weight: 2,
        subjects: ['deletion_protection'],
      };
    },
  },
  {
    operator: 'disable-backups',
    level: 'mid',
    groups: ['db:backups'],
    apply(files, rng) {
      const noSnapshot = rng.next() < 0.5;
      editBlock(files, 'storage.tf', 'aws_db_instance.orders', (b) =>
        noSnapshot ? setAttribute(b, 'skip_final_snapshot', 'true') : setAttribute(b, 'backup_retention_period', '0'),
      );
      return {
        ruleId: 'resilience/backups',
        file: 'storage.tf',
        address: 'aws_db_instance.orders',
        explanation: noSnapshot
          ? 'skip_final_snapshot = true: destroying the database keeps no final snapshot — the data is gone.'
          : 'backup_retention_period = 0 turns automated backups off: no point-in-time recovery for the orders database.',
        refactor: noSnapshot ? 'Set `skip_final_snapshot = false` with a final_snapshot_identifier.' : 'Keep automated backups: `backup_retention_period = 7` (or more).',
        weight: 2,
        subjects: noSnapshot ? ['skip_final_snapshot', 'final snapshot'] : ['backup_retention_period', 'backup*'],
      };
    },
  },

  // ── Encryption ─────────────────────────────────────────────────────────────
  {
    operator: 'disable-database-encryption',
    level: 'junior',
    groups: ['db:encryption'],
    apply(files) {
      editBlock(files, 'storage.tf', 'aws_db_instance.orders', (b) => removeAttribute(setAttribute(b, 'storage_encrypted', 'false'), 'kms_key_id'));
      return {
        ruleId: 'encryption/at-rest',
        file: 'storage.tf',
        address: 'aws_db_instance.orders',
        explanation: 'storage_encrypted = false: the orders database (and its snapshots) are stored unencrypted — and encryption cannot be turned on later without replacing the instance.',
        refactor: 'Set `storage_encrypted = true` with `kms_key_id = aws_kms_key.data.arn`.',
        weight: 2,
        subjects: ['storage_encrypted'],
      };
    },
  },
  {
    operator: 'disable-volume-encryption',
    level: 'junior',
    groups: ['instance:encryption'],
    apply(files) {
      editBlock(files, 'compute.tf', 'aws_instance.app', (b) => setAttribute(b, 'encrypted', 'false'));
      return {
        ruleId: 'encryption/at-rest',
        file: 'compute.tf',
        address: 'aws_instance.app',
        explanation: 'The instance root volume is created with encrypted = false: anything the app writes to disk (caches, logs, temp files) is unencrypted at rest.',
        refactor: 'Set `encrypted = true` in root_block_device (and turn on EBS encryption by default for the account).',
        weight: 1,
        subjects: ['root volume'],
      };
    },
  },
  {
    operator: 'disable-key-rotation',
    level: 'mid',
    groups: ['kms:rotation'],
    apply(files) {
      editBlock(files, 'storage.tf', 'aws_kms_key.data', (b) => setAttribute(b, 'enable_key_rotation', 'false'));
      return {
        ruleId: 'encryption/kms-key-rotation',
        file: 'storage.tf',
        address: 'aws_kms_key.data',
        explanation: 'enable_key_rotation = false: the data key\'s material never rotates, against most compliance baselines.',
        refactor: 'Set `enable_key_rotation = true` (AWS rotates yearly; old material still decrypts).',
        weight: 1,
        subjects: ['enable_key_rotation', 'rotat*'],
      };
    },
  },

  // ── Network ────────────────────────────────────────────────────────────────
  {
    operator: 'open-ssh-to-world',
    level: 'junior',
    groups: ['sg:app:ssh'],
    apply(files) {
      editBlock(files, 'network.tf', 'aws_security_group.app', (b) => replaceOnce(b, 'cidr_blocks = [var.admin_cidr]', 'cidr_blocks = ["0.0.0.0/0"]'));
      return {
        ruleId: 'network/open-ingress',
        file: 'network.tf',
        address: 'aws_security_group.app',
        explanation: 'SSH (port 22) is open to 0.0.0.0/0: every scanner on the internet can reach the instances\' sshd.',
        refactor: 'Keep SSH to the VPN range (`cidr_blocks = [var.admin_cidr]`), or drop port 22 and use SSM Session Manager.',
        weight: 2,
        subjects: ['22', 'ssh'],
      };
    },
  },
  {
    operator: 'open-database-to-world',
    level: 'mid',
    groups: ['sg:db'],
    apply(files) {
      editBlock(files, 'network.tf', 'aws_security_group.db', (b) => replaceOnce(b, 'security_groups = [aws_security_group.app.id]', 'cidr_blocks     = ["0.0.0.0/0"]'));
      return {
        ruleId: 'network/open-ingress',
        file: 'network.tf',
        address: 'aws_security_group.db',
        explanation: 'The database security group accepts PostgreSQL (5432) from 0.0.0.0/0 instead of from the API\'s security group.',
        refactor: 'Allow 5432 only from the application: `security_groups = [aws_security_group.app.id]`.',
        weight: 2,
        subjects: ['5432', 'PostgreSQL'],
      };
    },
  },
  {
    operator: 'public-database',
    level: 'junior',
    groups: ['db:public'],
    apply(files) {
      editBlock(files, 'storage.tf', 'aws_db_instance.orders', (b) => setAttribute(b, 'publicly_accessible', 'true'));
      return {
        ruleId: 'network/public-database',
        file: 'storage.tf',
        address: 'aws_db_instance.orders',
        explanation: 'publicly_accessible = true gives the orders database a public endpoint: one security-group mistake away from the internet.',
        refactor: 'Set `publicly_accessible = false`; reach it through the VPC (bastion/SSM port forwarding) when needed.',
        weight: 3,
        subjects: ['publicly_accessible'],
      };
    },
  },

  // ── Observability ──────────────────────────────────────────────────────────
  {
    operator: 'drop-log-retention',
    level: 'junior',
    groups: ['logs:retention'],
    apply(files, rng) {
      const never = rng.next() < 0.5;
      editBlock(files, 'observability.tf', 'aws_cloudwatch_log_group.app', (b) => (never ? setAttribute(b, 'retention_in_days', '0') : removeAttribute(b, 'retention_in_days')));
      return {
        ruleId: 'observability/log-retention',
        file: 'observability.tf',
        address: 'aws_cloudwatch_log_group.app',
        explanation: never
          ? 'retention_in_days = 0 means the logs never expire: storage cost grows forever and personal data in logs is kept beyond policy.'
          : 'The log group has no retention_in_days: CloudWatch keeps the logs forever (cost, and data kept beyond policy).',
        refactor: 'Set a retention period, e.g. `retention_in_days = 30` (or what the data policy requires).',
        weight: 1,
        subjects: ['retention_in_days'],
      };
    },
  },

  // ── State ──────────────────────────────────────────────────────────────────
  {
    operator: 'drop-state-locking',
    level: 'lead',
    groups: ['terraform:backend'],
    apply(files) {
      editBlock(files, 'versions.tf', 'terraform', (b) => removeAttribute(b, 'use_lockfile'));
      return {
        ruleId: 'state/remote-backend',
        file: 'versions.tf',
        address: 'terraform',
        explanation: 'The S3 backend has no locking (neither use_lockfile nor dynamodb_table): two applies at once (a developer and CI) can corrupt the state.',
        refactor: 'Add `use_lockfile = true` (Terraform ≥ 1.10) or `dynamodb_table = "terraform-locks"`.',
        weight: 3,
        subjects: ['use_lockfile', 'lock*'],
      };
    },
  },
  {
    operator: 'drop-state-encryption',
    level: 'lead',
    groups: ['terraform:backend'],
    apply(files) {
      editBlock(files, 'versions.tf', 'terraform', (b) => removeAttribute(b, 'encrypt'));
      return {
        ruleId: 'state/remote-backend',
        file: 'versions.tf',
        address: 'terraform',
        explanation: 'The S3 backend does not set encrypt = true: the state — which holds the database password — is not guaranteed to be encrypted at rest.',
        refactor: 'Add `encrypt = true` (and a kms_key_id for a customer-managed key).',
        weight: 2,
        subjects: ['encrypt'],
      };
    },
  },

  // ── Variables ──────────────────────────────────────────────────────────────
  ...(['vpc_id', 'subnet_ids', 'admin_cidr'] as const).map((name): MutationSite => ({
    operator: 'undocumented-variable',
    level: 'junior',
    groups: [`var:${name}:description`],
    apply(files) {
      editBlock(files, 'variables.tf', `var.${name}`, (b) => removeAttribute(b, 'description'));
      return {
        ruleId: 'variables/typed-described',
        file: 'variables.tf',
        address: `var.${name}`,
        explanation: `var.${name} has no description: whoever sets it has to read the code to know what it is for.`,
        refactor: `Add a description to var.${name}.`,
        weight: 1,
        subjects: [name],
      };
    },
  })),
];

export { MutationError };
