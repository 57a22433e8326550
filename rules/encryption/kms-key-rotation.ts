import { defineRule, findAttribute, headerRange } from '../../server/src/engine/rules/rule.js';
import { argumentIsSet, expectBool, judgeArgument } from '../../server/src/engine/protection/argument.js';
import { instances } from '../../server/src/engine/evaluate/existence.js';
import { insertAttributeFix, setAttributeValueFix } from '../../server/src/engine/fix/block-edits.js';

const TITLE = 'Set enable_key_rotation = true';

export default defineRule({
  meta: {
    id: 'encryption/kms-key-rotation',
    title: 'Symmetric KMS keys rotate automatically',
    problem: 'key rotation off',
    category: 'encryption',
    blockLocal: true,
    severity: 'warning',
    fixable: true,
    rationale:
      'Automatic rotation gives a customer managed key new key material every year (or the configured ' +
      '`rotation_period_in_days`) while keeping the old material to decrypt existing data, so a leaked or overused ' +
      'version has a bounded lifetime — with no change to the key id, aliases or policies. AWS only rotates symmetric ' +
      'encryption keys in its own key store: asymmetric and HMAC keys (`customer_master_key_spec` other than ' +
      '`SYMMETRIC_DEFAULT`) and keys in a custom key store cannot rotate automatically and are not reported.',
    remediation: 'Set `enable_key_rotation = true` on the aws_kms_key.',
    equivalents: {
      checkov: ['CKV_AWS_7'],
      tfsec: ['aws-kms-auto-rotate-keys'],
      trivy: ['AVD-AWS-0065'],
    },
    examples: {
      failing: `resource "aws_kms_key" "data" {
  description = "application data"
}
`,
      passing: `resource "aws_kms_key" "data" {
  description         = "application data"
  enable_key_rotation = true
}

resource "aws_kms_key" "signing" {
  description              = "release signing"
  key_usage                = "SIGN_VERIFY"
  customer_master_key_spec = "ECC_NIST_P256"
}
`,
    },
  },

  check(ctx) {
    for (const resource of ctx.module.resources) {
      if (resource.mode !== 'managed' || resource.type !== 'aws_kms_key') continue;
      const { block, file, address } = resource;
      const scopes = instances(ctx, block, file).map((i) => i.scope);
      if (scopes.length === 0) continue;

      // Only symmetric keys in AWS's own key store can rotate.
      const spec = judgeArgument(
        ctx,
        block,
        file,
        'customer_master_key_spec',
        scopes,
        (v) => (v.kind === 'null' ? 'default' : v.kind === 'string' ? (v.value === 'SYMMETRIC_DEFAULT' ? 'ok' : 'bad') : undefined),
        'ok',
      );
      if (spec.kind === 'bad') continue;
      const keyStore = argumentIsSet(ctx, block, file, 'custom_key_store_id', scopes);
      if (keyStore.kind === 'yes') continue;
      const notDecidable =
        spec.kind === 'unknown'
          ? { range: spec.attribute.range, reason: `its key spec is not known statically: ${spec.reason}` }
          : keyStore.kind === 'unknown'
            ? { range: findAttribute(block, 'custom_key_store_id')!.range, reason: `custom_key_store_id is not known statically: ${keyStore.reason}` }
            : undefined;

      const verdict = judgeArgument(ctx, block, file, 'enable_key_rotation', scopes, expectBool(true), 'bad');
      if (verdict.kind === 'ok') continue;
      if (notDecidable) {
        ctx.undecided({
          file,
          range: notDecidable.range,
          address,
          text: `If ${address} is a symmetric key in the AWS key store, confirm that enable_key_rotation = true.`,
          reason: notDecidable.reason,
        });
        continue;
      }
      switch (verdict.kind) {
        case 'default':
          ctx.report({
            file,
            range: headerRange(block),
            address,
            message: `${address} is a symmetric key without automatic rotation: add \`enable_key_rotation = true\`.`,
            fix: () => insertAttributeFix(file, block, 'enable_key_rotation', 'true', TITLE),
          });
          break;
        case 'bad':
          ctx.report({
            file,
            range: verdict.attribute.range,
            address,
            message: `${address} is a symmetric key with rotation turned off (enable_key_rotation = ${verdict.text}): set it to true.`,
            fix: setAttributeValueFix(file, verdict.attribute, 'true', TITLE),
          });
          break;
        case 'unknown':
          ctx.undecided({
            file,
            range: verdict.attribute.range,
            address,
            text: `Confirm that ${address} rotates automatically (enable_key_rotation = true).`,
            reason: verdict.reason,
          });
          break;
      }
    }
  },
});
