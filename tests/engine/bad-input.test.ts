import { chmodSync, mkdirSync, mkdtempSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { describeFsError, NodeFileHost } from '../../server/src/engine/host.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';

/** A module with one good file (with a known finding) beside the bad one. */
function workspaceWith(badName: string, bad: string | Buffer) {
  const dir = mkdtempSync(join(tmpdir(), 'iac-bad-'));
  writeFileSync(
    join(dir, 'good.tf'),
    'provider "aws" {\n  region = "eu-west-1"\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
  );
  writeFileSync(join(dir, badName), bad);
  return dir;
}

function analyze(dir: string) {
  const started = performance.now();
  const result = analyzeWorkspace({ cwd: dir, paths: [dir] });
  return { result, ms: performance.now() - started };
}

/** The good file is still analysed: its missing-tags finding is there. */
function expectGoodFileAnalysed(result: ReturnType<typeof analyzeWorkspace>, dir: string) {
  expect(result.findings.some((f) => f.file === join(dir, 'good.tf') && f.ruleId === 'tagging/required-tags')).toBe(true);
}

describe('bad input gives a clear error, no crash, and the other files are still analysed', () => {
  it('a binary file named main.tf', () => {
    const dir = workspaceWith('main.tf', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 3, 0xff, 0xfe]));
    const { result } = analyze(dir);
    expect(result.errors).toEqual([{ file: join(dir, 'main.tf'), message: expect.stringMatching(/binary file/) , kind: 'unreadable' }]);
    expectGoodFileAnalysed(result, dir);
  });

  it('a 20 MB file', () => {
    const line = 'resource "aws_s3_bucket" "b%d" {\n  bucket = "b"\n}\n';
    const chunk = line.repeat(1000);
    const dir = workspaceWith('huge.tf', chunk.repeat(Math.ceil((20 * 1024 * 1024) / chunk.length)));
    const { result, ms } = analyze(dir);
    expect(result.errors).toEqual([{ file: join(dir, 'huge.tf'), message: expect.stringMatching(/20\.\d MB; files over 8\.0 MB are not analysed/) , kind: 'unreadable' }]);
    expectGoodFileAnalysed(result, dir);
    expect(ms).toBeLessThan(5000);
  });

  it('10,000-deep nesting', () => {
    const dir = workspaceWith('deep.tf', `locals {\n  x = ${'['.repeat(10000)}${']'.repeat(10000)}\n}\n` + 'a {\n'.repeat(10000));
    const { result } = analyze(dir);
    const errors = result.errors.filter((e) => e.file === join(dir, 'deep.tf'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]!.range).toBeDefined();
    expectGoodFileAnalysed(result, dir);
  });

  it('invalid UTF-8', () => {
    const dir = workspaceWith('latin1.tf', Buffer.concat([Buffer.from('locals {\n  name = "caf'), Buffer.from([0xe9]), Buffer.from('"\n}\n')]));
    const { result } = analyze(dir);
    expect(result.errors).toEqual([{ file: join(dir, 'latin1.tf'), message: 'invalid UTF-8 at line 2, byte 14 of the line; Terraform requires UTF-8 source files' , kind: 'unreadable' }]);
    expectGoodFileAnalysed(result, dir);
  });

  it('CRLF line endings with a byte-order mark keep exact ranges', () => {
    const text = '\ufeffprovider "aws" {\r\n  region = "eu-west-1"\r\n}\r\n\r\nresource "aws_sqs_queue" "q" {\r\n  name = "q"\r\n  tags = { Owner = "x" }\r\n}\r\n';
    const dir = workspaceWith('crlf.tf', text);
    const { result } = analyze(dir);
    expect(result.errors).toEqual([]);
    const finding = result.findings.find((f) => f.file === join(dir, 'crlf.tf') && f.ruleId === 'tagging/required-tags');
    expect(finding?.range).toEqual({
      start: { line: 7, column: 3 },
      end: { line: 7, column: 25 },
    });
    expectGoodFileAnalysed(result, dir);
  });

  it('an empty file', () => {
    const dir = workspaceWith('empty.tf', '');
    const { result } = analyze(dir);
    expect(result.errors).toEqual([]);
    expect(result.files).toContain(join(dir, 'empty.tf'));
    expectGoodFileAnalysed(result, dir);
  });

  it('an unreadable file', () => {
    const dir = workspaceWith('secret.tf', 'locals {}\n');
    chmodSync(join(dir, 'secret.tf'), 0o000);
    const host = new NodeFileHost(dir);
    const readable = host.readText(join(dir, 'secret.tf'));
    const { result } = analyze(dir);
    if (readable.ok) {
      // Running as root: permissions do not stop reads. Simulate what a normal user sees.
      const denied = analyzeWorkspace({
        cwd: dir,
        paths: [dir],
        host: {
          workspaceRoot: dir,
          readDirectory: (p) => host.readDirectory(p),
          readText: (p, max) => {
            if (!p.endsWith('secret.tf')) return host.readText(p, max);
            // What readFileSync throws for a normal user, worded by the engine.
            const denied = Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
            return { ok: false, error: describeFsError(denied) };
          },
        },
      });
      expect(denied.errors).toEqual([{ file: join(dir, 'secret.tf'), message: 'permission denied: the file cannot be read' , kind: 'unreadable' }]);
      expectGoodFileAnalysed(denied, dir);
    } else {
      expect(result.errors).toEqual([{ file: join(dir, 'secret.tf'), message: 'permission denied: the file cannot be read' , kind: 'unreadable' }]);
    }
    expectGoodFileAnalysed(result, dir);
    chmodSync(join(dir, 'secret.tf'), 0o644);
  });

  it('a file that vanishes between listing and reading', () => {
    const dir = workspaceWith('gone.tf', 'locals {}\n');
    const host = new NodeFileHost(dir);
    const result = analyzeWorkspace({
      cwd: dir,
      paths: [dir],
      host: {
        workspaceRoot: dir,
        readDirectory: (p) => host.readDirectory(p),
        readText: (p, max) => {
          // Deleted after discovery listed it, before it is read.
          if (p.endsWith('gone.tf')) unlinkSync(p);
          return host.readText(p, max);
        },
      },
    });
    expect(result.errors).toEqual([{ file: join(dir, 'gone.tf'), message: 'file not found (it may have been deleted)' , kind: 'unreadable' }]);
    expectGoodFileAnalysed(result, dir);
  });

  it('a broken config: an error with line and column, defaults stay in force', () => {
    const dir = workspaceWith('other.tf', 'locals {}\n');
    writeFileSync(join(dir, '.iac-review.json'), '{\n  "rules": {\n    "tagging/required-tags": "loud",\n    "no/such-rule": "error"\n  },\n  "extends": \n}\n');
    const { result } = analyze(dir);
    expect(result.configErrors.length).toBeGreaterThanOrEqual(3);
    for (const e of result.configErrors) {
      expect(e.file).toBe(join(dir, '.iac-review.json'));
      expect(e.range?.start.line).toBeGreaterThan(0);
      expect(e.range?.start.column).toBeGreaterThan(0);
    }
    const lines = result.configErrors.map((e) => e.range!.start.line).sort();
    expect(lines).toEqual(expect.arrayContaining([3, 4]));
    expectGoodFileAnalysed(result, dir);
  });

  it('a symbolic link loop named loop.tf, and a folder named x.tf', () => {
    const dir = workspaceWith('other.tf', 'locals {}\n');
    symlinkSync('loop.tf', join(dir, 'loop.tf'));
    mkdirSync(join(dir, 'x.tf'));
    const { result } = analyze(dir);
    expect(result.errors).toEqual([{ file: join(dir, 'loop.tf'), message: 'a symbolic link loop (or too many links in a row); not read', kind: 'unreadable' }]);
    expectGoodFileAnalysed(result, dir);
  });

  it('a rule that throws is isolated: an error entry, every other rule still reports', () => {
    const dir = workspaceWith('other.tf', 'locals {}\n');
    const boom = { meta: { ...RULES[0]!.meta, id: 'test/boom', category: 'test' }, check: () => { throw new Error('kaboom'); } };
    const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: [boom, ...RULES] });
    expect(result.errors).toEqual([{ file: expect.any(String), message: expect.stringContaining('internal error in rule test/boom') , kind: 'internal' }]);
    expectGoodFileAnalysed(result, dir);
  });
});
