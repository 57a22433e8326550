// The GitHub Action's pull-request comment (scripts/pr-comment.mjs) against a local stand-in for GitHub's REST API:
// one comment per pull request, updated by later runs; never under pull_request_target for a fork.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain JavaScript script of the Action, without type declarations.
import { MARKER, postChecklist } from '../../scripts/pr-comment.mjs';

interface Comment {
  id: number;
  body: string;
}

/** GitHub's issue-comments API for one pull request, in memory; `status` forces an HTTP error on writes. */
function fakeGitHub(comments: Comment[], status?: number) {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      requests.push(`${req.method} ${req.url}`);
      expect(req.headers.authorization).toBe('Bearer t0ken');
      if (req.method === 'GET') return void res.end(JSON.stringify(comments));
      if (status) return void ((res.statusCode = status), res.end('{}'));
      const body = (JSON.parse(data) as { body: string }).body;
      const id = Number(/comments\/(\d+)$/.exec(req.url ?? '')?.[1]);
      if (req.method === 'PATCH') comments.find((c) => c.id === id)!.body = body;
      else comments.push({ id: 100 + comments.length, body });
      res.end('{}');
    });
  });
  return { server, requests, comments };
}

let server: Server | undefined;
afterEach(() => void server?.close());

async function run(state: ReturnType<typeof fakeGitHub>, event: object, eventName = 'pull_request', repository = 'acme/infra') {
  server = state.server;
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const dir = mkdtempSync(join(tmpdir(), 'iac-review-event-'));
  writeFileSync(join(dir, 'event.json'), JSON.stringify(event));
  const logs: string[] = [];
  const result = await postChecklist({
    env: {
      GITHUB_TOKEN: 't0ken',
      GITHUB_REPOSITORY: repository,
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: join(dir, 'event.json'),
      GITHUB_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    },
    body: '## IaC review checklist\n- [ ] one item\n',
    log: (m: string) => logs.push(m),
  });
  return { result, logs };
}

const pr = (number: number, head = 'acme/infra') => ({ pull_request: { number, head: { repo: { full_name: head } } } });

describe('the Action posts the checklist as one pull-request comment', () => {
  it('posts it when there is none, and updates the same comment on the next run', async () => {
    const state = fakeGitHub([{ id: 7, body: 'LGTM' }]);
    const first = await run(state, pr(42));
    expect(first.result).toBe('posted');
    expect(state.requests).toEqual(['GET /repos/acme/infra/issues/42/comments?per_page=100&page=1', 'POST /repos/acme/infra/issues/42/comments']);
    expect(state.comments[1]!.body.startsWith(MARKER)).toBe(true);
    server!.close();
    const again = fakeGitHub(state.comments);
    const second = await run(again, pr(42));
    expect(second.result).toBe('updated');
    expect(again.requests.at(-1)).toBe(`PATCH /repos/acme/infra/issues/comments/${state.comments[1]!.id}`);
    expect(again.comments).toHaveLength(2);
  });

  it('never posts for a fork under pull_request_target, and says why', async () => {
    const state = fakeGitHub([]);
    const { result, logs } = await run(state, pr(9, 'mallory/infra'), 'pull_request_target');
    expect(result).toBe('refused');
    expect(state.requests).toEqual([]);
    expect(logs.join('\n')).toMatch(/pull_request_target/);
  });

  it('without the permission it says how to grant it and does not fail the job', async () => {
    const state = fakeGitHub([], 403);
    const { result, logs } = await run(state, pr(5));
    expect(result).toBe('failed');
    expect(logs.join('\n')).toMatch(/pull-requests: write/);
  });

  it('outside a pull request it does nothing', async () => {
    const state = fakeGitHub([]);
    const { result } = await run(state, { ref: 'refs/heads/main' }, 'push');
    expect(result).toBe('skipped');
    expect(state.requests).toEqual([]);
  });
});
