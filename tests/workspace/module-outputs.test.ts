// `module.<call>.<output>` of a call with one instance is read output by output (issue 17: a caller reading one
// output of a large module does not evaluate the others): the same values as the whole object, cycles unknown.
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { fileTree } from '../support/file-tree.js';

function callerEvaluator(files: Record<string, string>) {
  const root = fileTree(files, 'iac-outputs-');
  const result = analyzeWorkspace({ cwd: root, keepModules: true, fixes: 'none', rules: [] });
  const analysis = result.analyses.find((a) => a.module.dir === root)!;
  return analysis.evaluator;
}

const CALLEE = [
  'variable "x" {\n  type = string\n}\n',
  'variable "y" {\n  type    = string\n  default = "d"\n}\n',
  'output "a" {\n  value = "fixed"\n}\n',
  'output "b" {\n  value = var.x\n}\n',
  'output "c" {\n  value = var.y\n}\n',
  'output "n" {\n  value = { k = "v" }\n}\n',
].join('\n');

describe('module outputs read one by one', () => {
  it('gives each output as the whole object holds it', () => {
    const evaluator = callerEvaluator({
      'main.tf': 'module "m" {\n  source = "./m"\n  x      = "given"\n}\n\nlocals {\n  a   = module.m.a\n  b   = module.m.b\n  k   = module.m.n.k\n  all = module.m\n}\n',
      'm/main.tf': CALLEE,
    });
    expect(evaluator.localValue('a')).toMatchObject({ kind: 'string', value: 'fixed' });
    expect(evaluator.localValue('b')).toMatchObject({ kind: 'string', value: 'given' });
    expect(evaluator.localValue('k')).toMatchObject({ kind: 'string', value: 'v' });
    const all = evaluator.localValue('all');
    expect(all.kind).toBe('object');
    if (all.kind !== 'object') return;
    // The same value objects, whichever way they were asked for first.
    expect(all.entries.get('a')).toBe(evaluator.localValue('a'));
    expect(all.entries.get('b')).toBe(evaluator.localValue('b'));
    expect(all.entries.get('c')).toMatchObject({ kind: 'string', value: 'd' });
  });

  it('an output fed back into the same call resolves when no output depends on itself; a real cycle is unknown, not a loop', () => {
    const evaluator = callerEvaluator({
      'main.tf':
        'module "m" {\n  source = "./m"\n  x      = module.m.a\n  y      = module.m.c\n}\n\nlocals {\n  b = module.m.b\n  c = module.m.c\n  missing = module.m.nope\n}\n',
      'm/main.tf': CALLEE,
    });
    // b = var.x = module.m.a = "fixed": Terraform orders outputs and inputs one by one, so this is no cycle.
    expect(evaluator.localValue('b')).toMatchObject({ kind: 'string', value: 'fixed' });
    // c = var.y = module.m.c: a cycle.
    expect(evaluator.localValue('c').kind).toBe('unknown');
    // An output the module does not declare is an error, as on the whole object.
    expect(evaluator.localValue('missing')).toMatchObject({ kind: 'unknown' });
  });
});
