import { basename, dirname } from 'node:path';
import {
  CodeActionKind,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  FileChangeType,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { RULES } from '../engine/rules/registry.generated.js';
import { sourceKind } from '../engine/discover.js';
import type { RuleMeta } from '../engine/rules/rule.js';
import { policyRule } from '../engine/policies/policy-rule.js';
import { TOOL_NAME, TOOL_VERSION } from '../cli/tool-info.js';
import { hoverMarkdown } from './hover-content.js';
import {
  EXERCISE_LIST_REQUEST,
  EXERCISE_SCORE_REQUEST,
  EXERCISE_START_REQUEST,
  EXERCISE_STATUS_REQUEST,
  EXERCISE_SUBMIT_REQUEST,
  EXERCISE_FOLDERS_NOTIFICATION,
  ExerciseFolders,
  exerciseStatus,
  listExercisePacks,
  scoreExerciseIn,
  startExerciseIn,
  submitExerciseIn,
  type ScoreParams,
} from './exercise-requests.js';
import { EXERCISE_MARKER } from '../engine/exercise/exercise-folder.js';
import { CHECKLIST_REQUEST, folderChecklist, type ChecklistParams, type FolderChecklist } from './checklist-request.js';
import { ChangeError } from '../engine/change/git.js';
import { DEFAULT_BASE_REQUEST, workspaceDefaultBase } from './default-base-request.js';
import { codeActionsFor, FIX_ALL_KIND, SHOW_RULE_DOCUMENTATION, type CodeActionEnvironment } from './code-actions.js';
import { withRuleDocumentationLink } from './diagnostics.js';
import { ModuleReviewer, type ReviewerOptions } from './module-reviewer.js';
import { overlayHostsFor } from './overlay-host.js';
import { NO_PROGRESS, ReviewService, type ScanProgress } from './review-service.js';
import { LIST_RULES_REQUEST, listRules, RULE_DOCUMENTATION_REQUEST, ruleDocumentation } from './rule-requests.js';
import { DEFAULT_SETTINGS, readSettings, type ServerSettings } from './settings.js';
import { ChangeBases } from './change-base.js';
import { pathToUri, uriToPath } from './uri.js';
import { WorkspaceConfigs } from './workspace-configs.js';
import { WorkspacePlans } from './workspace-plans.js';
import { PlanRoots } from './plan-roots.js';
import { isPathIncluded } from '../engine/config/effective.js';
import { folderPlan, PLAN_CHANGED_NOTIFICATION, SET_PLAN_REQUEST, type FolderPlan, type SetPlanParams } from './plan-requests.js';
import { PlanError, type Plan } from '../engine/plan/plan-model.js';
import { readPlan } from '../engine/plan/read-plan.js';
import { INTERNAL_TIMINGS_REQUEST, LoopMonitor } from './loop-monitor.js';
import { startScanWorkers } from './scan-pool.js';
import { ReviewScheduler } from './scheduler.js';

export type ServerOptions = ReviewerOptions & {
  /** Reads a plan JSON (SPEC §10); throws PlanError. Default: the engine's reader. */
  readPlan?: (file: string) => Plan;
};

/** The one pending review a configuration's edits schedule (ReviewScheduler keys its timers). */
const CONFIG_TYPING = 'configuration';
const WATCHED_GLOBS = ['**/*.tf', '**/*.tofu', '**/*.tf.json', '**/*.tofu.json', '**/*.tfvars', '**/*.tfvars.json', '**/.iac-review.json', '**/*.policy.json', `**/${EXERCISE_MARKER}`];

/**
 * The language server (SPEC §9): wires an LSP connection to the review
 * engine. Diagnostics for whole modules, debounced while typing; quick fixes
 * and hovers from the engine; the workspace reviewed at start-up with progress.
 */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const openUris = new Map<string, string>();
  const openedVersions = new Map<string, number>();
  const metas: readonly RuleMeta[] = [...RULES.map((r) => r.meta), ...(options.rules ?? []).map((r) => r.meta).filter((m) => !RULES.some((r) => r.meta === m))];
  let settings: ServerSettings = DEFAULT_SETTINGS;
  let initOptions: unknown;
  const capabilities = { workspaceFolders: false, configuration: false, watchedFiles: false, progress: false, documentChanges: false, configurationChange: false };
  const clientCommands = new Set<string>();
  const ruleIds = new Set(metas.map((m) => m.id));
  /** The catalog and the policies of the configurations in force (SPEC §11): documentation and links cover both. */
  const metasInForce = (): RuleMeta[] => {
    const policies = configs.folders().flatMap((root) => configs.configFor(root).config.policies ?? []);
    return [...metas, ...policies.filter((p) => !ruleIds.has(p.id)).map((p) => policyRule(p).meta)];
  };
  const isRule = (code: string) =>
    ruleIds.has(code) || configs.folders().some((root) => configs.configFor(root).config.policies?.some((p) => p.id === code) === true);

  const textOf = (path: string) => {
    const uri = openUris.get(path);
    return uri === undefined ? undefined : documents.get(uri)?.getText();
  };
  const hostFor = overlayHostsFor({ textOf, paths: () => openUris.keys() });
  const configs = new WorkspaceConfigs(hostFor, metas);
  const changeBases = new ChangeBases(() => settings, (message) => connection.console.log(message));
  const { readPlan: planReader, ...reviewerOptions } = options;
  const planRoots = new PlanRoots();
  const reportedPlanRoots = new WeakSet<Plan>();
  const reviewer = new ModuleReviewer(hostFor, configs, {
    ...reviewerOptions,
    isOpen: (path) => openUris.has(path),
    baseModule: (dir) => changeBases.moduleFor(dir),
    // Diagnostics with the folder's plan too (SPEC §10): the module it is a plan of, found once per plan read.
    planFor: (root) => {
      const plan = planFor(root);
      if (!plan || plan instanceof PlanError) return undefined;
      const { config } = configs.configFor(root);
      const rootDir = planRoots.rootOf(plan, root, hostFor(root), (p) => isPathIncluded(config, p));
      if (rootDir instanceof PlanError) {
        // Once per plan read: a plan of other code is one clear message, not one per review.
        if (!reportedPlanRoots.has(plan)) {
          reportedPlanRoots.add(plan);
          void connection.window.showErrorMessage(`IaC Review: the plan cannot be used: ${rootDir.message}`);
        }
        return undefined;
      }
      return rootDir ? { plan, rootDir } : undefined;
    },
  });
  const plans = new WorkspacePlans(planReader ?? ((file) => readPlan(file)));
  const uriOf = (path: string) => openUris.get(path) ?? pathToUri(path);
  const exercises = new ExerciseFolders((dir) => configs.folderFor(dir));
  const service = new ReviewService(
    reviewer,
    () => openUris.keys(),
    (path, diagnostics) => {
      const uri = uriOf(path);
      const version = openUris.has(path) ? documents.get(uri)?.version : undefined;
      // Rule ids link to their documentation where the client can show it (the VS Code extension).
      const linked = clientCommands.has(SHOW_RULE_DOCUMENTATION) ? diagnostics.map((d) => withRuleDocumentationLink(d, isRule)) : diagnostics;
      void connection.sendDiagnostics({ uri, diagnostics: linked, ...(version !== undefined ? { version } : {}) });
    },
    (message) => connection.console.error(message),
    (dir) => exercises.exerciseOf(dir) !== undefined,
    (message) => connection.console.info(message),
    // Large scans on worker threads, unless reviews need what only this thread has: rules given in code, a folder's plan.
    (dirs, files, onResult, since) => {
      if (options.rules || configs.folders().some((root) => reviewer.usesPlan(root))) return undefined;
      const buffers = new Map<string, string>();
      for (const path of openUris.keys()) {
        const text = textOf(path);
        if (text !== undefined) buffers.set(path, text);
      }
      const run = startScanWorkers(dirs, files, { folders: configs.folders(), settings, buffers, log: (message) => connection.console.info(message), since }, onResult);
      if (run) connection.console.info(`scan: ${dirs.length} modules on ${run.threads} worker thread${run.threads === 1 ? '' : 's'}`);
      return run;
    },
  );

  /** Runs a handler; a failure is logged and answered with `fallback`, never taken down the server. */
  const guard = <T>(name: string, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (e) {
      connection.console.error(`iac-review: ${name} failed: ${(e as Error)?.stack ?? String(e)}`);
      return fallback;
    }
  };

  const scanWithProgress = async (title: string, rescan: (p: ScanProgress) => Promise<void>) => {
    if (!capabilities.progress) return rescan(NO_PROGRESS);
    const reporter = await connection.window.createWorkDoneProgress();
    reporter.begin(title, 0, 'finding modules…', true);
    let lastPercent = -1;
    return rescan({
      report(done, total) {
        const percent = Math.floor((done / total) * 100);
        if (percent !== lastPercent) {
          lastPercent = percent;
          reporter.report(percent, `${done}/${total} modules`);
        }
      },
      isCancelled: () => reporter.token.isCancellationRequested,
      done: () => reporter.done(),
    });
  };

  /** A `.iac-review.json` (or the configFile setting's file) changed: every module is reviewed under it again. */
  const configFileChanged = () => {
    configTyping.cancelAll();
    void scanWithProgress('IaC Review: configuration changed', (p) => service.configChanged(p));
  };
  /** Typing in an open configuration: one review of the workspace once the typing pauses, not one per keystroke. */
  const configTyping = new ReviewScheduler(() => guard('configuration edit', undefined, configFileChanged));
  const configFileTyped = () => configTyping.schedule(CONFIG_TYPING, settings.debounceMs);

  /** Plan errors already shown, by folder: one clear message per problem, not one per review. */
  const shownPlanErrors = new Map<string, string>();
  /** Each folder's plan, or its error shown once (SPEC §9: a plan that cannot be used is one clear message). */
  const planFor = (root: string): Plan | PlanError | undefined => {
    const plan = plans.planFor(root);
    if (plan instanceof PlanError) {
      if (shownPlanErrors.get(root) !== plan.message) {
        shownPlanErrors.set(root, plan.message);
        void connection.window.showErrorMessage(`IaC Review: the plan cannot be used: ${plan.message}`);
      }
    } else shownPlanErrors.delete(root);
    return plan;
  };
  let planWatch: Promise<{ dispose(): void }> | undefined;
  /** The plans in use are watched (a new `terraform show -json` re-reads them); the client reloads its checklist. */
  const plansChanged = () => {
    if (capabilities.watchedFiles) {
      const previous = planWatch;
      const files = plans.files(configs.folders());
      planWatch = files.length
        ? connection.client.register(DidChangeWatchedFilesNotification.type, {
            watchers: files.map((file) => ({ globPattern: { baseUri: pathToUri(dirname(file)), pattern: basename(file) } })),
          })
        : undefined;
      void previous?.then((d) => d.dispose());
    }
    for (const root of configs.folders()) planFor(root);
    void connection.sendNotification(PLAN_CHANGED_NOTIFICATION);
    void scanWithProgress('IaC Review: plan changed', (p) => service.rescan(p, 'plan'));
  };

  const applySettings = (next: ServerSettings) => {
    const before = settings;
    settings = next;
    configs.setConfigFile(next.configFile);
    if (plans.setSetting(next.plan)) plansChanged();
    service.setEnabled(next.enable);
    if (!next.enable) return;
    const changeChecksMoved = before.changeChecks !== next.changeChecks || before.baseRef !== next.baseRef;
    if (changeChecksMoved) changeBases.invalidate();
    if (!before.enable || before.configFile !== next.configFile || changeChecksMoved) {
      void scanWithProgress('IaC Review: reviewing the workspace', (p) => service.configChanged(p));
    }
  };

  // Trust comes from the client's initialization options only: a setting in the repository must not grant it.
  const initialSettings = (): ServerSettings => ({ ...DEFAULT_SETTINGS, trusted: (initOptions as { trusted?: unknown } | undefined)?.trusted === true });

  const pullSettings = async () => {
    let raw: unknown = initOptions;
    if (capabilities.configuration) {
      const pulled: unknown = await connection.workspace.getConfiguration({ section: 'iacReview' });
      raw = { ...((initOptions as object) ?? {}), ...((pulled as object) ?? {}) };
    }
    return readSettings(raw, initialSettings());
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const c = params.capabilities;
    capabilities.workspaceFolders = c.workspace?.workspaceFolders === true;
    capabilities.configuration = c.workspace?.configuration === true;
    capabilities.configurationChange = c.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    capabilities.watchedFiles = c.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    capabilities.progress = c.window?.workDoneProgress === true;
    capabilities.documentChanges = c.workspace?.workspaceEdit?.documentChanges === true;
    initOptions = params.initializationOptions;
    const commands = (initOptions as { clientCommands?: unknown } | undefined)?.clientCommands;
    if (Array.isArray(commands)) for (const command of commands) if (typeof command === 'string') clientCommands.add(command);
    service.clientReportsJsonSyntax = (initOptions as { jsonSyntaxErrors?: unknown } | undefined)?.jsonSyntaxErrors === 'client';
    service.clientValidatesSchema = (initOptions as { configSchemaErrors?: unknown } | undefined)?.configSchemaErrors === 'client';
    settings = readSettings(initOptions, initialSettings());
    configs.setConfigFile(settings.configFile);
    plans.setSetting(settings.plan);
    const folders = params.workspaceFolders?.map((f) => uriToPath(f.uri)) ?? [params.rootUri ? uriToPath(params.rootUri) : (params.rootPath ?? undefined)];
    configs.setFolders(folders.filter((f): f is string => f !== undefined));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        hoverProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: TOOL_NAME, version: TOOL_VERSION },
    };
  });

  connection.onInitialized(async () => {
    if (capabilities.watchedFiles) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: WATCHED_GLOBS.map((globPattern) => ({ globPattern })) });
    }
    if (capabilities.configurationChange) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'iacReview' });
    if (capabilities.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((event) =>
        guard('workspace folders', undefined, () => {
          const removed = new Set(event.removed.map((f) => uriToPath(f.uri)));
          const kept = configs.folders().filter((f) => !removed.has(f));
          configs.setFolders([...kept, ...event.added.map((f) => uriToPath(f.uri)).filter((f): f is string => f !== undefined)]);
          void scanWithProgress('IaC Review: reviewing the workspace', (p) => service.configChanged(p, 'workspace folders'));
        }),
      );
    }
    const pulled = await pullSettings().catch(() => settings);
    settings = pulled;
    configs.setConfigFile(settings.configFile);
    if (plans.setSetting(settings.plan)) {
      if (capabilities.watchedFiles) plansChanged();
      else for (const root of configs.folders()) planFor(root);
    }
    service.setEnabled(settings.enable);
    if (settings.enable) await scanWithProgress('IaC Review: reviewing the workspace', (p) => service.scan(p, 'start-up'));
  });

  connection.onDidChangeConfiguration(async () => {
    const next = await pullSettings().catch(() => settings);
    guard('settings', undefined, () => applySettings(next));
  });

  connection.onDidChangeWatchedFiles((params) =>
    guard('watched files', undefined, () => {
      let configTouched = false;
      let exerciseTouched = false;
      let planTouched = false;
      for (const change of params.changes) {
        const path = uriToPath(change.uri);
        if (!path) continue;
        if (plans.affects(path)) planTouched = true;
        if (basename(path) === EXERCISE_MARKER) exerciseTouched = true;
        else if (configs.affects(path)) {
          configTouched = true;
          service.configFileSeen(path, change.type !== FileChangeType.Deleted);
        }
        // An open file's edits arrive as buffer changes; from disk only its deletion counts.
        else if (sourceKind(basename(path)) && (!openUris.has(path) || change.type === FileChangeType.Deleted)) service.changed(dirname(path), 0);
      }
      if (planTouched) plansChanged();
      if (configTouched) configFileChanged();
      else if (exerciseTouched) {
        exercises.invalidate();
        void scanWithProgress('IaC Review: exercise folders changed', (p) => service.rescan(p));
      }
    }),
  );

  documents.onDidOpen((event) =>
    guard('open', undefined, () => {
      const path = uriToPath(event.document.uri);
      if (!path) return;
      openUris.set(path, event.document.uri);
      openedVersions.set(event.document.uri, event.document.version);
      if (configs.affects(path)) configFileChanged();
      else service.changed(dirname(path), 0, 'open');
    }),
  );

  documents.onDidChangeContent((event) =>
    guard('change', undefined, () => {
      const { uri, version } = event.document;
      if (openedVersions.get(uri) === version) return; // the open itself, handled above
      openedVersions.delete(uri);
      const path = uriToPath(uri);
      if (!path) return;
      if (configs.affects(path)) {
        if (settings.run === 'onType') configFileTyped();
        return;
      }
      if (settings.run === 'onType') service.changed(dirname(path), settings.debounceMs, 'edit');
    }),
  );

  documents.onDidSave((event) =>
    guard('save', undefined, () => {
      const path = uriToPath(event.document.uri);
      if (!path) return;
      if (configs.affects(path)) configFileChanged();
      else service.changed(dirname(path), 0, 'save');
    }),
  );

  documents.onDidClose((event) =>
    guard('close', undefined, () => {
      const path = uriToPath(event.document.uri);
      if (!path) return;
      openUris.delete(path);
      openedVersions.delete(event.document.uri);
      // A tree kept only because the file was open (larger than the cache's bound) goes with it.
      reviewer.parsed.closed(path);
      if (configs.affects(path)) configFileChanged();
      else service.closed(dirname(path));
    }),
  );

  const actionEnvironment = (): CodeActionEnvironment => ({
    uriOf,
    versionOf: (path) => {
      const uri = openUris.get(path);
      return uri === undefined ? null : (documents.get(uri)?.version ?? null);
    },
    documentChanges: capabilities.documentChanges,
    clientCommands,
  });

  connection.onCodeAction((params, token) =>
    guard('code actions', null, () => {
      const path = uriToPath(params.textDocument.uri);
      if (!path || token.isCancellationRequested || !service.isEnabled()) return null;
      const review = service.current(dirname(path));
      if (token.isCancellationRequested) return null;
      return codeActionsFor(review, path, params.range, { ...actionEnvironment(), baseModule: changeBases.moduleFor(dirname(path)) }, params.context);
    }),
  );

  connection.onHover((params, token) =>
    guard('hover', null, () => {
      const path = uriToPath(params.textDocument.uri);
      if (!path || token.isCancellationRequested || !service.isEnabled()) return null;
      const dir = dirname(path);
      const review = service.current(dir);
      if (!review.analysis || token.isCancellationRequested) return null;
      const config = configs.configFor(configs.folderFor(dir)).config;
      const markdown = hoverMarkdown(review.analysis, path, { line: params.position.line + 1, column: params.position.character + 1 }, {
        config,
        ...(review.role ? { role: review.role } : {}),
      });
      return markdown === undefined ? null : { contents: { kind: MarkupKind.Markdown, value: markdown } };
    }),
  );

  connection.onRequest(CHECKLIST_REQUEST, (params: ChecklistParams | null, token) => {
    try {
      const folders: FolderChecklist[] = [];
      for (const root of configs.folders()) {
        if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
        // A candidate's exercise folder stays unreviewed here too: the checklist would give the answers away.
        const inExercise = (path: string) => exercises.exerciseOf(dirname(path)) !== undefined;
        // A plan that cannot be used fails the checklist with its message, as `checklist --plan` exits 2: never a silent review without it.
        const plan = planFor(root);
        if (plan instanceof PlanError) return new ResponseError(LSPErrorCodes.RequestFailed, `the plan cannot be used: ${plan.message}`);
        folders.push({ folder: pathToUri(root), ...folderChecklist(root, params ?? {}, hostFor(root), configs.explicitConfigFile(root), inExercise, plan) });
      }
      return { folders };
    } catch (e) {
      if (e instanceof ChangeError) return new ResponseError(LSPErrorCodes.RequestFailed, e.message);
      // A plan the code does not match (a plan of other code): the analysis refuses it, as `checklist --plan` does.
      if (e instanceof PlanError) return new ResponseError(LSPErrorCodes.RequestFailed, `the plan cannot be used: ${e.message}`);
      connection.console.error(`iac-review: checklist failed: ${(e as Error)?.stack ?? String(e)}`);
      return new ResponseError(LSPErrorCodes.RequestFailed, `internal error while building the checklist: ${(e as Error)?.message ?? String(e)}`);
    }
  });

  connection.onRequest(SET_PLAN_REQUEST, (params: SetPlanParams | null) => {
    try {
      const folder = params?.folder ? uriToPath(params.folder) : undefined;
      const roots = folder ? [configs.folderFor(folder)] : configs.folders();
      const path = typeof params?.path === 'string' && params.path.trim() !== '' ? params.path : null;
      for (const root of roots) plans.choose(root, path);
      const chosen: FolderPlan[] = [];
      let failed: PlanError | undefined;
      for (const root of roots) {
        const plan = plans.planFor(root);
        if (plan instanceof PlanError) {
          failed ??= plan;
          shownPlanErrors.set(root, plan.message); // the client shows this answer: not a second message
        } else if (plan) chosen.push(folderPlan(pathToUri(root), root, plan));
      }
      plansChanged();
      return failed ? new ResponseError(LSPErrorCodes.RequestFailed, `the plan cannot be used: ${failed.message}`) : { plans: chosen };
    } catch (e) {
      connection.console.error(`iac-review: set plan failed: ${(e as Error)?.stack ?? String(e)}`);
      return new ResponseError(LSPErrorCodes.RequestFailed, `internal error while reading the plan: ${(e as Error)?.message ?? String(e)}`);
    }
  });

  connection.onRequest(DEFAULT_BASE_REQUEST, () => {
    try {
      return workspaceDefaultBase(configs.folders());
    } catch (e) {
      if (e instanceof ChangeError) return new ResponseError(LSPErrorCodes.RequestFailed, e.message);
      connection.console.error(`iac-review: default base failed: ${(e as Error)?.stack ?? String(e)}`);
      return new ResponseError(LSPErrorCodes.RequestFailed, `internal error while finding the default base: ${(e as Error)?.message ?? String(e)}`);
    }
  });

  connection.onRequest(EXERCISE_LIST_REQUEST, () => guard('exercise list', [], () => listExercisePacks()));
  connection.onRequest(EXERCISE_START_REQUEST, (params: { pack: string; out: string; durationMinutes?: number }) => {
    try {
      const status = startExerciseIn(params, new Date());
      exercises.invalidate();
      void service.rescan();
      return status;
    } catch (e) {
      return new ResponseError(LSPErrorCodes.RequestFailed, (e as Error)?.message ?? String(e));
    }
  });
  connection.onRequest(EXERCISE_STATUS_REQUEST, () =>
    guard('exercise status', [], () => {
      const found = new Set<string>();
      for (const path of openUris.keys()) {
        const folder = exercises.exerciseOf(dirname(path));
        if (folder) found.add(folder);
      }
      for (const root of configs.folders()) {
        const folder = exercises.exerciseOf(root);
        if (folder) found.add(folder);
      }
      return [...found].flatMap((folder) => exerciseStatus(folder) ?? []);
    }),
  );
  connection.onNotification(EXERCISE_FOLDERS_NOTIFICATION, (params: { folders?: unknown } | null) =>
    guard('exercise folders', undefined, () => {
      if (exercises.setKnown(params?.folders)) void scanWithProgress('IaC Review: exercise folders changed', (p) => service.rescan(p));
    }),
  );
  connection.onRequest(EXERCISE_SUBMIT_REQUEST, (params: { folder: string }) => {
    try {
      return submitExerciseIn(uriToPath(params.folder) ?? params.folder, new Date());
    } catch (e) {
      return new ResponseError(LSPErrorCodes.RequestFailed, (e as Error)?.message ?? String(e));
    }
  });
  connection.onRequest(EXERCISE_SCORE_REQUEST, (params: ScoreParams) => {
    try {
      const folder = uriToPath(params.folder) ?? params.folder;
      const result = scoreExerciseIn(params, folder, hostFor(configs.folderFor(folder)), new Date());
      return 'error' in result ? new ResponseError(LSPErrorCodes.RequestFailed, result.error) : result;
    } catch (e) {
      return new ResponseError(LSPErrorCodes.RequestFailed, (e as Error)?.message ?? String(e));
    }
  });

  connection.onRequest(LIST_RULES_REQUEST, () => guard('list rules', [], () => listRules(metasInForce())));
  connection.onRequest(RULE_DOCUMENTATION_REQUEST, (params: unknown) => guard('rule documentation', null, () => ruleDocumentation(metasInForce(), params)));

  // Measurements for `npm run bench` only (IAC_REVIEW_LSP_TIMINGS set): the longest event-loop block, inside the server.
  const monitor = process.env.IAC_REVIEW_LSP_TIMINGS ? new LoopMonitor() : undefined;
  if (monitor) connection.onRequest(INTERNAL_TIMINGS_REQUEST, (params: { reset?: boolean } | null) => monitor.read(params?.reset === true));

  connection.onShutdown(() => {
    configTyping.cancelAll();
    monitor?.dispose();
    service.dispose();
  });

  documents.listen(connection);
  connection.listen();
}
