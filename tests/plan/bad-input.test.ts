import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PlanError } from '../../server/src/engine/plan/plan-model.js';
import { readPlan } from '../../server/src/engine/plan/read-plan.js';
import { change, plan1, writePlan } from './plan-json.js';

/** The PlanError readPlan throws for the file; fails the test when it reads the file. */
function planError(file: string): PlanError {
  try {
    readPlan(file);
  } catch (e) {
    expect(e).toBeInstanceOf(PlanError);
    expect((e as PlanError).file).toBe(file);
    expect((e as PlanError).message.startsWith(`${file}: `)).toBe(true);
    return e as PlanError;
  }
  throw new Error(`${file} was read as a plan`);
}

const GOOD = plan1({ resource_changes: [change('aws_s3_bucket.b', { actions: ['create'], after: { bucket: 'b' } })] });

describe('readPlan: bad input is a PlanError naming the file and saying what to do', () => {
  it('the binary plan file itself', () => {
    // `terraform plan -out tfplan` writes a zip archive.
    const zip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x08, 0x00]), Buffer.from('tfplan\x00\x00\x01\x02')]);
    expect(planError(writePlan(zip, 'tfplan')).message).toMatch(/binary plan file.*terraform show -json tfplan > plan\.json/);
  });

  it('text that is not JSON (the human-readable plan) and binary that is not a zip', () => {
    const text = planError(writePlan('Terraform used the selected providers to generate the following execution plan.\n'));
    expect(text.message).toMatch(/not JSON: it starts with "Terraform used the selected providers/);
    expect(text.message).toMatch(/terraform show -json tfplan > plan\.json/);
    expect(planError(writePlan(Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x01]))).message).toMatch(/not JSON: the file is binary or not UTF-8/);
    // Control characters from the file are shown inert.
    expect(planError(writePlan('\x1b[31mred\n')).message).not.toContain('\x1b');
  });

  it('JSON that is not an object', () => {
    expect(planError(writePlan('[{"format_version":"1.2"}]')).message).toMatch(/not a plan JSON: expected an object, the JSON is an array/);
    expect(planError(writePlan('"1.2"')).message).toMatch(/not a plan JSON: expected an object/);
  });

  it('the JSON of a state (terraform show -json without a plan file)', () => {
    const state = { format_version: '1.0', terraform_version: '1.9.8', values: { root_module: { resources: [] } } };
    expect(planError(writePlan(state)).message).toMatch(/JSON of a state \(`terraform show -json` without a plan file\), not of a plan/);
    // An empty state has no `values` at all.
    expect(planError(writePlan({ format_version: '1.0' })).message).toMatch(/JSON of a state/);
  });

  it('a terraform.tfstate file', () => {
    const tfstate = { version: 4, terraform_version: '1.9.8', serial: 3, lineage: 'abc', outputs: {}, resources: [] };
    expect(planError(writePlan(tfstate, 'terraform.tfstate')).message).toMatch(/a Terraform state file \(terraform\.tfstate\), not a plan/);
  });

  it('a random object', () => {
    const message = planError(writePlan({ name: 'my-package', version: '1.0.0', dependencies: {} })).message;
    expect(message).toMatch(/not a plan JSON: it has neither "resource_changes" nor "planned_values" \(its members: "name", "version", "dependencies"\)/);
    expect(planError(writePlan('{}')).message).toMatch(/an empty object/);
  });

  it('format_version 2.x and later is refused, 0.x and 1.x are read', () => {
    for (const version of ['2.0', '10.1']) {
      expect(planError(writePlan({ ...GOOD, format_version: version })).message).toMatch(new RegExp(`format_version "${version.replace('.', '\\.')}" is not supported`));
    }
    expect(readPlan(writePlan({ ...GOOD, format_version: '1.99' })).resourceChanges).toHaveLength(1);
    expect(readPlan(writePlan({ ...GOOD, format_version: '0.2' })).resourceChanges).toHaveLength(1);
    expect(planError(writePlan({ ...GOOD, format_version: 1 })).message).toMatch(/format_version: expected a version string such as "1\.2", found a number/);
    const { format_version: _, ...withoutVersion } = GOOD;
    expect(planError(writePlan(withoutVersion)).message).toMatch(/no "format_version"/);
  });

  it('a truncated file, wherever it ends', () => {
    const text = JSON.stringify(
      plan1({
        planned_values: { root_module: { resources: [{ address: 'aws_s3_bucket.b', values: { bucket: 'b"]}' } }] } },
        resource_changes: [change('aws_s3_bucket.b', { actions: ['create'], after: { bucket: 'b', policy: '{"a":["}"]}' } })],
      }),
      null,
      2,
    );
    // Every cut: inside strings (with brackets and escaped quotes in them), between members, in skipped members.
    for (let cut = 1; cut < text.length - 1; cut += 7) {
      const message = planError(writePlan(text.slice(0, cut))).message;
      expect(message, `cut at ${cut}`).toMatch(/the JSON ends early \(line \d+\): the file is truncated/);
    }
    expect(planError(writePlan(text.slice(0, text.length - 1))).message).toMatch(/the JSON ends early \(line \d+\)/);
  });

  it('JSON syntax errors, in kept and in skipped members, and trailing text', () => {
    const good = JSON.stringify(GOOD, null, 2);
    // In a kept member: JSON.parse of the entry judges it, and the message names the entry.
    expect(planError(writePlan(good.replace('"create"', 'create'))).message).toMatch(/not valid JSON at line 8, column \d+: resource_changes\[0\] is not valid JSON/);
    // A bad literal where the scanner only finds bounds: still a PlanError, never a raw SyntaxError.
    expect(planError(writePlan(good.replace('"format_version": "1.2"', '"format_version": 1.2.3'))).message).toMatch(/not valid JSON at line 2, column 21: not a valid JSON value/);
    expect(planError(writePlan(JSON.stringify({ ...GOOD, errored: 'x' }).replace('"errored":"x"', '"errored":tru'))).message).toMatch(/not valid JSON at line 1/);
    expect(planError(writePlan(good.replace('"planned_values": {', '"planned_values": [ }'))).message).toMatch(/not valid JSON at line 4, column \d+: unexpected '}'/);
    expect(planError(writePlan(good + '\n{}')).message).toMatch(/more text after the end of the plan's object \(line \d+\)/);
    expect(planError(writePlan(good.replace('"format_version": "1.2",', '"format_version": "1.2"'))).message).toMatch(/not valid JSON at line 3, column 3: expected ',' or '}'/);
  });

  it('values nested deeper than any plan are refused before anything walks them', () => {
    const deep = (depth: number) => JSON.parse('['.repeat(depth) + 'true' + ']'.repeat(depth)) as unknown;
    const plan = (depth: number) => plan1({ resource_changes: [change('aws_s3_bucket.b', { actions: ['create'], after: deep(depth), after_unknown: deep(depth), after_sensitive: deep(depth) })] });
    expect(readPlan(writePlan(JSON.stringify(plan(400)))).resourceChanges).toHaveLength(1);
    const text = JSON.stringify(plan(1)).replace(/\[\[true\]\]|\[true\]/g, '['.repeat(100_000) + 'true' + ']'.repeat(100_000));
    expect(planError(writePlan(text)).message).toMatch(/not read: values nested more than 512 levels deep at line 1, column \d+; Terraform's plans nest a few levels/);
  });

  it('UTF-16 with a byte order mark (Windows PowerShell `>`) is decoded; UTF-8 with a BOM too', () => {
    const json = JSON.stringify(GOOD, null, 2);
    const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(json, 'utf16le')]);
    expect(readPlan(writePlan(utf16le)).resourceChanges[0]!.address).toBe('aws_s3_bucket.b');
    const utf16be = Buffer.from(json, 'utf16le').swap16();
    expect(readPlan(writePlan(Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be]))).resourceChanges[0]!.after).toEqual({ bucket: 'b' });
    expect(readPlan(writePlan(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]))).resourceChanges).toHaveLength(1);
    // Non-ASCII text survives the decoding.
    const tagged = JSON.stringify(plan1({ resource_changes: [change('aws_s3_bucket.b', { actions: ['create'], after: { tags: { owner: 'Zoë 日本' } } })] }));
    const decoded = readPlan(writePlan(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tagged, 'utf16le')])));
    expect(decoded.resourceChanges[0]!.after).toEqual({ tags: { owner: 'Zoë 日本' } });
  });

  it('an empty file, a blank file, a directory, a missing file', () => {
    expect(planError(writePlan('')).message).toMatch(/the file is empty; run `terraform show -json tfplan > plan\.json`/);
    expect(planError(writePlan(' \n\t\r\n')).message).toMatch(/the file is empty/);
    const dir = mkdtempSync(join(tmpdir(), 'iac-plan-dir-'));
    expect(planError(dir).message).toMatch(/is a directory; give the plan's JSON file/);
    expect(planError(join(dir, 'missing.json')).message).toMatch(/file not found/);
  });

  it('a file larger than the limit is refused before it is read', () => {
    const file = writePlan(JSON.stringify(GOOD));
    expect(() => readPlan(file, { maxBytes: 10 })).toThrow(/the plan is larger than 10 bytes, more than the review reads/);
    expect(readPlan(file).resourceChanges).toHaveLength(1);
  });
});

describe('readPlan: shape validation names the path', () => {
  const cases: Array<[string, (plan: Record<string, unknown>) => void, RegExp]> = [
    ['resource_changes not an array', (p) => (p.resource_changes = { a: 1 }), /resource_changes: expected an array, found an object/],
    ['an entry not an object', (p) => ((p.resource_changes as unknown[])[3] = 'x'), /resource_changes\[3\]: expected an object, found a string/],
    ['actions not an array of strings', (p) => (entry(p, 3).change.actions = 'create'), /resource_changes\[3\]\.change\.actions: expected a non-empty array of strings, found a string/],
    ['actions empty', (p) => (entry(p, 1).change.actions = []), /resource_changes\[1\]\.change\.actions: expected a non-empty array of strings, found an empty array/],
    ['an unknown action', (p) => (entry(p, 2).change.actions = ['explode']), /resource_changes\[2\]\.change\.actions: expected actions among .*found "explode"/],
    ['no change', (p) => delete (entry(p, 0) as Partial<Entry>).change, /resource_changes\[0\]\.change: expected an object, found nothing/],
    ['address missing', (p) => delete (entry(p, 0) as Partial<Entry>).address, /resource_changes\[0\]\.address: expected a string, found nothing/],
    ['address not an address', (p) => (entry(p, 0).address = 'not an address'), /resource_changes\[0\]\.address: expected a resource instance address, found "not an address"/],
    ['mode unknown', (p) => (entry(p, 0).mode = 'ephemeral'), /resource_changes\[0\]\.mode: expected "managed" or "data", found "ephemeral"/],
    ['type contradicting the address', (p) => (entry(p, 0).type = 'aws_iam_role'), /resource_changes\[0\]: expected mode, type and name that agree with its address/],
    ['index an object', (p) => (entry(p, 0).index = {}), /resource_changes\[0\]\.index: expected a number or a string, found an object/],
    ['replace_paths not paths', (p) => (entry(p, 1).change.replace_paths = [['a', {}]]), /resource_changes\[1\]\.change\.replace_paths\[0\]: expected a path/],
    ['action_reason a number', (p) => ((entry(p, 1) as unknown as Record<string, unknown>).action_reason = 3), /resource_changes\[1\]\.action_reason: expected a string, found a number/],
    ['resource_drift entry', (p) => (p.resource_drift = [{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b' }]), /resource_drift\[0\]\.change: expected an object/],
    ['configuration root resources', (p) => (p.configuration = { root_module: { resources: [{ mode: 'managed' }] } }), /configuration\.root_module\.resources\[0\]\.address: expected a string/],
    ['configuration not an object', (p) => (p.configuration = 'x'), /configuration: expected an object, found a string/],
    ['module_calls not an object', (p) => (p.configuration = { root_module: { module_calls: [] } }), /configuration\.root_module\.module_calls: expected an object, found an array/],
    ['a module call', (p) => (p.configuration = { root_module: { module_calls: { vpc: { source: 7 } } } }), /configuration\.root_module\.module_calls\["vpc"\]\.source: expected a string, found a number/],
  ];
  for (const [name, mutate, expected] of cases) {
    it(name, () => {
      const plan = structuredClone(FOUR);
      mutate(plan);
      const message = planError(writePlan(plan)).message;
      expect(message).toMatch(expected);
      expect(message).toMatch(/not a plan JSON Terraform writes/);
    });
  }
});

interface Entry {
  address: string;
  mode: string;
  type: string;
  index?: unknown;
  change: Record<string, unknown>;
}

function entry(plan: Record<string, unknown>, i: number): Entry {
  return (plan.resource_changes as Entry[])[i]!;
}

const FOUR = plan1({
  resource_changes: [
    change('aws_s3_bucket.b', { actions: ['create'], after: { bucket: 'b' } }),
    change('aws_s3_bucket.c', { actions: ['delete', 'create'], before: { bucket: 'c' }, after: { bucket: 'c2' }, replace_paths: [['bucket']] }),
    change('aws_s3_bucket.d', { actions: ['update'], before: { bucket: 'd' }, after: { bucket: 'd' } }),
    change('aws_s3_bucket.e', { actions: ['delete'], before: { bucket: 'e' } }),
  ],
});
