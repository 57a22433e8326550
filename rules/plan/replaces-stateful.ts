import { defineRule } from '../../server/src/engine/rules/rule.js';
import { examplePlan } from '../../server/src/engine/plan/example-plan.js';
import { addressesText, reasonText, statefulChanges } from '../../server/src/engine/plan/stateful-changes.js';
import { STATEFUL_TYPES_OPTION, type StatefulOptions } from '../../server/src/engine/lifecycle/stateful-types.js';

export default defineRule<StatefulOptions>({
  meta: {
    id: 'plan/replaces-stateful',
    title: 'The plan does not replace stateful resources',
    problem: 'replaced by plan',
    category: 'plan',
    severity: 'error',
    planOnly: true,
    rationale:
      'Replacing a stateful resource destroys it and creates an empty one (or creates the new one first, with ' +
      '`create_before_destroy`, and then destroys the old): the data does not move across. Which argument forces the ' +
      'replacement depends on the provider, so the code alone cannot always tell; the plan names it (`replace_paths`). ' +
      'Runs only with `--plan` (SPEC §10); the stateful types come from the shared list (option `resourceTypes` adds or ' +
      'removes types).',
    remediation:
      'Revert the argument that forces the replacement (the finding names it), or change it in a way the provider can ' +
      'update in place. If the replacement is intended, migrate the data first (snapshot and restore) and suppress this ' +
      'finding with the reason.',
    equivalents: {},
    options: STATEFUL_TYPES_OPTION,
    examples: {
      failing: `# plan.json: aws_db_instance.orders  actions ["delete","create"]  replace_paths [["engine"]]
resource "aws_db_instance" "orders" {
  identifier = "orders"
  engine     = "mysql" # was "postgres"
}
`,
      plan: {
        failing: examplePlan(
          [
            {
              address: 'aws_db_instance.orders',
              actions: ['delete', 'create'],
              before: { identifier: 'orders', engine: 'postgres' },
              after: { identifier: 'orders', engine: 'mysql' },
              replacePaths: [['engine']],
              actionReason: 'replace_because_cannot_update',
            },
          ],
          ['aws_db_instance.orders'],
        ),
        passing: examplePlan(
          [
            {
              address: 'aws_db_instance.orders',
              actions: ['update'],
              before: { identifier: 'orders', instance_class: 'db.t3.medium' },
              after: { identifier: 'orders', instance_class: 'db.t3.large' },
            },
          ],
          ['aws_db_instance.orders'],
        ),
      },
      passing: `# plan.json: aws_db_instance.orders  actions ["update"]
resource "aws_db_instance" "orders" {
  identifier     = "orders"
  engine         = "postgres"
  instance_class = "db.t3.large" # was db.t3.medium
}
`,
    },
  },

  check(ctx) {
    for (const { place, resources } of statefulChanges(ctx, 'replace')) {
      const first = resources[0]!;
      const paths = first.replacePaths.map((p) => `\`${p.join('.')}\``);
      const forcedBy = paths.length ? ` (forced by a change to ${paths.join(', ')})` : '';
      const why = reasonText(first.actionReason);
      const order = first.actions[0] === 'create' ? 'creates a new one, then destroys the old one' : 'destroys it, then creates a new one';
      ctx.report({
        file: place.file,
        range: place.range,
        address: first.address,
        message:
          `The plan replaces ${addressesText(resources)}${forcedBy}${why ? ` because ${why}` : ''}: Terraform ${order}, and the data does not move across. ` +
          'Revert the change that forces it, or migrate the data first.',
      });
    }
  },
});
