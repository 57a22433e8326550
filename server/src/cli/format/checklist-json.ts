import type { Checklist } from '../../engine/checklist/checklist.js';
import { jsonText } from './json-text.js';

/** SPEC §7 `checklist --format json` (version 1): the engine's checklist as it is. */
export function formatChecklistJson(checklist: Checklist): string {
  return jsonText(checklist);
}
