import { defineRule, findAttribute, findBlocks, headerRange } from '../../server/src/engine/rules/rule.js';
import type { RuleContext } from '../../server/src/engine/rules/rule.js';
import type { Block, SourceFile } from '../../server/src/engine/parse/ast.js';
import { asString } from '../../server/src/engine/evaluate/value.js';
import { insertAttributeFix, setAttributeValueFix } from '../../server/src/engine/fix/block-edits.js';
import { backendAdvice } from '../../server/src/engine/state/backend-advice.js';
import { blockHeader, firstLineOfModule, settingsTerraformBlock } from '../../server/src/engine/versioning/module-anchor.js';

interface Backend {
  block: Block;
  file: SourceFile;
  type: string;
}

export default defineRule({
  meta: {
    id: 'state/remote-backend',
    title: 'Root modules keep state in a shared, encrypted, locked backend',
    problem: 'no shared backend',
    category: 'state',
    writtenCodeOnly: true,
    severity: 'warning',
    fixable: true,
    rationale:
      'A root module\'s state maps every resource to its real object and holds every attribute in plain text, ' +
      'secrets included. Without a backend (or with `backend "local"`) it is a file on whichever laptop or CI runner ' +
      'ran `apply`: colleagues cannot see it, it is lost with the machine, and two people applying at once corrupt ' +
      'it. An S3 backend needs `encrypt = true` (the state object is stored encrypted) and locking — ' +
      '`use_lockfile = true` (Terraform 1.10+, OpenTofu 1.10+) or a `dynamodb_table` — so that two runs cannot write ' +
      'at once. Only root modules are checked (SPEC §3: a `backend`/`cloud` block or a configured `provider`); a ' +
      '`cloud` block (HCP Terraform / Terraform Enterprise) and other remote backends (gcs, azurerm, remote, …) ' +
      'encrypt and lock on their own. A partial configuration — `backend "s3" {}` or one without `bucket` and `key`, ' +
      'completed with `-backend-config` at `terraform init` — cannot be judged from the code: its missing settings ' +
      'are listed in the review checklist instead of reported; an explicit `encrypt = false` is still reported.',
    remediation:
      'Add a remote backend to the root module, the one of the cloud it builds in (the message names it from the ' +
      'providers the module uses): e.g. `terraform { backend "s3" { bucket = "…", key = "app.tfstate", ' +
      'region = "…", encrypt = true, use_lockfile = true } }` (or `dynamodb_table = "…"` before Terraform 1.10) for AWS, ' +
      '`backend "gcs"` for Google Cloud, `backend "azurerm"` for Azure, or a `cloud` block; then run ' +
      '`terraform init -migrate-state`.',
    equivalents: {
      checkov: ['CKV_TF_3'],
    },
    examples: {
      failing: `terraform {
  backend "s3" {
    bucket = "acme-terraform-state"
    key    = "network/terraform.tfstate"
    region = "eu-west-1"
  }
}
`,
      passing: `terraform {
  backend "s3" {
    bucket       = "acme-terraform-state"
    key          = "network/terraform.tfstate"
    region       = "eu-west-1"
    encrypt      = true
    use_lockfile = true
  }
}
`,
    },
  },

  check(ctx) {
    const module = ctx.module;
    if (!module.isRoot) return;
    const backends: Backend[] = [];
    for (const t of module.terraformBlocks) {
      if (findBlocks(t.block, 'cloud').length > 0) return;
      for (const b of findBlocks(t.block, 'backend')) backends.push({ block: b, file: t.file, type: b.labels[0]?.value ?? '' });
    }
    const backend = backends[0];
    const advice = () => backendAdvice(module, (expr, file) => ctx.evaluate(expr, file));
    if (!backend) {
      const settings = settingsTerraformBlock(module);
      const anchor = settings ? blockHeader(settings) : firstLineOfModule(module);
      if (!anchor) return;
      ctx.report({
        ...anchor,
        message:
          `This root module has no backend, so its state is a local file on whoever runs \`apply\`: add ${advice()} or a \`cloud\` block` +
          (settings ? ' to this terraform block.' : ' in a `terraform` block.'),
      });
      return;
    }
    if (backend.type === 'local') {
      ctx.report({
        file: backend.file,
        range: headerRange(backend.block),
        message:
          'backend "local" keeps this root module\'s state in a file on whoever runs `apply` (unshared, unlocked, ' +
          `lost with the machine): use ${advice()}, or a \`cloud\` block.`,
      });
      return;
    }
    if (backend.type === 's3') checkS3(ctx, backend);
  },
});

function checkS3(ctx: RuleContext, backend: Backend): void {
  const { block, file } = backend;
  // Without bucket and key the block must be completed by -backend-config at init: what is missing may come from there.
  const partial = !findAttribute(block, 'bucket') || !findAttribute(block, 'key');
  const header = headerRange(block);
  const value = (name: string) => {
    const attr = findAttribute(block, name);
    return attr ? { attr, value: ctx.evaluate(attr.expr, file) } : undefined;
  };
  const partialReason = 'this is a partial backend configuration: the rest of its settings come from `-backend-config` at `terraform init`';

  const encrypt = value('encrypt');
  if (encrypt?.value.kind === 'unknown') {
    ctx.undecided({ file, range: encrypt.attr.range, text: 'Check that the S3 backend sets encrypt = true', reason: encrypt.value.reason });
  } else if (!encrypt || encrypt.value.kind === 'null') {
    if (partial) ctx.undecided({ file, range: header, text: 'Check that the -backend-config for this S3 backend sets encrypt = true', reason: partialReason });
    else {
      ctx.report({
        file,
        range: header,
        message: 'This S3 backend does not set `encrypt = true`: add it so that the state, which holds every secret of the configuration, is stored encrypted.',
        fix: () => insertAttributeFix(file, block, 'encrypt', 'true', 'Add encrypt = true'),
      });
    }
  } else if (asString(encrypt.value) !== 'true') {
    ctx.report({
      file,
      range: encrypt.attr.range,
      message: 'This S3 backend sets `encrypt = false`: set it to true so that the state, which holds every secret of the configuration, is stored encrypted.',
      fix: setAttributeValueFix(file, encrypt.attr, 'true', 'Set encrypt = true'),
    });
  }

  const lockfile = value('use_lockfile');
  const table = value('dynamodb_table');
  if (lockfile && asString(lockfile.value) === 'true') return;
  if (table && table.value.kind !== 'null' && table.value.kind !== 'unknown' && (asString(table.value) ?? '') !== '') return;
  const unknownLock = [lockfile, table].find((v) => v?.value.kind === 'unknown');
  if (unknownLock && unknownLock.value.kind === 'unknown') {
    ctx.undecided({ file, range: unknownLock.attr.range, text: 'Check that the S3 backend locks its state', reason: unknownLock.value.reason });
    return;
  }
  const explicitOff = lockfile && lockfile.value.kind !== 'null';
  // Even with `use_lockfile = false`, a partial configuration may get a dynamodb_table from -backend-config.
  if (partial) {
    ctx.undecided({
      file,
      range: header,
      text: 'Check that the -backend-config for this S3 backend sets use_lockfile = true (or dynamodb_table)',
      reason: partialReason,
    });
    return;
  }
  ctx.report({
    file,
    range: explicitOff ? lockfile.attr.range : header,
    message:
      (explicitOff ? 'This S3 backend sets `use_lockfile = false`' : 'This S3 backend does not lock its state') +
      ' and has no `dynamodb_table`, so two runs can write the state at once and corrupt it: set `use_lockfile = true` (Terraform/OpenTofu 1.10+) or a `dynamodb_table`.',
    fix: explicitOff
      ? setAttributeValueFix(file, lockfile.attr, 'true', 'Set use_lockfile = true')
      : insertAttributeFix(file, block, 'use_lockfile', 'true', 'Add use_lockfile = true'),
  });
}
