// A git repository built the way an attacker would build a pull request
// (SECURITY.md): every git feature that can run a program is configured to
// run one that leaves a marker, files point outside the workspace, a FIFO
// waits to block a reader, and patterns are chosen to make a backtracking
// matcher hang. Used by the CLI and the language-server acceptance tests.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { TestRepo } from './git-repo.js';

/** Text of the file outside the workspace: must never appear in any output. */
export const OUTSIDE_SECRET = 'OUTSIDE-9QX4-DO-NOT-LEAK';
/** The CI token `actions/checkout` would store in .git/config: must never appear in any output. */
export const FAKE_TOKEN = 'ghs_FAKETOKEN7d1c0ffee5ca1ab1e';

/** Every hook git knows; each one, if ever run, leaves a marker. */
const HOOKS = [
  'applypatch-msg', 'pre-applypatch', 'post-applypatch', 'pre-commit', 'pre-merge-commit', 'prepare-commit-msg',
  'commit-msg', 'post-commit', 'pre-rebase', 'post-checkout', 'post-merge', 'pre-push', 'pre-receive', 'update',
  'proc-receive', 'post-receive', 'post-update', 'reference-transaction', 'push-to-checkout', 'pre-auto-gc',
  'post-rewrite', 'sendemail-validate', 'fsmonitor-watchman', 'p4-changelist', 'p4-prepare-changelist',
  'p4-post-changelist', 'p4-pre-submit', 'post-index-change',
];

export interface HostileRepo {
  repo: TestRepo;
  /** Where a program run by the repository's configuration leaves its marker: must stay empty. */
  markers: string;
  /** The directory outside the workspace that symlinks and `..` paths point into. */
  outside: string;
  /** Markers left so far (names of the programs that ran). */
  ran(): string[];
}

const STARS = '*'.repeat(30);
const LONG_LABEL = `${'a'.repeat(40)}-`;

export function hostileRepo(): HostileRepo {
  const scratch = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-hostile-')));
  const markers = join(scratch, 'markers');
  const tools = join(scratch, 'tools');
  const outside = join(scratch, 'outside');
  mkdirSync(markers);
  mkdirSync(tools);
  mkdirSync(join(outside, 'dir'), { recursive: true });

  // What every repository-configured program is: leave a marker, pass stdin through (a filter must look like one).
  const evil = join(tools, 'evil.sh');
  writeFileSync(evil, `#!/bin/sh\necho "$0 $*" > "${markers}/ran-$$-$(date +%s%N)"\ncat\n`);
  chmodSync(evil, 0o755);

  const secretTf = `resource "aws_s3_bucket" "leak" {\n  bucket = "${OUTSIDE_SECRET}"\n}\n`;
  writeFileSync(join(outside, 'secret.tf'), secretTf);
  writeFileSync(join(outside, 'secret.txt'), `${OUTSIDE_SECRET}\n`);
  writeFileSync(join(outside, 'dir', 'inner.tf'), secretTf.replace('"leak"', '"inner"'));

  // A submodule whose own files have findings; the change leaves it alone.
  const subRepo = new TestRepo();
  subRepo.write({ 'main.tf': policy('sub', '"*"') }).commit('submodule base');

  const repo = new TestRepo();
  repo.write({
    'main.tf': `terraform {\n  required_version = ">= 1.5"\n}\n\n${policy('deploy', '"s3:GetObject"')}`,
    '.gitattributes': '* filter=evil diff=evil merge=evil\n',
  });
  repo.git('-c', 'protocol.file.allow=always', 'submodule', '--quiet', 'add', subRepo.root, 'vendor/sub');
  repo.commit('base');

  repo.branch('change');
  const outsideFromRepo = relative(repo.root, outside);
  repo.write({
    // An introduced finding the review must still report, and an action built to hang a backtracking matcher.
    'iam.tf': policy('wide', `"*", "ec2:${STARS}Z", "s3:${'*?'.repeat(20)}Q"`),
    'tags.tf': `resource "aws_s3_bucket" "${LONG_LABEL}" {
  bucket = "acme-data"
  tags = {
    Owner       = file("\${path.module}/.git/config")
    Team        = file("\${path.module}/${outsideFromRepo}/secret.txt")
    Environment = "${'a'.repeat(40)}b"
    Service     = templatefile("\${path.module}/fifo.tpl", {})
  }
}
`,
    '.iac-review.json': JSON.stringify(
      {
        extends: 'recommended',
        rules: {
          'naming/identifier-format': ['warning', { pattern: '^([a-z]+)+$' }],
          'tagging/tag-values': ['warning', { values: { Environment: '(a|aa)+', Owner: ['nobody'], Team: ['nobody'], Service: ['nobody'] } }],
        },
      },
      null,
      2,
    ),
  });
  symlinkSync(join(outside, 'secret.tf'), join(repo.root, 'leak.tf'));
  symlinkSync(join(outside, 'dir'), join(repo.root, 'linked'));
  repo.commit('the change');

  // Only now is the repository made hostile: the setup's own git commands must not trip the markers.
  const config: Array<[string, string]> = [
    ['filter.evil.clean', `${evil} clean`],
    ['filter.evil.smudge', `${evil} smudge`],
    ['filter.evil.process', `${evil} process`],
    ['diff.evil.textconv', `${evil} textconv`],
    ['diff.evil.command', `${evil} diff-driver`],
    ['merge.evil.driver', `${evil} merge-driver`],
    ['diff.external', `${evil} external-diff`],
    ['core.fsmonitor', evil],
    ['core.pager', `${evil} pager`],
    ['core.editor', `${evil} editor`],
    ['core.sshCommand', `${evil} ssh`],
    ['core.askPass', evil],
    ['core.hooksPath', join(tools, 'hooks')],
    ['credential.helper', `!${evil} credential`],
    ['gpg.program', evil],
    ['pager.diff', `${evil} pager-diff`],
    ['sequence.editor', `${evil} sequence-editor`],
    ['http.https://github.com/.extraheader', `AUTHORIZATION: basic ${FAKE_TOKEN}`],
  ];
  for (const [key, value] of config) repo.git('config', key, value);
  mkdirSync(join(tools, 'hooks'));
  for (const hook of HOOKS) {
    for (const dir of [join(tools, 'hooks'), join(repo.root, '.git', 'hooks')]) {
      writeFileSync(join(dir, hook), `#!/bin/sh\nexec ${evil} hook-${hook}\n`);
      chmodSync(join(dir, hook), 0o755);
    }
  }

  // Uncommitted edits (a `git diff` against the working tree would run the clean filter on them) and FIFOs.
  repo.write({ 'main.tf': `terraform {\n  required_version = ">= 1.5"\n}\n\n${policy('deploy', '"s3:GetObject", "s3:PutObject"')}` });
  execFileSync('mkfifo', [join(repo.root, 'x.tf'), join(repo.root, 'fifo.tpl')]);

  return { repo, markers, outside, ran: () => readdirSync(markers) };
}

function policy(name: string, actions: string): string {
  return `resource "aws_iam_policy" "${name}" {
  name = "${name}"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = [${actions}], Resource = "*" }]
  })
}
`;
}
