import { ChangeError, GitRepository } from './git.js';

/** Where the default base came from, for messages ("Changes against origin/main (the upstream of feature)"). */
export type DefaultBaseSource = 'upstream' | 'origin/HEAD' | 'local branch';

export interface DefaultBase {
  /** A ref `reviewChange` accepts: `origin/feature`, `origin/main`, `main`. */
  ref: string;
  source: DefaultBaseSource;
}

/** Local branches tried last, in this order: the two names repositories use for their main line. */
const LOCAL_MAIN_BRANCHES = ['main', 'master'] as const;

/**
 * The base a change is compared with when none is named (SPEC §7): the
 * branch's upstream, else `origin/HEAD` (the remote's default branch, as the
 * clone recorded it), else a local `main` or `master`. Only refs that name a
 * commit count (an upstream that was never fetched does not). Asks git only
 * through GitRepository's plumbing. ChangeError, saying what was looked for,
 * when there is none.
 */
export function defaultBase(repo: GitRepository): DefaultBase {
  const upstream = repo.upstream();
  if (upstream !== undefined && repo.resolveCommit(upstream) !== undefined) return { ref: upstream, source: 'upstream' };
  const originHead = repo.symbolicTarget('refs/remotes/origin/HEAD');
  if (originHead !== undefined && repo.resolveCommit(originHead) !== undefined) return { ref: originHead, source: 'origin/HEAD' };
  for (const name of LOCAL_MAIN_BRANCHES) {
    if (repo.resolveCommit(`refs/heads/${name}`) !== undefined) return { ref: name, source: 'local branch' };
  }
  throw new ChangeError(
    `no base to compare the change with in ${repo.root}: the current branch has no upstream, there is no origin/HEAD, and no local main or master branch. ` +
      'Name one (a branch, tag or commit), or set the upstream (`git branch --set-upstream-to origin/<branch>`) or origin/HEAD (`git remote set-head origin --auto`).',
  );
}

/** The default base of the repository containing `cwd`. */
export function defaultBaseFor(cwd: string): DefaultBase {
  return defaultBase(GitRepository.open(cwd));
}
