import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfigText, defaultConfig } from '../../server/src/engine/config/load-config.js';
import { effectiveRuleSetting, isDirectoryIncluded, isPathIncluded } from '../../server/src/engine/config/effective.js';
import { buildConfigSchema, configSchemaText } from '../../server/src/engine/config/config-schema.js';
import type { DirEntry, FileHost, ReadResult } from '../../server/src/engine/host.js';
import type { RuleMeta } from '../../server/src/engine/rules/rule.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';

function meta(id: string, extra: Partial<RuleMeta> = {}): RuleMeta {
  return {
    id,
    title: id,
    problem: id,
    category: id.split('/')[0]!,
    severity: 'warning',
    rationale: 'r',
    remediation: 'r',
    equivalents: {},
    examples: { failing: 'x', passing: 'y' },
    ...extra,
  };
}

const TAGS = meta('tagging/required-tags', {
  options: {
    tags: { type: 'string[]', description: 'keys', default: ['Owner', 'Environment', 'CostCenter'] },
    caseSensitive: { type: 'boolean', description: 'case', default: false },
  },
});
const PINNED = meta('versioning/module-source-pinned', {
  options: {
    requireExact: { type: 'boolean', description: 'exact', default: false },
    requireCommitHash: { type: 'boolean', description: 'sha', default: false },
  },
});
const REGION = meta('hardcoded/region', { severity: 'info' });
const VALUES = meta('tagging/tag-values', {
  options: { values: { type: 'object', description: 'allowed', default: {} } },
});
const METAS = [TAGS, PINNED, REGION, VALUES];

/** An in-memory file system: paths → contents. */
class MemoryHost implements FileHost {
  readonly workspaceRoot = '/';
  constructor(private readonly files: Record<string, string>) {}
  readText(path: string): ReadResult {
    const text = this.files[path];
    return text === undefined ? { ok: false, error: 'file not found (it may have been deleted)' } : { ok: true, text };
  }
  readDirectory(path: string): DirEntry[] | undefined {
    const prefix = path.endsWith('/') ? path : path + '/';
    const names = new Map<string, boolean>();
    for (const file of Object.keys(this.files)) {
      if (!file.startsWith(prefix)) continue;
      const [first, ...rest] = file.slice(prefix.length).split('/');
      names.set(first!, rest.length > 0 || names.get(first!) === true);
    }
    if (names.size === 0 && path !== '/') return Object.keys(this.files).some((f) => f.startsWith(prefix)) ? [] : undefined;
    return [...names].map(([name, isDirectory]) => ({ name, isDirectory }));
  }
}

const parse = (text: string) => parseConfigText('/repo/.iac-review.json', text, METAS);

describe('loadConfig', () => {
  it('finds .iac-review.json in the start directory or the nearest parent', () => {
    const host = new MemoryHost({
      '/repo/.iac-review.json': '{ "extends": "strict" }',
      '/repo/envs/prod/main.tf': '',
      '/repo/envs/dev/.iac-review.json': '{ "extends": "none" }',
      '/repo/envs/dev/main.tf': '',
    });
    const prod = loadConfig(host, '/repo/envs/prod', undefined, METAS);
    expect(prod.errors).toEqual([]);
    expect(prod.config).toMatchObject({ file: '/repo/.iac-review.json', baseDir: '/repo', extends: 'strict' });
    expect(loadConfig(host, '/repo/envs/dev', undefined, METAS).config.extends).toBe('none');
  });

  it('uses the defaults, based in the start directory, when there is no config', () => {
    const { config, errors } = loadConfig(new MemoryHost({ '/x/main.tf': '' }), '/x', undefined, METAS);
    expect(errors).toEqual([]);
    expect(config).toEqual(defaultConfig('/x'));
  });

  it('an explicit file wins, resolved against the start directory; a missing one is an error', () => {
    const host = new MemoryHost({ '/repo/ci/review.json': '{ "extends": "none" }', '/repo/.iac-review.json': '{}' });
    expect(loadConfig(host, '/repo', 'ci/review.json', METAS).config).toMatchObject({ extends: 'none', baseDir: '/repo/ci' });
    const missing = loadConfig(host, '/repo', 'nope.json', METAS);
    expect(missing.errors).toHaveLength(1);
    expect(missing.errors[0]).toMatchObject({ file: '/repo/nope.json' });
    expect(missing.errors[0]!.message).toMatch(/Cannot read the configuration file: file not found/);
    expect(missing.config.extends).toBe('recommended');
  });

  it('parses JSON with comments and trailing commas', () => {
    const { config, errors } = parse(`{
      // team standard
      "extends": "recommended", /* block */
      "exclude": ["legacy/**",],
      "rules": {
        "tagging/required-tags": ["error", { "tags": ["Owner", "Service"] }],
        "hardcoded/region": "off",
      },
      "overrides": [ { "files": ["envs/prod/**"], "rules": { "tagging/required-tags": ["warning"] } } ],
    }`);
    expect(errors).toEqual([]);
    expect(config.exclude).toEqual(['legacy/**']);
    expect(config.rules).toEqual({ 'tagging/required-tags': ['error', { tags: ['Owner', 'Service'] }], 'hardcoded/region': 'off' });
    expect(config.overrides).toEqual([{ files: ['envs/prod/**'], rules: { 'tagging/required-tags': ['warning'] } }]);
  });
});

describe('config validation: every error has a line and column, valid parts still apply', () => {
  const errorAt = (text: string) => {
    const { errors } = parse(text);
    return errors.map((e) => `${e.range!.start.line}:${e.range!.start.column} ${e.message}`);
  };

  it('unknown rule id, with a suggestion', () => {
    const { config, errors } = parse('{\n  "rules": {\n    "tagging/required-tag": "error",\n    "hardcoded/region": "off"\n  }\n}');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.file).toBe('/repo/.iac-review.json');
    expect(errors[0]!.range!.start).toMatchObject({ line: 3, column: 5 });
    expect(errors[0]!.message).toMatch(/Unknown rule "tagging\/required-tag" \(did you mean "tagging\/required-tags"\?\)/);
    expect(config.rules).toEqual({ 'hardcoded/region': 'off' });
  });

  it('bad severity', () => {
    expect(errorAt('{"rules": {"hardcoded/region": "critical"}}')).toEqual([
      '1:32 The severity of "hardcoded/region" must be "error", "warning", "info" or "off", not "critical".',
    ]);
    expect(errorAt('{"rules": {"hardcoded/region": 2}}')[0]).toMatch(/^1:32 .*must be a severity/);
    expect(errorAt('{"rules": {"hardcoded/region": ["warning", {}, 3]}}')[0]).toMatch(/has 3 elements/);
  });

  it('unknown option and wrong option types; the rest of the options apply', () => {
    const text = `{
  "rules": {
    "tagging/required-tags": ["error", { "tag": ["A"], "caseSensitive": "yes", "tags": ["Owner", 3] }],
    "versioning/module-source-pinned": ["warning", { "requireExact": true }],
    "tagging/tag-values": ["warning", { "values": ["dev"] }],
    "hardcoded/region": ["info", { "anything": 1 }]
  }
}`;
    const { config, errors } = parse(text);
    expect(errors.map((e) => `${e.range!.start.line}:${e.range!.start.column} ${e.message}`)).toEqual([
      '3:42 Unknown option "tag" for rule "tagging/required-tags" (did you mean "tags"?); its options are "tags", "caseSensitive", "roles".',
      '3:73 Option "caseSensitive" of "tagging/required-tags" must be true or false, not the string "yes".',
      '3:98 Option "tags" of "tagging/required-tags" must be an array of strings, not an array containing the number 3.',
      '5:51 Option "values" of "tagging/tag-values" must be an object, not an array.',
      '6:36 Unknown option "anything" for rule "hardcoded/region"; it has no options other than "roles".',
    ]);
    expect(config.rules['tagging/required-tags']).toEqual(['error', {}]);
    expect(config.rules['versioning/module-source-pinned']).toEqual(['warning', { requireExact: true }]);
  });

  it('extends, include/exclude and unknown settings', () => {
    expect(errorAt('{"extends": "strictest"}')).toEqual(['1:13 "strictest" is not a preset ("recommended", "strict" or "none"); a path or npm package in "extends" is read only when the configuration is loaded from its file.']);
    expect(errorAt('{"exclude": "legacy/**"}')[0]).toMatch(/^1:13 "exclude" must be an array of glob strings/);
    expect(errorAt('{"include": ["a", 1]}')).toEqual(['1:19 "include" must contain only glob strings, not the number 1.']);
    expect(errorAt('{\n "rule": {}\n}')).toEqual([
      '2:2 Unknown setting "rule" (did you mean "rules"?); expected one of "extends", "include", "exclude", "rules", "overrides", "roles", "ruleTimeBudget", "policies".',
    ]);
    expect(errorAt('{"$schema": "./schemas/iac-review.schema.json"}')).toEqual([]);
  });

  it('overrides', () => {
    expect(errorAt('{"overrides": {}}')[0]).toMatch(/^1:15 "overrides" must be an array/);
    expect(errorAt('{"overrides": [{"rules": {}}]}')[0]).toMatch(/^1:16 This override has no "files"/);
    expect(errorAt('{"overrides": [{"files": ["a"], "rule": {}}]}')[0]).toMatch(/^1:33 Unknown override setting "rule"/);
    expect(errorAt('{"overrides": [{"files": ["a"], "rules": {"nope/x": "off"}}]}')[0]).toMatch(/^1:43 Unknown rule "nope\/x"/);
  });

  it('syntax errors are reported with position; what could be read still applies', () => {
    const { config, errors } = parse('{\n  "extends": "none"\n  "rules": {}\n}');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.range!.start).toMatchObject({ line: 3, column: 3 });
    expect(errors[0]!.message).toMatch(/Invalid JSON: comma expected/);
    expect(config.extends).toBe('none');
  });

  it('non-object and empty files keep the defaults', () => {
    expect(parse('[]').errors[0]!.message).toMatch(/must be a JSON object, not an array/);
    expect(parse('').errors[0]!.message).toMatch(/empty/);
    expect(parse('// nothing yet\n').errors[0]!.message).toMatch(/empty/);
    expect(parse('[]').config.extends).toBe('recommended');
  });
});

describe('effectiveRuleSetting', () => {
  const config = (text: string) => ({ ...parse(text).config, baseDir: '/repo' });

  it('recommended: meta severity and default options', () => {
    expect(effectiveRuleSetting(config('{}'), TAGS, '/repo/main.tf')).toEqual({
      severity: 'warning',
      severityFromConfig: false,
      options: { tags: ['Owner', 'Environment', 'CostCenter'], caseSensitive: false },
      roles: ['deployment', 'module'],
    });
    expect(effectiveRuleSetting(config('{}'), REGION, '/repo/main.tf').severity).toBe('info');
  });

  it('strict: at least warning, requireExact and requireCommitHash on where the rule has them', () => {
    const strict = config('{"extends": "strict"}');
    expect(effectiveRuleSetting(strict, REGION, '/repo/main.tf')).toMatchObject({ severity: 'warning', severityFromConfig: false });
    expect(effectiveRuleSetting(strict, PINNED, '/repo/main.tf').options).toEqual({ requireExact: true, requireCommitHash: true });
    expect(effectiveRuleSetting(strict, TAGS, '/repo/main.tf').options).not.toHaveProperty('requireExact');
    expect(effectiveRuleSetting(strict, meta('x/err', { severity: 'error' }), '/repo/main.tf').severity).toBe('error');
  });

  it('none: everything off unless configured', () => {
    const none = config('{"extends": "none", "rules": {"hardcoded/region": "error"}}');
    expect(effectiveRuleSetting(none, TAGS, '/repo/main.tf').severity).toBe('off');
    expect(effectiveRuleSetting(none, REGION, '/repo/main.tf')).toMatchObject({ severity: 'error', severityFromConfig: true });
  });

  it('options: defaults ← preset ← configured (configured wins over strict)', () => {
    const c = config('{"extends": "strict", "rules": {"versioning/module-source-pinned": ["warning", {"requireCommitHash": false}]}}');
    expect(effectiveRuleSetting(c, PINNED, '/repo/main.tf').options).toEqual({ requireExact: true, requireCommitHash: false });
  });

  it('overrides apply in order to files matching their globs (relative to the config directory, dot files too)', () => {
    const c = config(`{
      "rules": { "tagging/required-tags": ["error", { "tags": ["Owner"] }] },
      "overrides": [
        { "files": ["envs/prod/**"], "rules": { "tagging/required-tags": ["error", { "caseSensitive": true }] } },
        { "files": ["envs/*/legacy.tf", "**/.hidden/*.tf"], "rules": { "tagging/required-tags": "off" } },
        { "files": ["modules/net"], "rules": { "hardcoded/region": "warning" } }
      ]
    }`);
    const at = (path: string, m: RuleMeta = TAGS) => effectiveRuleSetting(c, m, path);
    expect(at('/repo/main.tf')).toMatchObject({ severity: 'error', options: { tags: ['Owner'], caseSensitive: false } });
    expect(at('/repo/envs/prod/main.tf')).toMatchObject({ severity: 'error', options: { tags: ['Owner'], caseSensitive: true } });
    expect(at('/repo/envs/prod/legacy.tf').severity).toBe('off');
    expect(at('/repo/envs/dev/legacy.tf').severity).toBe('off');
    expect(at('/repo/envs/dev/main.tf').severity).toBe('error');
    expect(at('/repo/a/.hidden/x.tf').severity).toBe('off');
    expect(at('/repo/modules/net/main.tf', REGION).severity).toBe('warning');
    expect(at('/repo/modules/network/main.tf', REGION).severity).toBe('info');
    expect(at('/elsewhere/envs/prod/main.tf')).toMatchObject({ options: { caseSensitive: false } });
  });

  it('does not share option objects between calls', () => {
    const c = config('{}');
    const a = effectiveRuleSetting(c, TAGS, '/repo/main.tf');
    (a.options.tags as string[]).push('Mutated');
    expect(effectiveRuleSetting(c, TAGS, '/repo/main.tf').options.tags).toEqual(['Owner', 'Environment', 'CostCenter']);
  });
});

describe('isPathIncluded', () => {
  const config = (text: string) => ({ ...parse(text).config, baseDir: '/repo' });

  it('everything by default, never .terraform', () => {
    const c = config('{}');
    expect(isPathIncluded(c, '/repo/main.tf')).toBe(true);
    expect(isPathIncluded(c, '/repo/a/b/.terraform/modules/vpc/main.tf')).toBe(false);
    expect(isDirectoryIncluded(c, '/repo/a/.terraform')).toBe(false);
  });

  it('include and exclude', () => {
    const c = config('{"include": ["envs/**", "modules/**/*.tf"], "exclude": ["envs/legacy", "**/*_override.tf"]}');
    expect(isPathIncluded(c, '/repo/envs/prod/main.tf')).toBe(true);
    expect(isPathIncluded(c, '/repo/modules/vpc/main.tf')).toBe(true);
    expect(isPathIncluded(c, '/repo/modules/vpc/terraform.tfvars')).toBe(false);
    expect(isPathIncluded(c, '/repo/main.tf')).toBe(false);
    expect(isPathIncluded(c, '/repo/envs/legacy/main.tf')).toBe(false);
    expect(isPathIncluded(c, '/repo/envs/prod/x_override.tf')).toBe(false);
    expect(isDirectoryIncluded(c, '/repo/envs/legacy')).toBe(false);
    expect(isDirectoryIncluded(config('{"exclude": ["envs/legacy/**"]}'), '/repo/envs/legacy')).toBe(false);
    expect(isDirectoryIncluded(c, '/repo/envs/prod')).toBe(true);
  });
});

describe('JSON Schema', () => {
  const root = join(dirname(new URL(import.meta.url).pathname), '..', '..');

  it('schemas/iac-review.schema.json is up to date with the rule registry (run `node scripts/gen-config-schema.mjs`)', () => {
    const committed = readFileSync(join(root, 'schemas/iac-review.schema.json'), 'utf8');
    expect(committed).toBe(configSchemaText(RULES.map((r) => r.meta)));
  });

  it('lists every rule id with its options, for completion and hovers', () => {
    const schema = JSON.parse(configSchemaText(METAS));
    const rules = schema.definitions.rules.properties;
    expect(Object.keys(rules).sort()).toEqual(METAS.map((m) => m.id).sort());
    const options = rules['tagging/required-tags'].anyOf[1].items[1];
    expect(options.properties.tags).toMatchObject({ type: 'array', default: ['Owner', 'Environment', 'CostCenter'] });
    expect(options.properties.caseSensitive.description).toEqual(expect.any(String));
    expect(schema.definitions.extendsEntry.anyOf[0].enum).toEqual(['recommended', 'strict', 'none']);
    expect(schema.definitions.severity.enum).toEqual(['error', 'warning', 'info', 'off']);
  });

  // SPEC §5: VS Code validates and completes .iac-review.json with the shipped schema; the server leaves to it what it rejects.
  it('validates: the shipped schema is the strict one, reading comments and trailing commas as the server does', () => {
    const schema = JSON.parse(configSchemaText(METAS));
    expect(schema).toMatchObject({ allowComments: true, allowTrailingCommas: true, additionalProperties: false });
    expect(schema).toMatchObject(JSON.parse(JSON.stringify(buildConfigSchema(METAS))));
  });

  it('keeps an option named like a schema keyword (its name is not a keyword)', () => {
    const schema = JSON.parse(configSchemaText(RULES.map((r) => r.meta)));
    const withPattern = Object.values(schema.definitions.rules.properties as Record<string, { anyOf: Array<{ items?: Array<{ properties?: object }> }> }>)
      .map((r) => r.anyOf[1]!.items![1]!.properties ?? {})
      .find((p) => 'pattern' in p);
    expect(withPattern).toBeDefined();
  });
});
