import { describe, expect, it } from 'vitest';
import { parseConfigText } from '../../server/src/engine/config/load-config.js';
import { defaultOptions, effectiveRuleSetting, isPathIncluded } from '../../server/src/engine/config/effective.js';
import { buildConfigSchema } from '../../server/src/engine/config/config-schema.js';
import { MAX_GLOB_EXPANSION } from '../../server/src/engine/config/glob-limits.js';
import type { RuleMeta, RuleOptionSpec } from '../../server/src/engine/rules/rule.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';

const METAS = RULES.map((r) => r.meta);
const FILE = '/repo/.iac-review.json';
const parse = (text: string) => parseConfigText(FILE, text, METAS);
const metaOf = (id: string) => METAS.find((m) => m.id === id)!;

/** `line:column` (1-based) of the first occurrence of `needle` in `text`, after `after` if given. */
function positionOf(text: string, needle: string, after = ''): string {
  const offset = text.indexOf(needle, after ? text.indexOf(after) : 0);
  if (offset < 0) throw new Error(`${needle} not in the text`);
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before[before.length - 1]!.length + 1}`;
}

function errorsOf(text: string): string[] {
  return parse(text).errors.map((e) => `${e.range!.start.line}:${e.range!.start.column} ${e.message}`);
}

/** A JSON value of another type than the option takes. */
function wrongValue(spec: RuleOptionSpec): unknown {
  switch (spec.type) {
    case 'boolean':
      return 'yes';
    case 'string':
      return 12;
    case 'string[]':
      return 'not-a-list';
    case 'object':
      return ['not', 'an', 'object'];
  }
}

describe('every option of every rule is checked for its type (SPEC §5)', () => {
  const cases = METAS.flatMap((meta) => Object.entries(meta.options ?? {}).map(([name, spec]) => ({ meta, name, spec })));

  it('the catalog has options to check', () => {
    expect(cases.length).toBeGreaterThanOrEqual(8);
  });

  it.each(cases.map((c) => [`${c.meta.id} ${c.name}`, c] as const))('%s: a wrong type is an error where it is written; the default stays', (_, { meta, name, spec }) => {
    const text = `{\n  "rules": {\n    "${meta.id}": ["warning", { "${name}": ${JSON.stringify(wrongValue(spec))} }]\n  }\n}\n`;
    const { config, errors } = parse(text);
    expect(errors).toHaveLength(1);
    expect(`${errors[0]!.range!.start.line}:${errors[0]!.range!.start.column}`).toBe(positionOf(text, JSON.stringify(wrongValue(spec)), `"${name}"`));
    expect(errors[0]!.message).toMatch(new RegExp(`^Option "${name}" of "${meta.id.replace('/', '\\/')}" must be `));
    const setting = effectiveRuleSetting(config, meta, '/repo/main.tf');
    expect(setting.options[name]).toEqual(defaultOptions(meta)[name]);
    expect(setting.severity).toBe('warning');
  });

  it('string lists: an item of another type is reported on the item; the whole list is left out', () => {
    const text = '{ "rules": { "iam/wildcard-resource": ["warning", { "allowedActions": ["logs:Put*", 7, null] }] } }';
    expect(errorsOf(text)).toEqual([
      `${positionOf(text, '7')} Option "allowedActions" of "iam/wildcard-resource" must be an array of strings, not an array containing the number 7.`,
      `${positionOf(text, 'null')} Option "allowedActions" of "iam/wildcard-resource" must be an array of strings, not an array containing null.`,
    ]);
    expect(effectiveRuleSetting(parse(text).config, metaOf('iam/wildcard-resource'), '/repo/main.tf').options.allowedActions).toEqual([]);
  });
});

describe('nested option types are checked at every level', () => {
  it('an object with fixed properties: wrong property types and unknown properties, each with line and column', () => {
    const text = `{
  "rules": {
    "lifecycle/prevent-destroy": ["warning", {
      "resourceTypes": { "add": "aws_s3_bucket", "remove": ["aws_sqs_queue", 1], "extra": true }
    }]
  }
}`;
    expect(errorsOf(text)).toEqual([
      `${positionOf(text, '"aws_s3_bucket"')} Option "resourceTypes.add" of "lifecycle/prevent-destroy" must be an array of strings, not the string "aws_s3_bucket" ("add" is left out, the rest of "resourceTypes" applies).`,
      `${positionOf(text, '1]')} Option "resourceTypes.remove" of "lifecycle/prevent-destroy" must be an array of strings, not an array containing the number 1 ("remove" is left out, the rest of "resourceTypes" applies).`,
      `${positionOf(text, '"extra"')} Option "resourceTypes" of "lifecycle/prevent-destroy" has no setting "extra"; expected "add", "remove".`,
    ]);
    expect(effectiveRuleSetting(parse(text).config, metaOf('lifecycle/prevent-destroy'), '/repo/main.tf').options.resourceTypes).toEqual({});
  });

  it('a map of string → list or pattern: each wrong entry is reported and left out, the right ones apply', () => {
    const text = `{
  "rules": {
    "tagging/tag-values": ["warning", { "values": {
      "Environment": ["dev", "prod"],
      "CostCenter": "^cc-[0-9]{4}$",
      "Team": ["core", 3],
      "Owner": 42,
      "Tier": { "a": "b" },
      "Cost Center": [["nested"]],
      "App": "(unclosed",
      "Stage": null
    } }]
  }
}`;
    const errors = errorsOf(text);
    expect(errors).toEqual([
      `${positionOf(text, '3]')} Option "values.Team" of "tagging/tag-values" must be an array of strings, not an array containing the number 3 ("Team" is left out, the rest of "values" applies).`,
      `${positionOf(text, '42')} Option "values.Owner" of "tagging/tag-values" must be an array of strings or a regular expression (a string), not the number 42 ("Owner" is left out, the rest of "values" applies).`,
      `${positionOf(text, '{ "a"')} Option "values.Tier" of "tagging/tag-values" must be an array of strings or a regular expression (a string), not an object ("Tier" is left out, the rest of "values" applies).`,
      `${positionOf(text, '["nested"]')} Option "values["Cost Center"]" of "tagging/tag-values" must be an array of strings, not an array containing an array ("Cost Center" is left out, the rest of "values" applies).`,
      `${positionOf(text, '"(unclosed"')} Option "values.App" of "tagging/tag-values" is not a usable regular expression: missing closing ): \`(unclosed\` ("App" is left out, the rest of "values" applies).`,
      `${positionOf(text, 'null')} Option "values.Stage" of "tagging/tag-values" must be an array of strings or a regular expression (a string), not null ("Stage" is left out, the rest of "values" applies).`,
    ]);
    expect(effectiveRuleSetting(parse(text).config, metaOf('tagging/tag-values'), '/repo/main.tf').options.values).toEqual({
      Environment: ['dev', 'prod'],
      CostCenter: '^cc-[0-9]{4}$',
    });
  });

  it('the same checks in overrides', () => {
    const text = '{ "overrides": [ { "files": ["envs/**"], "rules": { "tagging/required-tags": ["error", { "tags": [1] }] } } ] }';
    expect(errorsOf(text)).toEqual([
      `${positionOf(text, '1]')} Option "tags" of "tagging/required-tags" must be an array of strings, not an array containing the number 1.`,
    ]);
  });

  it('a flood of wrong items is a bounded number of errors', () => {
    const text = `{ "rules": { "iam/wildcard-resource": ["warning", { "allowedActions": [${Array.from({ length: 5000 }, (_, i) => i).join(',')}] }] } }`;
    const errors = errorsOf(text);
    expect(errors.length).toBeLessThanOrEqual(21);
    expect(errors[errors.length - 1]).toMatch(/has 4980 more problems like these/);
  });
});

describe('regular expressions in options are compiled by RE2 when the config is read', () => {
  it('the naming pattern: a pattern that does not compile or needs backtracking is an error; the default pattern stays', () => {
    for (const [pattern, reason] of [
      ['^([A-Z][a-z]+', /missing closing \)/],
      ['^(?!tmp_)[a-z_]+$', /`\(\?!` is a lookaround/],
      ['^(a)\\1$', /`\\1` is a backreference/],
      ['^[a-z]{2,1}$', /invalid repeat count/],
    ] as const) {
      const text = `{ "rules": { "naming/identifier-format": ["warning", { "pattern": ${JSON.stringify(pattern)} }] } }`;
      const errors = errorsOf(text);
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatch(new RegExp(`^${positionOf(text, JSON.stringify(pattern))} Option "pattern" of "naming/identifier-format" is not a usable regular expression: `));
      expect(errors[0]).toMatch(reason);
      expect(effectiveRuleSetting(parse(text).config, metaOf('naming/identifier-format'), '/repo/main.tf').options.pattern).toBe('^[a-z][a-z0-9_]*$');
    }
  });

  it('patterns that backtrack catastrophically elsewhere are accepted: RE2 runs them in linear time', () => {
    for (const pattern of ['^([a-z]+)+$', '(a|aa)+', '(x+x+)+y', '^(\\w+\\s?)*$']) {
      expect(errorsOf(JSON.stringify({ rules: { 'naming/identifier-format': ['warning', { pattern }] } }))).toEqual([]);
      expect(errorsOf(JSON.stringify({ rules: { 'tagging/tag-values': ['warning', { values: { Env: pattern } }] } }))).toEqual([]);
    }
  });

  it('the config schema marks the patterns, so the editor knows them', () => {
    const schema = JSON.stringify(buildConfigSchema(METAS));
    expect(schema).toContain('"pattern":{"type":"string","format":"regex"');
  });
});

describe('ruleTimeBudget', () => {
  it('a number of seconds within bounds', () => {
    expect(parse('{ "ruleTimeBudget": 2.5 }').config.ruleTimeBudget).toBe(2.5);
    for (const value of ['"10"', '0', '-1', '1e9', 'null', '[]']) {
      const text = `{\n  "ruleTimeBudget": ${value}\n}`;
      const { config, errors } = parse(text);
      expect(errors.map((e) => `${e.range!.start.line}:${e.range!.start.column}`)).toEqual(['2:21']);
      expect(errors[0]!.message).toMatch(/"ruleTimeBudget" must be a number of seconds from 0.1 to 300/);
      expect(config.ruleTimeBudget).toBeUndefined();
    }
  });

  it('is in the schema', () => {
    expect(buildConfigSchema(METAS).properties).toHaveProperty('ruleTimeBudget');
  });
});

describe('globs of the config are bounded', () => {
  it('a glob whose braces expand past the limit is an error and left out; ordinary braces are fine', () => {
    const explosive = '{a,b}'.repeat(12) + '/**';
    const text = `{\n  "exclude": ["{envs,modules}/**/*.tf", ${JSON.stringify(explosive)}],\n  "overrides": [{ "files": [${JSON.stringify('x'.repeat(1200))}], "rules": {} }]\n}`;
    const { config, errors } = parse(text);
    expect(errors.map((e) => `${e.range!.start.line}:${e.range!.start.column} ${e.message}`)).toEqual([
      `${positionOf(text, JSON.stringify(explosive))} "exclude" has a glob that expands to more than ${MAX_GLOB_EXPANSION} patterns through its {…} braces; it is left out.`,
      `${positionOf(text, '"xxx')} The override's "files" has a glob that is 1200 characters long; at most 1000 are accepted; it is left out.`,
    ]);
    expect(config.exclude).toEqual(['{envs,modules}/**/*.tf']);
    expect(isPathIncluded({ ...config, baseDir: '/repo' }, '/repo/envs/a/main.tf')).toBe(false);
    expect(isPathIncluded({ ...config, baseDir: '/repo' }, '/repo/app/main.tf')).toBe(true);
  });

  it('a glob with a long run of trailing slashes still names its folder', { timeout: 30_000 }, () => {
    const config = { ...parse('{}').config, baseDir: '/repo', exclude: [`legacy${'/'.repeat(200_000)}`] };
    expect(isPathIncluded(config, '/repo/legacy/main.tf')).toBe(false);
  });
});

describe('a config nested too deeply to parse', () => {
  it('is an error at the start of the file, not a crash; the defaults apply', () => {
    const text = `{ "rules": { "x": ${'['.repeat(100_000)}${']'.repeat(100_000)} } }`;
    const { config, errors } = parse(text);
    expect(errors.map((e) => `${e.range!.start.line}:${e.range!.start.column} ${e.message}`)).toEqual([
      '1:1 The configuration is nested too deeply to be read; the default settings apply.',
    ]);
    expect(config.extends).toBe('recommended');
  });
});

describe('metadata sanity', () => {
  it('every option default passes its own validation', () => {
    for (const meta of METAS as RuleMeta[]) {
      if (!meta.options) continue;
      const options = Object.fromEntries(Object.entries(meta.options).map(([name, spec]) => [name, spec.default]));
      expect(errorsOf(JSON.stringify({ rules: { [meta.id]: ['warning', options] } })), meta.id).toEqual([]);
    }
  });
});
