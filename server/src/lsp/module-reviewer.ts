import { join } from 'node:path';
import { reviewLoadedModuleSteps, workspaceGraph, type ModuleReview, type ModuleReviewContext } from '../engine/analyze.js';
import { loadModuleSteps, ModuleLoader } from '../engine/workspace/module-loader.js';
import type { Plan } from '../engine/plan/plan-model.js';
import { attachPlanAt } from '../engine/plan/attach-plan.js';
import { callCyclesThrough } from '../engine/workspace/call-cycles.js';
import { localCalls, ModuleGraph } from '../engine/workspace/module-graph.js';
import type { InputError } from '../engine/finding.js';
import { isPathIncluded } from '../engine/config/effective.js';
import { moduleFilesOf, sourceKind, type ModuleFiles } from '../engine/discover.js';
import type { FileHost } from '../engine/host.js';
import type { Rule } from '../engine/rules/rule.js';
import type { Module } from '../engine/model/module.js';
import type { FixMode } from '../engine/run-rules.js';
import { roleFactsOf } from '../engine/roles/role-facts.js';
import type { WorkspaceConfigs } from './workspace-configs.js';
import { WorkspaceRoles } from './workspace-roles.js';
import { excludedReason, type SkippedFile } from './review-log.js';
import { ParsedFileCache } from './parsed-file-cache.js';
import { drain } from '../engine/steps.js';
import { RuleMemory } from '../engine/incremental/rule-memory.js';
import { StandaloneRuns } from '../engine/workspace/standalone-runs.js';
import type { ReviewConfig } from '../engine/config/types.js';

/**
 * The source text whose syntax trees are kept between reviews (ParsedFileCache): trees take some fifty
 * times their text, so half a million characters hold about 25 MB, a module and its callees several times
 * over. More saves little: the scan reviews a directory after the modules inside it, so a repository's
 * trees are reused while they are recent (on the 20,000-file workspace 2 M characters saved 4% of the
 * scan's CPU time and cost 90 MB more RSS).
 */
const PARSED_CACHE_CHARS = 512 * 1024;

/**
 * Modules whose last rule runs are remembered (RuleMemory), the most
 * recently reviewed ones: the modules being typed in. Each holds its last module
 * model and findings, so a few are enough.
 */
const REMEMBERED_MODULES = 4;

/**
 * How much source the modules a scan share's reviews reach may hold before
 * they are read afresh (ModuleReviewer's `shareCallees`): a repository's
 * modules are reviewed one after the other, callers first, so its callees
 * stay loaded while its examples are reviewed. A scan worker's heap is
 * bounded (scan-pool.ts): half a million characters is some 25 MB of trees.
 * On the 20,000-file workspace a million saved no more time and took the
 * server's peak RSS from 353 to 364–396 MB; half a million, 354–360 MB.
 */
const SHARED_CALLEE_CHARS = 500_000;

/** The called modules the reviews of a scan share read once, and what each rule said about them on their own. */
interface SharedCallees {
  root: string;
  config: ReviewConfig;
  fixes: FixMode;
  loader: ModuleLoader;
  runs: StandaloneRuns;
}

export interface ReviewerOptions {
  /** The rules to run (default: the whole catalog); tests add one that throws. */
  rules?: readonly Rule<any>[];
  now?: () => Date;
  /** The module at the base of the change, for the diff-only rules (SPEC §7); absent or undefined: they do not run. */
  baseModule?: (dir: string) => Module | undefined;
  /** The folder's plan and the directory of the module it is a plan of (SPEC §10), when a usable plan is set. */
  planFor?: (root: string) => { plan: Plan; rootDir: string } | undefined;
  /** Whether a file is open in the editor: its tree is kept even when it is larger than the cache's bound. */
  isOpen?: (path: string) => boolean;
  /** Whether reviews remember their rule runs for the next review of the same module (default true; tests compare both). */
  remember?: boolean;
  /**
   * Whether reviews share the modules their calls reach, and those modules' own rule runs, with the next
   * reviews: only for a scan of a snapshot of the workspace (a scan worker's), where nothing changes
   * between its reviews. The editor's own reviews read callees afresh each time.
   */
  shareCallees?: boolean;
}

/** Reviews one module directory as the editor sees it, under the configuration of its workspace folder. */
export class ModuleReviewer {
  /** Every reviewed module's role; a review records what it learnt of its module's calls. */
  readonly roles: WorkspaceRoles;

  /** Syntax trees shared by reviews (open documents' included; a changed text is re-parsed around the edit). */
  readonly parsed: ParsedFileCache;

  constructor(
    readonly hostFor: (root: string) => FileHost,
    readonly configs: WorkspaceConfigs,
    private readonly options: ReviewerOptions = {},
  ) {
    this.roles = new WorkspaceRoles(configs);
    this.parsed = new ParsedFileCache(PARSED_CACHE_CHARS, options.isOpen);
  }

  /** The last rule runs of the modules being edited, by folder, most recent last. */
  private readonly memories = new Map<string, RuleMemory>();

  /**
   * The memory of a module's last review, for reviews of modules with an open
   * file (fixes computed lazily): those are the ones typed in. A start-up
   * scan's reviews (no open file) keep nothing.
   */
  private memoryFor(dir: string, fixes: FixMode): RuleMemory | undefined {
    if (fixes !== 'lazy' || this.options.remember === false) return undefined;
    let memory = this.memories.get(dir);
    if (memory) this.memories.delete(dir);
    else memory = new RuleMemory({ dir });
    this.memories.set(dir, memory);
    for (const oldest of this.memories.keys()) {
      if (this.memories.size <= REMEMBERED_MODULES) break;
      this.memories.delete(oldest);
    }
    return memory;
  }

  /** Whether reviews in a folder read a plan (SPEC §10). */
  usesPlan(root: string): boolean {
    return this.options.planFor?.(root) !== undefined;
  }

  /** The files each directory's last review left out, and why (the output channel says so). */
  private readonly skipped = new Map<string, SkippedFile[]>();

  /** The module's files after config include/exclude and the `.tofu` twin rule; undefined when there are none. */
  filesOf(dir: string): ModuleFiles | undefined {
    const root = this.configs.folderFor(dir);
    const { config } = this.configs.configFor(root);
    const entries = this.hostFor(root).readDirectory(dir);
    const skipped: SkippedFile[] = [];
    this.skipped.set(dir, skipped);
    if (!entries) return undefined;
    const sources = entries.filter((e) => !e.isDirectory && sourceKind(e.name)).map((e) => e.name);
    const names: string[] = [];
    for (const name of sources) {
      if (isPathIncluded(config, join(dir, name))) names.push(name);
      else skipped.push({ file: join(dir, name), reason: excludedReason(config.file) });
    }
    const files = moduleFilesOf(dir, names);
    const kept = new Set([...files.configFiles, ...files.varFiles]);
    for (const name of names) {
      const file = join(dir, name);
      if (!kept.has(file)) skipped.push({ file, reason: `${name.replace(/\.tf(\.json)?$/, '.tofu$1')} replaces it (OpenTofu loads the .tofu file instead)` });
    }
    return files.configFiles.length || files.varFiles.length ? files : undefined;
  }

  private shared: SharedCallees | undefined;

  /** The callees shared with the previous reviews, unless the folder, its configuration or the fix mode changed, or they grew too large. */
  private sharedCallees(root: string, config: ReviewConfig, fixes: FixMode): SharedCallees {
    const current = this.shared;
    if (current && current.root === root && current.config === config && current.fixes === fixes && current.loader.loadedChars <= SHARED_CALLEE_CHARS) return current;
    const loader = new ModuleLoader(this.hostFor(root), (p) => isPathIncluded(config, p), this.parsed);
    return (this.shared = { root, config, fixes, loader, runs: new StandaloneRuns() });
  }

  /** What the last review of `dir` left out. */
  skippedIn(dir: string): readonly SkippedFile[] {
    return this.skipped.get(dir) ?? [];
  }

  /**
   * Never throws: an engine failure outside the rules (which are isolated
   * already) becomes an internal error on the module's first file.
   */
  review(dir: string, fixes: FixMode): ModuleReview {
    return drain(this.reviewSteps(dir, fixes));
  }

  /**
   * The review in steps (reviewLoadedModuleSteps): reading and parsing the
   * module is the first, each rule one more. Never throws, as `review`.
   */
  *reviewSteps(dir: string, fixes: FixMode): Generator<void, ModuleReview, void> {
    const files = this.filesOf(dir);
    if (!files) {
      this.roles.record(dir, undefined);
      return { dir, files: [], findings: [], errors: [], undecided: [] };
    }
    const root = this.configs.folderFor(dir);
    try {
      const host = this.hostFor(root);
      const config = this.configs.configFor(root).config;
      const shared = this.options.shareCallees ? this.sharedCallees(root, config, fixes) : undefined;
      // A module an earlier review of the scan called is read already (its own rule runs are still its own).
      const loaded = shared?.loader.peek(dir) ?? (yield* loadModuleSteps(files, host, this.parsed));
      // Its own facts first: roles are read from every module's facts, this one's included.
      this.roles.record(dir, loaded.module ? roleFactsOf(loaded.module) : undefined);
      yield;
      const role = this.roles.roleOf(dir);
      const planned = this.options.planFor?.(root);
      // A module reviewed with a plan's values is judged afresh each time (the plan can change without its text).
      const memory = planned?.rootDir === dir ? undefined : this.memoryFor(dir, fixes);
      const context: ModuleReviewContext = {
        host,
        config,
        now: this.options.now?.() ?? new Date(),
        fixes,
        ...(role ? { role } : {}),
        ...(this.options.baseModule ? { baseModuleFor: this.options.baseModule } : {}),
        ...(this.options.rules ? { rules: this.options.rules } : {}),
        ...(memory ? { ruleMemory: memory } : {}),
      };
      // The modules it calls are read afresh through the same host (open documents included), each in its own role.
      const graph = workspaceGraph(shared ? { ...context, standaloneRuns: shared.runs } : context);
      // The modules it calls are read through the same trees (workspaceGraph's own loader parses afresh).
      graph.modules = new ModuleGraph(shared?.loader ?? new ModuleLoader(host, (p) => isPathIncluded(config, p), this.parsed));
      graph.roleOf = (d) => this.roles.roleOf(d)?.role;
      // The module the plan is a plan of is reviewed with the plan's values, and so are the modules it calls from there.
      if (planned && loaded.module && planned.rootDir === dir) attachPlanAt(planned.plan, graph.modules, loaded.module, root, this.options.baseModule);
      const review = yield* reviewLoadedModuleSteps(loaded, { ...context, graph });
      return withGraphErrors(review, loaded.module, graph.modules.limitReached, (d) => this.roles.calleesOf(d), root);
    } catch (e) {
      const file = files.configFiles[0] ?? files.varFiles[0]!;
      return {
        dir,
        files: [...files.configFiles, ...files.varFiles],
        findings: [],
        undecided: [],
        errors: [{ file, kind: 'internal', message: `internal error while reviewing this module: ${(e as Error)?.message ?? String(e)}` }],
      };
    }
  }
}

/**
 * What the walk through module calls found that is about this module's own
 * calls — a cycle it starts, the instance limit reached at one of its calls
 * — added to its review (the editor publishes per module, on its files only).
 */
function withGraphErrors(
  review: ModuleReview,
  module: Module | undefined,
  limit: InputError | undefined,
  calleesOf: (dir: string) => readonly string[],
  root: string,
): ModuleReview {
  if (!module) return review;
  const own = new Set(review.files);
  const errors = callCyclesThrough(module.dir, localCalls([module]).get(module.dir) ?? [], calleesOf, root);
  if (limit && own.has(limit.file)) errors.push(limit);
  return errors.length ? { ...review, errors: [...review.errors, ...errors] } : review;
}
