import { tmpdir } from 'node:os';
import { nodeChildProcess } from '../lazy-builtins.js';
import { parse } from 'node:path';

/** A git problem the user must fix (unknown ref, not a repository, git too slow): a usage error for the CLI. */
export class ChangeError extends Error {}

/** No git call may block the review for longer than this (a hung file system, a lock that is never released). */
export const GIT_TIMEOUT_MS = 60_000;

/**
 * How git is started for a review. The reviewed repository is untrusted (a
 * pull request, a repository just cloned): its `.git/config`, hooks and
 * `.gitattributes` can name programs to run. Diff mode only runs plumbing
 * that reads objects (rev-parse, merge-base, ls-tree, cat-file without
 * --filters/--textconv): none of them refreshes or writes the index, touches
 * the working tree or runs a hook, so no filter, hook, fsmonitor, pager or
 * diff driver is ever started. The settings below close what remains.
 */
export function gitArguments(safeDirectories: readonly string[]): string[] {
  return [
    '--no-pager',
    // What a commit holds, not what refs/replace/* in the repository substitutes for it.
    '--no-replace-objects',
    '-c', 'core.fsmonitor=false',
    '-c', 'core.quotePath=false',
    // A repository that claims to be a partial clone would fetch missing objects on
    // demand, and a fetch runs transports, credential helpers and ssh commands its
    // config chooses: no transport is allowed (command-line config overrides the
    // repository's `protocol.<name>.allow`).
    '-c', 'protocol.allow=never',
    ...['file', 'git', 'ssh', 'http', 'https', 'ext'].flatMap((p) => ['-c', `protocol.${p}.allow=never`]),
    '-c', 'credential.helper=',
    // The user's own exceptions to git's ownership check (a CI container whose
    // checkout belongs to another user), carried over from the configuration we
    // otherwise ignore; git honours safe.directory only from its protected scopes,
    // which include the command line.
    ...safeDirectories.flatMap((d) => ['-c', `safe.directory=${d}`]),
  ];
}

/**
 * The environment of every git call. Inherited `GIT_*` variables are dropped:
 * each one redirects git (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE,
 * GIT_OBJECT_DIRECTORY, GIT_COMMON_DIR, GIT_NAMESPACE…), injects configuration
 * (GIT_CONFIG_PARAMETERS, GIT_CONFIG_COUNT/KEY_n/VALUE_n, GIT_CONFIG_GLOBAL…)
 * or names a program (GIT_EXEC_PATH, GIT_SSH_COMMAND, GIT_PAGER,
 * GIT_EXTERNAL_DIFF, GIT_ASKPASS…). A hook or a CI step that runs iac-review
 * commonly has some set for another repository, and a review compared with the
 * wrong history passes changes it should fail. System and global configuration
 * are ignored too (they can enable programs such as filter drivers or an
 * fsmonitor for every repository); only safe.directory is carried over, by
 * `gitArguments`.
 */
export function gitEnvironment(parent: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) if (value !== undefined && !name.toUpperCase().startsWith('GIT_')) env[name] = value;
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_ATTR_NOSYSTEM: '1',
    // No opportunistic index refresh or lock, even by a command that could take one.
    GIT_OPTIONAL_LOCKS: '0',
    GIT_TERMINAL_PROMPT: '0',
    // git ≥ 2.45: never fetch a missing object (older versions: the protocol settings above).
    GIT_NO_LAZY_FETCH: '1',
    GIT_NO_REPLACE_OBJECTS: '1',
  };
}

export interface GitCall {
  cwd: string;
  args: readonly string[];
  /** Written to git's stdin (cat-file --batch); otherwise stdin is closed. */
  input?: string;
  /** Bytes of stdout accepted; more is an error, never an unbounded buffer. */
  maxBuffer: number;
}

export type GitOutcome = { ok: true; stdout: Buffer } | { ok: false; stderr: string; missingGit?: true; timedOut?: true; tooLarge?: true };

/** Runs git once, synchronously, with a timeout and an output bound. */
export function runGit(call: GitCall, safeDirectories: readonly string[]): GitOutcome {
  try {
    const stdout = nodeChildProcess().execFileSync('git', [...gitArguments(safeDirectories), ...call.args], {
      cwd: call.cwd,
      env: gitEnvironment(),
      maxBuffer: call.maxBuffer,
      timeout: GIT_TIMEOUT_MS,
      killSignal: 'SIGKILL',
      windowsHide: true,
      ...(call.input !== undefined ? { input: call.input, stdio: ['pipe', 'pipe', 'pipe'] } : { stdio: ['ignore', 'pipe', 'pipe'] }),
    });
    return { ok: true, stdout };
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: Buffer | string; signal?: string };
    const stderr = err.stderr?.toString() ?? '';
    if (err.code === 'ENOENT') return { ok: false, stderr, missingGit: true };
    if (err.code === 'ENOBUFS') return { ok: false, stderr, tooLarge: true };
    if (err.code === 'ETIMEDOUT' || err.signal === 'SIGKILL') return { ok: false, stderr, timedOut: true };
    return { ok: false, stderr };
  }
}

/**
 * safe.directory entries of the user's system and global configuration (the
 * only scopes git trusts for it), read without any repository: git starts in
 * a file-system root and reads only those files, found where the user's own
 * git finds them (GIT_CONFIG_GLOBAL / GIT_CONFIG_SYSTEM / GIT_CONFIG_NOSYSTEM
 * are the user's, kept for this lookup alone).
 */
export function userSafeDirectories(parent: NodeJS.ProcessEnv = process.env): string[] {
  const env = gitEnvironment(parent);
  for (const name of ['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM']) {
    const value = parent[name];
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const out: string[] = [];
  for (const scope of ['--system', '--global']) {
    try {
      const text = nodeChildProcess().execFileSync('git', ['config', scope, '--get-all', 'safe.directory'], {
        cwd: parse(tmpdir()).root,
        env,
        encoding: 'utf8',
        maxBuffer: 1024 * 1024,
        timeout: GIT_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        windowsHide: true,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const values = text.split('\n');
      if (values[values.length - 1] === '') values.pop();
      out.push(...values);
    } catch {
      // exit 1: no entry in that scope; any other failure: nothing to carry over.
    }
  }
  return out;
}

/** git's first line of complaint, without its `fatal: ` prefix. */
export function firstLine(text: string | undefined): string {
  return (text ?? '').split('\n')[0]!.replace(/^(fatal|error): /, '').trim() || 'git failed';
}
