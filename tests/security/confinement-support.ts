// Hostile workspaces for the confinement and exercise tests: symlinks out of the
// workspace, a fake CI token in .git, FIFOs, link loops; and a CLI runner that
// kills the child after a hard limit, so a blocking open fails the test instead
// of hanging the run.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

// SEC_CLI runs the tests against another build (e.g. main's dist/cli.js, to see them fail there).
export const CLI = process.env.SEC_CLI ?? join(import.meta.dirname, '..', '..', 'dist', 'cli.js');

/** A child still running after this long has blocked: killed, and the test fails. */
export const HANG_LIMIT_MS = 30_000;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Killed at the hang limit. */
  hung: boolean;
}

export function runCli(args: string[], cwd: string, limitMs = HANG_LIMIT_MS): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    let hung = false;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, limitMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, hung });
    });
  });
}

/** A string that appears nowhere unless read from the file it was written to. */
export function marker(what: string): string {
  return `${what}-${randomBytes(6).toString('hex')}`;
}

const temps: string[] = [];

/** A fresh directory under the real temp path (links resolve to what the tests compare with). */
export function tempDir(prefix = 'iac-review-sec-'): string {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  temps.push(dir);
  return dir;
}

export function removeTemps(): void {
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Writes files (path → text) under `root`, creating folders. */
export function write(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

export function link(root: string, path: string, target: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  symlinkSync(target, join(root, path));
}

export function fifo(root: string, path: string): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  execFileSync('mkfifo', [join(root, path)]);
}

/** Every secret of a hostile workspace: none may appear in any output. */
export interface Secrets {
  /** Content of a .tf file outside the workspace (valid HCL around it, and a syntax error quoting it). */
  outsideTf: string;
  outsideText: string;
  /** Content of files in a directory outside the workspace, reached by a symlinked directory. */
  outsideDirTf: string;
  outsideDirText: string;
  /** The fake CI token in .git/config, and in a submodule's gitdir config. */
  token: string;
  submoduleToken: string;
}

export interface HostileWorkspace {
  /** The folder holding both the repository and the outside files (a working directory that must not widen anything). */
  base: string;
  repo: string;
  outside: string;
  secrets: Secrets;
  /** A value read from inside the workspace: it shows the tag-values rule prints what file() reads. */
  visible: string;
}

/**
 * A git repository (found by its `.git` folder, no git run) whose code reaches
 * out of it in every way SPEC §2 forbids, beside an `outside/` folder holding
 * secrets. The tag-values rule is configured so that every value file() reads
 * would be printed in its message.
 */
export function hostileWorkspace(): HostileWorkspace {
  const base = tempDir();
  const repo = join(base, 'repo');
  const outside = join(base, 'outside');
  const secrets: Secrets = {
    outsideTf: marker('OUTSIDE_TF'),
    outsideText: marker('OUTSIDE_TEXT'),
    outsideDirTf: marker('OUTSIDE_DIR_TF'),
    outsideDirText: marker('OUTSIDE_DIR_TEXT'),
    token: marker('ghs_FAKETOKEN'),
    submoduleToken: marker('ghs_SUBMODULETOKEN'),
  };
  const visible = marker('INSIDE_VISIBLE');
  write(outside, {
    'secret.tf': `resource "aws_s3_bucket" "leak" {\n  bucket = "${secrets.outsideTf}"\n}\n${secrets.outsideTf} = = broken\n`,
    'secret.txt': secrets.outsideText,
    'dir/main.tf': `resource "aws_s3_bucket" "dirleak" {\n  bucket = "${secrets.outsideDirTf}"\n}\n`,
    'dir/value.txt': secrets.outsideDirText,
  });
  write(repo, {
    '.git/HEAD': 'ref: refs/heads/main\n',
    // What actions/checkout leaves behind.
    '.git/config': `[core]\n\trepositoryformatversion = 0\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic ${secrets.token}\n`,
    '.git/modules/sub/config': `[http]\n\textraheader = AUTHORIZATION: basic ${secrets.submoduleToken}\n`,
    'sub/.git': 'gitdir: ../.git/modules/sub\n',
    'inside.txt': visible,
    '.iac-review.json': JSON.stringify({
      rules: { 'tagging/tag-values': ['warning', { values: Object.fromEntries('ABCDEFGHIJKV'.split('').map((k) => [k, ['allowed']])) }] },
    }),
    'main.tf': [
      'resource "aws_s3_bucket" "b" {',
      '  bucket = "b"',
      '  tags = {',
      '    A = file("${path.module}/linked.txt")',
      '    B = file("${path.module}/linkdir/value.txt")',
      '    C = file("${path.module}/../outside/secret.txt")',
      '    D = file(".git/config")',
      '    E = templatefile("${path.module}/linkdir/value.txt", {})',
      '    F = file("${path.module}/.git/modules/sub/config")',
      '    G = file("sub/../.git/config")',
      '    H = file("${path.module}/gitlink/config")',
      '    I = templatefile("linked.txt", { x = 1 })',
      // An absolute path written into the code, and the same file by climbing from the module.
      `    J = file("${outside}/secret.txt")`,
      '    K = file("${path.module}/../../../../../../../../../../../../../..' + outside + '/secret.txt")',
      '    V = file("${path.module}/inside.txt")',
      '  }',
      '}',
      '',
    ].join('\n'),
  });
  link(repo, 'x.tf', '../outside/secret.tf');
  link(repo, 'linked.txt', join(outside, 'secret.txt'));
  link(repo, 'linkdir', '../outside/dir');
  link(repo, 'gitlink', '.git');
  return { base, repo, outside, secrets, visible };
}

/** The names of the secrets that show up in `text` (whole, or their random part alone). */
export function leaksIn(text: string, secrets: Secrets): string[] {
  return Object.entries(secrets)
    .filter(([, value]) => text.includes(value) || text.includes(value.slice(value.lastIndexOf('-') + 1)))
    .map(([name]) => name);
}
