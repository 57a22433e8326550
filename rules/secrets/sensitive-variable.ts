import { defineRule, findAttribute, headerRange } from '../../server/src/engine/rules/rule.js';
import type { RuleContext } from '../../server/src/engine/rules/rule.js';
import type { Block, Expression, SourceFile } from '../../server/src/engine/parse/ast.js';
import type { Value } from '../../server/src/engine/evaluate/value.js';
import { insertAttributeFix, setAttributeValueFix } from '../../server/src/engine/fix/block-edits.js';
import { isSecretName } from '../../server/src/engine/secrets/secret-names.js';

/** `a.b[0].c` as its names (`["a", "b", "c"]`); undefined when the expression is not a plain traversal. */
function traversal(expr: Expression): string[] | undefined {
  switch (expr.kind) {
    case 'Variable':
      return [expr.name];
    case 'GetAttr': {
      const head = traversal(expr.object);
      return head && [...head, expr.name];
    }
    case 'Index':
      return traversal(expr.object);
    case 'Splat': {
      const head = traversal(expr.object);
      const each = traversal(expr.each);
      return head && each ? [...head, ...each.slice(1)] : head;
    }
    case 'Paren':
      return traversal(expr.expr);
    default:
      return undefined;
  }
}

/** Attributes that name or locate a secret without holding it (`aws_secretsmanager_secret.db.arn`). */
function isIdentifierAttribute(name: string): boolean {
  return /^(arn|id|name)$|_(arn|id|name)$/.test(name);
}

/** The references in an output's value that hold secrets, outside `nonsensitive(…)`. */
function secretReferences(expr: Expression, sensitiveVariables: ReadonlySet<string>): string[] {
  const found: string[] = [];
  const visit = (e: Expression): void => {
    const parts = e.kind === 'GetAttr' || e.kind === 'Index' || e.kind === 'Splat' ? traversal(e) : undefined;
    if (parts && parts.length >= 2) {
      const [root, second] = parts;
      const last = parts[parts.length - 1]!;
      const secret =
        (root === 'var' && (sensitiveVariables.has(second!) || isSecretName(second!))) ||
        (root === 'random_password' && last === 'result') ||
        (root === 'tls_private_key' && last.startsWith('private_key')) ||
        (root !== 'var' && parts.length >= 2 && isSecretName(last));
      if (secret) found.push(parts.join('.'));
      if (e.kind === 'Index') visit(e.index);
      return;
    }
    switch (e.kind) {
      case 'Call':
        if (e.name === 'nonsensitive') return;
        e.args.forEach(visit);
        return;
      case 'Template':
        for (const p of e.parts) if (p.kind === 'TemplateInterpolation') visit(p.expr);
        return;
      case 'Tuple':
        e.items.forEach(visit);
        return;
      case 'Object':
        for (const item of e.items) visit(item.value);
        return;
      case 'Conditional':
        visit(e.then);
        visit(e.else);
        return;
      case 'Binary':
        visit(e.left);
        visit(e.right);
        return;
      case 'Paren':
        visit(e.expr);
        return;
      case 'For':
        visit(e.valueExpr);
        return;
      case 'Index':
        visit(e.object);
        visit(e.index);
        return;
      default:
        return;
    }
  };
  visit(expr);
  return found;
}

/** True when the declared type or the default says the value is a number or a bool (`manage_master_user_password`). */
function isScalarSwitch(ctx: RuleContext, block: Block, file: SourceFile): boolean {
  const type = findAttribute(block, 'type');
  if (type?.expr.kind === 'Variable' && (type.expr.name === 'bool' || type.expr.name === 'number')) return true;
  if (type) return false;
  const def = ctx.attributeValue(block, file, 'default');
  return def !== undefined && isScalar(def);
}

function isScalar(value: Value): boolean {
  return value.kind === 'bool' || value.kind === 'number';
}

function isTrue(ctx: RuleContext, block: Block, file: SourceFile, name: string): boolean {
  const v = ctx.attributeValue(block, file, name);
  return v?.kind === 'bool' && v.value;
}

function reportNotSensitive(ctx: RuleContext, kind: 'Variable' | 'Output', name: string, block: Block, file: SourceFile, why: string): void {
  const attribute = findAttribute(block, 'sensitive');
  const title = `Mark ${kind.toLowerCase()} "${name}" sensitive`;
  const shownWhere = kind === 'Variable' ? 'plan output and logs' : '`terraform apply` / `terraform output` and in logs';
  if (!attribute) {
    ctx.report({
      file,
      range: headerRange(block),
      message: `${kind} "${name}" ${why} but is not marked \`sensitive = true\`: Terraform shows its value in ${shownWhere}.`,
      fix: () => insertAttributeFix(file, block, 'sensitive', 'true', title),
    });
    return;
  }
  const value = ctx.evaluate(attribute.expr, file);
  if (value.kind === 'bool' && value.value) return;
  if (value.kind === 'unknown') {
    ctx.undecided({
      file,
      range: attribute.range,
      text: `Check that ${kind.toLowerCase()} "${name}" is sensitive`,
      reason: `\`sensitive\` is not known statically: ${value.reason}`,
    });
    return;
  }
  ctx.report({
    file,
    range: attribute.range,
    message: `${kind} "${name}" ${why} but its \`sensitive\` is not true: set \`sensitive = true\` so that Terraform hides its value in ${shownWhere}.`,
    fix: setAttributeValueFix(file, attribute, 'true', title),
  });
}

export default defineRule({
  meta: {
    id: 'secrets/sensitive-variable',
    title: 'Secret variables and outputs are marked sensitive',
    problem: 'not sensitive',
    category: 'secrets',
    writtenCodeOnly: true,
    severity: 'warning',
    fixable: true,
    rationale:
      'Terraform prints variable and output values in plan and apply output, CI logs and `terraform output`, unless they ' +
      'are declared `sensitive = true`; then it shows `(sensitive value)` and tracks the value\'s sensitivity wherever it ' +
      'is used. Reported: a variable or output whose name says it holds a secret (`password`, `secret`, `token`, ' +
      '`api_key`, `access_key`, `secret_key`, `private_key`, `client_secret`, `connection_string`, `secret_string`, ' +
      '`*_password`, `*_secret`, `*_token`), and an output whose value refers to a secret (`random_password.x.result`, ' +
      '`tls_private_key.x.private_key_pem`, a sensitive or secret-named variable, an attribute named like a secret such ' +
      'as `aws_iam_access_key.x.secret`) — Terraform refuses to plan most of those, so the fix is needed anyway. Not ' +
      'reported: names about a secret rather than the secret (`*_arn`, `*_id`, `*_name`, `*_length`, `*_ttl`, ' +
      '`*_version`, `*_policy`, `*_enabled`, `creation_token`), names that say the value is derived from a secret ' +
      '(`encrypted_password` and `encrypted_secret` are ciphertext under the user\'s PGP key; `*hash*`, ' +
      '`*fingerprint*`, `version_token`) or a setting about secrets (`expire_passwords`), variables typed `bool` or ' +
      '`number` (`manage_master_user_password`) and outputs whose value is known to be a bool or number, outputs whose value is a secret\'s ARN, id or name, values wrapped in ' +
      '`nonsensitive(…)` (an explicit decision), and ephemeral variables and outputs (`ephemeral = true`), which ' +
      'Terraform never records in plan or state files.',
    remediation: 'Add `sensitive = true` to the variable or output block.',
    equivalents: {},
    examples: {
      failing: `variable "db_password" {
  type        = string
  description = "Master password of the orders database"
}
`,
      passing: `variable "db_password" {
  type        = string
  description = "Master password of the orders database"
  sensitive   = true
}

variable "db_password_length" {
  type        = number
  description = "Length of generated passwords"
  default     = 32
}
`,
    },
  },
  check(ctx) {
    const sensitiveVariables = new Set<string>();
    for (const [name, v] of ctx.module.variables) if (isTrue(ctx, v.block, v.file, 'sensitive')) sensitiveVariables.add(name);

    for (const [name, v] of ctx.module.variables) {
      if (!isSecretName(name) || isScalarSwitch(ctx, v.block, v.file) || isTrue(ctx, v.block, v.file, 'ephemeral')) continue;
      reportNotSensitive(ctx, 'Variable', name, v.block, v.file, 'is named like a secret');
    }

    for (const o of ctx.module.outputs) {
      if (isTrue(ctx, o.block, o.file, 'ephemeral')) continue;
      const value = findAttribute(o.block, 'value');
      if (value?.expr.kind === 'Call' && value.expr.name === 'nonsensitive') continue;
      // A value known to be a bool or a number is a switch or a count about secrets (`expire_passwords`), never one.
      if (value && isScalar(ctx.evaluate(value.expr, o.file))) continue;
      const parts = value ? traversal(value.expr) : undefined;
      const locatesSecret = parts !== undefined && parts.length > 1 && isIdentifierAttribute(parts[parts.length - 1]!);
      if (isSecretName(o.name) && !locatesSecret) {
        reportNotSensitive(ctx, 'Output', o.name, o.block, o.file, 'is named like a secret');
        continue;
      }
      const refs = value ? secretReferences(value.expr, sensitiveVariables) : [];
      if (refs.length) reportNotSensitive(ctx, 'Output', o.name, o.block, o.file, `returns a secret (${refs[0]})`);
    }
  },
});
