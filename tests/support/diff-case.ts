// Fixture cases for diff-only rules: a case folder with a `base/` subfolder is
// a change — `base/` holds the module at the base of the change, the other
// files the module after it (the engine's previous-version mechanism).
import { join } from 'node:path';
import { PREVIOUS_VERSION_FOLDER } from '../../server/src/engine/change/previous-version.js';
export { PREVIOUS_VERSION_FOLDER as BASE_FOLDER, previousVersionOptions as diffCaseOptions } from '../../server/src/engine/change/previous-version.js';

export function isBaseFile(caseDir: string, file: string): boolean {
  return file.startsWith(join(caseDir, PREVIOUS_VERSION_FOLDER) + '/');
}
