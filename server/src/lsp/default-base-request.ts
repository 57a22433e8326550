import { ChangeError } from '../engine/change/git.js';
import { defaultBaseFor, type DefaultBaseSource } from '../engine/change/default-base.js';

/**
 * "Review Changes Against Branch…" asks for this when `iacReview.baseRef` is
 * not set (runs git — the client does not send it in an untrusted workspace).
 */
export const DEFAULT_BASE_REQUEST = 'iacReview/defaultBase';

export interface DefaultBaseResult {
  base: string;
  source: DefaultBaseSource;
}

/**
 * The default base (SPEC §7) of the first workspace folder that has one; a
 * ChangeError with the first folder's reason when none has (or there is no
 * folder).
 */
export function workspaceDefaultBase(folders: readonly string[]): DefaultBaseResult {
  let firstError: ChangeError | undefined;
  for (const folder of folders) {
    try {
      const found = defaultBaseFor(folder);
      return { base: found.ref, source: found.source };
    } catch (e) {
      if (!(e instanceof ChangeError)) throw e;
      firstError ??= e;
    }
  }
  throw firstError ?? new ChangeError('no workspace folder is open, so there is no git repository to take a base from.');
}
