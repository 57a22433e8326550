// The environment iac-review is started in (a git hook, a CI step, a shell
// with GIT_* variables for another repository, the user's own git config)
// must not redirect diff mode to other history or make git run programs.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitArguments, gitEnvironment, userSafeDirectories } from '../../server/src/engine/change/git-process.js';
import { TestRepo } from '../support/git-repo.js';

const CLI = join(resolve(import.meta.dirname, '..', '..'), 'dist', 'cli.js');

const POLICY = `resource "aws_iam_policy" "p" {
  name   = "p"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "arn:aws:s3:::b/*" }] })
}
`;

function findings(cwd: string, env: NodeJS.ProcessEnv): string[] {
  const run = spawnSync(process.execPath, [CLI, 'check', '--base', 'main', '--format', 'json', '--fail-on', 'never'], { cwd, env, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
  expect(run.signal).toBeNull();
  expect(run.status, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; file: string }> }).findings.map((f) => `${f.file} ${f.ruleId}`);
}

const tmp = (prefix: string) => realpathSync(mkdtempSync(join(tmpdir(), prefix)));

describe('the environment of diff mode', () => {
  it('GIT_* variables of the parent environment do not redirect the review or configure git', () => {
    // `other` already has the policy on main: compared with its history, the change would look empty.
    const other = new TestRepo();
    other.write({ 'iam.tf': POLICY }).commit('base');
    const repo = new TestRepo();
    repo.write({ 'main.tf': 'locals {}\n' }).commit('base');
    repo.branch('change').write({ 'iam.tf': POLICY });
    const plain = findings(repo.root, process.env);
    expect(plain).toContain('iam.tf iam/wildcard-action');

    const markers = tmp('iac-review-env-markers-');
    const program = join(tmp('iac-review-env-bin-'), 'mark');
    writeFileSync(program, `#!/bin/sh\ntouch "${markers}/ran"\ncat\n`);
    chmodSync(program, 0o755);
    const globalConfig = join(tmp('iac-review-env-global-'), 'gitconfig');
    const attributes = join(tmp('iac-review-env-attributes-'), 'attributes');
    writeFileSync(attributes, '*.tf filter=user\n');
    writeFileSync(globalConfig, `[core]\n\tattributesFile = ${attributes}\n\tfsmonitor = ${program}\n[filter "user"]\n\tclean = ${program}\n\tprocess = ${program}\n`);
    const index = join(tmp('iac-review-env-index-'), 'index');

    const hostile: NodeJS.ProcessEnv = {
      ...process.env,
      GIT_DIR: join(other.root, '.git'),
      GIT_WORK_TREE: other.root,
      GIT_INDEX_FILE: index,
      GIT_OBJECT_DIRECTORY: join(other.root, '.git', 'objects'),
      GIT_COMMON_DIR: join(other.root, '.git'),
      GIT_CEILING_DIRECTORIES: '/',
      GIT_CONFIG_GLOBAL: globalConfig,
      GIT_CONFIG_PARAMETERS: `'core.fsmonitor'='${program}'`,
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'core.pager',
      GIT_CONFIG_VALUE_0: program,
      GIT_PAGER: program,
      GIT_EXTERNAL_DIFF: program,
      GIT_EXEC_PATH: tmp('iac-review-env-exec-'),
    };
    // The same redirection really does change what plain git sees.
    expect(spawnSync('git', ['rev-parse', 'HEAD:iam.tf'], { cwd: repo.root, env: hostile, encoding: 'utf8' }).stdout.trim()).toMatch(/^[0-9a-f]{40}$/);

    expect(findings(repo.root, hostile)).toEqual(plain);
    expect(readdirSync(markers)).toEqual([]);
    expect(existsSync(index)).toBe(false);
  });

  it('git runs with every inherited GIT_* variable dropped and system/global configuration ignored', () => {
    const env = gitEnvironment({ PATH: '/usr/bin', HOME: '/home/u', GIT_DIR: '/x', git_work_tree: '/y', GIT_SSH_COMMAND: 'evil', GIT_TRACE: '1', GIT_CONFIG_NOSYSTEM: '0' });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/u',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: '/dev/null',
      GIT_ATTR_NOSYSTEM: '1',
      GIT_OPTIONAL_LOCKS: '0',
      GIT_TERMINAL_PROMPT: '0',
      GIT_NO_LAZY_FETCH: '1',
      GIT_NO_REPLACE_OBJECTS: '1',
    });
    const args = gitArguments([]).join(' ');
    expect(args).toContain('--no-pager');
    expect(args).toContain('-c core.fsmonitor=false');
    expect(args).toContain('-c protocol.allow=never');
  });

  it("the user's own safe.directory exceptions (system and global configuration only) are carried over", () => {
    const repo = new TestRepo();
    repo.git('config', 'safe.directory', '/from/the/repository');
    const global = join(tmp('iac-review-env-safe-'), 'gitconfig');
    writeFileSync(global, '[safe]\n\tdirectory = /srv/checkout\n\tdirectory = /work/*\n');
    const found = userSafeDirectories({ ...process.env, GIT_CONFIG_GLOBAL: global, GIT_CONFIG_NOSYSTEM: '1' });
    expect(found).toEqual(['/srv/checkout', '/work/*']);
    expect(gitArguments(found).join(' ')).toContain('-c safe.directory=/srv/checkout -c safe.directory=/work/*');
  });
});
