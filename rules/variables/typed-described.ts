import { defineRule, findAttribute, headerRange } from '../../server/src/engine/rules/rule.js';
import type { Block, SourceFile } from '../../server/src/engine/parse/ast.js';
import type { RuleContext } from '../../server/src/engine/rules/rule.js';

export default defineRule({
  meta: {
    id: 'variables/typed-described',
    title: 'Variables have a type and a description; outputs have a description',
    problem: 'no type/description',
    category: 'variables',
    writtenCodeOnly: true,
    severity: 'info',
    rationale:
      'Variables and outputs are a module\'s interface. A `type` makes Terraform reject a wrong value at plan time, ' +
      'with a clear message, instead of failing somewhere inside a resource (or silently converting "false" to a ' +
      'string); a `description` is what `terraform-docs`, the registry and editors show to the module\'s callers. ' +
      'An empty description counts as missing. `type = any` is accepted: it is an explicit choice.',
    remediation:
      'Add `type = string` (or the precise type, e.g. `list(object({ name = string, port = number }))`) and ' +
      '`description = "…"` to each variable, and `description = "…"` to each output.',
    equivalents: {
      tflint: ['terraform_typed_variables', 'terraform_documented_variables', 'terraform_documented_outputs'],
    },
    examples: {
      failing: `variable "instance_count" {
  default = 2
}

output "bucket_arn" {
  value = "arn:aws:s3:::acme-logs"
}
`,
      passing: `variable "instance_count" {
  type        = number
  description = "How many instances to run."
  default     = 2
}

output "bucket_arn" {
  description = "ARN of the log bucket."
  value       = "arn:aws:s3:::acme-logs"
}
`,
    },
  },

  check(ctx) {
    for (const [name, variable] of ctx.module.variables) {
      const missing: string[] = [];
      if (!findAttribute(variable.block, 'type')) missing.push('type');
      if (!hasDescription(ctx, variable.block, variable.file)) missing.push('description');
      if (missing.length === 0) continue;
      ctx.report({
        file: variable.file,
        range: headerRange(variable.block),
        message: `Variable "${name}" has no ${missing.join(' and no ')}: add ${missing.map(example).join(' and ')} so that callers know what to pass.`,
      });
    }
    for (const output of ctx.module.outputs) {
      if (hasDescription(ctx, output.block, output.file)) continue;
      ctx.report({
        file: output.file,
        range: headerRange(output.block),
        message: `Output "${output.name}" has no description: add ${example('description')} so that callers know what it holds.`,
      });
    }
  },
});

function example(what: string): string {
  return what === 'type' ? '`type = …`' : '`description = "…"`';
}

/** A description that is present and not blank; one that cannot be evaluated (a template) counts as present. */
function hasDescription(ctx: RuleContext, block: Block, file: SourceFile): boolean {
  const attr = findAttribute(block, 'description');
  if (!attr) return false;
  const value = ctx.evaluate(attr.expr, file);
  if (value.kind === 'null') return false;
  return value.kind !== 'string' || value.value.trim() !== '';
}
