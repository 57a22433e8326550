#!/usr/bin/env node
// Posts the review checklist as one pull-request comment, or updates the one an earlier run posted (the GitHub
// Action's last step). Usage: node scripts/pr-comment.mjs CHECKLIST.md
//
// Needs GITHUB_TOKEN with `pull-requests: write` (else it says so and leaves the job summary as the only copy),
// GITHUB_REPOSITORY, GITHUB_EVENT_NAME, GITHUB_EVENT_PATH and GITHUB_API_URL, as GitHub Actions sets them.
//
// It never posts for a fork's pull request under `pull_request_target`: that event runs with a token that can write
// to this repository, and a workflow that checks out and reviews the fork's code there hands that token's job to
// code the fork controls. On `pull_request`, a fork's run gets a read-only token, and posting simply fails politely.
import { readFileSync } from 'node:fs';

export const MARKER = '<!-- iac-review:checklist -->';
const MAX_PAGES = 20;

export async function postChecklist({ env, body, fetchImpl = fetch, log = (m) => console.log(m) }) {
  const token = env.GITHUB_TOKEN;
  if (!token) return log('iac-review: no GITHUB_TOKEN, the checklist is in the job summary only.'), 'skipped';
  let event;
  try {
    event = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8'));
  } catch {
    return log('iac-review: the workflow event could not be read; the checklist is in the job summary only.'), 'skipped';
  }
  const number = event?.pull_request?.number;
  if (!Number.isInteger(number)) return log('iac-review: not a pull request; the checklist is in the job summary only.'), 'skipped';
  const repository = env.GITHUB_REPOSITORY;
  const head = event.pull_request?.head?.repo?.full_name;
  if (env.GITHUB_EVENT_NAME === 'pull_request_target' && head !== repository) {
    log(`iac-review: not posting on a pull request from ${head ?? 'a fork'} under pull_request_target (its token can write to ${repository}; see the README). The checklist is in the job summary.`);
    return 'refused';
  }
  const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
  const headers = { authorization: `Bearer ${token}`, accept: 'application/vnd.github+json', 'content-type': 'application/json', 'x-github-api-version': '2022-11-28' };
  const text = `${MARKER}\n${body}`;
  let existing;
  for (let page = 1; page <= MAX_PAGES && existing === undefined; page++) {
    const res = await fetchImpl(`${api}/repos/${repository}/issues/${number}/comments?per_page=100&page=${page}`, { headers });
    if (!res.ok) return log(`iac-review: could not list the pull request's comments (HTTP ${res.status}); the checklist is in the job summary.`), 'failed';
    const comments = await res.json();
    existing = comments.find((c) => typeof c.body === 'string' && c.body.startsWith(MARKER));
    if (comments.length < 100) break;
  }
  const url = existing ? `${api}/repos/${repository}/issues/comments/${existing.id}` : `${api}/repos/${repository}/issues/${number}/comments`;
  const res = await fetchImpl(url, { method: existing ? 'PATCH' : 'POST', headers, body: JSON.stringify({ body: text }) });
  if (!res.ok) {
    const why = res.status === 403 ? ' — grant `pull-requests: write` to the workflow to get the comment' : '';
    return log(`iac-review: could not ${existing ? 'update' : 'post'} the checklist comment (HTTP ${res.status})${why}; it is in the job summary.`), 'failed';
  }
  log(`iac-review: ${existing ? 'updated' : 'posted'} the checklist comment on pull request #${number}.`);
  return existing ? 'updated' : 'posted';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: node scripts/pr-comment.mjs CHECKLIST.md');
    process.exit(2);
  }
  // Never fails the job: the comment is a convenience, the job summary and the annotations are the record.
  await postChecklist({ env: process.env, body: readFileSync(file, 'utf8') }).catch((e) => console.log(`iac-review: the checklist comment failed (${e?.message ?? e}); it is in the job summary.`));
}
