// The CLI writes its output to the process's descriptors (io.ts): the same bytes, in order, and through the
// Node stream from the first write that fails, so that a full non-blocking pipe or a closed reader is handled
// as before.
import { spawn } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as esbuild from 'esbuild';
import { describe, expect, it } from 'vitest';
import { fdWriter, isTerminal, type FallbackStream } from '../../server/src/cli/io.js';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..', '..');

function collecting(isTTY?: boolean): FallbackStream & { chunks: string[]; asked: number } {
  const s = {
    chunks: [] as string[],
    asked: 0,
    isTTY,
    write(chunk: string | Uint8Array) {
      s.chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    },
  };
  return s;
}

describe('fdWriter', () => {
  it('writes every byte to the descriptor, in order, without building the stream', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'iac-review-io-')), 'out.txt');
    const fd = openSync(file, 'w');
    const stream = collecting();
    let built = 0;
    const write = fdWriter(fd, () => (built++, stream));
    const big = 'é—x'.repeat(200_000);
    write('{"a":1}\n');
    write(big);
    write('');
    write('end\n');
    closeSync(fd);
    expect(readFileSync(file, 'utf8')).toBe(`{"a":1}\n${big}end\n`);
    expect(built).toBe(0);
    expect(write.direct()).toBe(true);
  });

  it('leaves a terminal (any character device) to the stream: only the console API shows UTF-8 as written on Windows', () => {
    const fd = openSync('/dev/null', 'w');
    const stream = collecting();
    const write = fdWriter(fd, () => stream);
    write('é — ✓\n');
    closeSync(fd);
    expect(stream.chunks).toEqual(['é — ✓\n']);
    expect(write.direct()).toBe(false);
  });

  it('goes on through the stream from the first write that fails, and stays there', () => {
    // A descriptor no process has open (a closed one could be reused by the test runner meanwhile).
    const stream = collecting();
    const write = fdWriter(1_000_000, () => stream);
    expect(write.direct()).toBe(true);
    write('one\n');
    write('two\n');
    expect(stream.chunks).toEqual(['one\n', 'two\n']);
    // The stream may still hold them: the CLI then lets the process end by itself, which flushes it.
    expect(write.direct()).toBe(false);
  });

  it('hands a full non-blocking pipe over to the stream mid-text: the reader gets every byte, in order', async () => {
    // The child makes its stdout non-blocking (Node's pipe stream does) and writes 8 MB, 1 MB a text, while the reader waits: a write stops part-way.
    const dir = mkdtempSync(join(tmpdir(), 'iac-review-io-'));
    const child = join(dir, 'child.mjs');
    await esbuild.build({
      stdin: {
        contents: `import { fdWriter } from './server/src/cli/io.ts';
          process.stdout.on('error', () => {});
          const write = fdWriter(1, () => process.stdout);
          for (let i = 0; i < 8; i++) write(String(i % 10).repeat(1024 * 1024));
          write('end');`,
        resolveDir: ROOT,
        loader: 'ts',
      },
      outfile: child,
      bundle: true,
      platform: 'node',
      format: 'esm',
      logLevel: 'warning',
    });
    const proc = spawn(process.execPath, [child], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const chunks: Buffer[] = [];
    for await (const chunk of proc.stdout) chunks.push(chunk as Buffer);
    const out = Buffer.concat(chunks).toString('utf8');
    let expected = '';
    for (let i = 0; i < 8; i++) expected += String(i % 10).repeat(1024 * 1024);
    expect(out.length).toBe(expected.length + 3);
    expect(out === `${expected}end`).toBe(true);
  });
});

describe('isTerminal', () => {
  it('a file or a pipe is no terminal, and the stream is not built to say so', () => {
    const fd = openSync(join(mkdtempSync(join(tmpdir(), 'iac-review-io-')), 'out.txt'), 'w');
    let built = 0;
    expect(isTerminal(fd, () => (built++, collecting(true)))).toBe(false);
    closeSync(fd);
    expect(built).toBe(0);
  });

  it('a character device is a terminal when the stream says so', () => {
    const fd = openSync('/dev/null', 'w');
    expect(isTerminal(fd, () => collecting(true))).toBe(true);
    expect(isTerminal(fd, () => collecting(false))).toBe(false);
    closeSync(fd);
  });
});
