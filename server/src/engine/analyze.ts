import { resolve } from 'node:path';
import type { SourceFile } from './parse/ast.js';
import { parseSource } from './parse/parse-file.js';
import type { Finding, InputError, UndecidedItem } from './finding.js';
import { isInside, NodeFileHost, type FileHost } from './host.js';
import { buildModule } from './model/build-module.js';
import type { Module } from './model/module.js';
import { ModuleEvaluator } from './evaluate/evaluator.js';
import type { Rule, RuleMeta } from './rules/rule.js';
import { RULES } from './rules/registry.generated.js';
import { runRules, type FixMode } from './run-rules.js';
import { commonAncestor, discoverModules, type ModuleFiles } from './discover.js';
import { loadConfig } from './config/load-config.js';
import { effectiveRuleSetting, isPathIncluded } from './config/effective.js';
import type { EffectiveRuleSetting, ReviewConfig } from './config/types.js';
import { applySuppressions } from './suppress/apply.js';
import { compareRanges } from './range.js';

export interface AnalyzeOptions {
  /** Directory that relative paths (and output paths) are relative to. */
  cwd: string;
  /** Files or directories; directories are searched recursively for modules. Default: cwd. */
  paths?: string[];
  /** Explicit config file (`--config`); else `.iac-review.json` in the analysed directory or the nearest parent. */
  configFile?: string;
  host?: FileHost;
  now?: Date;
  /** Restrict the rules that run (tests, fixtures); default: the whole registry. */
  rules?: readonly Rule<any>[];
  /** Keep the evaluated modules in the result (hovers, checklists); off for a plain check to save memory. */
  keepModules?: boolean;
  /**
   * When fix edits are computed: `eager` (default) as findings are reported;
   * `lazy` on first read of `finding.fix` (an editor: keeps syntax trees alive
   * until then); `none` for output that shows no fixes (fixes that are plain
   * value edits still come along).
   */
  fixes?: FixMode;
}

export interface ModuleAnalysis {
  module: Module;
  evaluator: ModuleEvaluator;
}

export interface AnalysisResult {
  findings: Finding[];
  /** Unreadable files, syntax errors, internal errors. */
  errors: InputError[];
  /** Configuration problems (also a usage error for the CLI). */
  configErrors: InputError[];
  undecided: UndecidedItem[];
  /** Absolute paths of every analysed file. */
  files: string[];
  /** Absolute paths of every module directory. */
  modules: string[];
  config: ReviewConfig;
  /** The evaluated modules, for hovers and checklists (only with `keepModules`). */
  analyses: ModuleAnalysis[];
}

export function analyzeWorkspace(options: AnalyzeOptions): AnalysisResult {
  const cwd = resolve(options.cwd);
  const paths = (options.paths?.length ? options.paths : ['.']).map((p) => resolve(cwd, p));
  const workspaceRoot = paths.every((p) => isInside(cwd, p)) ? cwd : commonAncestor(paths);
  const host = options.host ?? new NodeFileHost(workspaceRoot);
  const rules = options.rules ?? RULES;
  const metas: RuleMeta[] = RULES.map((r) => r.meta);
  for (const r of rules) if (!metas.includes(r.meta)) metas.push(r.meta);
  const now = options.now ?? new Date();

  const firstDir = host.readDirectory(paths[0]!) ? paths[0]! : resolve(paths[0]!, '..');
  const loaded = loadConfig(host, firstDir, options.configFile ? resolve(cwd, options.configFile) : undefined, metas);
  const config = loaded.config;
  const settings = new SettingCache(config, metas);

  const { modules: found, missing } = discoverModules(host, paths, (p) => isPathIncluded(config, p));
  const errors: InputError[] = missing.map((file) => ({ file, message: 'path not found' }));
  const inScope = scopeFilter(paths, host);

  const result: AnalysisResult = {
    findings: [],
    errors,
    configErrors: loaded.errors,
    undecided: [],
    files: [],
    modules: [],
    config,
    analyses: [],
  };

  for (const files of found) {
    const analysis = analyzeModule(files, host, rules, settings, now, result, options.fixes ?? 'eager');
    if (analysis && options.keepModules) result.analyses.push(analysis);
  }
  if (inScope) {
    result.findings = result.findings.filter((f) => inScope(f.file));
    result.undecided = result.undecided.filter((u) => inScope(u.file));
  }
  result.findings.sort(compareFindings);
  return result;
}

function analyzeModule(
  files: ModuleFiles,
  host: FileHost,
  rules: readonly Rule<any>[],
  settings: SettingCache,
  now: Date,
  result: AnalysisResult,
  fixes: FixMode,
): ModuleAnalysis | undefined {
  const parse = (path: string): SourceFile | undefined => {
    result.files.push(path);
    const read = host.readText(path);
    if (!read.ok) {
      result.errors.push({ file: path, message: read.error });
      return undefined;
    }
    const file = parseSource(path, read.text);
    for (const e of file.errors) result.errors.push({ file: path, message: e.message, range: e.range });
    return file;
  };
  const configFiles = files.configFiles.map(parse).filter((f): f is SourceFile => f !== undefined);
  const varFiles = files.varFiles.map(parse).filter((f): f is SourceFile => f !== undefined);
  if (configFiles.length === 0 && varFiles.length === 0) return undefined;
  result.modules.push(files.dir);

  const module = buildModule(files.dir, configFiles, varFiles);
  const evaluator = new ModuleEvaluator(module, host);
  const output = runRules(module, evaluator, rules, (id, file) => settings.get(id, file), { strict: settings.strict, fixes });
  result.errors.push(...output.errors);
  result.undecided.push(...output.undecided);
  const all = [...configFiles, ...varFiles];
  result.findings.push(
    ...applySuppressions(
      output.findings,
      all,
      rules.map((r) => r.meta),
      now,
      (id, file) => settings.get(id, file),
    ),
  );
  return { module, evaluator };
}

/**
 * When the user names files, their whole module is analysed (rules see whole
 * modules) but only findings in the named files, or under named directories, are kept.
 */
function scopeFilter(paths: string[], host: FileHost): ((file: string) => boolean) | undefined {
  const files = new Set(paths.filter((p) => !host.readDirectory(p)));
  if (files.size === 0) return undefined;
  const dirs = paths.filter((p) => !files.has(p));
  return (file) => files.has(file) || dirs.some((d) => isInside(d, file));
}

class SettingCache {
  readonly strict: boolean;
  private readonly cache = new Map<string, EffectiveRuleSetting>();
  private readonly metaById = new Map<string, RuleMeta>();

  constructor(
    private readonly config: ReviewConfig,
    metas: readonly RuleMeta[],
  ) {
    for (const meta of metas) if (!this.metaById.has(meta.id)) this.metaById.set(meta.id, meta);
    this.strict = config.extends === 'strict';
  }

  get(ruleId: string, file: string): EffectiveRuleSetting {
    // Without overrides a rule's setting is the same for every file.
    const key = this.config.overrides.length ? `${ruleId}\u0000${file}` : ruleId;
    let setting = this.cache.get(key);
    if (!setting) {
      const meta = this.metaById.get(ruleId);
      setting = meta
        ? effectiveRuleSetting(this.config, meta, file)
        : { severity: 'off', severityFromConfig: false, options: {} };
      this.cache.set(key, setting);
    }
    return setting;
  }
}

function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return compareRanges(a.range, b.range) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
