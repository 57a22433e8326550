import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { buildModule } from '../../server/src/engine/model/build-module.js';
import { ModuleEvaluator } from '../../server/src/engine/evaluate/evaluator.js';
import { evaluateExistence, instances, type ExistenceContext } from '../../server/src/engine/evaluate/existence.js';
import { NodeFileHost } from '../../server/src/engine/host.js';
import { toJson } from '../../server/src/engine/evaluate/value.js';
import { findAttribute } from '../../server/src/engine/rules/rule.js';
import { runRules } from '../iam/policy-harness.js';
import wildcardAction from '../../rules/iam/wildcard-action.js';
import hardcodedSecret from '../../rules/secrets/hardcoded-secret.js';
import deletionProtection from '../../rules/resilience/deletion-protection.js';

/** A child module (no provider block: every `var.*` is unknown) with `locals` and one resource per test. */
function moduleOf(text: string) {
  const dir = mkdtempSync(join(tmpdir(), 'iac-existence-'));
  const file = parseSource(join(dir, 'main.tf'), text);
  expect(file.errors).toEqual([]);
  const module = buildModule(dir, [file], []);
  const evaluator = new ModuleEvaluator(module, new NodeFileHost(dir));
  const ctx: ExistenceContext = {
    evaluate: (expr, f, scope) => evaluator.evaluate(expr, f, scope),
    existence: (expr, f, scope) => evaluateExistence(evaluator, expr, f, scope),
  };
  /** `count` / `for_each` of resource `name`, evaluated as existence. */
  const existenceOf = (name: string) => {
    const ref = module.resources.find((r) => r.name === name)!;
    const attr = findAttribute(ref.block, 'count') ?? findAttribute(ref.block, 'for_each')!;
    const { value, when } = evaluateExistence(evaluator, attr.expr, ref.file);
    return { value: value.kind === 'unknown' ? 'unknown' : toJson(value), when };
  };
  const instancesOf = (name: string) => {
    const ref = module.resources.find((r) => r.name === name)!;
    return instances(ctx, ref.block, ref.file);
  };
  return { evaluator, existenceOf, instancesOf };
}

const VARIABLES = `variable "create" {}
variable "enabled" {}
variable "n" {}
variable "map" {}
variable "list" {}
`;

describe('existence evaluation (SPEC §2a, conditional existence)', () => {
  it('assumes a toggle lets the known branch exist, and says when', () => {
    const { existenceOf } = moduleOf(`${VARIABLES}
resource "a" "count" { count = var.create ? 1 : 0 }
resource "a" "negated" { count = !var.create ? 0 : 2 }
resource "a" "dynamic_list" { for_each = var.create ? [1] : [] }
resource "a" "set" { for_each = var.create ? toset(["roles/editor"]) : toset([]) }
resource "a" "map" { for_each = var.create ? { a = 1 } : {} }
resource "a" "null" { for_each = var.create ? { a = 1 } : null }
resource "a" "false_branch" { count = var.create ? 0 : 1 }
resource "a" "compare" { count = var.n > 0 ? 1 : 0 }
resource "a" "compare_negated" { count = var.n == "x" ? 0 : 1 }
`);
    expect(existenceOf('count')).toEqual({ value: 1, when: ['var.create is true'] });
    expect(existenceOf('negated')).toEqual({ value: 2, when: ['var.create is true'] });
    expect(existenceOf('dynamic_list')).toEqual({ value: [1], when: ['var.create is true'] });
    expect(existenceOf('set')).toEqual({ value: ['roles/editor'], when: ['var.create is true'] });
    expect(existenceOf('map')).toEqual({ value: { a: 1 }, when: ['var.create is true'] });
    expect(existenceOf('null')).toEqual({ value: { a: 1 }, when: ['var.create is true'] });
    expect(existenceOf('false_branch')).toEqual({ value: 1, when: ['var.create is false'] });
    expect(existenceOf('compare')).toEqual({ value: 1, when: ['var.n > 0'] });
    expect(existenceOf('compare_negated')).toEqual({ value: 1, when: ['var.n != "x"'] });
  });

  it('works through locals and common wrappers, naming the unknown part of a filter', () => {
    const { existenceOf } = moduleOf(`${VARIABLES}
locals {
  create   = var.create && var.enabled
  policies = { for k, v in { admin = { on = true }, read = { on = false } } : k => v if v.on && var.create }
  extra    = var.enabled ? ["b"] : []
}
resource "a" "local_count" { count = local.create ? 1 : 0 }
resource "a" "local_for_each" { for_each = local.policies }
resource "a" "wrappers" { for_each = toset(flatten(concat(["a"], local.extra))) }
resource "a" "merged" { for_each = tomap(merge({ x = 1 }, (var.create ? { y = 2 } : {}))) }
resource "a" "conjunction" { count = var.create && !var.enabled ? 1 : 0 }
`);
    expect(existenceOf('local_count')).toEqual({ value: 1, when: ['local.create is true'] });
    // v.on is known: the filter drops `read` and keeps `admin` under var.create only.
    expect(existenceOf('local_for_each')).toEqual({ value: { admin: { on: true } }, when: ['var.create is true'] });
    expect(existenceOf('wrappers')).toEqual({ value: ['a', 'b'], when: ['var.enabled is true'] });
    expect(existenceOf('merged')).toEqual({ value: { x: 1, y: 2 }, when: ['var.create is true'] });
    expect(existenceOf('conjunction')).toEqual({ value: 1, when: ['var.create is true', 'var.enabled is false'] });
  });

  it('keeps unknown content unknown', () => {
    const { existenceOf } = moduleOf(`${VARIABLES}
resource "a" "count" { count = var.n }
resource "a" "map" { for_each = var.map }
resource "a" "list_or_empty" { for_each = var.create ? var.list : [] }
resource "a" "two_contents" { for_each = var.create ? ["a"] : ["b"] }
resource "a" "string_content" { count = var.create ? "1" : 0 }
resource "a" "undeclared" { count = var.nope ? 1 : 0 }
`);
    for (const name of ['count', 'map', 'list_or_empty', 'two_contents', 'undeclared']) {
      expect(existenceOf(name).value, name).toBe('unknown');
    }
    expect(existenceOf('string_content').value).toBe('unknown');
    expect(existenceOf('list_or_empty').when).toEqual([]);
  });

  it('does not pollute the evaluator’s cached locals with assumed values', () => {
    const { evaluator, existenceOf } = moduleOf(`${VARIABLES}
locals {
  names = var.create ? ["a"] : []
}
resource "a" "x" { for_each = toset(local.names) }
`);
    expect(evaluator.localValue('names').kind).toBe('unknown');
    expect(existenceOf('x')).toEqual({ value: ['a'], when: ['var.create is true'] });
    expect(evaluator.localValue('names').kind).toBe('unknown');
    // And the other order: a cached unknown local does not hide the toggle from existence evaluation.
    expect(existenceOf('x')).toEqual({ value: ['a'], when: ['var.create is true'] });
  });

  it('binds count.index and each.* per instance; count = 0 has none', () => {
    const { instancesOf } = moduleOf(`${VARIABLES}
resource "a" "counted" { count = var.create ? 2 : 0 }
resource "a" "each" { for_each = var.create ? toset(["x", "y"]) : [] }
resource "a" "none" { count = 0 }
resource "a" "unknown" { for_each = var.map }
`);
    const counted = instancesOf('counted');
    expect(counted.map((i) => toJson(i.scope.get('count')!))).toEqual([{ index: 0 }, { index: 1 }]);
    expect(counted[0]!.when).toEqual(['var.create is true']);
    expect(instancesOf('each').map((i) => toJson(i.scope.get('each')!))).toEqual([
      { key: 'x', value: 'x' },
      { key: 'y', value: 'y' },
    ]);
    expect(instancesOf('none')).toEqual([]);
    const unknown = instancesOf('unknown');
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.scope.get('each')).toMatchObject({ kind: 'unknown' });
  });
});

describe('findings under an assumed condition', () => {
  it('end their message with the condition, in every rule that reviews infrastructure', () => {
    const result = runRules(
      {
        'main.tf': `variable "create" {}
variable "create_policy" {}

resource "aws_db_instance" "db" {
  count               = var.create ? 1 : 0
  engine              = "postgres"
  deletion_protection = false
}

data "aws_iam_policy_document" "p" {
  count = var.create_policy ? 1 : 0
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}

resource "aws_db_instance" "always" {
  engine              = "postgres"
  deletion_protection = false
}

resource "aws_db_instance" "secret" {
  count    = var.create ? 1 : 0
  engine   = "postgres"
  password = "Sup3r-S3cret-Passw0rd!"
}
`,
      },
      [wildcardAction, deletionProtection, hardcodedSecret],
    );
    const messages = result.findings.map((f) => [f.ruleId, f.range.start.line, f.message] as const);
    expect(messages.find(([id, line]) => id === 'resilience/deletion-protection' && line === 7)?.[2]).toMatch(/, when var\.create is true$/);
    expect(messages.find(([id]) => id === 'iam/wildcard-action')?.[2]).toMatch(/, when var\.create_policy is true$/);
    // Unconditional blocks say nothing of the kind; a secret in the code is there whether or not the block is created.
    expect(messages.find(([id, line]) => id === 'resilience/deletion-protection' && line === 20)?.[2]).not.toMatch(/when/);
    const secrets = messages.filter(([id]) => id === 'secrets/hardcoded-secret');
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.every(([, , m]) => !m.includes(', when '))).toBe(true);
  });
});
