import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { buildModule } from '../../server/src/engine/model/build-module.js';
import { ModuleEvaluator } from '../../server/src/engine/evaluate/evaluator.js';
import { NodeFileHost } from '../../server/src/engine/host.js';
import { describe as show, toJson, type Value } from '../../server/src/engine/evaluate/value.js';

/** Builds a module from in-memory files and evaluates `local.<name>`. */
function moduleOf(files: Record<string, string>, workspace?: string) {
  const dir = workspace ?? mkdtempSync(join(tmpdir(), 'iac-eval-'));
  const config = Object.entries(files)
    .filter(([n]) => !n.includes('tfvars'))
    .map(([n, t]) => parseSource(join(dir, n), t));
  const vars = Object.entries(files)
    .filter(([n]) => n.includes('tfvars'))
    .map(([n, t]) => parseSource(join(dir, n), t));
  for (const f of [...config, ...vars]) expect(f.errors, f.path).toEqual([]);
  const module = buildModule(dir, config, vars);
  const evaluator = new ModuleEvaluator(module, new NodeFileHost(dir));
  return { module, evaluator, dir, local: (n: string) => evaluator.localValue(n) };
}

const json = (v: Value) => toJson(v);

describe('evaluator', () => {
  it('evaluates literals, templates, operators and conditionals', () => {
    const { local } = moduleOf({
      'main.tf': `locals {
  a = 1 + 2 * 3
  b = "x-\${local.a}-y"
  c = local.a > 5 ? "big" : "small"
  d = !true || (4 % 3 == 1)
  e = -local.a
  f = <<-EOT
    hello \${local.c}
    %{ if local.a == 7 }seven%{ else }other%{ endif }
  EOT
  g = "%{ for k, v in { b = 2, a = 1 } }\${k}=\${v};%{ endfor }"
}`,
    });
    expect(json(local('a'))).toBe(7);
    expect(json(local('b'))).toBe('x-7-y');
    expect(json(local('c'))).toBe('big');
    expect(json(local('d'))).toBe(true);
    expect(json(local('e'))).toBe(-7);
    expect(json(local('f'))).toBe('hello big\nseven\n');
    expect(json(local('g'))).toBe('a=1;b=2;');
  });

  it('resolves locals across files and detects cycles without looping', () => {
    const { local } = moduleOf({
      'a.tf': 'locals {\n  x = local.y\n  loop1 = local.loop2\n}\n',
      'b.tf': 'locals {\n  y = { k = "v" }\n  loop2 = local.loop1\n}\n',
    });
    expect(json(local('x'))).toEqual({ k: 'v' });
    const cyc = local('loop1');
    expect(cyc.kind).toBe('unknown');
    expect(cyc.kind === 'unknown' && cyc.reason).toContain('refers to itself');
  });

  it('implements the listed functions', () => {
    const { local } = moduleOf({
      'main.tf': `locals {
  merged  = merge({ a = 1, b = 2 }, { b = 3 }, null)
  cat     = concat(["a"], ["b", "c"])
  look    = lookup({ a = "x" }, "b", "dflt")
  co      = coalesce("", null, "first")
  enc     = jsonencode({ b = [1, true], a = "<x>" })
  dec     = jsondecode("{\\"k\\": [1, 2]}")
  fmt     = format("%s-%03d-%.1f-%q-%%", "a", 7, 2.71, "q")
  joined  = join(",", ["a", "b"], ["c"])
  low     = lower("ABC")
  up      = upper("abc")
  tr      = try(local.missing_thing, { a = 1 }.b, "fallback")
  set     = toset(["a", "b", "a"])
  lst     = tolist(["x"])
  mp      = tomap({ a = "b" })
  spread  = concat([["a"], ["b"]]...)
  unknown = timestamp()
  canok   = can(local.merged.a)
  canbad  = can(local.merged.zzz)
  forlist = [for s in ["a", "b"] : upper(s) if s != "b"]
  forobj  = { for k, v in { a = 1, b = 2 } : v => k }
  group   = { for s in ["ax", "ay", "bz"] : substr(s, 0, 1) => s... }
  splat   = [{ n = 1 }, { n = 2 }][*].n
}`,
    });
    expect(json(local('merged'))).toEqual({ a: 1, b: 3 });
    expect(json(local('cat'))).toEqual(['a', 'b', 'c']);
    expect(json(local('look'))).toBe('dflt');
    expect(json(local('co'))).toBe('first');
    expect(json(local('enc'))).toBe('{"a":"\\u003cx\\u003e","b":[1,true]}');
    expect(json(local('dec'))).toEqual({ k: [1, 2] });
    expect(json(local('fmt'))).toBe('a-007-2.7-"q"-%');
    expect(json(local('joined'))).toBe('a,b,c');
    expect(json(local('low'))).toBe('abc');
    expect(json(local('up'))).toBe('ABC');
    expect(json(local('tr'))).toBe('fallback');
    expect(json(local('set'))).toEqual(['a', 'b']);
    expect(json(local('lst'))).toEqual(['x']);
    expect(json(local('mp'))).toEqual({ a: 'b' });
    expect(json(local('spread'))).toEqual(['a', 'b']);
    expect(local('unknown').kind).toBe('unknown');
    expect(json(local('canok'))).toBe(true);
    expect(json(local('canbad'))).toBe(false);
    expect(json(local('forlist'))).toEqual(['A']);
    expect(json(local('forobj'))).toEqual({ 1: 'a', 2: 'b' });
    // substr is not evaluated: the grouped object is unknown, never guessed.
    expect(local('group').kind).toBe('unknown');
    expect(json(local('splat'))).toEqual([1, 2]);
  });

  it('sorts lists of strings as Terraform does (byte order, numbers as strings), and leaves unknown elements unknown', () => {
    const { local } = moduleOf({
      'main.tf': `variable "x" {
  type = string
}

locals {
  a = sort(compact(distinct(concat(["mysql-tcp"], ["http-80-tcp", "Zeta", "alpha"], ["", "mysql-tcp"]))))
  b = sort([10, 9, "1"])
  c = sort(["b", var.x])
}
`,
    });
    expect(json(local('a'))).toEqual(['Zeta', 'alpha', 'http-80-tcp', 'mysql-tcp']);
    expect(json(local('b'))).toEqual(['1', '10', '9']);
    expect(local('c').kind).toBe('unknown');
  });

  it('keeps where each value came from', () => {
    const { local, dir } = moduleOf({
      'locals.tf': 'locals {\n  base = { Owner = "me" }\n}\n',
      'main.tf': 'locals {\n  tags = merge(local.base, { Env = "prod" })\n}\n',
    });
    const tags = local('tags');
    expect(tags.kind).toBe('object');
    if (tags.kind !== 'object') return;
    expect(tags.entries.get('Owner')!.origin).toMatchObject({ file: join(dir, 'locals.tf'), range: { start: { line: 2, column: 20 } } });
    expect(tags.entries.get('Env')!.origin).toMatchObject({ file: join(dir, 'main.tf'), range: { start: { line: 2, column: 36 } } });
  });

  it('resolves variables in a root module from default, terraform.tfvars, then *.auto.tfvars in lexical order', () => {
    const { evaluator } = moduleOf({
      'main.tf': `terraform {
  backend "local" {}
}
variable "a" { default = "default" }
variable "b" { default = "default" }
variable "c" { default = "default" }
variable "d" {}
`,
      'terraform.tfvars': 'b = "tfvars"\nc = "tfvars"\n',
      'x.auto.tfvars': 'c = "x-auto"\n',
      'y.auto.tfvars': 'c = "y-auto"\n',
    });
    // buildModule receives var files in load order from discovery; here they are in name order already.
    expect(json(evaluator.variableValue('a'))).toBe('default');
    expect(json(evaluator.variableValue('b'))).toBe('tfvars');
    expect(json(evaluator.variableValue('c'))).toBe('y-auto');
    expect(evaluator.variableValue('d').kind).toBe('unknown');
  });

  it('treats every variable of a child module as unknown, default or not', () => {
    const { evaluator } = moduleOf({
      'main.tf': 'variable "a" {\n  default = "x"\n}\n',
      'terraform.tfvars': 'a = "y"\n',
    });
    const v = evaluator.variableValue('a');
    expect(v.kind).toBe('unknown');
    expect(v.kind === 'unknown' && v.reason).toContain('child module');
  });

  it('treats resource attributes, data sources and module outputs as unknown with a reason', () => {
    const { local } = moduleOf({
      'main.tf': 'locals {\n  a = aws_iam_role.x.arn\n  b = data.aws_caller_identity.me.account_id\n  c = module.vpc.id\n}\n',
    });
    for (const n of ['a', 'b', 'c']) expect(local(n).kind, n).toBe('unknown');
    expect(show(local('a'))).toBe('(unknown)');
  });

  it('reads file() and templatefile() only inside the workspace, size-limited', () => {
    const ws = mkdtempSync(join(tmpdir(), 'iac-ws-'));
    const mod = join(ws, 'mod');
    mkdirSync(mod);
    writeFileSync(join(mod, 'policy.json'), '{"Version":"2012-10-17"}');
    writeFileSync(join(mod, 'greeting.tpl'), 'Hello ${name}!%{ for x in items } ${x}%{ endfor }');
    writeFileSync(join(mod, 'big.txt'), 'x'.repeat(2 * 1024 * 1024));
    const outside = mkdtempSync(join(tmpdir(), 'iac-outside-'));
    writeFileSync(join(outside, 'secret.txt'), 'nope');
    const config = parseSource(
      join(mod, 'main.tf'),
      `locals {
  policy  = jsondecode(file("\${path.module}/policy.json"))
  tpl     = templatefile("\${path.module}/greeting.tpl", { name = "Ada", items = ["a", "b"] })
  escape  = file("${outside}/secret.txt")
  dotdot  = file("../../${outside.split('/').pop()}/secret.txt")
  big     = file("big.txt")
  missing = file("nope.txt")
}`,
    );
    const module = buildModule(mod, [config], []);
    const evaluator = new ModuleEvaluator(module, new NodeFileHost(ws));
    expect(json(evaluator.localValue('policy'))).toEqual({ Version: '2012-10-17' });
    expect(json(evaluator.localValue('tpl'))).toBe('Hello Ada! a b');
    for (const n of ['escape', 'dotdot', 'big', 'missing']) {
      const v = evaluator.localValue(n);
      expect(v.kind, n).toBe('unknown');
    }
    const escape = evaluator.localValue('escape');
    expect(escape.kind === 'unknown' && escape.reason).toContain('outside the analysed workspace');
  });
});
