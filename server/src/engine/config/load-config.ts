import { dirname, isAbsolute, join, resolve } from 'node:path';
import { parseTree, printParseErrorCode, stripComments, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { isInside, MAX_JSON_FILE_BYTES, type FileHost, type PathOrigin } from '../host.js';
import type { InputError } from '../finding.js';
import { computeLineStarts, rangeFromOffsets, type Range } from '../range.js';
import type { RuleMeta } from '../rules/rule.js';
import { describeNode as describeType, objectProperties as properties, readOptionValue } from './option-values.js';
import { globProblem } from './glob-limits.js';
import { ROLES_OPTION } from './effective.js';
import { isModuleRole, MODULE_ROLES, type ModuleRole } from '../roles/module-role.js';
import type { ConfigOverride, ConfiguredRole, Preset, ReviewConfig, RuleSettingInput, SeveritySetting } from './types.js';
import type { Policy } from '../policies/policy.js';
import { readPolicyList } from '../policies/read-policies.js';
import { parsePolicyFile } from '../policies/policy-file.js';
import { policyRule } from '../policies/policy-rule.js';
import { findPack, isPathReference } from '../policies/packs.js';

export const CONFIG_FILE_NAME = '.iac-review.json';

const ROLE_LIST = MODULE_ROLES.map((r) => `"${r}"`).join(', ');

export const PRESETS: readonly Preset[] = ['recommended', 'strict', 'none'];
export const SEVERITY_SETTINGS: readonly SeveritySetting[] = ['error', 'warning', 'info', 'off'];
const TOP_LEVEL_KEYS = ['$schema', 'extends', 'include', 'exclude', 'rules', 'overrides', 'roles', 'ruleTimeBudget', 'policies'];
/** Packs extending packs: deep enough for a company pack on a shared base, shallow enough to stop a loop. */
const MAX_PACK_DEPTH = 4;

/** How a configuration reads the packs its `extends` names (SPEC §11); without it (an unsaved buffer checked alone) packs are not read. */
export interface PackReading {
  host: FileHost;
  origin: PathOrigin;
  /** Pack directories being read, outermost first: a pack that extends itself is reported, not followed. */
  chain?: readonly string[];
  /** Policies read already (a pack's policy files, read before its settings): the settings may name them. */
  known?: readonly Policy[];
}

/** Bounds of `ruleTimeBudget`, in seconds: the config is part of the reviewed repository, so it cannot switch the bound off. */
export const RULE_TIME_BUDGET_RANGE = { min: 0.1, max: 300 } as const;
const OVERRIDE_KEYS = ['files', 'rules'];

export interface LoadedConfig {
  config: ReviewConfig;
  errors: InputError[];
}

/** The configuration in force when there is no config file. */
export function defaultConfig(baseDir: string): ReviewConfig {
  return { baseDir, extends: 'recommended', include: [], exclude: [], rules: {}, overrides: [], roles: [] };
}

/**
 * Finds `.iac-review.json` in `startDir` or its nearest parent (or reads
 * `explicitFile`), parses it as JSON with comments and validates it against
 * the rule catalog. A broken config never stops analysis: every problem is an
 * error with line and column, and whatever is valid still applies.
 */
export function loadConfig(
  host: FileHost,
  startDir: string,
  explicitFile: string | undefined,
  rules: readonly RuleMeta[],
): LoadedConfig {
  const start = resolve(startDir);
  const file = explicitFile !== undefined ? resolve(start, explicitFile) : findConfigFile(host, start);
  if (file === undefined) return { config: defaultConfig(start), errors: [] };

  // The user's own file (`--config`, a setting, a file above the workspace) may be anywhere; one found in the workspace must stay in it.
  const read = host.readText(file, MAX_JSON_FILE_BYTES, explicitFile !== undefined ? 'user' : originOf(host, file));
  if (!read.ok) {
    return {
      config: defaultConfig(explicitFile !== undefined ? start : dirname(file)),
      errors: [{ file, message: `Cannot read the configuration file: ${read.error}. The default settings apply.`, kind: 'config' }],
    };
  }
  const origin = explicitFile !== undefined ? 'user' : originOf(host, file);
  return parseConfigText(file, read.text, rules, { host, origin });
}

/** Walks from `dir` up to the file-system root looking for `.iac-review.json`. */
export function findConfigFile(host: FileHost, dir: string): string | undefined {
  let current = resolve(dir);
  for (;;) {
    const origin = originOf(host, current);
    const entry = host.entryOf ? host.entryOf(current, CONFIG_FILE_NAME, origin) : host.readDirectory(current, origin)?.find((e) => e.name === CONFIG_FILE_NAME);
    if (entry && !entry.isDirectory) return join(current, CONFIG_FILE_NAME);
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * Above the workspace (outside the repository, or above the analysed path)
 * is the user's own file system, not the reviewed code: a configuration
 * there is read as the user's, like `--config`.
 */
function originOf(host: FileHost, path: string): PathOrigin {
  return isInside(host.workspaceRoot, path) ? 'workspace' : 'user';
}

/** Parses and validates the text of a config file (exported for the language server, which validates unsaved buffers). */
export function parseConfigText(file: string, text: string, rules: readonly RuleMeta[], packs?: PackReading): LoadedConfig {
  const validator = new ConfigValidator(file, text, rules, packs);
  try {
    return { config: validator.run(), errors: validator.errors };
  } catch (e) {
    // The JSON parser recurses once per level of nesting: `[[[[…` thousands deep exhausts the stack.
    if (!(e instanceof RangeError)) throw e;
    const fallback = new ConfigValidator(file, '', rules, packs);
    fallback.errorAt(0, 0, 'The configuration is nested too deeply to be read; the default settings apply.');
    return { config: fallback.defaults(), errors: fallback.errors };
  }
}

class ConfigValidator {
  readonly errors: InputError[] = [];
  private readonly lineStarts: number[];
  private readonly rulesById: Map<string, RuleMeta>;
  private readonly config: ReviewConfig;
  /** The built-in categories: an organisation's policies may not take one as their namespace (SPEC §11). */
  private readonly reservedNamespaces: ReadonlySet<string>;

  constructor(
    private readonly file: string,
    private readonly text: string,
    private readonly rules: readonly RuleMeta[],
    private readonly packs?: PackReading,
  ) {
    this.lineStarts = computeLineStarts(text);
    this.rulesById = new Map(rules.map((r) => [r.id, r]));
    this.reservedNamespaces = new Set(rules.map((r) => r.category));
    for (const policy of packs?.known ?? []) this.rulesById.set(policy.id, policyRule(policy).meta);
    this.config = defaultConfig(isAbsolute(file) ? dirname(file) : resolve(dirname(file)));
    this.config.file = file;
  }

  run(): ReviewConfig {
    if (stripComments(this.text).trim() === '') {
      this.errorAt(0, 0, 'The configuration file is empty; expected an object such as { "extends": "recommended" }.');
      return this.config;
    }
    const syntaxErrors: ParseError[] = [];
    const root = parseTree(this.text, syntaxErrors, { allowTrailingComma: true, disallowComments: false });
    for (const e of syntaxErrors) {
      this.errorAt(e.offset, e.length, `Invalid JSON: ${describeParseError(printParseErrorCode(e.error))}.`, true);
    }
    // jsonc-parser recovers from syntax errors; what it could read is validated and applies,
    // so a config being typed in the editor does not flip every rule back to its default.
    if (!root) return this.config;
    if (root.type !== 'object') {
      this.error(root, `The configuration must be a JSON object, not ${describeType(root)}.`);
      return this.config;
    }
    // Packs and policies first: the rule settings below may name their policies.
    for (const [key, , value] of properties(root)) {
      if (key === 'extends') this.readExtends(value);
    }
    for (const [key, , value] of properties(root)) {
      if (key === 'policies') this.addPolicies(this.readInlinePolicies(value));
    }
    for (const [key, keyNode, value] of properties(root)) {
      switch (key) {
        case '$schema':
          if (value.type !== 'string') this.error(value, '"$schema" must be a string.');
          break;
        case 'extends':
        case 'policies':
          break;
        case 'include':
        case 'exclude':
          this.config[key] = this.readStringArray(value, `"${key}"`);
          break;
        case 'rules':
          // A pack's settings apply first; the configuration's own win.
          this.config.rules = { ...this.config.rules, ...this.readRules(value) };
          break;
        case 'overrides':
          this.config.overrides = [...this.config.overrides, ...this.readOverrides(value)];
          break;
        case 'roles':
          // The first matching glob wins: the configuration's own before its packs'.
          this.config.roles = [...this.readRoles(value), ...this.config.roles];
          break;
        case 'ruleTimeBudget':
          this.readRuleTimeBudget(value);
          break;
        default:
          this.error(keyNode, `Unknown setting "${key}"${suggest(key, TOP_LEVEL_KEYS)}; expected one of ${TOP_LEVEL_KEYS.slice(1).map((k) => `"${k}"`).join(', ')}.`);
      }
    }
    return this.config;
  }

  /**
   * `extends`: a preset, a path or an npm package (SPEC §11), or a list of
   * them applied in order — a later preset replaces an earlier one, each
   * pack adds its settings and policies.
   */
  private readExtends(node: JsonNode): void {
    const items = node.type === 'array' ? (node.children ?? []) : [node];
    for (const item of items) {
      if (item.type !== 'string' || item.value === '') {
        this.error(
          item,
          `"extends" must be a preset ("recommended", "strict", "none"), a path or an npm package name, or an array of them, not ${describeType(item)}.`,
        );
        continue;
      }
      if ((PRESETS as readonly string[]).includes(item.value)) this.config.extends = item.value as Preset;
      else this.readPack(item);
    }
  }

  /** Reads a pack as data: its `iac-review.json` (settings and policies) and its `*.policy.json` files. */
  private readPack(node: JsonNode): void {
    const ref = String(node.value);
    if (!this.packs) {
      this.semanticError(node, `"${ref}" is not a preset ("recommended", "strict" or "none"); a path or npm package in "extends" is read only when the configuration is loaded from its file.`);
      return;
    }
    const chain = this.packs.chain ?? [];
    if (chain.length >= MAX_PACK_DEPTH) {
      this.semanticError(node, `"${ref}" is not read: packs extend each other more than ${MAX_PACK_DEPTH} levels deep.`);
      return;
    }
    const found = findPack(this.packs.host, this.config.baseDir, ref, this.packs.origin);
    if (!found.ok) {
      const notPreset = isPathReference(ref) ? '' : ` it is not a preset ("recommended", "strict" or "none"), and`;
      this.semanticError(node, `Cannot use "${ref}" in "extends":${notPreset} ${found.error}.`);
      return;
    }
    const { pack } = found;
    if (chain.includes(pack.dir)) {
      this.semanticError(node, `"${ref}" extends itself (through ${chain.join(' → ')}); it is read once.`);
      return;
    }
    // Its policy files first: its settings may name their policies.
    const known: Policy[] = [];
    for (const policyFile of pack.policyFiles) {
      const read = this.packs.host.readText(policyFile, MAX_JSON_FILE_BYTES, this.packs.origin);
      if (!read.ok) {
        this.semanticError(node, `Cannot read ${policyFile} of "${ref}": ${read.error}.`);
        continue;
      }
      const parsed = parsePolicyFile(policyFile, read.text, this.reservedNamespaces);
      for (const e of parsed.errors) this.errors.push(e);
      known.push(...parsed.policies);
    }
    this.addPolicies(known);
    const reading: PackReading = { host: this.packs.host, origin: this.packs.origin, chain: [...chain, pack.dir], known };
    if (pack.configFile) {
      const read = this.packs.host.readText(pack.configFile, MAX_JSON_FILE_BYTES, this.packs.origin);
      if (!read.ok) this.semanticError(node, `Cannot read ${pack.configFile} of "${ref}": ${read.error}.`);
      else {
        const loaded = parseConfigText(pack.configFile, read.text, this.rules, reading);
        for (const e of loaded.errors) this.errors.push(e);
        // The preset is the using configuration's choice; a pack brings rule settings, overrides, roles and policies.
        const packConfig = loaded.config;
        this.config.rules = { ...this.config.rules, ...packConfig.rules };
        this.config.overrides = [...this.config.overrides, ...packConfig.overrides];
        this.config.roles = [...this.config.roles, ...packConfig.roles];
        this.addPolicies(packConfig.policies ?? []);
      }
    }
  }

  private readInlinePolicies(node: JsonNode): Policy[] {
    return readPolicyList(node, {
      file: this.file,
      rangeOf: (n) => rangeFromOffsets(this.lineStarts, n.offset, n.offset + n.length),
      error: (n, message) => this.semanticError(n, message),
      reservedNamespaces: this.reservedNamespaces,
    });
  }

  /** Adds policies to the configuration; an id a rule or an earlier policy already has is reported where the policy is written. */
  private addPolicies(policies: readonly Policy[]): void {
    const list = (this.config.policies ??= []);
    for (const policy of policies) {
      const taken = this.rulesById.get(policy.id);
      if (taken) {
        const where = [...list, ...(this.packs?.known ?? [])].find((p) => p.id === policy.id)?.source.file;
        this.errors.push({
          file: policy.source.file,
          range: policy.source.range,
          kind: 'config',
          message: `Policy "${policy.id}" is defined ${where ? `already in ${where}` : 'already as a built-in rule'}; this one is left out.`,
        });
        continue;
      }
      list.push(policy);
      this.rulesById.set(policy.id, policyRule(policy).meta);
    }
  }

  /** `"roles": { "<glob>": "<role>" }`, kept in the order written: the first matching glob wins. */
  private readRoles(node: JsonNode): ConfiguredRole[] {
    if (node.type !== 'object') {
      this.error(node, `"roles" must be an object mapping globs to module roles, e.g. { "legacy/**": "module" }, not ${describeType(node)}.`);
      return [];
    }
    const out: ConfiguredRole[] = [];
    for (const [glob, keyNode, value] of properties(node)) {
      if (glob === '') {
        this.semanticError(keyNode, '"roles" has an empty glob.');
        continue;
      }
      const problem = globProblem(glob);
      if (problem) {
        this.semanticError(keyNode, `"roles" has a glob that ${problem}; it is left out.`);
        continue;
      }
      if (value.type === 'string' && isModuleRole(value.value)) out.push({ glob, role: value.value });
      else this.error(value, `The role of "${glob}" must be one of ${ROLE_LIST}, not ${describeType(value)}.`);
    }
    return out;
  }

  /** The generic `roles` option of a rule: a non-empty list of module roles. */
  private readRuleRoles(meta: RuleMeta, node: JsonNode): ModuleRole[] | undefined {
    const items = node.type === 'array' ? (node.children ?? []) : [];
    const roles = items.map((item) => (item.type === 'string' && isModuleRole(item.value) ? item.value : undefined));
    if (node.type === 'array' && roles.every((r): r is ModuleRole => r !== undefined)) return [...new Set(roles)];
    const wrong = node.type === 'array' ? items[roles.findIndex((r) => r === undefined)]! : node;
    this.error(
      wrong,
      `Option "roles" of "${meta.id}" must be an array of module roles (${ROLE_LIST}), not ${node.type === 'array' ? `an array containing ${describeType(wrong)}` : describeType(node)}; the rule's default roles apply.`,
    );
    return undefined;
  }

  private readRuleTimeBudget(node: JsonNode): void {
    const { min, max } = RULE_TIME_BUDGET_RANGE;
    if (node.type === 'number' && Number.isFinite(node.value) && node.value >= min && node.value <= max) {
      this.config.ruleTimeBudget = node.value;
      return;
    }
    this.error(node, `"ruleTimeBudget" must be a number of seconds from ${min} to ${max}, not ${describeType(node)}; the default (10 seconds) applies.`);
  }

  private readStringArray(node: JsonNode, what: string): string[] {
    if (node.type !== 'array') {
      this.error(node, `${what} must be an array of glob strings, e.g. ["**/*.tf"], not ${describeType(node)}.`);
      return [];
    }
    const out: string[] = [];
    for (const item of node.children ?? []) {
      if (item.type !== 'string') {
        this.error(item, `${what} must contain only glob strings, not ${describeType(item)}.`);
        continue;
      }
      if (item.value === '') {
        this.error(item, `${what} contains an empty glob.`);
        continue;
      }
      const problem = globProblem(item.value);
      if (problem) this.semanticError(item, `${what} has a glob that ${problem}; it is left out.`);
      else out.push(item.value);
    }
    return out;
  }

  private readRules(node: JsonNode): Record<string, RuleSettingInput> {
    const out: Record<string, RuleSettingInput> = {};
    if (node.type !== 'object') {
      this.error(node, `"rules" must be an object mapping rule ids to settings, not ${describeType(node)}.`);
      return out;
    }
    for (const [id, keyNode, value] of properties(node)) {
      const meta = this.rulesById.get(id);
      if (!meta) {
        this.error(keyNode, `Unknown rule "${id}"${suggest(id, [...this.rulesById.keys()])}. Run \`iac-review rules\` to list the rules.`);
        continue;
      }
      const setting = this.readRuleSetting(meta, value);
      if (setting !== undefined) out[id] = setting;
    }
    return out;
  }

  private readRuleSetting(meta: RuleMeta, node: JsonNode): RuleSettingInput | undefined {
    if (node.type === 'string') {
      return this.readSeverity(meta, node);
    }
    if (node.type !== 'array') {
      this.error(node, `The setting of "${meta.id}" must be a severity ("error", "warning", "info", "off") or [severity, options], not ${describeType(node)}.`);
      return undefined;
    }
    const items = node.children ?? [];
    if (items.length === 0 || items.length > 2) {
      this.error(node, `The setting of "${meta.id}" must be [severity] or [severity, options]; this array has ${items.length} elements.`);
      return undefined;
    }
    const severity = this.readSeverity(meta, items[0]!);
    if (severity === undefined) return undefined;
    if (items.length === 1) return [severity];
    return [severity, this.readOptions(meta, items[1]!)];
  }

  private readSeverity(meta: RuleMeta, node: JsonNode): SeveritySetting | undefined {
    if (node.type === 'string' && (SEVERITY_SETTINGS as readonly string[]).includes(node.value)) return node.value as SeveritySetting;
    const got = node.type === 'string' ? `"${node.value}"` : describeType(node);
    this.error(node, `The severity of "${meta.id}" must be "error", "warning", "info" or "off", not ${got}.`);
    return undefined;
  }

  private readOptions(meta: RuleMeta, node: JsonNode): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const specs = meta.options ?? {};
    const names = Object.keys(specs);
    if (node.type !== 'object') {
      this.error(node, `The options of "${meta.id}" must be an object, not ${describeType(node)}.`);
      return out;
    }
    for (const [name, keyNode, value] of properties(node)) {
      if (name === ROLES_OPTION) {
        const roles = this.readRuleRoles(meta, value);
        if (roles) out[name] = roles;
        continue;
      }
      const spec = specs[name];
      if (!spec) {
        const known = names.length
          ? `; its options are ${[...names, ROLES_OPTION].map((n) => `"${n}"`).join(', ')}`
          : `; it has no options other than "${ROLES_OPTION}"`;
        this.error(keyNode, `Unknown option "${name}" for rule "${meta.id}"${suggest(name, [...names, ROLES_OPTION])}${known}.`);
        continue;
      }
      const read = readOptionValue(spec, value, name, meta.id);
      for (const problem of read.problems) (problem.schemaCovered ? this.error(problem.node, problem.message) : this.semanticError(problem.node, problem.message));
      if (read.ok) out[name] = read.value;
    }
    return out;
  }

  private readOverrides(node: JsonNode): ConfigOverride[] {
    if (node.type !== 'array') {
      this.error(node, `"overrides" must be an array of { "files": [...], "rules": {...} } objects, not ${describeType(node)}.`);
      return [];
    }
    const out: ConfigOverride[] = [];
    for (const item of node.children ?? []) {
      if (item.type !== 'object') {
        this.error(item, `Each override must be an object { "files": [...], "rules": {...} }, not ${describeType(item)}.`);
        continue;
      }
      let files: string[] | undefined;
      let rules: Record<string, RuleSettingInput> = {};
      for (const [key, keyNode, value] of properties(item)) {
        if (key === 'files') files = this.readStringArray(value, 'The override\'s "files"');
        else if (key === 'rules') rules = this.readRules(value);
        else this.error(keyNode, `Unknown override setting "${key}"${suggest(key, OVERRIDE_KEYS)}; an override has "files" and "rules".`);
      }
      if (files === undefined) {
        this.error(item, 'This override has no "files": add the globs it applies to, e.g. "files": ["envs/prod/**"].');
        continue;
      }
      if (files.length > 0) out.push({ files, rules });
    }
    return out;
  }

  /** A problem the shipped schema also rejects (a wrong type, an unknown key, a value outside an enum or a range). */
  private error(node: JsonNode, message: string): void {
    this.errorAt(node.offset, node.length, message, false, true);
  }

  /** A problem only the reader sees: a glob or regular expression that cannot be used, an empty glob key. */
  private semanticError(node: JsonNode, message: string): void {
    this.errorAt(node.offset, node.length, message);
  }

  /** The configuration before anything was read: the defaults. */
  defaults(): ReviewConfig {
    return this.config;
  }

  errorAt(offset: number, length: number, message: string, jsonSyntax = false, schemaCovered = false): void {
    const range: Range = rangeFromOffsets(this.lineStarts, offset, offset + length);
    this.errors.push({ file: this.file, message, range, kind: 'config', ...(jsonSyntax ? { jsonSyntax } : {}), ...(schemaCovered ? { schemaCovered } : {}) });
  }
}

function describeParseError(code: string): string {
  // printParseErrorCode gives e.g. "CommaExpected": make it a sentence.
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** ` (did you mean "x"?)` for a near miss, else empty. */
function suggest(got: string, candidates: readonly string[]): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(got.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(got.length / 4)) ? ` (did you mean "${best}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = row;
  }
  return prev[b.length]!;
}
