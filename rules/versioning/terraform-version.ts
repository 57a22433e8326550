import { defineRule, findAttribute } from '../../server/src/engine/rules/rule.js';
import { blockHeader, firstLineOfModule, settingsTerraformBlock } from '../../server/src/engine/versioning/module-anchor.js';

export default defineRule({
  meta: {
    id: 'versioning/terraform-version',
    title: 'The module states which Terraform versions it supports',
    problem: 'no required_version',
    category: 'versioning',
    writtenCodeOnly: true,
    severity: 'warning',
    rationale:
      'Without `required_version`, any Terraform or OpenTofu release will try to run the code: an older one fails ' +
      'with confusing syntax errors, and a newer one may upgrade the state format so that colleagues and CI on the ' +
      'old version can no longer read it. In a root module, which owns state, this is a warning; in a reusable ' +
      'module it is information for its callers (state the oldest version the module works with).',
    remediation:
      'Add `terraform { required_version = "~> 1.9" }` in a root module (the release line you apply with), or ' +
      '`required_version = ">= 1.5"` in a reusable module (the oldest version whose features it uses).',
    equivalents: {
      tflint: ['terraform_required_version'],
    },
    examples: {
      failing: [
        'terraform {',
        '  backend "s3" {}',
        '}',
        '',
        'provider "aws" {',
        '  region = "eu-west-1"',
        '}',
      ].join('\n'),
      passing: [
        'terraform {',
        '  required_version = "~> 1.9"',
        '  backend "s3" {}',
        '}',
        '',
        'provider "aws" {',
        '  region = "eu-west-1"',
        '}',
      ].join('\n'),
    },
  },

  check(ctx) {
    const module = ctx.module;
    if (module.terraformBlocks.some((t) => findAttribute(t.block, 'required_version'))) return;
    const settings = settingsTerraformBlock(module);
    const anchor = settings ? blockHeader(settings) : firstLineOfModule(module);
    if (!anchor) return;
    const where = settings ? 'to this terraform block' : 'in a `terraform` block';
    ctx.report({
      file: anchor.file,
      range: anchor.range,
      severity: module.isRoot ? 'warning' : 'info',
      message: module.isRoot
        ? `This root module does not set required_version: add \`required_version = "~> X.Y"\` ${where}, for the Terraform release line you apply with.`
        : `This module does not set required_version: add \`required_version = ">= X.Y"\` ${where}, for the oldest Terraform version it supports.`,
    });
  },
});
