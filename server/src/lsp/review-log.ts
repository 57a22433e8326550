import { relative, sep } from 'node:path';
import { describeRoleCounts, type ModuleRole } from '../engine/roles/module-role.js';

/** What started a review, as the output channel names it. */
export type ReviewTrigger =
  | 'start-up'
  | 'open'
  | 'edit'
  | 'save'
  | 'close'
  | 'file change'
  | 'configuration'
  | 'workspace folders'
  | 'exercise'
  | 'plan'
  | 'caller or callee changed'
  | 'role changed'
  | 'request';

/** A file the review leaves out, and why. */
export interface SkippedFile {
  file: string;
  reason: string;
}

/** The figures of one review: one module (an edit) or a whole workspace folder (a scan). */
export interface ReviewTally {
  trigger: ReviewTrigger;
  /** The workspace folder (paths are shown relative to it). */
  root: string;
  /** The module reviewed, or the folder for a scan. */
  target: string;
  /** One module (an edit, a save…) or every module of a workspace folder (a scan). */
  scope: 'module' | 'folder';
  roles: ModuleRole[];
  /** One module's role: why it has it (`under examples/`, `called by …`). */
  roleWhy?: string;
  /** Modules without a role (nothing analysed: no files, a hidden exercise folder). */
  modules: number;
  files: number;
  findings: number;
  ms: number;
  /** The config file in force; undefined: the recommended defaults. */
  configFile: string | undefined;
}

/**
 * One line per review for the output channel (SPEC §9): trigger, modules by
 * role, files, findings, milliseconds, the config file used, e.g.
 * `review (start-up) .: 14 modules (2 deployments, 3 modules, 9 examples), 52 files, 120 findings, 830 ms; config .iac-review.json`
 * `review (edit) modules/queue: role module (called by .), 3 files, 5 findings, 12 ms; no config file (recommended defaults)`
 */
export function reviewLine(t: ReviewTally): string {
  const config = t.configFile ? `config ${shown(t.root, t.configFile)}` : 'no config file (recommended defaults)';
  const modules =
    t.scope === 'module'
      ? `role ${t.roles[0] ?? 'none'}${t.roleWhy ? ` (${t.roleWhy})` : ''}`
      : `${count(t.modules, 'module')}${t.roles.length ? ` (${describeRoleCounts(t.roles)})` : ''}`;
  return `review (${t.trigger}) ${shown(t.root, t.target)}: ${modules}, ${count(t.files, 'file')}, ${count(t.findings, 'finding')}, ${Math.round(t.ms)} ms; ${config}`;
}

/** Why a file the config's `include`/`exclude` globs leave out is skipped (one wording, wherever it is found). */
export function excludedReason(configFile: string | undefined): string {
  return `excluded by ${configFile ? `the "include"/"exclude" globs of ${configFile}` : 'the configuration'}`;
}

export function skippedLine(root: string, skipped: SkippedFile): string {
  return `skipped ${shown(root, skipped.file)}: ${skipped.reason}`;
}

function count(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

/** Relative to the workspace folder when inside it (`.` for the folder itself), else absolute. */
function shown(root: string, path: string): string {
  const rel = relative(root, path);
  if (rel === '') return '.';
  return rel.startsWith('..') || rel.startsWith(sep) || /^[A-Za-z]:/.test(rel) ? path : rel;
}
