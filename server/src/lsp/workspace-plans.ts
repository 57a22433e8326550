import { realpathSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeFsError, isInside } from '../engine/host.js';
import { PlanError, type Plan } from '../engine/plan/plan-model.js';

/** Where a folder's plan comes from: the `iacReview.plan` setting, or a file the user picked ("Review with Plan…"). */
export interface PlanSource {
  path: string;
  /** Picked in the editor's file dialog: the user's own choice, so it may be anywhere (SPEC §2). */
  picked: boolean;
}

interface Cached {
  path: string;
  mtimeMs: number;
  size: number;
  result: Plan | PlanError;
}

/**
 * The plan each workspace folder is reviewed with (SPEC §10, §9): a file the
 * user picked, else the `iacReview.plan` setting (workspace-relative), else
 * none. A setting's file must lie inside the folder, after links are
 * followed, and outside `.git/`: the setting can come from the repository
 * (`.vscode/settings.json`), which must not make the editor read a file of
 * its choosing elsewhere. A picked file is the user's choice and may be
 * anywhere. A plan is read once and read again when the file changes (its
 * size or modification time); a plan that cannot be used is its PlanError.
 */
export class WorkspacePlans {
  private setting = '';
  /** Per folder: the file picked, or `none` after "Clear Plan" (the setting is ignored until it changes). */
  private readonly chosen = new Map<string, PlanSource | 'none'>();
  private readonly cache = new Map<string, Cached>();

  constructor(private readonly readPlan: (file: string) => Plan) {}

  /** The `iacReview.plan` setting changed: it applies again to folders where the plan was cleared. Returns whether it changed. */
  setSetting(setting: string): boolean {
    const next = setting.trim();
    if (next === this.setting) return false;
    this.setting = next;
    for (const [root, source] of this.chosen) if (source === 'none') this.chosen.delete(root);
    return true;
  }

  /** "Review with Plan…" (a path) or "Clear Plan" (null) for one folder. */
  choose(root: string, path: string | null): void {
    this.chosen.set(root, path === null ? 'none' : { path: resolve(path), picked: true });
    this.cache.delete(root);
  }

  sourceFor(root: string): PlanSource | undefined {
    const chosen = this.chosen.get(root);
    if (chosen === 'none') return undefined;
    if (chosen) return chosen;
    return this.setting ? { path: resolve(root, this.setting), picked: false } : undefined;
  }

  /** The folder's plan, read again if its file changed; undefined without one. */
  planFor(root: string): Plan | PlanError | undefined {
    const source = this.sourceFor(root);
    if (!source) {
      this.cache.delete(root);
      return undefined;
    }
    let path: string;
    let stat: { mtimeMs: number; size: number };
    try {
      path = source.picked ? source.path : insideFolder(root, source.path);
      const s = statSync(path);
      if (!s.isFile()) return new PlanError(source.path, 'is not a regular file: name the JSON of `terraform show -json PLANFILE`.');
      stat = { mtimeMs: s.mtimeMs, size: s.size };
    } catch (e) {
      this.cache.delete(root);
      return e instanceof PlanError ? e : new PlanError(source.path, describeFsError(e));
    }
    const cached = this.cache.get(root);
    if (cached && cached.path === path && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.result;
    let result: Plan | PlanError;
    try {
      result = this.readPlan(path);
    } catch (e) {
      if (!(e instanceof PlanError)) throw e;
      result = e;
    }
    this.cache.set(root, { path, ...stat, result });
    return result;
  }

  /** Whether a changed file is a plan in use (its folder is then reviewed again). */
  affects(path: string): boolean {
    const target = resolve(path);
    for (const [, cached] of this.cache) if (cached.path === target) return true;
    return false;
  }

  /** The files of the plans in use, for the editor to watch. */
  files(roots: readonly string[]): string[] {
    return roots.flatMap((root) => this.sourceFor(root)?.path ?? []);
  }
}

/** A setting's path, links followed, when it is inside the folder and outside its `.git/`. */
function insideFolder(root: string, path: string): string {
  const realRoot = realpathSync(root);
  let real: string;
  try {
    real = realpathSync(path);
  } catch (e) {
    throw new PlanError(path, describeFsError(e));
  }
  if (!isInside(realRoot, real) || isInside(join(realRoot, '.git'), real)) {
    throw new PlanError(
      path,
      'is outside the workspace folder: the iacReview.plan setting names a file inside it. To review with a plan elsewhere, pick it with "IaC Review: Review with Plan…".',
    );
  }
  return real;
}
