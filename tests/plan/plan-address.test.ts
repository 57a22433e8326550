import { describe, expect, it } from 'vitest';
import { formatInstanceKey, moduleConfigPath, parseAddress, parseModuleAddress } from '../../server/src/engine/plan/plan-address.js';

describe('parseAddress', () => {
  it('reads a root resource without a key', () => {
    expect(parseAddress('aws_s3_bucket.b')).toEqual({
      modules: [],
      mode: 'managed',
      type: 'aws_s3_bucket',
      name: 'b',
      moduleAddress: '',
      resourceKey: 'aws_s3_bucket.b',
    });
  });

  it('reads module instances, data sources and both kinds of key', () => {
    expect(parseAddress('module.a["x"].aws_s3_bucket.b[0]')).toEqual({
      modules: [{ name: 'a', key: 'x' }],
      mode: 'managed',
      type: 'aws_s3_bucket',
      name: 'b',
      index: 0,
      moduleAddress: 'module.a["x"]',
      resourceKey: 'aws_s3_bucket.b',
    });
    expect(parseAddress('module.net[2].module.sg.data.aws_iam_policy_document.p["read-only"]')).toEqual({
      modules: [{ name: 'net', key: 2 }, { name: 'sg' }],
      mode: 'data',
      type: 'aws_iam_policy_document',
      name: 'p',
      index: 'read-only',
      moduleAddress: 'module.net[2].module.sg',
      resourceKey: 'data.aws_iam_policy_document.p',
    });
  });

  it('reads keys that hold dots, brackets, quotes and escapes', () => {
    const key = 'a.b["c"].module.d[0]\\ \u00e9';
    const address = `module.m[${JSON.stringify(key)}].aws_iam_role.r[${JSON.stringify(key)}]`;
    const parsed = parseAddress(address);
    expect(parsed?.modules).toEqual([{ name: 'm', key }]);
    expect(parsed?.index).toBe(key);
    expect(parsed?.type).toBe('aws_iam_role');
    expect(parsed?.moduleAddress).toBe(`module.m[${JSON.stringify(key)}]`);
  });

  it('reads resource and module names with dashes and digits', () => {
    expect(parseAddress('module.my-mod_2.google_storage_bucket.logs-1')?.modules).toEqual([{ name: 'my-mod_2' }]);
    // A resource type may start with "module" or "data" without being one.
    expect(parseAddress('module_thing.x')?.type).toBe('module_thing');
    expect(parseAddress('data_thing.x')?.mode).toBe('managed');
  });

  it('refuses what is not a resource instance address', () => {
    for (const bad of [
      '',
      'aws_s3_bucket',
      'module.a',
      'module.a.aws_s3_bucket',
      'aws_s3_bucket.b.c',
      'aws_s3_bucket.b[',
      'aws_s3_bucket.b["x]',
      'aws_s3_bucket.b["x"',
      'aws_s3_bucket.b[x]',
      'aws_s3_bucket.b[0]x',
      'module.a["x"]aws_s3_bucket.b',
      'data.aws_s3_bucket',
      '1abc.b',
      'aws_s3_bucket. b',
    ]) {
      expect(parseAddress(bad), bad).toBeUndefined();
    }
  });

  it('is linear in the length of the address (no backtracking on long keys and many modules)', () => {
    const manyModules = Array.from({ length: 20_000 }, (_, i) => `module.m${i}["k.${i}"]`).join('.') + '.aws_s3_bucket.b';
    const backslashes = `aws_s3_bucket.b[${JSON.stringify('\\'.repeat(200_000) + '"'.repeat(200_000))}]`;
    const unterminated = `aws_s3_bucket.b["${'\\"'.repeat(200_000)}]`;
    const started = performance.now();
    expect(parseAddress(manyModules)?.modules).toHaveLength(20_000);
    expect(parseAddress(backslashes)?.index).toBe('\\'.repeat(200_000) + '"'.repeat(200_000));
    expect(parseAddress(unterminated)).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});

describe('module addresses', () => {
  it('parses a module instance address and names its configuration path', () => {
    expect(parseModuleAddress('')).toEqual([]);
    const steps = parseModuleAddress('module.a["x.y"].module.b[0]');
    expect(steps).toEqual([{ name: 'a', key: 'x.y' }, { name: 'b', key: 0 }]);
    expect(moduleConfigPath(steps!)).toBe('module.a.module.b');
    expect(parseModuleAddress('module.a.aws_s3_bucket.b')).toBeUndefined();
    expect(parseModuleAddress('module.a.')).toBeUndefined();
  });

  it('writes instance keys as Terraform does', () => {
    expect(formatInstanceKey(3)).toBe('[3]');
    expect(formatInstanceKey('a"b')).toBe('["a\\"b"]');
    // Terraform quotes keys as HCL strings: a template introducer is doubled, non-printable characters escaped.
    expect(formatInstanceKey('${x} %{y} $z')).toBe('["$${x} %%{y} $z"]');
    expect(formatInstanceKey('a\nb\u00a0c\u{1f600}d\u{e000}')).toBe('["a\\nb\\u00a0c\u{1f600}d\\ue000"]');
  });
});

describe('string keys as Terraform quotes them', () => {
  it('reads the HCL quoting of Terraform 1.x and the Go %q escapes of Terraform 0.12', () => {
    expect(parseAddress('aws_s3_bucket.b["$${x}"]')?.index).toBe('${x}');
    expect(parseAddress('aws_s3_bucket.b["%%{if}"]')?.index).toBe('%{if}');
    expect(parseAddress('aws_s3_bucket.b["$$x $$${y}"]')?.index).toBe('$$x $${y}');
    expect(parseAddress('aws_s3_bucket.b["\\U0001f600 \\u00a0"]')?.index).toBe('\u{1f600} \u00a0');
    expect(parseAddress('aws_s3_bucket.b["\\a\\x7f\\t"]')?.index).toBe('\x07\x7f\t');
    for (const bad of ['aws_s3_bucket.b["\\q"]', 'aws_s3_bucket.b["\\u12"]', 'aws_s3_bucket.b["\\U00110000"]', 'aws_s3_bucket.b["\\']) {
      expect(parseAddress(bad), bad).toBeUndefined();
    }
  });

  it('reads back every key it writes', () => {
    const keys = ['', 'a.b', '["x"]', '${var.x}', '$${', '%{ if }', 'tab\tnew\nline', 'quote " back \\ slash', '\u0000\u0007\u007f\u200b\u2028', 'é 日本 \u{1f600}', '$', '%', '{}'];
    for (const key of keys) {
      const address = `module.m${formatInstanceKey(key)}.aws_s3_bucket.b${formatInstanceKey(key)}`;
      const parsed = parseAddress(address);
      expect(parsed?.index, address).toBe(key);
      expect(parsed?.modules[0]?.key, address).toBe(key);
    }
  });
});
