import { defineRule } from '../../server/src/engine/rules/rule.js';
import { examplePlan } from '../../server/src/engine/plan/example-plan.js';
import { addressesText, reasonText, statefulChanges } from '../../server/src/engine/plan/stateful-changes.js';
import { STATEFUL_TYPES_OPTION, type StatefulOptions } from '../../server/src/engine/lifecycle/stateful-types.js';

export default defineRule<StatefulOptions>({
  meta: {
    id: 'plan/destroys-stateful',
    title: 'The plan does not destroy stateful resources',
    problem: 'destroyed by plan',
    category: 'plan',
    severity: 'error',
    planOnly: true,
    rationale:
      'A plan that deletes a database, bucket, file system, key or queue deletes its data with it, and applying the plan ' +
      'is the last chance to notice. In a diff the deletion is often invisible: a renamed block without a `moved` block, a ' +
      'key dropped from a `for_each` map, a module call removed or its source changed. Only the plan says for certain ' +
      'which instances go. Runs only with `--plan` (SPEC §10); the stateful types come from the shared list (option ' +
      '`resourceTypes` adds or removes types).',
    remediation:
      'If the resource was renamed or moved, add a `moved` block from the old address to the new one. If it should stay ' +
      'but leave Terraform, use a `removed` block with `lifecycle { destroy = false }`. If it really goes, take a final ' +
      'backup first and suppress this finding with the reason.',
    equivalents: {},
    options: STATEFUL_TYPES_OPTION,
    examples: {
      failing: `resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
# aws_db_instance.orders was deleted from the code; the plan destroys it
`,
      plan: {
        failing: examplePlan(
          [
            { address: 'aws_db_instance.orders', actions: ['delete'], before: { identifier: 'orders' }, after: null, actionReason: 'delete_because_no_resource_config' },
            { address: 'aws_s3_bucket.logs', actions: ['no-op'], before: { bucket: 'logs' }, after: { bucket: 'logs' } },
          ],
          ['aws_s3_bucket.logs'],
        ),
        passing: examplePlan([{ address: 'aws_db_instance.orders', actions: ['no-op'], before: { identifier: 'orders' }, after: { identifier: 'orders' } }], ['aws_db_instance.orders']),
      },
      passing: `# plan.json: aws_db_instance.orders  actions ["no-op"]
resource "aws_db_instance" "orders" {
  identifier = "orders"
}
`,
    },
  },

  check(ctx) {
    for (const { place, resources } of statefulChanges(ctx, 'destroy')) {
      const why = reasonText(resources[0]!.actionReason);
      ctx.report({
        file: place.file,
        range: place.range,
        address: resources[0]!.address,
        message:
          `The plan destroys ${addressesText(resources)}${why ? ` because ${why}` : ''}: its data goes with it. ` +
          'Add a `moved` block if it was renamed, or a `removed` block with `lifecycle { destroy = false }` to keep it.',
      });
    }
  },
});
