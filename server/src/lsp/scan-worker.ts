import type { MessagePort } from 'node:worker_threads';
import type { ModuleReview } from '../engine/analyze.js';
import type { ModuleRoleFacts } from '../engine/roles/role-facts.js';
import { RULES } from '../engine/rules/registry.generated.js';
import { ModuleReviewer } from './module-reviewer.js';
import { overlayHostsFor } from './overlay-host.js';
import type { SkippedFile } from './review-log.js';
import { WorkspaceConfigs } from './workspace-configs.js';
import { ChangeBases } from './change-base.js';
import type { ServerSettings } from './settings.js';

/** What a scan worker thread receives (scan-pool.ts starts it, running the server's own bundle). */
export interface ScanWorkerRequest {
  folders: string[];
  /** The `iacReview.configFile` setting. */
  configFile: string;
  /** The modules to review, in this order. */
  dirs: string[];
  /** The open documents' text when the scan started (the worker reviews the workspace as the editor shows it). */
  buffers: Array<[string, string]>;
  /** The server's settings (the diff-only rules read the base of the change as the server's thread does). */
  settings: ServerSettings;
  port: MessagePort;
}

/** One module reviewed by a worker: what the server's thread needs to publish it and to know its role. */
export interface ScanWorkerResult {
  dir: string;
  review: Omit<ModuleReview, 'analysis'>;
  facts: ModuleRoleFacts | undefined;
  skipped: SkippedFile[];
  ms: number;
}

export type ScanWorkerMessage = { result: ScanWorkerResult } | { done: true };

/** The request, when this thread is a scan worker; undefined in the server's own thread. */
export function scanWorkerRequest(env: Readonly<Record<string, string | undefined>>): ScanWorkerRequest | undefined {
  if (env.IAC_REVIEW_LSP_SCAN_WORKER !== '1') return undefined;
  const threads = process.getBuiltinModule('node:worker_threads');
  return threads.isMainThread ? undefined : (threads.workerData as ScanWorkerRequest);
}

/**
 * Reviews the modules as the server's thread would (the same reviewer, the
 * same configuration, the catalog's rules) and posts each review as it is
 * done. Runs to the end: the server terminates a worker whose scan is
 * superseded. Roles are those this worker's modules give each other; the
 * server checks each against every module's facts and reviews again where
 * a caller elsewhere changes it.
 */
export function runScanWorker(request: ScanWorkerRequest): void {
  const buffers = new Map(request.buffers);
  const hostFor = overlayHostsFor({ textOf: (path) => buffers.get(path), paths: () => buffers.keys() });
  const configs = new WorkspaceConfigs(
    hostFor,
    RULES.map((r) => r.meta),
  );
  configs.setFolders(request.folders);
  configs.setConfigFile(request.configFile);
  // The server's thread logs why change checks are off, when its own reviews find it.
  const changeBases = new ChangeBases(
    () => request.settings,
    () => {},
  );
  // A snapshot (the buffers as the scan began): its reviews share the modules their calls reach.
  const reviewer = new ModuleReviewer(hostFor, configs, { baseModule: (dir) => changeBases.moduleFor(dir), shareCallees: true });
  for (const dir of request.dirs) {
    const started = performance.now();
    const { analysis: _analysis, ...review } = reviewer.review(dir, 'none');
    const result: ScanWorkerResult = { dir, review, facts: reviewer.roles.factsOf(dir), skipped: [...reviewer.skippedIn(dir)], ms: performance.now() - started };
    request.port.postMessage({ result } satisfies ScanWorkerMessage);
  }
  request.port.postMessage({ done: true } satisfies ScanWorkerMessage);
  request.port.close();
}
