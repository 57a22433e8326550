import { defineRule, findAttribute, findBlocks, headerRange } from '../../server/src/engine/rules/rule.js';
import type { Attribute, Block, Expression, SourceFile } from '../../server/src/engine/parse/ast.js';
import { normalizeSource, sourceText } from '../../server/src/engine/change/source-text.js';
import { movedFrom } from '../../server/src/engine/change/refactor-blocks.js';
import { FORCE_NEW } from '../../server/src/engine/change/force-new.js';

export default defineRule({
  meta: {
    id: 'refactor/forced-replacement',
    title: 'A change does not force the replacement of a stateful resource',
    problem: 'forces replacement',
    category: 'refactor',
    severity: 'warning',
    diffOnly: true,
    rationale:
      'Some arguments cannot be changed in place: a new `identifier`, `storage_encrypted` turned on for an existing ' +
      'database, a new bucket name or DynamoDB key schema make Terraform replace the resource. By default it destroys ' +
      'the old one first and then creates an empty one: the data is gone, and there is an outage in between (with ' +
      '`create_before_destroy` the new one is created first, but it is still empty, and a fixed name clashes). The plan ' +
      'says "must be replaced", but in a long plan that line is easy to miss. The rule runs in diff mode only, where it ' +
      'sees the argument before and after the change; it reports only changes between literal values (a change through ' +
      'a variable or local is left to the review checklist).',
    remediation:
      'Keep the old value, or plan the replacement: snapshot and restore into the new resource (for encryption: copy ' +
      'the snapshot with a KMS key and restore from it), migrate the data, then switch over — with `prevent_destroy` ' +
      'on, so nothing is destroyed by accident.',
    equivalents: {},
    examples: {
      failing: `# base of the change: storage_encrypted = false
resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  storage_encrypted = true
}
`,
      passing: `# base of the change: instance_class = "db.t3.medium"
resource "aws_db_instance" "orders" {
  identifier        = "orders"
  engine            = "postgres"
  instance_class    = "db.t3.large"
  storage_encrypted = true
}
`,
    },
  },
  check(context) {
    const { module, base } = context;
    if (!base) return;
    // A block renamed with a `moved` block is the same object (SPEC §7): compare it with its old address.
    const renamed = movedFrom(module);
    for (const resource of module.resources) {
      const arguments_ = FORCE_NEW[resource.type];
      const before = base.byAddress.get(resource.address) ?? base.byAddress.get(renamed.get(resource.address) ?? '');
      if (!arguments_ || resource.mode !== 'managed' || !before || !('type' in before) || before.type !== resource.type) continue;
      for (const [name, fallback] of Object.entries(arguments_)) {
        const now = findAttribute(resource.block, name);
        const then = findAttribute(before.block, name);
        const a = literalOrDefault(then, fallback);
        const b = literalOrDefault(now, fallback);
        if (a === UNKNOWN || b === UNKNOWN) {
          if (textOf(then, before.file) !== textOf(now, resource.file)) {
            context.undecided({
              file: resource.file,
              range: now ? now.range : headerRange(resource.block),
              address: resource.address,
              text: `Check the plan: does changing \`${name}\` replace ${resource.address}?`,
              reason: `\`${name}\` changed, but its value before or after the change is not a literal`,
            });
          }
          continue;
        }
        if (a === b) continue;
        context.report({
          file: resource.file,
          range: now ? now.range : headerRange(resource.block),
          address: resource.address,
          message:
            `Changing \`${name}\` (${show(a)} → ${show(b)}) forces Terraform to replace ${resource.address}: ` +
            (createsBeforeDestroy(resource.block)
              ? 'the new one is created before the old is destroyed, but it starts empty. '
              : 'it destroys the existing one — and the data in it — before creating an empty one. ') +
            'Keep the old value, or plan the replacement (snapshot, restore, switch over).',
        });
      }
    }
  },
});

const UNKNOWN = Symbol('unknown');
type Literal = string | number | boolean | null | typeof UNKNOWN;

/** The argument's literal value, the provider default when it is absent, or UNKNOWN (an expression). */
function literalOrDefault(attr: Attribute | undefined, fallback: string | boolean | null): Literal {
  if (!attr) return fallback;
  return literal(attr.expr);
}

function literal(expr: Expression): Literal {
  if (expr.kind === 'Literal') return expr.value;
  if (expr.kind === 'Template' && !expr.heredoc && expr.parts.every((p) => p.kind === 'TemplateLiteral')) {
    return expr.parts.map((p) => (p.kind === 'TemplateLiteral' ? p.value : '')).join('');
  }
  return UNKNOWN;
}

function textOf(attr: Attribute | undefined, file: SourceFile): string {
  return attr ? normalizeSource(sourceText(file, attr.expr)) : '';
}

function show(value: Literal): string {
  return value === null ? '(not set)' : typeof value === 'string' ? `"${value}"` : String(value);
}

function createsBeforeDestroy(block: Block): boolean {
  return findBlocks(block, 'lifecycle').some((l) => {
    const attr = findAttribute(l, 'create_before_destroy');
    return attr?.expr.kind === 'Literal' && attr.expr.value === true;
  });
}
