// The extension's mocha suite (client/src/test/suite) in VS Code desktop, through
// @vscode/test-electron: `npm run test:electron`.
//
// It downloads VS Code from update.code.visualstudio.com, which this project's
// offline CI machine cannot reach, so CI runs the same bundle inside code-server
// instead (tests/e2e/code-server.test.ts). Run this where VS Code can be
// downloaded; VSCODE_VERSION picks the version (default: the oldest the manifest
// allows, engines.vscode ^1.91.0; "stable" for the newest).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTests } from '@vscode/test-electron';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const scratch = mkdtempSync(join(tmpdir(), 'iac-review-electron-'));
// The suite edits its workspace: give it a copy of the fixture module.
const workspace = join(scratch, 'workspace');
cpSync(join(root, 'test-fixtures/e2e-workspace'), workspace, { recursive: true });

try {
  await runTests({
    version: process.env.VSCODE_VERSION ?? '1.91.0',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(root, 'client/out/test/suite/index.cjs'),
    launchArgs: [
      workspace,
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir', join(scratch, 'user-data'),
      '--extensions-dir', join(scratch, 'extensions'),
    ],
  });
} catch (error) {
  console.error(`extension tests failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
