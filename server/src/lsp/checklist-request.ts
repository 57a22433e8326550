import { analyzeWorkspace } from '../engine/analyze.js';
import { reviewChange } from '../engine/change/review-change.js';
import { buildChecklist, type Checklist } from '../engine/checklist/checklist.js';
import { formatChecklistMarkdown } from '../engine/checklist/markdown.js';
import type { FileHost } from '../engine/host.js';

/** The editor's Review Checklist view and "Review Changes Against Branch…" ask for this. */
export const CHECKLIST_REQUEST = 'iacReview/checklist';

export interface ChecklistParams {
  /** A git ref: diff mode (runs git — the client does not send it in an untrusted workspace). */
  base?: string;
}

export interface FolderChecklist {
  /** The workspace folder (file URI). */
  folder: string;
  checklist: Checklist;
  markdown: string;
}

/**
 * The checklist of one workspace folder, as `iac-review checklist` run in it
 * gives it (so item ids agree). Without a base, unsaved buffers are seen;
 * diff mode compares the files on disk with git.
 */
export function folderChecklist(root: string, params: ChecklistParams, host: FileHost, configFile: string | undefined): Omit<FolderChecklist, 'folder'> {
  const common = { cwd: root, paths: [root], fixes: 'none' as const, ...(configFile ? { configFile } : {}) };
  const checklist =
    typeof params.base === 'string' && params.base.trim() !== ''
      ? buildChecklist({ cwd: root, change: reviewChange({ ...common, base: params.base }) })
      : buildChecklist({ cwd: root, analysis: analyzeWorkspace({ ...common, host, keepModules: true }) });
  return { checklist, markdown: formatChecklistMarkdown(checklist) };
}
