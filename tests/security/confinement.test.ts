// SPEC §2: every path the reviewed code supplies resolves (links followed)
// inside the workspace — the repository's top level, never the working
// directory — and outside its .git/; what is refused becomes an unknown or an
// `unreadable` error, and nothing of the refused file reaches any output.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { INSIDE_GIT_FOLDER, LINK_OUTSIDE_WORKSPACE, NodeFileHost, OUTSIDE_WORKSPACE } from '../../server/src/engine/host.js';
import { findWorkspaceRoot, findWorkspaceRoots } from '../../server/src/engine/workspace-root.js';
import { OverlayFileHost } from '../../server/src/lsp/overlay-host.js';
import type { ModuleEvaluator } from '../../server/src/engine/evaluate/evaluator.js';
import type { Value } from '../../server/src/engine/evaluate/value.js';
import type { Module } from '../../server/src/engine/model/module.js';
import { fifo, hostileWorkspace, leaksIn, link, removeTemps, runCli, tempDir, write, type HostileWorkspace } from './confinement-support.js';

afterAll(removeTemps);

const BUCKET = 'resource "aws_s3_bucket" "ok" {\n  bucket = "ok"\n}\n';

describe('the workspace is the repository holding the analysed path, found without git', () => {
  it('is the folder with a .git directory or file, else the analysed path itself; never the working directory', () => {
    const base = tempDir();
    write(base, { 'repo/.git/HEAD': 'ref: refs/heads/main\n', 'repo/envs/prod/main.tf': BUCKET, 'worktree/.git': 'gitdir: /elsewhere\n', 'worktree/mod/main.tf': BUCKET, 'plain/mod/main.tf': BUCKET });
    expect(findWorkspaceRoot(join(base, 'repo/envs/prod'))).toBe(join(base, 'repo'));
    expect(findWorkspaceRoot(join(base, 'repo/envs/prod/main.tf'))).toBe(join(base, 'repo'));
    expect(findWorkspaceRoot(join(base, 'worktree/mod'))).toBe(join(base, 'worktree'));
    expect(findWorkspaceRoot(join(base, 'plain/mod'))).toBe(join(base, 'plain/mod'));
    expect(findWorkspaceRoot(join(base, 'plain/mod/main.tf'))).toBe(join(base, 'plain/mod'));
    // The path as written is climbed, not where links lead: a link named inside the repository stays in it…
    link(base, 'repo/envs/root', '/');
    expect(findWorkspaceRoot(join(base, 'repo/envs/root'))).toBe(join(base, 'repo'));
    expect(findWorkspaceRoot(join(base, 'repo/envs/root/etc'))).toBe(join(base, 'repo'));
    // …and the user's own link to a repository or a folder is the workspace it leads to.
    link(base, 'elsewhere/repo-link', join(base, 'repo'));
    link(base, 'elsewhere/mod-link', join(base, 'plain/mod'));
    expect(findWorkspaceRoot(join(base, 'elsewhere/repo-link/envs'))).toBe(join(base, 'elsewhere/repo-link'));
    expect(findWorkspaceRoot(join(base, 'elsewhere/mod-link'))).toBe(join(base, 'elsewhere/mod-link'));
  });

  it('a path named through a committed link to / reviews nothing outside the repository', async () => {
    const base = tempDir();
    write(base, { 'repo/.git/HEAD': '', 'repo/main.tf': BUCKET, 'outside/mod/main.tf': 'resource "aws_s3_bucket" "x" {\n  bucket = "OUTSIDE-NAMED-SECRET"\n}\n' });
    link(base, 'repo/envs/evil', '../../outside');
    const run = await runCli(['check', 'repo/envs/evil/mod', 'repo/envs/evil', '--format', 'json'], base);
    expect(run.hung).toBe(false);
    expect(run.stdout).not.toContain('OUTSIDE-NAMED-SECRET');
    const report = JSON.parse(run.stdout) as { summary: { files: number; modules: number }; errors: Array<{ file: string; message: string }> };
    expect(report.summary).toMatchObject({ modules: 0 });
    expect(report.errors).toEqual([
      { file: 'repo/envs/evil/mod', message: 'directory not searched: it leads outside the analysed workspace, or into its .git folder', kind: 'unreadable' },
      { file: 'repo/envs/evil', message: `directory not searched: ${LINK_OUTSIDE_WORKSPACE}`, kind: 'unreadable' },
    ]);
  });

  it('for several paths: one workspace per repository, a workspace inside another dropped, in the order given', () => {
    const base = tempDir();
    write(base, { 'a/.git/HEAD': '', 'a/m/main.tf': BUCKET, 'b/.git/HEAD': '', 'b/main.tf': BUCKET, 'c/d/main.tf': BUCKET });
    expect(findWorkspaceRoots([join(base, 'b'), join(base, 'a/m'), join(base, 'a')])).toEqual([join(base, 'b'), join(base, 'a')]);
    expect(findWorkspaceRoots([join(base, 'c/d'), join(base, 'c')])).toEqual([join(base, 'c')]);
  });
});

describe('a hostile repository reviewed by the CLI', () => {
  let ws: HostileWorkspace;
  const workspace = () => (ws ??= hostileWorkspace());

  // The working directory once widened the confinement: the folder holding repo/ and outside/, and / .
  for (const where of ['base', 'root', 'outside'] as const) {
    for (const format of ['text', 'json', 'sarif', 'markdown', 'github']) {
      it(`check --format ${format}, run from ${where}: no byte of an outside file or of the token in the output`, async () => {
        const { base, repo, outside, secrets } = workspace();
        const cwd = where === 'base' ? base : where === 'root' ? '/' : outside;
        const run = await runCli(['check', repo, '--format', format], cwd);
        expect(run.hung, 'killed after 30 s').toBe(false);
        expect(run.stderr).toBe('');
        expect(run.code === 0 || run.code === 1, `exit ${run.code}`).toBe(true);
        expect(leaksIn(run.stdout + run.stderr, secrets)).toEqual([]);
      });
    }
  }

  it('reports what it refused as errors that say why, and still prints what file() read inside the workspace', async () => {
    const { base, repo, visible, secrets } = workspace();
    const run = await runCli(['check', repo, '--format', 'json'], base);
    const report = JSON.parse(run.stdout) as { findings: Array<{ file: string; message: string; ruleId: string }>; errors: Array<{ file: string; message: string }> };
    // The rule does print a value file() reads: the secrets are absent because they were not read.
    expect(report.findings.some((f) => f.ruleId === 'tagging/tag-values' && f.message.includes(visible))).toBe(true);
    expect(report.findings.filter((f) => f.ruleId === 'tagging/tag-values').map((f) => f.message)).toHaveLength(1);
    expect(report.errors).toEqual(
      expect.arrayContaining([
        { file: 'repo/x.tf', message: LINK_OUTSIDE_WORKSPACE, kind: 'unreadable' },
        { file: 'repo/linkdir', message: `directory not searched: ${LINK_OUTSIDE_WORKSPACE}`, kind: 'unreadable' },
      ]),
    );
    expect(report.findings.every((f) => f.file.startsWith('repo/') && !f.file.startsWith('repo/linkdir/'))).toBe(true);
    expect(leaksIn(run.stdout, secrets)).toEqual([]);
  });

  for (const format of ['markdown', 'json']) {
    it(`checklist --format ${format}: each refused file() is an undecided item saying why, never its content`, async () => {
      const { base, repo, secrets } = workspace();
      const run = await runCli(['checklist', repo, '--format', format], base);
      expect(run.hung).toBe(false);
      expect(leaksIn(run.stdout + run.stderr, secrets)).toEqual([]);
      for (const reason of [OUTSIDE_WORKSPACE, LINK_OUTSIDE_WORKSPACE, INSIDE_GIT_FOLDER]) expect(run.stdout).toContain(reason.slice(0, 40));
    });
  }
});

describe('the engine confines every path the code supplies (in-process)', () => {
  it('file() and templatefile(): outside, through links, climbing with .., into .git — unknown with the reason', () => {
    const { repo, secrets, visible } = hostileWorkspace();
    const result = analyzeWorkspace({ cwd: '/', paths: [repo] });
    const reasons = new Map(result.undecided.filter((u) => u.ruleId === 'tagging/tag-values').map((u) => [u.text.match(/allowed (\w) value/)?.[1], u.reason]));
    expect(Object.fromEntries(reasons)).toEqual({
      A: expect.stringContaining(`is not read: ${LINK_OUTSIDE_WORKSPACE}`),
      B: expect.stringContaining(`is not read: ${LINK_OUTSIDE_WORKSPACE}`),
      C: expect.stringContaining(`is not read: ${OUTSIDE_WORKSPACE}`),
      D: expect.stringContaining(`is not read: ${INSIDE_GIT_FOLDER}`),
      E: expect.stringContaining(`is not read: ${LINK_OUTSIDE_WORKSPACE}`),
      F: expect.stringContaining(`is not read: ${INSIDE_GIT_FOLDER}`),
      G: expect.stringContaining(`is not read: ${INSIDE_GIT_FOLDER}`),
      H: expect.stringContaining(`is not read: ${INSIDE_GIT_FOLDER}`),
      I: expect.stringContaining(`is not read: ${LINK_OUTSIDE_WORKSPACE}`),
      J: expect.stringContaining(`is not read: ${OUTSIDE_WORKSPACE}`),
      K: expect.stringContaining(`is not read: ${OUTSIDE_WORKSPACE}`),
    });
    expect(result.findings.find((f) => f.ruleId === 'tagging/tag-values')?.message).toContain(visible);
    expect(leaksIn(JSON.stringify({ ...result, config: undefined }), secrets)).toEqual([]);
  });

  it('a source file or folder that leads out is an unreadable error, its content never parsed', () => {
    const { repo, secrets } = hostileWorkspace();
    const result = analyzeWorkspace({ cwd: repo, paths: [repo] });
    expect(result.errors).toEqual(
      expect.arrayContaining([
        { file: join(repo, 'x.tf'), message: LINK_OUTSIDE_WORKSPACE, kind: 'unreadable' },
        { file: join(repo, 'linkdir'), message: `directory not searched: ${LINK_OUTSIDE_WORKSPACE}`, kind: 'unreadable' },
      ]),
    );
    expect(result.modules).toEqual([repo]);
    expect(leaksIn(JSON.stringify(result.errors) + JSON.stringify(result.findings), secrets)).toEqual([]);
  });

  it('.git in any letter case, and a submodule’s .git file, are never read', () => {
    const base = tempDir();
    write(base, {
      '.git/HEAD': '',
      '.GIT/config': 'token-upper-case',
      'sub/.git': 'gitdir: ../.git/modules/sub',
      'main.tf': BUCKET,
    });
    const host = new NodeFileHost(base);
    expect(host.readText(join(base, '.GIT/config'))).toEqual({ ok: false, error: INSIDE_GIT_FOLDER });
    expect(host.readText(join(base, 'sub/.git'))).toEqual({ ok: false, error: INSIDE_GIT_FOLDER });
    expect(host.readDirectory(join(base, '.git'))).toBeUndefined();
    expect(host.readText(join(base, 'main.tf'))).toEqual({ ok: true, text: BUCKET });
  });

  it('the code cannot climb out of a folder outside any repository, whatever the working directory', () => {
    const base = tempDir();
    write(base, {
      'ws/mod/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = file("${path.module}/../../sibling/secret.txt")\n}\n',
      'sibling/secret.txt': 'SIBLING-SECRET',
    });
    for (const cwd of [base, '/', join(base, 'sibling')]) {
      const result = analyzeWorkspace({ cwd, paths: [join(base, 'ws')], keepModules: true });
      const value = attribute(result.analyses[0]!, 'bucket');
      expect(value?.kind, cwd).toBe('unknown');
      expect(value?.kind === 'unknown' && value.reason).toContain(OUTSIDE_WORKSPACE);
    }
  });

  it('links inside the workspace keep working: a linked module folder is reviewed once, where it really is', () => {
    const base = tempDir();
    write(base, {
      '.git/HEAD': '',
      'modules/shared/main.tf': 'resource "aws_s3_bucket" "s" {\n  bucket = file("${path.module}/name.txt")\n}\n',
      'modules/shared/name.txt': 'shared-name',
      'envs/prod/main.tf': 'resource "aws_s3_bucket" "p" {\n  bucket = file("${path.module}/../../mods/shared/name.txt")\n}\n',
    });
    link(base, 'envs/prod/shared', '../../modules/shared');
    link(base, 'mods', 'modules');
    const result = analyzeWorkspace({ cwd: base, paths: [base], keepModules: true });
    expect(result.errors).toEqual([]);
    expect(result.modules).toEqual([join(base, 'envs/prod'), join(base, 'modules/shared')]);
    for (const analysis of result.analyses) expect(attribute(analysis, 'bucket')).toMatchObject({ kind: 'string', value: 'shared-name' });
  });

  it('paths the user gives may be anywhere: --config outside the repository applies', async () => {
    const base = tempDir();
    write(base, { 'repo/.git/HEAD': '', 'repo/main.tf': BUCKET, 'home/review.json': '{ "extends": "none", "rules": { "lifecycle/prevent-destroy": "error" } }' });
    const run = await runCli(['check', 'repo', '--config', 'home/review.json', '--format', 'json'], base);
    expect(run.hung).toBe(false);
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; severity: string }> };
    expect(report.findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(['lifecycle/prevent-destroy error']);
  });

  it('a .iac-review.json that is a link out of the repository is refused, not parsed', async () => {
    const base = tempDir();
    write(base, { 'repo/.git/HEAD': '', 'repo/main.tf': BUCKET, 'outside/conf.json': '{ "rules": { "OUTSIDE-CONFIG-SECRET": "error" } }' });
    link(base, 'repo/.iac-review.json', '../outside/conf.json');
    const run = await runCli(['check', 'repo', '--format', 'json'], base);
    expect(run.hung).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(LINK_OUTSIDE_WORKSPACE);
    expect(run.stdout + run.stderr).not.toContain('OUTSIDE-CONFIG-SECRET');
  });
});

describe('symbolic link loops end the walk, never the review', () => {
  it('a .tf linked to itself, folders linked to their parents and to each other: one module each, a clear error', async () => {
    const base = tempDir();
    write(base, { '.git/HEAD': '', 'main.tf': BUCKET, 'a/b/main.tf': BUCKET });
    link(base, 'loop.tf', 'loop.tf');
    link(base, 'a/b/up', '../..');
    link(base, 'a/self', '.');
    link(base, 'a/self2', '.');
    link(base, 'm1', 'm2');
    link(base, 'm2', 'm1');
    link(base, 'a/b/again', '../../a');
    const run = await runCli(['check', '.', '--format', 'json'], base);
    expect(run.hung, 'killed after 30 s').toBe(false);
    const report = JSON.parse(run.stdout) as { errors: Array<{ file: string; message: string }>; summary: { modules: number; files: number } };
    expect(report.summary).toMatchObject({ modules: 2, files: 3 });
    expect(report.errors).toEqual([{ file: 'loop.tf', message: 'a symbolic link loop (or too many links in a row); not read', kind: 'unreadable' }]);
  });
});

describe('only regular files are read, and nothing blocks (CLI killed after 30 s = failure)', () => {
  it('a FIFO named x.tf: an unreadable error, the other files reviewed', async () => {
    const base = tempDir();
    write(base, { '.git/HEAD': '', 'main.tf': BUCKET });
    fifo(base, 'x.tf');
    const run = await runCli(['check', '.', '--format', 'json'], base);
    expect(run.hung, 'killed after 30 s').toBe(false);
    const report = JSON.parse(run.stdout) as { findings: Array<{ file: string }>; errors: Array<{ file: string; message: string }> };
    expect(report.errors).toEqual([{ file: 'x.tf', message: 'a named pipe (FIFO), not a regular file; only regular files are read', kind: 'unreadable' }]);
    expect(report.findings.some((f) => f.file === 'main.tf')).toBe(true);
  });

  it('a FIFO named .iac-review.json: a configuration error (exit 2)', async () => {
    const base = tempDir();
    write(base, { '.git/HEAD': '', 'main.tf': BUCKET });
    fifo(base, '.iac-review.json');
    const run = await runCli(['check', '.'], base);
    expect(run.hung, 'killed after 30 s').toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Cannot read the configuration file: a named pipe (FIFO), not a regular file');
  });

  it('a FIFO read by file() or templatefile(), directly or through a link: unknown, with the reason', async () => {
    const base = tempDir();
    write(base, {
      '.git/HEAD': '',
      'main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = file("pipe")\n  tags = { A = templatefile("${path.module}/pipe", {}), B = file("piped") }\n}\n',
      '.iac-review.json': '{ "rules": { "tagging/tag-values": ["warning", { "values": { "A": ["x"], "B": ["x"] } }] } }',
    });
    fifo(base, 'pipe');
    link(base, 'piped', 'pipe');
    const run = await runCli(['checklist', '.', '--format', 'json'], base);
    expect(run.hung, 'killed after 30 s').toBe(false);
    expect(run.stdout.match(/is not read: a named pipe \(FIFO\), not a regular file/g)?.length).toBeGreaterThanOrEqual(2);
  });

  it('a FIFO given as --config: a clear usage error', async () => {
    const base = tempDir();
    write(base, { 'main.tf': BUCKET });
    fifo(base, 'conf.json');
    const run = await runCli(['check', '.', '--config', 'conf.json'], base);
    expect(run.hung, 'killed after 30 s').toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('a named pipe (FIFO), not a regular file');
  });

  it('a device is not a regular file either', () => {
    const base = tempDir();
    link(base, 'null.tf', '/dev/null');
    // /dev is outside the workspace; a user path is not confined but must still be a regular file.
    expect(new NodeFileHost(base).readText('/dev/zero', 1024, 'user')).toEqual({ ok: false, error: 'a device, not a regular file; only regular files are read' });
    expect(new NodeFileHost(base).readText(join(base, 'null.tf'))).toEqual({ ok: false, error: LINK_OUTSIDE_WORKSPACE });
  });
});

describe('the editor’s unsaved buffers are confined like the files under them', () => {
  it('a buffer over a link out is refused; a new file, even in a folder not created yet, is read from its buffer', () => {
    const base = tempDir();
    write(base, { 'ws/main.tf': BUCKET, 'outside/secret.tf': 'OUTSIDE' });
    link(base, 'ws/x.tf', '../outside/secret.tf');
    const buffers = new Map([
      [join(base, 'ws/x.tf'), 'buffer of x'],
      [join(base, 'ws/new/deeper/new.tf'), 'buffer of new'],
      [join(base, 'ws/main.tf'), 'buffer of main'],
      [join(base, 'outside/secret.tf'), 'buffer outside'],
    ]);
    const host = new OverlayFileHost(join(base, 'ws'), { textOf: (p) => buffers.get(p), paths: () => buffers.keys() });
    expect(host.readText(join(base, 'ws/x.tf'))).toEqual({ ok: false, error: LINK_OUTSIDE_WORKSPACE });
    expect(host.readText(join(base, 'outside/secret.tf'))).toEqual({ ok: false, error: OUTSIDE_WORKSPACE });
    expect(host.readText(join(base, 'ws/new/deeper/new.tf'))).toEqual({ ok: true, text: 'buffer of new' });
    expect(host.readText(join(base, 'ws/main.tf'))).toEqual({ ok: true, text: 'buffer of main' });
    // The user's own file (the configFile setting) may be anywhere.
    expect(host.readText(join(base, 'outside/secret.tf'), undefined, 'user')).toEqual({ ok: true, text: 'buffer outside' });
  });
});

describe('the language server, given the hostile repository as its workspace folder', () => {
  it('shows the same refusals, leaks nothing in diagnostics or hovers, and keeps answering', async () => {
    const { LspTestClient } = await import('../lsp/lsp-client.js');
    const { repo, secrets, outside } = hostileWorkspace();
    fifo(repo, 'pipe.tf');
    const client = await LspTestClient.start({ root: repo });
    try {
      await client.waitForProgressEnd(1, 30_000);
      const x = await client.waitForDiagnostics(join(repo, 'x.tf'), (p) => p.diagnostics.length > 0, { fresh: false, timeoutMs: 30_000 });
      expect(x.diagnostics.map((d) => d.message)).toEqual([LINK_OUTSIDE_WORKSPACE]);
      const pipe = await client.waitForDiagnostics(join(repo, 'pipe.tf'), (p) => p.diagnostics.length > 0, { fresh: false, timeoutMs: 30_000 });
      expect(pipe.diagnostics.map((d) => d.message)).toEqual(['a named pipe (FIFO), not a regular file; only regular files are read']);
      // An editor that followed the link opens x.tf with the outside file's text: the buffer is refused like the file.
      await client.open(join(repo, 'x.tf'), readFileSync(join(outside, 'secret.tf'), 'utf8'));
      const opened = await client.waitForDiagnostics(join(repo, 'x.tf'), () => true, { timeoutMs: 30_000 });
      expect(opened.diagnostics.map((d) => d.message)).toEqual([LINK_OUTSIDE_WORKSPACE]);
      const hover = await client.hover(join(repo, 'main.tf'), 0, 12);
      expect(hover).not.toBeNull();
      expect(leaksIn(JSON.stringify(hover) + JSON.stringify([...client.diagnostics]) + client.log.join('\n'), secrets)).toEqual([]);
    } finally {
      client.kill();
    }
  });
});

/** The value of a resource's attribute, as the module's evaluator sees it. */
function attribute(analysis: { evaluator: ModuleEvaluator; module: Module }, name: string): Value | undefined {
  const resource = analysis.module.resources[0]!;
  return analysis.evaluator.attributeValue(resource.block, resource.file, name);
}
