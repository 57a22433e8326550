import { dirname, resolve } from 'node:path';
import { RULES } from '../rules/registry.generated.js';
import { PlanError } from '../plan/plan-model.js';
import { analyzeWorkspace, loadAnalysisConfig, type AnalysisResult, type AnalyzeOptions, type ModuleAnalysis } from '../analyze.js';
import type { Finding, InputError } from '../finding.js';
import { isInside, NodeFileHost, type FileHost } from '../host.js';
import { findWorkspaceRoot } from '../workspace-root.js';
import { BaseTree, type BaseSubmodule } from './base-tree.js';
import { ChangeError, GitRepository } from './git.js';
import { GitTreeHost, repoPath, repoRelativePath } from './git-tree-host.js';
import { changesLines, compareWithBase, type FileChanges } from './file-changes.js';
import { WorkingTree } from './working-tree.js';
import { diffModule, type ModuleDiff } from './module-diff.js';
import { normalizeSource } from './source-text.js';
import { rangeText, type PositionedText } from '../range.js';

export interface ChangeReviewOptions extends Omit<AnalyzeOptions, 'baseModuleFor' | 'keepModules' | 'host'> {
  /** The git ref to compare with: the change is the working tree against `git merge-base HEAD <base>`. */
  base: string;
}

export interface ChangeReview {
  baseRef: string;
  /** The merge base; undefined in a repository without commits (everything is new). */
  baseCommit?: string;
  /** The working tree's review, with its modules kept; diff-only rules ran. */
  head: AnalysisResult;
  /** The findings of `head` that the change introduced (SPEC §7). */
  introduced: Set<Finding>;
  /** Per module: blocks added, removed, modified. */
  modules: ModuleDiff[];
  /** Paths relative to the repository root. */
  files: FileChanges;
  repoRoot: string;
  /**
   * Submodules at the base whose own change could not be reviewed (their base
   * commit or files are not available): nothing inside them counts as
   * introduced, and `head.errors` says so for each one the review covers.
   */
  unreviewedSubmodules: BaseSubmodule[];
}

/**
 * Diff mode (SPEC §7): reviews the working tree and the merge base, and
 * splits findings into introduced (on lines the change added or modified, on
 * blocks it created, or absent from the base) and existing.
 *
 * Git is asked only for objects (see git.ts): the base's files come from the
 * object store, the working tree's from the file system, and the comparison
 * is made here, so nothing the repository configures (filters, hooks,
 * fsmonitor, diff drivers) ever runs. A submodule is part of the base at the
 * commit the base records, read from the submodule's own repository.
 */
export function reviewChange(options: ChangeReviewOptions): ChangeReview {
  const cwd = resolve(options.cwd);
  const analysedPaths = (options.paths?.length ? options.paths : ['.']).map((p) => resolve(cwd, p));
  // The repository of what is reviewed, not of the directory the command runs in (`cd / && iac-review check /repo --base main`).
  const repo = GitRepository.open(findWorkspaceRoot(analysedPaths[0]!));
  let baseCommit: string | undefined;
  if (repo.hasCommits()) {
    const target = repo.resolveCommit(options.base);
    if (!target) {
      throw new ChangeError(
        `the base "${options.base}" is not a branch, tag or commit of this repository. Fetch it first (for example \`git fetch origin main\`; CI checkouts are often shallow).`,
      );
    }
    baseCommit = repo.mergeBase('HEAD', target);
    if (!baseCommit) {
      throw new ChangeError(`HEAD and "${options.base}" have no common ancestor (in a shallow clone, fetch the full history: \`git fetch --unshallow\`).`);
    }
  }

  const tree = baseCommit ? BaseTree.read(repo, baseCommit) : BaseTree.empty(repo.root);
  const unreviewed = tree.submodules.filter((s) => s.state !== 'reviewed');
  const inUnreviewed = (rel: string) => unreviewed.some((s) => rel === s.path || rel.startsWith(s.path + '/'));
  const workingHost = new NodeFileHost(repo.root);
  const files = compareWithBase(tree, new WorkingTree(workingHost, repo.root, inUnreviewed), inAnalysedPaths(repo.root, analysedPaths, workingHost));

  // One configuration for both sides (the working tree's), so a finding is new only because the code changed.
  const config = options.config ?? loadAnalysisConfig({ ...options, cwd }, workingHost);

  const base = reviewBase(options, { cwd, config, host: new GitTreeHost(tree), keepModules: true, fixes: 'none' });
  const baseByDir = new Map(base.analyses.map((a) => [a.module.dir, a]));
  const baseDirOf = renamedDirectories(repo.root, files, (dir) => baseByDir.has(dir));
  const baseDir = (dir: string) => baseDirOf.get(dir) ?? dir;
  const baseFor = (dir: string) => baseByDir.get(baseDir(dir));

  const head = analyzeWorkspace({ ...options, cwd, config, keepModules: true, baseModuleFor: (dir) => baseFor(dir)?.module });

  const unreviewedFile = (abs: string) => inUnreviewed(repoRelativePath(repo.root, abs));
  const modules: ModuleDiff[] = [];
  const headDirs = new Set<string>();
  for (const analysis of head.analyses) {
    if (unreviewedFile(analysis.module.dir)) continue;
    headDirs.add(analysis.module.dir);
    modules.push(diffModule(analysis.module.dir, baseFor(analysis.module.dir), analysis));
  }
  const mappedBaseDirs = new Set([...headDirs].map(baseDir));
  for (const analysis of base.analyses) {
    if (!mappedBaseDirs.has(analysis.module.dir)) modules.push(diffModule(analysis.module.dir, analysis, undefined));
  }
  modules.sort((a, b) => (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));

  const introducedHere = baseCommit === undefined ? () => true : isIntroduced(head, repo.root, files, base, modules, baseDir);
  const introduced = new Set(head.findings.filter((f) => !unreviewedFile(f.file) && introducedHere(f)));
  head.errors.push(...submoduleNotes(repo.root, unreviewed, head.files));
  const review: ChangeReview = { baseRef: options.base, head, introduced, modules, files, repoRoot: repo.root, unreviewedSubmodules: unreviewed };
  if (baseCommit) review.baseCommit = baseCommit;
  return review;
}

/**
 * The base of the change, reviewed with the plan's values too (SPEC §10): a
 * value the plan decides is decided on both sides, so a finding on code the
 * change did not touch is not new. What only the plan shows (`plan/*` rules)
 * is about the change itself and runs on the working tree alone; a plan the
 * base's code does not match gives the base no plan values.
 */
function reviewBase(options: ChangeReviewOptions, rest: Pick<AnalyzeOptions, 'cwd' | 'config' | 'host' | 'keepModules' | 'fixes'>): AnalysisResult {
  const { plan, ...withoutPlan } = options;
  if (!plan) return analyzeWorkspace({ ...withoutPlan, ...rest });
  try {
    return analyzeWorkspace({ ...withoutPlan, ...rest, plan, rules: (options.rules ?? RULES).filter((r) => !r.meta.planOnly) });
  } catch (e) {
    if (e instanceof PlanError) return analyzeWorkspace({ ...withoutPlan, ...rest });
    throw e;
  }
}

/**
 * Which repository-relative paths the review looks at: those under an
 * analysed directory, or in the directory of an analysed file (a file stands
 * for its module).
 */
function inAnalysedPaths(root: string, paths: readonly string[], host: FileHost): (rel: string) => boolean {
  const dirs = paths
    .map((p) => (host.readDirectory(p) ? p : dirname(p)))
    .filter((d) => isInside(root, d))
    .map((d) => repoRelativePath(root, d));
  return (rel) => dirs.some((d) => d === '' || rel.startsWith(d + '/'));
}

/**
 * One input error per submodule the review covers (it has analysed files)
 * whose own change could not be reviewed: the review cannot vouch for it, and
 * says what to fetch.
 */
function submoduleNotes(root: string, unreviewed: readonly BaseSubmodule[], analysedFiles: readonly string[]): InputError[] {
  const notes: InputError[] = [];
  for (const s of unreviewed) {
    const dir = repoPath(root, s.path);
    if (!analysedFiles.some((f) => isInside(dir, f))) continue;
    const commit = s.commit.slice(0, 12);
    const why =
      s.state === 'not-checked-out'
        ? `a submodule at the base (commit ${commit}), and there is no repository of it here to read that commit from`
        : s.state === 'commit-missing'
          ? `a submodule whose commit at the base (${commit}) is not in its repository (not fetched, or a shallow clone)`
          : `a submodule whose files at its base commit (${commit}) are not all in its repository (a partial clone?)`;
    notes.push({
      file: dir,
      kind: 'unreadable',
      message: `${why}: its own change was not reviewed, and none of its findings is reported as introduced. Fetch the submodule with its history (for example \`git submodule update --init --recursive\` in a full clone, or \`git -C ${s.path} fetch --unshallow\`) and run again.`,
    });
  }
  return notes;
}

/**
 * A directory the base did not have, at least half of whose files were
 * renamed from one other directory (and more than from any other), was moved
 * there. A new directory that borrows a file
 * or two from several others (a new example copying `variables.tf` from one
 * and `versions.tf` from another) is new: pairing it with one of them would
 * ask about "changes" nobody made.
 */
function renamedDirectories(root: string, files: FileChanges, baseHas: (dir: string) => boolean): Map<string, string> {
  const votes = new Map<string, Map<string, number>>();
  const headFiles = new Map<string, number>();
  const count = (rel: string) => {
    const dir = dirname(repoPath(root, rel));
    headFiles.set(dir, (headFiles.get(dir) ?? 0) + 1);
  };
  for (const rel of files.added) count(rel);
  for (const [to, from] of files.renamedFrom) {
    count(to);
    const headDir = dirname(repoPath(root, to));
    const baseDir = dirname(repoPath(root, from));
    if (headDir === baseDir) continue;
    const counts = votes.get(headDir) ?? new Map<string, number>();
    counts.set(baseDir, (counts.get(baseDir) ?? 0) + 1);
    votes.set(headDir, counts);
  }
  const out = new Map<string, string>();
  for (const [headDir, counts] of votes) {
    if (baseHas(headDir)) continue;
    let best: [string, number] | undefined;
    let runnerUp = 0;
    for (const entry of counts) {
      if (!best || entry[1] > best[1]) {
        runnerUp = best?.[1] ?? 0;
        best = entry;
      } else runnerUp = Math.max(runnerUp, entry[1]);
    }
    // One clear origin holding at least half of the directory's files.
    if (best && best[1] > runnerUp && best[1] * 2 >= (headFiles.get(headDir) ?? 0)) out.set(headDir, best[0]);
  }
  return out;
}

function isIntroduced(
  head: AnalysisResult,
  root: string,
  files: FileChanges,
  base: AnalysisResult,
  modules: readonly ModuleDiff[],
  baseDir: (dir: string) => string,
): (finding: Finding) => boolean {
  const rel = (abs: string) => repoRelativePath(root, abs);
  const baseByKey = new Map<string, Finding>();
  for (const f of base.findings) baseByKey.set(findingKey(f, f.address ? dirname(f.file) : rel(f.file)), f);
  const baseKeys = new Set(baseByKey.keys());
  const texts = { before: sourceTexts(base.analyses), after: sourceTexts(head.analyses) };
  // A block renamed with a `moved` block, or renamed with its body unchanged, is the same object (SPEC §7).
  const renamesByDir = new Map(modules.map((m) => [m.dir, m.renamed]));
  const baseModuleOf = new Map(modules.map((m) => [m.dir, m.base?.module]));
  return (finding) => {
    const path = rel(finding.file);
    if (files.added.has(path)) return true;
    const dir = dirname(finding.file);
    const scope = finding.address ? baseDir(dir) : (files.renamedFrom.get(path) ?? path);
    // A renamed block's findings are new only if the base lacked them, or the change wrote the offending code.
    const renamedFrom = finding.address ? renamesByDir.get(dir)?.get(finding.address) : undefined;
    if (renamedFrom) {
      const message = finding.message.split(finding.address!).join(renamedFrom);
      const before = baseByKey.get(findingKey({ ...finding, address: renamedFrom, message }, scope));
      return !before || (changesLines(files, path, finding.range) && !sameCode(texts, before, finding, { from: renamedFrom, to: finding.address! }));
    }
    if (changesLines(files, path, finding.range)) {
      // A touched line is not a written one: the finding is existing when the base had it, over the same code.
      const before = baseByKey.get(findingKey(finding, scope));
      return !before || !sameCode(texts, before, finding);
    }
    const baseModule = baseModuleOf.get(dir);
    if (finding.address && baseModule && isBlockAddress(finding.address) && !baseModule.byAddress.has(finding.address)) return true;
    // A finding the base did not have (e.g. a deleted `prevent_destroy` line leaves no added line to point at).
    return !baseKeys.has(findingKey(finding, scope));
  };
}

/** The text of each analysed file, by path (both sides of the change). */
function sourceTexts(analyses: readonly ModuleAnalysis[]): Map<string, PositionedText> {
  const out = new Map<string, PositionedText>();
  for (const a of analyses) for (const f of [...a.module.files, ...a.module.varFiles]) out.set(f.path, f);
  return out;
}

/** Whether the base's finding and the head's are about the same code: the text of their ranges, white space aside. */
function sameCode(
  texts: { before: ReadonlyMap<string, PositionedText>; after: ReadonlyMap<string, PositionedText> },
  before: Finding,
  after: Finding,
  rename?: { from: string; to: string },
): boolean {
  const a = texts.before.get(before.file);
  const b = texts.after.get(after.file);
  if (a === undefined || b === undefined) return false;
  // A renamed block's header differs by its name only: the name is not the offending code.
  const label = (address: string | undefined) => (address ? `"${address.slice(address.lastIndexOf('.') + 1)}"` : undefined);
  const norm = (text: PositionedText, f: Finding, name: string | undefined) => {
    const code = normalizeSource(rangeText(text, f.range));
    return name ? code.split(name).join('"\u0000"') : code;
  };
  return norm(a, before, label(rename?.from)) === norm(b, after, label(rename?.to));
}

/** A resource, data source or module call (what `byAddress` holds), not `var.x` / `local.x` / `output.x`. */
function isBlockAddress(address: string): boolean {
  if (/^(var|local|output|provider|terraform)\./.test(address)) return false;
  return /^(data\.[\w-]+\.[\w-]+|module\.[\w-]+|[\w-]+\.[\w-]+)$/.test(address);
}

/** Identity of a finding across the change: by module and address when it has one, else by file. */
function findingKey(f: Finding, scope: string): string {
  return `${f.ruleId}\u0000${scope}\u0000${f.address ?? ''}\u0000${f.message}`;
}

export { ChangeError };
