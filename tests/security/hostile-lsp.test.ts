// The language server given the hostile repository (tests/support/hostile-repo.ts)
// as its workspace, over a real JSON-RPC connection: it stays responsive while it
// reviews the workspace and answers the checklist request with a base, shows the
// refused inputs as errors on their files, runs nothing and quotes nothing it
// must not.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LspTestClient, uri } from '../lsp/lsp-client.js';
import { FAKE_TOKEN, hostileRepo, OUTSIDE_SECRET } from '../support/hostile-repo.js';

/** SECURITY.md: the server answers any request within this while it works. */
const RESPONSIVE_MS = 1_000;

let client: LspTestClient | undefined;
afterEach(() => client?.kill());

/** Sends a cheap request every `everyMs` until stopped; records how long each took to be answered. */
function probe(c: LspTestClient, path: string, everyMs = 150): { stop: () => Promise<number[]> } {
  const latencies: number[] = [];
  const pending: Array<Promise<unknown>> = [];
  const send = () => {
    const sent = performance.now();
    pending.push(c.hover(path, 5, 12).then(() => latencies.push(performance.now() - sent)));
  };
  // One at once, then every `everyMs`: a scan that ends before the first tick is still probed.
  send();
  const timer = setInterval(send, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await Promise.all(pending);
      return latencies;
    },
  };
}

describe('the language server on a hostile workspace', () => {
  it('stays responsive, shows the refused inputs as errors, runs nothing and leaks nothing', async () => {
    const hostile = hostileRepo();
    const root = hostile.repo.root;
    client = await LspTestClient.start({ root });
    const main = join(root, 'main.tf');
    const probing = probe(client, main);

    await client.waitForProgressEnd(1, 30_000);
    const checklist = await client.connection.sendRequest('iacReview/checklist', { base: 'main' });
    const latencies = await probing.stop();

    expect(latencies.length).toBeGreaterThan(0);
    expect(Math.max(...latencies), `hover latencies (ms): ${latencies.map((l) => l.toFixed(0)).join(' ')}`).toBeLessThan(RESPONSIVE_MS);

    const errorsOn = (name: string) => (client!.diagnostics.get(uri(join(root, name))) ?? []).filter((d) => d.severity === 1);
    expect(errorsOn('x.tf').map((d) => d.message).join('\n')).toMatch(/regular file|FIFO|named pipe/i);
    expect(errorsOn('leak.tf').map((d) => d.message).join('\n')).toMatch(/outside/i);

    const everything = JSON.stringify({ checklist, diagnostics: [...client.diagnostics], hover: await client.hover(join(root, 'tags.tf'), 3, 6), log: client.log });
    expect(everything.includes(OUTSIDE_SECRET), 'the server quotes the file outside the workspace').toBe(false);
    expect(everything.includes(FAKE_TOKEN), 'the server quotes the token in .git/config').toBe(false);
    expect(everything).toContain('iam/wildcard-action');
    expect(hostile.ran(), 'the server ran a command the repository configured').toEqual([]);
  });
});
