import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileTree } from '../support/file-tree.js';
import { main } from '../../server/src/cli/cli.js';
import type { CheckDependencies } from '../../server/src/cli/commands/check.js';
import type { CliIO } from '../../server/src/cli/io.js';
import type { Finding, InputError } from '../../server/src/engine/finding.js';
import { CWD, RULE_METAS, TAGS, WILDCARD, REPORT } from './sample-report.js';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');

function run(argv: string[], deps: Partial<CheckDependencies> & { startLsp?: () => void } = {}, cwd = ROOT, extra: Partial<CliIO> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    cwd,
    env: {},
    stdoutIsTTY: false,
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    ...extra,
  };
  const code = main(argv, io, { rules: RULE_METAS, ...deps });
  return { code, stdout, stderr };
}

function fakeAnalyze(findings: Finding[], errors: readonly InputError[] = [], configErrors: readonly InputError[] = []) {
  const calls: unknown[] = [];
  const analyze: CheckDependencies['analyze'] = (options) => {
    calls.push(options);
    return { findings, errors: [...errors], configErrors: [...configErrors], files: [`${CWD}/main.tf`], modules: [CWD] };
  };
  return { analyze, calls };
}

describe('exit status (SPEC §6)', () => {
  const warningOnly = fakeAnalyze([TAGS]);
  const withError = fakeAnalyze([TAGS, WILDCARD]);
  const suppressedError = fakeAnalyze([{ ...WILDCARD, suppression: { reason: 'r', form: 'iac-review', location: { file: WILDCARD.file, range: WILDCARD.range } } }]);

  it('0 when nothing is at or above --fail-on (default error)', () => {
    expect(run(['check'], { analyze: warningOnly.analyze }).code).toBe(0);
    expect(run(['check', '--fail-on', 'error'], { analyze: warningOnly.analyze }).code).toBe(0);
  });

  it('1 when a finding is at or above it', () => {
    expect(run(['check'], { analyze: withError.analyze }).code).toBe(1);
    expect(run(['check', '--fail-on', 'warning'], { analyze: warningOnly.analyze }).code).toBe(1);
    expect(run(['check', '--fail-on', 'info'], { analyze: warningOnly.analyze }).code).toBe(1);
  });

  it('never fails with --fail-on never; suppressed findings never fail', () => {
    expect(run(['check', '--fail-on', 'never'], { analyze: withError.analyze }).code).toBe(0);
    expect(run(['check'], { analyze: suppressedError.analyze }).code).toBe(0);
  });

  it('input errors (syntax errors, unreadable files) count as errors', () => {
    const broken = fakeAnalyze([], REPORT.errors);
    expect(run(['check'], { analyze: broken.analyze }).code).toBe(1);
    expect(run(['check', '--fail-on', 'never'], { analyze: broken.analyze }).code).toBe(0);
  });

  it('2 for configuration errors, printed on stderr with line and column, no report', () => {
    const bad = fakeAnalyze([TAGS], [], [
      { file: `${ROOT}/.iac-review.json`, message: 'Unknown rule "x/y".', kind: 'config', range: { start: { line: 3, column: 5 }, end: { line: 3, column: 10 } } },
    ]);
    const r = run(['check'], { analyze: bad.analyze });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('.iac-review.json:3:5: error: Unknown rule "x/y".');
    expect(r.stderr).toContain('the configuration has an error');
  });
});

describe('usage errors exit 2 with a message on stderr', () => {
  const { analyze } = fakeAnalyze([]);
  const cases: Array<[string[], RegExp]> = [
    [['check', '--format', 'xml'], /--format must be one of text, json, sarif, markdown, github; got "xml"/],
    [['check', '--fail-on', 'critical'], /--fail-on must be one of error, warning, info, never/],
    [['check', '--bogus'], /Unknown option '--bogus'/],
    [['check', 'no/such/dir'], /path not found: no\/such\/dir/],
    [['check', '--config', 'missing.json'], /configuration file not found: missing.json/],
    [['check', '--base', 'no-such-ref-1f3e'], /the base "no-such-ref-1f3e" is not a branch, tag or commit of this repository/],
    [['check', '--base', ''], /--base needs a git ref/],
    [['frobnicate'], /unknown command "frobnicate"/],
    [['rules', '--format', 'sarif'], /--format must be one of text, json, markdown/],
    [['checklist', '--format', 'sarif'], /checklist: --format must be one of markdown, json; got "sarif"/],
    [['checklist', '--base', 'no-such-ref-1f3e'], /checklist: the base "no-such-ref-1f3e" is not a branch, tag or commit of this repository/],
    [['exercise', 'new', '--seed', 'x', '--out', 'o'], /exercise: --seed needs an integer/],
    [['lsp'], /lsp: the language server talks over stdio only: run `iac-review lsp --stdio`/],
    [['lsp', '--stdio', 'extra'], /lsp: unexpected argument "extra"/],
  ];
  for (const [argv, message] of cases) {
    it(argv.join(' '), () => {
      const r = run(argv, { analyze });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stdout).toBe('');
    });
  }

  it('no command prints help on stderr', () => {
    const r = run([]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Usage:');
  });
});

describe('commands', () => {
  it('lsp --stdio starts the language server (and nothing else)', () => {
    let started = 0;
    const r = run(['lsp', '--stdio'], { startLsp: () => void started++ });
    expect({ code: r.code, started, stdout: r.stdout, stderr: r.stderr }).toEqual({ code: 0, started: 1, stdout: '', stderr: '' });
    // vscode-languageclient appends the editor's process id.
    expect(run(['lsp', '--stdio', '--clientProcessId=4242'], { startLsp: () => void started++ }).code).toBe(0);
    expect(started).toBe(2);
    expect(run(['lsp', '--help']).stdout).toContain('iac-review lsp --stdio');
  });

  it('--help and --version', () => {
    expect(run(['--help']).stdout).toContain('iac-review check [PATH...]');
    expect(run(['check', '--help']).stdout).toContain('--fail-on LEVEL');
    expect(run(['--version']).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('check passes cwd, paths and an absolute --config to the analysis', () => {
    const { analyze, calls } = fakeAnalyze([]);
    expect(run(['check', 'tests', '--config', 'package.json'], { analyze }).code).toBe(0);
    expect(calls).toEqual([{ cwd: ROOT, paths: ['tests'], fixes: 'none', undecided: false, configFile: join(ROOT, 'package.json') }]);
  });

  it('check computes fix edits only for the JSON report (it says which findings are fixable)', () => {
    const { analyze, calls } = fakeAnalyze([]);
    for (const format of ['text', 'json', 'sarif', 'github', 'markdown']) run(['check', '--format', format], { analyze });
    expect(calls.map((c) => (c as { fixes?: string }).fixes)).toEqual(['none', 'eager', 'none', 'none', 'none']);
  });

  it('each --format selects its formatter', () => {
    const { analyze } = fakeAnalyze([TAGS]);
    expect(JSON.parse(run(['check', '--format', 'json'], { analyze }).stdout).version).toBe(1);
    expect(JSON.parse(run(['check', '-f', 'sarif'], { analyze }).stdout).version).toBe('2.1.0');
    expect(run(['check', '--format', 'github'], { analyze }).stdout).toMatch(/^::warning file=/);
    expect(run(['check', '--format', 'markdown'], { analyze }).stdout).toMatch(/^## IaC Review/);
  });

  it('text colours only on a TTY without NO_COLOR', () => {
    const { analyze } = fakeAnalyze([TAGS]);
    expect(run(['check'], { analyze }, ROOT, { stdoutIsTTY: true }).stdout).toContain('\x1b[');
    expect(run(['check'], { analyze }, ROOT, { stdoutIsTTY: true, env: { NO_COLOR: '1' } }).stdout).not.toContain('\x1b[');
    expect(run(['check', '--format', 'json'], { analyze }, ROOT, { stdoutIsTTY: true }).stdout).not.toContain('\x1b[');
  });

  it('rules prints the catalog in each format', () => {
    expect(run(['rules']).stdout).toContain('iam/wildcard-action');
    expect(JSON.parse(run(['rules', '--format', 'json']).stdout).rules).toHaveLength(3);
    expect(run(['rules', '--format', 'markdown']).stdout).toContain('# iac-review rules');
  });
});

describe('end to end with the real analysis', () => {
  const workspace = (files: Record<string, string>) => fileTree(files, 'iac-review-cli-');
  const BAD_NAME = 'resource "aws_s3_bucket" "AppLogs" {\n  bucket = "x"\n}\n';

  it('json output of a real module, with a config that turns rules off and a suppression', () => {
    const dir = workspace({
      '.iac-review.json': '{ "extends": "none", "rules": { "naming/identifier-format": "error", "suppression/invalid": "warning" } }',
      'main.tf': BAD_NAME + '\n# iac-review:ignore naming/identifier-format -- imported, renamed in INFRA-1\nvariable "OldName" {}\n',
    });
    const r = main(['check', '--format', 'json'], captureIO(dir));
    const out = JSON.parse(captured.stdout);
    expect(r).toBe(1);
    expect(out.findings.map((f: any) => [f.ruleId, f.file, f.range.start.line, f.severity, f.suppressed])).toEqual([
      ['naming/identifier-format', 'main.tf', 1, 'error', false],
      ['naming/identifier-format', 'main.tf', 6, 'error', true],
    ]);
    expect(out.findings[1].suppression).toEqual({ reason: 'imported, renamed in INFRA-1' });
    expect(out.summary).toEqual({ files: 1, modules: 1, findings: 1, suppressed: 1 });
  });

  it('a broken config exits 2 with line and column', () => {
    const dir = workspace({ '.iac-review.json': '{\n  "rules": {\n    "naming/identifer-format": "off"\n  }\n}\n', 'main.tf': BAD_NAME });
    expect(main(['check'], captureIO(dir))).toBe(2);
    expect(captured.stderr).toContain('.iac-review.json:3:5: error: Unknown rule "naming/identifer-format" (did you mean "naming/identifier-format"?)');
  });

  it('overrides by path apply', () => {
    const dir = workspace({
      '.iac-review.json': '{ "extends": "none", "rules": { "naming/identifier-format": "warning" }, "overrides": [ { "files": ["legacy/**"], "rules": { "naming/identifier-format": "off" } } ] }',
      'app/main.tf': BAD_NAME,
      'legacy/main.tf': BAD_NAME,
    });
    expect(main(['check', '--format', 'json', '--fail-on', 'warning'], captureIO(dir))).toBe(1);
    expect(JSON.parse(captured.stdout).findings.map((f: any) => f.file)).toEqual(['app/main.tf']);
  });

  describe('built binary (dist/cli.js)', () => {
    const cli = join(ROOT, 'dist/cli.js');
    beforeAll(() => {
      execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { stdio: 'inherit' });
    });

    it('runs, prints text and sets the exit status', () => {
      expect(existsSync(cli)).toBe(true);
      const dir = workspace({ '.iac-review.json': '{ "extends": "none", "rules": { "naming/identifier-format": "error" } }', 'main.tf': BAD_NAME });
      const r = spawnSync(process.execPath, [cli, 'check'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/^main\.tf:1:26 +error +naming\/identifier-format +Resource name "AppLogs"/);
      expect(r.stdout).toContain('1 problem (1 error, 0 warnings, 0 info) in 1 file in 1 module (1 deployment).');
    });

    it('--version prints the package version; usage errors exit 2', () => {
      const v = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
      expect(v.status).toBe(0);
      expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
      const bad = spawnSync(process.execPath, [cli, 'check', '--format', 'xml'], { encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stderr).toContain('--format must be one of');
    });

    // Start-up (issue 17): the bundle is compiled from the code cache shipped beside it, a check loads no
    // git or hashing code, and no run leaves a cache of its own behind.
    it('starts from the shipped code cache, loads neither node:child_process nor node:crypto for a check, and writes nothing', () => {
      const accepted = spawnSync(process.execPath, ['-e', `process.stdout.write(String(require(${JSON.stringify(cli)}).compileBundle().script.cachedDataRejected))`], { encoding: 'utf8' });
      expect(accepted.stdout).toBe('false');
      // The cache starts pointer-aligned after its header (the launcher reads the file at the start of a buffer):
      // V8 copies cached data that is not aligned before reading it.
      const cacheFile = readFileSync(join(ROOT, 'dist', 'cli.cjs.cache'));
      expect((cacheFile.indexOf(10) + 1) % 8).toBe(0);
      const dir = workspace({ 'main.tf': BAD_NAME });
      const preload = join(dir, 'modules-loaded.cjs');
      writeFileSync(preload, "process.on('exit', () => process.stderr.write(JSON.stringify(process.moduleLoadList)));");
      const dist = () => readdirSync(join(ROOT, 'dist')).map((f) => `${f} ${statSync(join(ROOT, 'dist', f)).mtimeMs}`).sort();
      const before = dist();
      const r = spawnSync(process.execPath, ['-r', preload, cli, 'check', dir, '--format', 'json'], { encoding: 'utf8' });
      expect(JSON.parse(r.stdout).findings.length).toBeGreaterThan(0);
      const loaded = JSON.parse(r.stderr) as string[];
      expect(loaded).toContain('NativeModule vm');
      expect(loaded).not.toContain('NativeModule child_process');
      expect(loaded).not.toContain('NativeModule crypto');
      expect(dist()).toEqual(before);
      // The formats and commands that do need them still get them.
      const sarif = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'sarif'], { encoding: 'utf8' });
      expect(JSON.parse(sarif.stdout).runs[0].results[0].partialFingerprints).toBeDefined();
    });

    it('reviews a large workspace on worker threads with the one-thread output, and on one thread again when the shares do not add up', () => {
      const repos: Record<string, string> = {};
      for (let r = 0; r < 4; r++) {
        repos[`repo-${r}/main.tf`] = `${BAD_NAME}module "inner" {\n  source = "./modules/inner"\n}\n`;
        repos[`repo-${r}/modules/inner/main.tf`] = 'variable "x" {}\nresource "aws_s3_bucket" "b" {\n  bucket = var.x\n}\n';
        repos[`repo-${r}/examples/basic/main.tf`] = 'module "this" {\n  source = "../.."\n}\n';
      }
      for (const [files, way] of [
        [repos, '(reviewed on 2 threads)'],
        [{ ...repos, 'repo-3/examples/other/main.tf': 'module "first" {\n  source = "../../../repo-0"\n}\n' }, '(shares did not add up: reviewed again on one thread)'],
      ] as const) {
        const dir = workspace(files);
        const run = (threads: string, extra: Record<string, string> = {}) =>
          spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json'], {
            encoding: 'utf8',
            env: { ...process.env, IAC_REVIEW_THREADS: threads, IAC_REVIEW_PARALLEL_MIN_FILES: '1', ...extra },
          });
        const one = run('1');
        const two = run('2', { IAC_REVIEW_TIMINGS: '1' });
        expect(JSON.parse(one.stdout).findings.length).toBeGreaterThan(3);
        expect(two.stdout).toBe(one.stdout);
        expect(two.status).toBe(one.status);
        expect(two.stderr).toContain(JSON.stringify(way));
      }
    });

    it('uses the code cache only with the bundle it was built for: V8 checks only the length, a cache of another build is left alone', () => {
      const copy = workspace({});
      cpSync(join(ROOT, 'dist'), copy, { recursive: true });
      const bundle = join(copy, 'cli.cjs');
      // Another build of the same length: one character changed in a string, and its id with it.
      const source = readFileSync(bundle, 'utf8');
      const at = source.indexOf('iac-review');
      const other = source.slice(0, at) + 'jac-review' + source.slice(at + 'iac-review'.length);
      const marked = other.replace(/iacReviewBundle=([0-9a-f])/, (_, c: string) => `iacReviewBundle=${c === '0' ? '1' : '0'}`);
      expect(marked.length).toBe(source.length);
      writeFileSync(bundle, marked);
      const used = (dir: string) =>
        spawnSync(process.execPath, ['-e', `process.stdout.write(String(require(${JSON.stringify(join(dir, 'cli.js'))}).compileBundle().script.cachedDataRejected))`], { encoding: 'utf8' }).stdout;
      // No cache given to V8 at all (undefined), rather than one V8 would accept for a bundle of the same length.
      expect(used(copy)).toBe('undefined');
      expect(used(join(ROOT, 'dist'))).toBe('false');
      const v = spawnSync(process.execPath, [join(copy, 'cli.js'), '--version'], { encoding: 'utf8' });
      expect(v.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    });

    it('the bundle is ASCII and holds the wrapper function the launcher compiles a slice of, and still runs on its own', () => {
      const source = readFileSync(join(ROOT, 'dist', 'cli.cjs'), 'latin1');
      expect(/[^\x00-\x7f]/.test(source)).toBe(false);
      const launcher = createRequire(import.meta.url)(join(ROOT, 'dist', 'cli.js')) as { compileBundle(): { script: { cachedDataRejected?: boolean } }; BUNDLE_WRAPPER: string };
      expect(source.startsWith(launcher.BUNDLE_WRAPPER)).toBe(true);
      expect(source).toMatch(/\n\}\)\.call\(this, exports, require, module, __filename, __dirname\);\n\/\/# sourceMappingURL=cli\.cjs\.map\n\/\/# iacReviewBundle=[0-9a-f]{32}\n$/);
      const direct = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), 'check', workspace({ 'main.tf': BAD_NAME }), '--format', 'json'], { encoding: 'utf8' });
      const viaLauncher = spawnSync(process.execPath, [cli, 'check', workspace({ 'main.tf': BAD_NAME }), '--format', 'json'], { encoding: 'utf8' });
      expect(JSON.parse(direct.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toEqual(JSON.parse(viaLauncher.stdout).findings.map((f: { ruleId: string }) => f.ruleId));
      expect(JSON.parse(direct.stdout).findings.length).toBeGreaterThan(0);
    });

    it('reads the language server protocol libraries (dist/lsp-libraries.cjs) only to start the server', () => {
      const copy = workspace({});
      cpSync(join(ROOT, 'dist'), copy, { recursive: true });
      rmSync(join(copy, 'lsp-libraries.cjs'));
      const dir = workspace({ 'main.tf': BAD_NAME });
      const without = spawnSync(process.execPath, [join(copy, 'cli.js'), 'check', dir, '--format', 'json'], { encoding: 'utf8' });
      const withThem = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json'], { encoding: 'utf8' });
      expect(without.stderr).toBe('');
      expect(without.stdout).toBe(withThem.stdout);
      const lsp = spawnSync(process.execPath, [join(copy, 'cli.js'), 'lsp', '--stdio'], { encoding: 'utf8', input: '', timeout: 20_000 });
      expect(lsp.stderr).toContain('lsp-libraries.cjs');
    });

    it('IAC_REVIEW_TIMINGS=1 adds where the time went on stderr and changes nothing on stdout', () => {
      const dir = workspace({ 'main.tf': BAD_NAME });
      const plain = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json'], { encoding: 'utf8' });
      const timed = spawnSync(process.execPath, [cli, 'check', dir, '--format', 'json'], { encoding: 'utf8', env: { ...process.env, IAC_REVIEW_TIMINGS: '1' } });
      expect(timed.stdout).toBe(plain.stdout);
      expect(timed.status).toBe(plain.status);
      expect(plain.stderr).not.toContain('iac-review timings');
      const line = timed.stderr.split('\n').find((l) => l.startsWith('iac-review timings: '))!;
      const { totalMs, phases } = JSON.parse(line.slice('iac-review timings: '.length)) as { totalMs: number; phases: Record<string, number> };
      for (const phase of ['start-up', 'config', 'discovery', 'read', 'parse', 'output', 'rule naming/identifier-format']) expect(phases, phase).toHaveProperty([phase]);
      const sum = Object.values(phases).reduce((a, b) => a + b, 0);
      expect(sum).toBeLessThanOrEqual(totalMs + 1);
      expect(sum).toBeGreaterThan(totalMs * 0.5);
    });
  });
});

const captured = { stdout: '', stderr: '' };
function captureIO(cwd: string): CliIO {
  captured.stdout = '';
  captured.stderr = '';
  return {
    cwd,
    env: { NO_COLOR: '1' },
    stdoutIsTTY: false,
    stdout: (t) => void (captured.stdout += t),
    stderr: (t) => void (captured.stderr += t),
  };
}
