import { defineRule, findBlocks, headerRange } from '../../server/src/engine/rules/rule.js';
import { STATEFUL_TYPES_OPTION, statefulTypes, type StatefulOptions } from '../../server/src/engine/lifecycle/stateful-types.js';
import { expectBool, judgeArgument } from '../../server/src/engine/protection/argument.js';
import { instances } from '../../server/src/engine/evaluate/existence.js';
import { transience } from '../../server/src/engine/lifecycle/transient-data.js';
import type { ReportDescriptor } from '../../server/src/engine/rules/rule.js';
import { insertAttributeFix, insertNestedBlockFix, setAttributeValueFix } from '../../server/src/engine/fix/block-edits.js';

type Options = StatefulOptions;

const TITLE = 'Add lifecycle { prevent_destroy = true }';

export default defineRule<Options>({
  meta: {
    id: 'lifecycle/prevent-destroy',
    title: 'Stateful resources are protected with prevent_destroy',
    problem: 'no prevent_destroy',
    category: 'lifecycle',
    blockLocal: true,
    severity: 'warning',
    fixable: true,
    readsMetaArguments: true,
    rationale:
      'Databases, buckets, file systems, keys, caches and queues hold data or identity that re-applying cannot bring back. ' +
      '`lifecycle { prevent_destroy = true }` makes Terraform refuse any plan that would destroy the resource — a ' +
      '`terraform destroy` in the wrong workspace, or a changed argument that forces replacement — so the mistake fails at ' +
      'plan time instead of deleting data. The stateful types come from the shared list (option `resourceTypes` adds or ' +
      'removes types). Not reported: resources whose configuration makes their data transient — a queue keeping ' +
      'messages for less than an hour (`message_retention_seconds` under 3600), a memcached cluster — since destroying ' +
      'them loses nothing that would not be gone anyway. Terraform requires a literal there; a value that cannot be read statically is left to the ' +
      'review checklist.',
    remediation:
      'Add `lifecycle { prevent_destroy = true }` to the resource (or `prevent_destroy = true` to its existing lifecycle ' +
      'block). To retire the resource on purpose, remove the flag in one change and the resource in the next.',
    equivalents: {},
    options: STATEFUL_TYPES_OPTION,
    examples: {
      failing: `resource "aws_db_instance" "orders" {
  identifier     = "orders"
  engine         = "postgres"
  instance_class = "db.t3.medium"
}
`,
      passing: `resource "aws_db_instance" "orders" {
  identifier     = "orders"
  engine         = "postgres"
  instance_class = "db.t3.medium"

  lifecycle {
    prevent_destroy = true
  }
}
`,
    },
  },

  check(ctx) {
    const types = statefulTypes(ctx.options);

    for (const resource of ctx.module.resources) {
      if (resource.mode !== 'managed' || !types.has(resource.type)) continue;
      const scopes = instances(ctx, resource.block, resource.file).map((i) => i.scope);
      if (scopes.length === 0) continue;
      const data = transience(resource.type, (argument) => ctx.attributeValue(resource.block, resource.file, argument));
      if (data.transient === true) continue;
      // Where the argument that could make the data transient is unknown, a missing flag is for a human to weigh.
      const report = (finding: ReportDescriptor): void => {
        if (data.transient !== 'unknown') return ctx.report(finding);
        ctx.undecided({
          file: resource.file,
          range: finding.range,
          address: resource.address,
          text: `Confirm that ${resource.address} is protected by prevent_destroy = true, unless its data is transient.`,
          reason: `whether it keeps data depends on ${data.argument}, which is not known statically: ${data.reason}`,
        });
      };
      const lifecycles = findBlocks(resource.block, 'lifecycle');
      const lifecycle = lifecycles.find((l) => l.body.some((i) => i.kind === 'Attribute' && i.name === 'prevent_destroy')) ?? lifecycles[0];
      if (!lifecycle) {
        report({
          file: resource.file,
          range: headerRange(resource.block),
          address: resource.address,
          message: `${resource.address} holds state that cannot be recreated and has no lifecycle { prevent_destroy = true }.`,
          fix: () => insertNestedBlockFix(resource.file, resource.block, 'lifecycle', [['prevent_destroy', 'true']], TITLE),
        });
        continue;
      }
      const verdict = judgeArgument(ctx, lifecycle, resource.file, 'prevent_destroy', scopes, expectBool(true), 'bad');
      switch (verdict.kind) {
        case 'ok':
          break;
        case 'default':
          report({
            file: resource.file,
            range: headerRange(lifecycle),
            address: resource.address,
            message: `${resource.address} holds state that cannot be recreated; its lifecycle block does not set prevent_destroy = true.`,
            fix: () => insertAttributeFix(resource.file, lifecycle, 'prevent_destroy', 'true', 'Add prevent_destroy = true'),
          });
          break;
        case 'bad':
          report({
            file: resource.file,
            range: verdict.attribute.range,
            address: resource.address,
            message: `${resource.address} holds state that cannot be recreated, but prevent_destroy = ${verdict.text} lets a plan destroy it.`,
            fix: setAttributeValueFix(resource.file, verdict.attribute, 'true', 'Set prevent_destroy = true'),
          });
          break;
        case 'unknown':
          ctx.undecided({
            file: resource.file,
            range: verdict.attribute.range,
            address: resource.address,
            text: `Confirm that ${resource.address} is protected by prevent_destroy = true.`,
            reason: verdict.reason,
          });
          break;
      }
    }
  },
});
