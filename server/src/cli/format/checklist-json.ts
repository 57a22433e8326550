import type { Checklist } from '../../engine/checklist/checklist.js';

/** SPEC §7 `checklist --format json` (version 1): the engine's checklist as it is. */
export function formatChecklistJson(checklist: Checklist): string {
  return JSON.stringify(checklist, null, 2) + '\n';
}
