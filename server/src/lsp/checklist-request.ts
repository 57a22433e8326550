import { resolve } from 'node:path';
import { analyzeWorkspace } from '../engine/analyze.js';
import { reviewChange } from '../engine/change/review-change.js';
import { buildChecklist, type Checklist } from '../engine/checklist/checklist.js';
import { formatChecklistMarkdown } from '../engine/checklist/markdown.js';
import type { FileHost } from '../engine/host.js';
import type { Plan } from '../engine/plan/plan-model.js';

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
 * diff mode compares the files on disk with git. Items in files `hidden`
 * says are off limits (a candidate's exercise folder, where the server shows
 * no diagnostics either) are left out, and sections left empty with them.
 * With the folder's plan (`iacReview.plan`, "Review with Plan…"), as
 * `iac-review checklist --plan` gives it: the plan's counts and questions.
 */
export function folderChecklist(
  root: string,
  params: ChecklistParams,
  host: FileHost,
  configFile: string | undefined,
  hidden: (path: string) => boolean = () => false,
  plan?: Plan,
): Omit<FolderChecklist, 'folder'> {
  const withPlan = plan ? { plan } : {};
  const common = { cwd: root, paths: [root], fixes: 'none' as const, ...(configFile ? { configFile } : {}), ...withPlan };
  const full =
    typeof params.base === 'string' && params.base.trim() !== ''
      ? buildChecklist({ cwd: root, change: reviewChange({ ...common, base: params.base }), ...withPlan })
      : buildChecklist({ cwd: root, analysis: analyzeWorkspace({ ...common, host, keepModules: true }), ...withPlan });
  const checklist: Checklist = {
    ...full,
    sections: full.sections
      .map((section) => ({ ...section, items: section.items.filter((item) => !hidden(resolve(root, item.file))) }))
      .filter((section) => section.items.length > 0),
  };
  return { checklist, markdown: formatChecklistMarkdown(checklist) };
}
