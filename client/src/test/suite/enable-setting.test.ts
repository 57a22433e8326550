import { ConfigurationTarget, workspace } from 'vscode';
import { openFixture, waitForDiagnostics } from './fixture-workspace';

suite('iacReview.enable', () => {
  teardown(async () => {
    await workspace.getConfiguration('iacReview').update('enable', undefined, ConfigurationTarget.Workspace);
  });

  test('false stops the server (its diagnostics go); true brings them back', async () => {
    const doc = await openFixture('main.tf');
    await waitForDiagnostics(doc.uri, (ds) => ds.length > 0);

    await workspace.getConfiguration('iacReview').update('enable', false, ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri, (ds) => ds.length === 0);

    await workspace.getConfiguration('iacReview').update('enable', true, ConfigurationTarget.Workspace);
    await waitForDiagnostics(doc.uri, (ds) => ds.length > 0);
  });
});
