import * as assert from 'node:assert/strict';
import { extensions } from 'vscode';
import type { IacReviewExtensionApi } from '../../extension';

/** The running extension's exports: what its views hold, read by the tests. */
export async function extensionApi(): Promise<IacReviewExtensionApi> {
  const extension = extensions.getExtension<IacReviewExtensionApi>('iac-review.iac-review');
  assert.ok(extension, 'extension iac-review.iac-review is not installed');
  return extension.activate();
}
