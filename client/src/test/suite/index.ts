// The extension's own tests on the real `vscode` API. Entry point in the shape
// @vscode/test-electron and the VS Code CLI expect (`run(): Promise<void>`):
// scripts/test-electron.mjs runs it in VS Code desktop, where VS Code can be
// downloaded; tests/e2e/code-server.test.ts runs the same bundle inside
// code-server's extension host (this machine cannot download VS Code).
import Mocha from 'mocha';
import { format } from 'node:util';

export async function run(): Promise<void> {
  // Reporters print through console.log with printf-style arguments; code-server forwards
  // console calls argument by argument, so hand it finished lines.
  (Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = (...args) => console.log(format(...args));
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000 });
  // The suites are bundled into this file, so mocha cannot load them by path:
  // give them mocha's tdd globals (suite, test, ...), then load them in order.
  mocha.suite.emit('pre-require', globalThis, 'client/out/test/suite/index.cjs', mocha);
  await import('./diagnostics.test');
  await import('./hover.test');
  await import('./rule-docs.test');
  await import('./code-actions.test');
  await import('./config-schema.test');
  await import('./enable-setting.test');
  await import('./checklist.test');
  await import('./exercise.test');

  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension test(s) failed`);
}
