import type { Checklist } from './checklist.js';
import { COMMENT_LIMIT, fitToComment } from './markdown-fit.js';
import { NONE_TICKED, renderChecklist, type Ticked } from './markdown-render.js';

/**
 * Characters left for the marker a tool adds to find its own comment again
 * (the GitHub Action's `<!-- iac-review:checklist -->`), so the comment as
 * posted still fits.
 */
export const MARKER_ROOM = 64;

/**
 * The checklist as Markdown to paste into a pull request: GitHub task-list
 * items, one `###` per section, each item linked to its file and line. Item
 * texts, reasons and file names come from the reviewed code and are written
 * as inert text (see markdown-text.ts).
 *
 * It fits one pull-request comment (SPEC §7): past `limit` characters it
 * keeps what a lead must see and says what it left out (markdown-fit.ts).
 * Items whose ids are in `ticked` (the editor's ticks) are written `- [x]`.
 */
export function formatChecklistMarkdown(checklist: Checklist, limit = COMMENT_LIMIT - MARKER_ROOM, ticked: Ticked = NONE_TICKED): string {
  const full = renderChecklist(checklist, checklist.sections, [], ticked);
  return full.length <= limit ? full : fitToComment(checklist, limit, ticked);
}
