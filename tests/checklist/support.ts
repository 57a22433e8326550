// Builds checklists over real git repositories (TestRepo): the base commit on `main`, the change in the working tree.
import { buildChecklist, type Checklist, type ChecklistItem } from '../../server/src/engine/checklist/checklist.js';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { reviewChange } from '../../server/src/engine/change/review-change.js';
import { afterEach } from 'vitest';
import { rmSync } from 'node:fs';
import { TestRepo } from '../support/git-repo.js';

/** Only the rules a test is about, so each checklist can be asserted item by item. */
export function onlyRules(...ids: string[]): string {
  return JSON.stringify({ extends: 'none', rules: Object.fromEntries(ids.map((id) => [id, 'warning'])) }, null, 2);
}

export function changeChecklist(repo: TestRepo, base = 'main'): Checklist {
  return buildChecklist({ cwd: repo.root, change: reviewChange({ cwd: repo.root, base }) });
}

export function workspaceChecklist(repo: TestRepo): Checklist {
  return buildChecklist({ cwd: repo.root, analysis: analyzeWorkspace({ cwd: repo.root, keepModules: true, fixes: 'none' }) });
}

export type Located = ChecklistItem & { category: string };

export function itemsOf(checklist: Checklist): Located[] {
  return checklist.sections.flatMap((s) => s.items.map((i) => ({ ...i, category: s.category })));
}

export function questions(checklist: Checklist): Located[] {
  return itemsOf(checklist).filter((i) => i.kind === 'question');
}

/** The one item matching; fails the test with the checklist when there is not exactly one. */
export function theItem(checklist: Checklist, match: (i: Located) => boolean): Located {
  const found = itemsOf(checklist).filter(match);
  if (found.length !== 1) throw new Error(`expected one matching item, found ${found.length} in\n${JSON.stringify(checklist, null, 2)}`);
  return found[0]!;
}

export const ID = /^[0-9a-f]{12}$/;

/** Fresh git repositories for a test file, removed after each test. */
export function tempRepos(): () => TestRepo {
  const repos: TestRepo[] = [];
  afterEach(() => {
    for (const r of repos.splice(0)) rmSync(r.root, { recursive: true, force: true });
  });
  return () => {
    const repo = new TestRepo();
    repos.push(repo);
    return repo;
  };
}
