// Generates a deterministic corpus of Terraform modules shaped like real ones
// (resources with tags, IAM policies in every form, module calls, variables,
// outputs, locals, dynamic blocks, heredocs, comments) for `npm run bench`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TYPES = ['aws_s3_bucket', 'aws_sqs_queue', 'aws_sns_topic', 'aws_dynamodb_table', 'aws_instance', 'aws_lambda_function', 'aws_ecs_service', 'aws_cloudwatch_log_group', 'aws_kms_key', 'aws_security_group', 'aws_db_instance', 'aws_lb'];
const ACTIONS = ['s3:GetObject', 's3:PutObject', 'sqs:SendMessage', 'sqs:ReceiveMessage', 'dynamodb:GetItem', 'dynamodb:PutItem', 'kms:Decrypt', 'logs:PutLogEvents', 'ec2:DescribeInstances', 'sns:Publish', 's3:*', '*', 'iam:PassRole'];

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

const PROSE = [
  'Owned by the platform team; changes need a review from the service owner before apply.',
  'Keep in sync with the runbook in docs/operations.md and the alarms defined in monitoring.tf.',
  'Created for the 2025 migration; see ADR-0042 for why this is not managed by the shared module.',
  'Retention follows the data classification policy: confidential data is kept for 35 days.',
];

function resource(r, i) {
  const type = pick(r, TYPES);
  const lines = [`# ${type} number ${i}: ${pick(r, PROSE)}`, `# ${pick(r, PROSE)}`, `resource "${type}" "r${i}" {`];
  lines.push(`  name        = "\${local.name}-r${i}"`);
  lines.push(`  description = "${pick(r, PROSE)}"`);
  lines.push(`  arn_prefix  = "arn:aws:s3:::\${local.name}-artifacts-${i}/releases/\${var.environment}/*"`);
  const attrs = Math.floor(r() * 6) + 2;
  for (let a = 0; a < attrs; a++) {
    const v = r();
    if (v < 0.3) lines.push(`  setting_${a} = ${Math.floor(r() * 1000)}`);
    else if (v < 0.5) lines.push(`  flag_${a}    = ${r() < 0.5}`);
    else if (v < 0.7) lines.push(`  ref_${a}     = var.input_${a % 5}`);
    else if (v < 0.85) lines.push(`  list_${a}    = [for s in var.subnets : s if s != ""]`);
    else lines.push(`  cond_${a}    = var.environment == "prod" ? 3 : 1`);
  }
  if (r() < 0.4) {
    lines.push('  dynamic "ingress" {', '    for_each = var.ports', '    content {', '      from_port   = ingress.value', '      to_port     = ingress.value', '      protocol    = "tcp"', '      cidr_blocks = ["10.0.0.0/8"]', '    }', '  }');
  }
  if (r() < 0.3) lines.push('  lifecycle {', '    prevent_destroy = true', '    ignore_changes  = [tags["LastModified"]]', '  }');
  lines.push(`  tags = merge(local.common_tags, {`, `    Name      = "r${i}"`, `    Component = "${pick(r, ['api', 'worker', 'db', 'web'])}"`, '  })', '}', '');
  return lines;
}

function policy(r, i) {
  const form = Math.floor(r() * 3);
  const actions = () => `[${[pick(r, ACTIONS), pick(r, ACTIONS)].map((a) => `"${a}"`).join(', ')}]`;
  if (form === 0) {
    return [`resource "aws_iam_policy" "p${i}" {`, `  name = "p${i}"`, '  policy = jsonencode({', '    Version = "2012-10-17"', '    Statement = [', '      {', '        Effect   = "Allow"', `        Action   = ${actions()}`, '        Resource = "*"', '      },', '      {', '        Effect    = "Deny"', '        Action    = "s3:DeleteBucket"', '        Resource  = "*"', '        Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } }', '      },', '    ]', '  })', '}', ''];
  }
  if (form === 1) {
    return [`resource "aws_iam_role_policy" "p${i}" {`, `  name = "p${i}"`, '  role = aws_iam_role.main.id', '  policy = <<-EOT', '    {', '      "Version": "2012-10-17",', '      "Statement": [', `        { "Effect": "Allow", "Action": ${actions()}, "Resource": "arn:aws:s3:::bucket-${i}/*" }`, '      ]', '    }', '  EOT', '}', ''];
  }
  return [`data "aws_iam_policy_document" "p${i}" {`, '  statement {', '    effect    = "Allow"', `    actions   = ${actions()}`, '    resources = ["*"]', '    condition {', '      test     = "StringEquals"', '      variable = "aws:RequestedRegion"', '      values   = [var.region]', '    }', '  }', '}', ''];
}

function moduleFiles(r, m) {
  const files = {};
  const main = [];
  const resources = 12 + Math.floor(r() * 10);
  for (let i = 0; i < resources; i++) main.push(...resource(r, i));
  files['main.tf'] = main.join('\n');
  const iam = ['resource "aws_iam_role" "main" {', `  name               = "role-${m}"`, '  assume_role_policy = data.aws_iam_policy_document.assume.json', '}', '', 'data "aws_iam_policy_document" "assume" {', '  statement {', '    actions = ["sts:AssumeRole"]', '    principals {', '      type        = "Service"', '      identifiers = ["lambda.amazonaws.com"]', '    }', '  }', '}', ''];
  const policies = 4 + Math.floor(r() * 5);
  for (let i = 0; i < policies; i++) iam.push(...policy(r, i));
  files['iam.tf'] = iam.join('\n');
  const vars = [];
  for (let i = 0; i < 5; i++) {
    vars.push(`variable "input_${i}" {`, '  type        = string', `  description = "Input ${i} of module ${m}. ${pick(r, PROSE)}"`, `  default     = "value-${i}"`);
    if (r() < 0.5) vars.push('', '  validation {', `    condition     = length(var.input_${i}) > 0 && length(var.input_${i}) <= 64`, `    error_message = "input_${i} must be between 1 and 64 characters long; it becomes part of resource names."`, '  }');
    vars.push('}', '');
  }
  vars.push('variable "subnets" {', '  type    = list(string)', '  default = []', '}', '', 'variable "ports" {', '  type    = list(number)', '  default = [443]', '}', '', 'variable "environment" {', '  type = string', '}', '', 'variable "region" {', '  type    = string', '  default = "eu-west-1"', '}', '');
  files['variables.tf'] = vars.join('\n');
  files['locals.tf'] = ['locals {', `  name = "svc-${m}-\${var.environment}"`, '  common_tags = {', '    Owner       = "team-' + m + '"', '    Environment = var.environment', '    CostCenter  = "cc-' + (1000 + m) + '"', '  }', '  ports_by_name = { for p in var.ports : "port-${p}" => p }', '}', ''].join('\n');
  const outputs = [];
  for (let i = 0; i < 6; i++) outputs.push(`output "out_${i}" {`, `  description = "Output ${i}."`, `  value       = try(${pick(r, TYPES)}.r${i}.id, null)`, '}', '');
  files['outputs.tf'] = outputs.join('\n');
  files['versions.tf'] = ['terraform {', '  required_version = ">= 1.6"', '  required_providers {', '    aws = {', '      source  = "hashicorp/aws"', `      version = "${pick(r, ['~> 5.0', '>= 5.0', '5.40.0'])}"`, '    }', '  }', '}', '', 'module "network" {', `  source  = "${pick(r, ['terraform-aws-modules/vpc/aws', 'git::https://github.com/acme/net.git?ref=v1.2.0', './modules/net'])}"`, '  version = "~> 5.0"', '  name    = local.name', '}', ''].join('\n');
  return files;
}

/** Writes `modules` modules (6 files each) under dir; returns file and line counts. */
export function writeCorpus(dir, modules = 270, seed = 42) {
  const r = rng(seed);
  let files = 0;
  let lines = 0;
  let bytes = 0;
  for (let m = 0; m < modules; m++) {
    const moduleDir = join(dir, `module-${String(m).padStart(4, '0')}`);
    mkdirSync(moduleDir, { recursive: true });
    for (const [name, text] of Object.entries(moduleFiles(r, m))) {
      writeFileSync(join(moduleDir, name), text);
      files++;
      lines += text.split('\n').length;
      bytes += Buffer.byteLength(text);
    }
  }
  return { files, lines, bytes };
}

/**
 * One module written as a single file of at least `targetLines` lines — the
 * document the editor benchmark edits: settings, locals, variables, IAM
 * policies in every form, module calls, then resources with tags and more
 * policies until the file is long enough. Seeded, so every run edits the same text.
 */
export function singleFileModule(targetLines = 3000, seed = 7) {
  const r = rng(seed);
  const files = moduleFiles(r, 0);
  const lines = ['versions.tf', 'locals.tf', 'variables.tf', 'iam.tf', 'outputs.tf'].flatMap((name) => files[name].split('\n'));
  for (let i = 0; lines.length < targetLines; i++) lines.push(...(i % 5 === 4 ? policy(r, 1000 + i) : resource(r, i)));
  return lines.join('\n');
}
