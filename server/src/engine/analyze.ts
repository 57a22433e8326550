import { dirname, resolve } from 'node:path';
import type { Finding, InputError, UndecidedItem } from './finding.js';
import { isInside, NodeFileHost, type FileHost } from './host.js';
import type { Module } from './model/module.js';
import type { ModuleEvaluator } from './evaluate/evaluator.js';
import { ModuleLoader, sourceChars, type LoadedModule } from './workspace/module-loader.js';
import { localCalls, ModuleGraph, type LocalCall } from './workspace/module-graph.js';
import type { ModuleInstance } from './workspace/module-instance.js';
import { InstanceRuns, placeKey } from './workspace/instance-runs.js';
import { callerFindings } from './workspace/caller-findings.js';
import { ModuleReleases } from './workspace/module-releases.js';
import { reviewOrder } from './workspace/review-order.js';
import type { Rule, RuleMeta } from './rules/rule.js';
import { RULES } from './rules/registry.generated.js';
import { rulesWithPolicies } from './policies/rule-set.js';
import { runRules, type FixMode } from './run-rules.js';
import { discoverModules, type ModuleFiles } from './discover.js';
import { findWorkspaceRoots } from './workspace-root.js';
import { loadConfig, type LoadedConfig } from './config/load-config.js';
import { effectiveRuleSetting, isPathIncluded, ruleTimeBudgetMs } from './config/effective.js';
import type { EffectiveRuleSetting, ReviewConfig } from './config/types.js';
import { applySuppressions } from './suppress/apply.js';
import { compareRanges, type Range } from './range.js';
import type { Plan } from './plan/plan-model.js';
import { attachPlan } from './plan/attach-plan.js';
import { timed } from './timings.js';
import type { RuleMemory } from './incremental/rule-memory.js';
import { firstLineRange } from './first-line-range.js';
import { assignModuleRoles, type RoleAssignmentOptions } from './roles/assign-roles.js';
import { roleFactsOf, type ModuleRoleFacts } from './roles/role-facts.js';
import type { ModuleRole, ModuleRoleAssignment } from './roles/module-role.js';
import { drain } from './steps.js';
import type { StandaloneRuns } from './workspace/standalone-runs.js';

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
  /** The configuration to use instead of loading one (diff mode reviews the base under the working tree's config). */
  config?: LoadedConfig;
  /** Diff mode: the same module at the base of the change, for rules that compare (SPEC §7). */
  baseModuleFor?: (dir: string) => Module | undefined;
  /**
   * Whether the result lists undecided items (default true). Deciding a
   * called module's items through its callers runs rules on every caller's
   * instance of it; output without a checklist skips that, and gets none.
   */
  undecided?: boolean;
  /**
   * Plan-aware review (SPEC §10): the plan of the reviewed root module
   * (`terraform show -json`). Its values are facts where the code's are
   * unknown; the `plan/*` rules run. A plan of other code throws PlanError.
   */
  plan?: Plan;
  /**
   * One share of a review run on several threads (cli/parallel-review.ts): only the discovered modules
   * [start, end) are reviewed, in discovery order, and the result says what merging the shares must check.
   */
  moduleRange?: { start: number; end: number };
  /** With `moduleRange`: the instance budget shared by all the shares (ModuleGraph.instanceBudget). */
  instanceBudget?: (added: number) => boolean;
  /** The discovery of `paths` under this config, when the caller has made it already (not made twice). */
  discovered?: ReturnType<typeof discoverModules>;
}

/** What the merge of a parallel review checks before it trusts the shares to add up to one review. */
export interface ShareFacts {
  /** Errors before the first module's (paths not found, directories refused): every share has them. */
  leadingErrors: number;
  /** Errors after the last module's (call cycles, the instance limit): a share with any is not merged. */
  trailingErrors: number;
  /** The reviewed modules' role facts: roles are assigned again over all the shares' (a caller in another share changes a role). */
  facts: ModuleRoleFacts[];
  /** Module instances the share created (MAX_MODULE_INSTANCES bounds each call tree, MAX_REVIEW_INSTANCES the review). */
  instances: number;
  /** The shares together passed MAX_REVIEW_INSTANCES: this one stopped early, and nothing of it is merged. */
  abandoned: boolean;
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
  /** Each module's role and why (SPEC §2a), in the order of `modules`. */
  moduleRoles: ModuleRoleAssignment[];
  config: ReviewConfig;
  /** The evaluated modules, for hovers and checklists (only with `keepModules`). */
  analyses: ModuleAnalysis[];
  /** With a plan: what of the plan the code does not have, and the like (SPEC §10: nothing silently ignored). */
  planNotes?: string[];
  /** With a plan: where a plan address is placed in the code (its block; a module call; a removed block's last place). */
  planPlace?: (address: string) => { file: string; range: Range; address: string } | undefined;
  /** With `moduleRange`: what the merge checks. */
  share?: ShareFacts;
}

/**
 * A group (review-order.ts) of at most this many modules, and READ_GROUP_CHARS of source, is read whole
 * before its first review: every call inside it is then known, so no module goes while a caller in its
 * group is still to come, and a module whose role depends on who calls it is reviewed in the role the group
 * gives it. A larger group (a thousand deployments under one root module) is read one module at a time, as
 * before: memory stays bounded; a callee that went before a caller came is read again (once), and such a
 * module is reviewed as a deployment first, again at the end if something calls it.
 */
const READ_GROUP_UP_TO = 256;

/**
 * And at most this much source text (characters): past it, the rest of the group is read one module at a time
 * (a pull request can add modules of 8 MB files). The largest of the ten public repositories is 2.1 M.
 */
const READ_GROUP_CHARS = 4 * 1024 * 1024;

export function analyzeWorkspace(options: AnalyzeOptions): AnalysisResult {
  const cwd = resolve(options.cwd);
  const paths = (options.paths?.length ? options.paths : ['.']).map((p) => resolve(cwd, p));
  // The workspace (SPEC §2) of the analysed paths, never the working directory: what a reviewed file may read.
  const host = options.host ?? new NodeFileHost(findWorkspaceRoots(paths));
  const now = options.now ?? new Date();

  const loaded = options.config ?? timed('config', () => loadAnalysisConfig(options, host));
  const config = loaded.config;
  const rules = rulesWithPolicies(options.rules ?? RULES, config);

  const discovered = options.discovered ?? timed('discovery', () => discoverModules(host, paths, (p) => isPathIncluded(config, p)));
  const { missing, refused } = discovered;
  const found = options.moduleRange ? discovered.modules.slice(options.moduleRange.start, options.moduleRange.end) : discovered.modules;
  const inScope = scopeFilter(paths, host);

  const result: AnalysisResult = {
    findings: [],
    errors: [
      ...missing.map((file) => ({ file, message: 'path not found', kind: 'missing' as const })),
      ...refused.map(({ path, reason }) => ({ file: path, message: `directory not searched: ${reason}`, kind: 'unreadable' as const })),
    ],
    configErrors: loaded.errors,
    undecided: [],
    files: [],
    modules: [],
    moduleRoles: [],
    config,
    analyses: [],
  };

  const context: ModuleReviewContext = { host, config, rules, now, fixes: options.fixes ?? 'eager' };
  if (options.baseModuleFor) context.baseModuleFor = options.baseModuleFor;
  const graph = (context.graph = workspaceGraph(context));
  if (options.instanceBudget) graph.modules.instanceBudget = options.instanceBudget;
  const attached = options.plan
    ? attachPlan(options.plan, graph.modules, found.flatMap((f) => graph.modules.loader.load(f).module ?? []), host.workspaceRoot, options.baseModuleFor)
    : undefined;
  const roleOptions = roleAssignmentOptions(paths, host, config);
  const listUndecided = options.undecided !== false;
  const order = reviewOrder(found, roleOptions, paths);
  // Every module's local calls, so that a module is kept loaded while something may still call it, and cycles are found.
  const calls = new Map<string, LocalCall[]>();
  const foundDirs = new Set(found.map((f) => f.dir));
  // A module reviewed again at the end if a late call changes its role (a deferred one) is kept once loaded again.
  const deferredDirs = new Set(order.groups.flatMap((g) => g.deferred.map((d) => d.files.dir)));
  const releases = new ModuleReleases((dir) => foundDirs.has(dir), (dir) => !deferredDirs.has(dir));
  const facts: ModuleRoleFacts[] = [];
  const load = (files: ModuleFiles): LoadedModule => {
    const entry = graph.modules.loader.load(files);
    if (entry.module && !calls.has(entry.dir)) {
      facts.push(roleFactsOf(entry.module));
      for (const [dir, list] of localCalls([entry.module])) {
        calls.set(dir, list);
        releases.record(dir, list);
      }
    }
    return entry;
  };
  // Listing undecided items walks the call chains again at the end: then every module is loaded first.
  const preloaded = listUndecided ? new Map(order.groups.flatMap((g) => [...g.callers, ...g.deferred, ...g.modules]).map((d) => [d.files.dir, load(d.files)])) : undefined;
  const reviews = new Map<number, { review: ModuleReview; analysed: boolean; role?: ModuleRoleAssignment }>();
  const reviewed = new Map<string, Module>();
  const review = (files: ModuleFiles, role: ModuleRoleAssignment | undefined, index: number): void => {
    if (graph.modules.abandoned) return;
    const entry = preloaded?.get(files.dir) ?? load(files);
    const done = reviewLoadedModule(entry, role ? { ...context, role } : context);
    const module = done.analysis?.module;
    // The result needs the evaluated module only with `keepModules`: held until the end, it would keep every syntax tree.
    const { analysis, ...rest } = done;
    // Undecided items not asked for are not kept either: nothing reads them, and a workspace has thousands.
    if (!listUndecided) rest.undecided = [];
    reviews.set(index, { review: options.keepModules ? done : rest, analysed: analysis !== undefined, ...(role ? { role } : {}) });
    if (!module) return;
    if (options.keepModules) {
      reviewed.set(module.dir, module);
      return;
    }
    if (!listUndecided) {
      // Nothing walks the call chains again at the end: a module goes once it and its known callers are reviewed.
      for (const dir of releases.reviewedNow(module.dir, calls.get(module.dir) ?? [])) graph.modules.forget(dir);
      return;
    }
    // Nothing calls it (as far as the modules read so far say) and nothing walks from it again: its evaluation can go.
    if (!releases.isCalled(module.dir) && module.moduleCalls.length === 0) graph.modules.forget(module.dir);
    else reviewed.set(module.dir, module);
  };
  // Group by group (review-order.ts): in each, examples, tests and deployments (which call the others) first; then the
  // modules whose role depends on who calls them; then `modules/`, which the others call. A module whose role
  // depends on callers is reviewed in the role its group gives it when the group is read whole, and again at the end
  // if a call read later makes it something else.
  // (Only `versioning/provider-pinned` reads the role, and only for examples, which their path decides: a review's
  // rule runs stay valid under the final role.)
  const upfront = preloaded ? assignModuleRoles(facts, roleOptions) : undefined;
  let roles = upfront;
  graph.roleOf = (dir) => roles?.get(dir)?.role ?? order.pathRoles.get(dir)?.role;
  for (const group of order.groups) {
    const members = [...group.callers, ...group.deferred, ...group.modules];
    let known = upfront;
    if (!known && members.length <= READ_GROUP_UP_TO) {
      const from = facts.length;
      let chars = 0;
      for (const d of members) {
        chars += sourceChars(load(d.files));
        if (chars > READ_GROUP_CHARS) break;
      }
      // Only the group's facts: linear in the workspace (a caller in another group is read at the end).
      if (chars <= READ_GROUP_CHARS) known = assignModuleRoles(facts.slice(from), roleOptions);
    }
    for (const d of group.callers) review(d.files, d.role, d.index);
    for (const d of group.deferred) review(d.files, known?.get(d.files.dir), d.index);
    for (const d of group.modules) review(d.files, d.role, d.index);
  }
  if (!upfront) {
    roles = assignModuleRoles(facts, roleOptions);
    for (const group of order.groups) {
      for (const d of group.deferred) {
        const role = roles.get(d.files.dir);
        if (!role) continue;
        const first = reviews.get(d.index);
        // Not reviewed at all: a share past the instance budget stopped reviewing (its result is not used).
        if (!first) continue;
        if (role.role === (first.role?.role ?? 'deployment')) reviews.set(d.index, { ...first, role });
        else review(d.files, role, d.index);
      }
    }
  }
  const reviewedModules = [...reviewed.values()];

  // Results in discovery order, whatever order the modules were reviewed in.
  for (const { review: done, analysed, role } of [...reviews.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r)) {
    // Loops, not push(...spread): a module can hold more findings than a call has room for arguments.
    for (const f of done.files) result.files.push(f);
    for (const e of done.errors) result.errors.push(e);
    if (!analysed) continue;
    result.modules.push(done.dir);
    if (role) result.moduleRoles.push(role);
    for (const f of done.findings) result.findings.push(f);
    for (const u of done.undecided) result.undecided.push(u);
    if (done.analysis) result.analyses.push(done.analysis);
  }
  result.undecided = listUndecided ? undecidedAfterCallers(result.undecided, reviewedModules, graph, rules) : [];
  graph.modules.detectCycles(calls);
  for (const e of graph.modules.cycles) result.errors.push(e);
  if (graph.modules.limitReached) result.errors.push(graph.modules.limitReached);
  if (inScope) {
    result.findings = result.findings.filter((f) => inScope(f.file));
    result.undecided = result.undecided.filter((u) => inScope(u.file));
  }
  result.findings.sort(compareFindings);
  if (attached) {
    result.planNotes = attached.notes();
    const byAddress = new Map(attached.context.plan.resourceChanges.map((r) => [r.address, r]));
    result.planPlace = (address) => {
      const r = byAddress.get(address);
      const place = r && attached.place(r);
      return place && { file: place.file.path, range: place.range, address: place.address };
    };
  }
  if (options.moduleRange) {
    result.share = {
      leadingErrors: missing.length + refused.length,
      trailingErrors: graph.modules.cycles.length + (graph.modules.limitReached ? 1 : 0),
      facts,
      instances: graph.modules.instanceCount,
      abandoned: graph.modules.abandoned,
    };
  }
  return result;
}

/** How roles are assigned in a review of `paths` under `config` (SPEC §2a). */
export function roleAssignmentOptions(paths: readonly string[], host: FileHost, config: ReviewConfig): RoleAssignmentOptions {
  return { analysedDirs: analysedDirectories(paths, host), configured: { baseDir: config.baseDir, roles: config.roles } };
}

/**
 * The configuration a review of `paths` uses: `configFile`, else
 * `.iac-review.json` in the first path's directory or its nearest parent.
 */
export function loadAnalysisConfig(options: Pick<AnalyzeOptions, 'cwd' | 'paths' | 'configFile' | 'rules'>, host: FileHost): LoadedConfig {
  const cwd = resolve(options.cwd);
  const first = resolve(cwd, options.paths?.[0] ?? '.');
  const dir = host.readDirectory(first) ? first : resolve(first, '..');
  return loadConfig(host, dir, options.configFile ? resolve(cwd, options.configFile) : undefined, ruleMetas(options.rules ?? RULES));
}

/** What reviewing one module needs: where files come from, the config in force, the rules. */
export interface ModuleReviewContext {
  host: FileHost;
  config: ReviewConfig;
  rules?: readonly Rule<any>[];
  now?: Date;
  fixes?: FixMode;
  baseModuleFor?: (dir: string) => Module | undefined;
  /** The module's role (SPEC §2a): rules that do not apply in it stay off. Absent: `deployment`, where every rule applies. */
  role?: ModuleRoleAssignment;
  /** The workspace's modules and the rule runs over their instances, shared by the reviews of one workspace; else one per review. */
  graph?: WorkspaceGraph;
  /**
   * The editor's memory of this module's last review (kept per module
   * folder): block-local rules then judge again only the blocks an edit can
   * change (incremental/rule-memory.ts). The CLI reviews without one.
   */
  ruleMemory?: RuleMemory;
  /** Runs of called modules on their own, kept from earlier reviews of a scan share (workspace/standalone-runs.ts). */
  standaloneRuns?: StandaloneRuns;
}

/** The modules of one review and what the rules said about each instance, shared so that each is computed once. */
export interface WorkspaceGraph {
  modules: ModuleGraph;
  runs: InstanceRuns;
  /** The role of a module directory, when roles were assigned (callee instances are run in their own role). */
  roleOf: (dir: string) => ModuleRole | undefined;
}

export type { LoadedModule } from './workspace/module-loader.js';

/** The review of one module (one directory). */
export interface ModuleReview {
  dir: string;
  /** Absolute paths of the files read. */
  files: string[];
  findings: Finding[];
  errors: InputError[];
  undecided: UndecidedItem[];
  /** Absent when no file of the module could be read. */
  analysis?: ModuleAnalysis;
  /** The role the module was reviewed in, when one was given. */
  role?: ModuleRoleAssignment;
}

/** A graph over the context's host, config and rules: one per workspace review. */
export function workspaceGraph(context: ModuleReviewContext): WorkspaceGraph {
  const settings = settingsFor(context.config, contextRules(context));
  const loader = new ModuleLoader(context.host, (p) => isPathIncluded(context.config, p));
  const graph: WorkspaceGraph = {
    modules: new ModuleGraph(loader),
    runs: new InstanceRuns((id, file) => settings.get(id, file), {
      strict: settings.strict,
      timeBudgetMs: ruleTimeBudgetMs(context.config),
      fixes: context.fixes ?? 'eager',
      roleOf: (dir) => graph.roleOf(dir) ?? 'module',
      ...(context.ruleMemory ? { memory: context.ruleMemory, signature: [context.config, context.rules] } : {}),
      ...(context.standaloneRuns ? { standaloneRuns: context.standaloneRuns } : {}),
    }),
    roleOf: () => undefined,
  };
  return graph;
}

/**
 * Reviews one module: the unit a language server re-runs when one of its
 * files changes (the CLI loads every module first, to assign roles).
 */
export function reviewModule(files: ModuleFiles, context: ModuleReviewContext): ModuleReview {
  const graph = context.graph ?? workspaceGraph(context);
  return reviewLoadedModule(graph.modules.loader.load(files), { ...context, graph });
}

/**
 * Runs the rules that apply in the module's role over a loaded module, then
 * its suppressions. Its findings are its own (the module evaluated on its
 * own) and those its calls produce only because of the values it passes
 * (SPEC §2a), placed in its files.
 */
export function reviewLoadedModule(loaded: LoadedModule, context: ModuleReviewContext): ModuleReview {
  return drain(reviewLoadedModuleSteps(loaded, context));
}

/**
 * reviewLoadedModule in steps: it yields after each rule and after the
 * findings of its calls, so a caller that cannot wait for a whole review (the
 * language server, whose event loop must not be held for long) can run a few
 * steps at a time, and drop a review a newer edit has made useless.
 */
export function* reviewLoadedModuleSteps(loaded: LoadedModule, context: ModuleReviewContext): Generator<void, ModuleReview, void> {
  const { config } = context;
  const rules = contextRules(context);
  const graph = context.graph ?? workspaceGraph(context);
  const review: ModuleReview = { dir: loaded.dir, files: loaded.files, findings: [], errors: [...loaded.errors], undecided: [] };
  if (context.role) review.role = context.role;
  const module = loaded.module;
  if (!module) return review;

  const role = context.role?.role ?? 'deployment';
  const settings = settingsFor(config, rules);
  const setting = (id: string, file: string) => settings.get(id, file, role);
  const sourceFiles = [...module.files, ...module.varFiles];
  const enabled = rules.filter((r) => r.check && !r.meta.diffOnly && sourceFiles.some((f) => setting(r.meta.id, f.path).severity !== 'off'));
  const instance = graph.modules.standalone(module);
  graph.runs.setRole(instance, role);
  if (context.ruleMemory && !module.planned) {
    context.ruleMemory.prepare(module);
    yield;
  }
  const findings: Finding[] = [];
  for (const rule of enabled) {
    const run = graph.runs.run(instance, rule);
    for (const f of run.findings) if (setting(f.ruleId, f.file).severity !== 'off') findings.push(f);
    for (const u of run.undecided) if (setting(u.ruleId, u.file).severity !== 'off') review.undecided.push(u);
    for (const e of run.errors) review.errors.push(e);
    yield;
  }
  // A caller's finding the module's own review already makes (a literal it writes) is not made twice. The places
  // of its own findings are listed only when there is a caller's finding to compare (most modules call none).
  let own: Set<string> | undefined;
  for (const f of callerFindings(instance, enabled, graph.runs)) {
    own ??= new Set(findings.map(placeKey));
    if (own.has(placeKey(f))) continue;
    const placed = setting(f.ruleId, f.file);
    if (placed.severity === 'off') continue;
    if (placed.severityFromConfig) f.severity = placed.severity as Finding['severity'];
    findings.push(f);
  }
  yield;
  // Rules that compare with the base of a change (SPEC §7) see the module on its own.
  const base = context.baseModuleFor?.(loaded.dir);
  if (base) {
    const output = runRules(module, instance.evaluator, rules.filter((r) => r.meta.diffOnly), setting, {
      timeBudgetMs: ruleTimeBudgetMs(config),
      strict: settings.strict,
      fixes: context.fixes ?? 'eager',
      role,
      base,
    });
    for (const e of output.errors) review.errors.push(e);
    for (const u of output.undecided) review.undecided.push(u);
    for (const f of output.findings) findings.push(f);
  }
  review.findings = timed('suppressions', () => applySuppressions(findings, sourceFiles, metasOf(rules), context.now ?? new Date(), setting));
  // Placed on their first line (SPEC §2) after suppressions matched the whole range; the same for the CLI and the editor.
  // In place: the objects belong to this module's rule runs, and shortening a range twice changes nothing.
  const fileByPath = new Map(sourceFiles.map((f) => [f.path, f]));
  for (const f of review.findings) {
    const file = fileByPath.get(f.file);
    if (file) f.range = firstLineRange(f.range, file);
  }
  review.findings.sort(compareFindings);
  review.analysis = { module, evaluator: instance.evaluator };
  return review;
}

/**
 * Drops the undecided items of called modules that every caller decides
 * (SPEC §2a): an item stays when the module has no caller among the
 * reviewed modules, when its rule does not depend on the caller, or when it
 * is still undecided in at least one place the module is called from.
 */
export function undecidedAfterCallers(items: UndecidedItem[], reviewed: readonly Module[], graph: WorkspaceGraph, rules: readonly Rule<any>[]): UndecidedItem[] {
  const instances = calledInstances(reviewed, graph.modules);
  if (instances.size === 0) return items;
  const moduleOfFile = new Map<string, Module>();
  for (const m of reviewed) for (const f of m.files) moduleOfFile.set(f.path, m);
  const ruleById = new Map(rules.map((r) => [r.meta.id, r]));
  return items.filter((item) => {
    const module = moduleOfFile.get(item.file);
    const rule = ruleById.get(item.ruleId);
    const callers = module && instances.get(module);
    if (!module || !rule || !callers?.length) return true;
    if (!graph.runs.dependsOnCaller(graph.modules.standalone(module), rule)) return true;
    const key = placeKey(item);
    // A caller that decides nothing leaves every item as open as the module on its own.
    return callers.some((i) => i.decidesNothing || graph.runs.run(i, rule).undecided.some((u) => placeKey(u) === key));
  });
}

/** Every instance of a reviewed module created by the call chains that start at a reviewed module nobody calls. */
function calledInstances(reviewed: readonly Module[], graph: ModuleGraph): Map<Module, ModuleInstance[]> {
  const called = new Set<Module>();
  for (const m of reviewed) for (const child of graph.standalone(m).allChildren()) called.add(child.module);
  const out = new Map<Module, ModuleInstance[]>();
  const visited = new Set<ModuleInstance>();
  const visit = (instance: ModuleInstance): void => {
    for (const child of instance.allChildren()) {
      const list = out.get(child.module);
      if (list) list.push(child);
      else out.set(child.module, [child]);
      // Below a caller that decides nothing, the calls read as they do from the module on its own: walk those, once.
      const next = child.decidesNothing ? graph.standalone(child.module) : child;
      if (visited.has(next)) continue;
      visited.add(next);
      visit(next);
    }
  };
  for (const m of reviewed) if (!called.has(m)) visit(graph.standalone(m));
  return out;
}

/** The rules a review context runs: its rules (default the catalog) and its configuration's policies. */
function contextRules(context: ModuleReviewContext): readonly Rule<any>[] {
  return rulesWithPolicies(context.rules ?? RULES, context.config);
}

const metaLists = new WeakMap<readonly Rule<any>[], RuleMeta[]>();

/** The metadata of a rule list, one array per list (suppressions index it once per list, not per module). */
function metasOf(rules: readonly Rule<any>[]): RuleMeta[] {
  let metas = metaLists.get(rules);
  if (!metas) metaLists.set(rules, (metas = rules.map((r) => r.meta)));
  return metas;
}

/** The registry's rules' metadata, plus that of any extra rules given (tests). */
function ruleMetas(rules: readonly Rule<any>[]): RuleMeta[] {
  const metas: RuleMeta[] = RULES.map((r) => r.meta);
  for (const r of rules) if (!metas.includes(r.meta)) metas.push(r.meta);
  return metas;
}

/** One setting cache per config and rule set: a server reviews many modules under one config. */
const settingCaches = new WeakMap<ReviewConfig, WeakMap<readonly Rule<any>[], SettingCache>>();

function settingsFor(config: ReviewConfig, rules: readonly Rule<any>[]): SettingCache {
  let byRules = settingCaches.get(config);
  if (!byRules) settingCaches.set(config, (byRules = new WeakMap()));
  let cache = byRules.get(rules);
  if (!cache) byRules.set(rules, (cache = new SettingCache(config, ruleMetas(rules))));
  return cache;
}

/** The directories module paths are read from for roles: each directory PATH, and a file PATH's directory. */
function analysedDirectories(paths: readonly string[], host: FileHost): string[] {
  return paths.map((p) => (host.readDirectory(p) ? p : dirname(p)));
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

const OFF_IN_ROLE: EffectiveRuleSetting = { severity: 'off', severityFromConfig: false, options: {} };

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

  /** The setting of a rule on a file of a module in `role`: off where the rule does not apply (SPEC §2a). */
  get(ruleId: string, file: string, role?: ModuleRole): EffectiveRuleSetting {
    const setting = this.configured(ruleId, file);
    return role === undefined || !setting.roles || setting.roles.includes(role) ? setting : OFF_IN_ROLE;
  }

  private configured(ruleId: string, file: string): EffectiveRuleSetting {
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

export function compareFindings(a: Finding, b: Finding): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return compareRanges(a.range, b.range) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0);
}
