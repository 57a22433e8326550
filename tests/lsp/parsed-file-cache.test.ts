import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { loadModule } from '../../server/src/engine/workspace/module-loader.js';
import type { FileHost } from '../../server/src/engine/host.js';
import { ParsedFileCache } from '../../server/src/lsp/parsed-file-cache.js';
import { scanOrder } from '../../server/src/lsp/review-service.js';

/** A host that reads the texts of a map (changed by the test between loads). */
const hostOf = (texts: Map<string, string>): FileHost =>
  ({ workspaceRoot: '/w', readText: (path: string) => ({ ok: true, text: texts.get(path)! }), readDirectory: () => undefined }) as unknown as FileHost;

describe('ParsedFileCache', () => {
  it('gives back a tree only for the very text it was parsed from', () => {
    const cache = new ParsedFileCache(1000);
    const text = 'locals {\n  a = 1\n}\n';
    const tree = parseSource('/w/main.tf', text);
    cache.set('/w/main.tf', text, tree);
    expect(cache.get('/w/main.tf', `${text}`)).toBe(tree);
    expect(cache.get('/w/main.tf', text.replace('1', '2'))).toBeUndefined();
    expect(cache.get('/w/other.tf', text)).toBeUndefined();
  });

  it('holds at most its size in source text, the least recently used file going first', () => {
    const cache = new ParsedFileCache(30);
    const text = (n: number) => `locals {\n  a = ${n}\n}\n`; // 19 characters
    cache.set('/w/a.tf', text(1), parseSource('/w/a.tf', text(1)));
    cache.set('/w/b.tf', text(2), parseSource('/w/b.tf', text(2)));
    expect(cache.size()).toBeLessThanOrEqual(30);
    expect(cache.get('/w/a.tf', text(1))).toBeUndefined();
    expect(cache.get('/w/b.tf', text(2))).toBeDefined();
    // Larger than the whole budget: not kept, nothing else pushed out.
    const big = `locals {\n  a = "${'x'.repeat(40)}"\n}\n`;
    cache.set('/w/big.tf', big, parseSource('/w/big.tf', big));
    expect(cache.get('/w/big.tf', big)).toBeUndefined();
    expect(cache.get('/w/b.tf', text(2))).toBeDefined();
  });

  it('keeps one file larger than its bound while it is open in the editor, the last one parsed', () => {
    const open = new Set(['/w/big.tf', '/w/huge.tf']);
    const cache = new ParsedFileCache(30, (path) => open.has(path));
    const big = `locals {\n  a = "${'x'.repeat(40)}"\n}\n`;
    const tree = parseSource('/w/big.tf', big);
    cache.set('/w/big.tf', big, tree);
    expect(cache.get('/w/big.tf', big)).toBe(tree);
    expect(cache.previous('/w/big.tf')).toBe(tree);
    expect(cache.get('/w/big.tf', big.replace('x', 'y'))).toBeUndefined();
    // Not open: not kept, and the open one stays.
    cache.set('/w/closed.tf', big, parseSource('/w/closed.tf', big));
    expect(cache.previous('/w/closed.tf')).toBeUndefined();
    expect(cache.previous('/w/big.tf')).toBe(tree);
    // Another open one takes its place: one such file at a time.
    const huge = big + big;
    cache.set('/w/huge.tf', huge, parseSource('/w/huge.tf', huge));
    expect(cache.previous('/w/big.tf')).toBeUndefined();
    expect(cache.size()).toBe(huge.length);
    // Closed in the editor: let go.
    cache.closed('/w/huge.tf');
    expect(cache.previous('/w/huge.tf')).toBeUndefined();
    expect(cache.size()).toBe(0);
  });

  it('re-parses a changed file from its last tree, keeping the blocks the edit did not touch', () => {
    const blocks = (n: string) => `resource "aws_s3_bucket" "a" {\n  bucket = "a"\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "${n}"\n}\n`;
    const texts = new Map([['/w/main.tf', blocks('x')]]);
    const host = hostOf(texts);
    const cache = new ParsedFileCache(10_000);
    const files = { dir: '/w', configFiles: ['/w/main.tf'], varFiles: [] };
    const first = loadModule(files, host, cache).module!.files[0]!;
    texts.set('/w/main.tf', blocks('xy'));
    const second = loadModule(files, host, cache).module!.files[0]!;
    expect(second.body[0]).toBe(first.body[0]);
    expect(second).toEqual(parseSource('/w/main.tf', blocks('xy')));
  });

  it('lets a module load re-parse only the file whose text changed', () => {
    const texts = new Map([
      ['/w/main.tf', 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n'],
      ['/w/variables.tf', 'variable "v" {\n  type = string\n}\n'],
    ]);
    const host = hostOf(texts);
    const cache = new ParsedFileCache(10_000);
    const files = { dir: '/w', configFiles: [join('/w', 'main.tf'), join('/w', 'variables.tf')], varFiles: [] };
    const first = loadModule(files, host, cache).module!;
    texts.set('/w/main.tf', texts.get('/w/main.tf')!.replace('"x"', '"y"'));
    const second = loadModule(files, host, cache).module!;
    expect(second.files[0]).not.toBe(first.files[0]);
    expect(second.files[0]!.text).toContain('"y"');
    expect(second.files[1]).toBe(first.files[1]);
  });
});

describe('scanOrder', () => {
  it('puts every directory after the modules inside it, each subtree together, in path order otherwise', () => {
    expect(scanOrder(['/w/repo', '/w/repo/examples/a', '/w/repo-2', '/w/repo/modules/x', '/w/a', '/w/repo/examples/a/nested'])).toEqual([
      '/w/a',
      '/w/repo-2',
      '/w/repo/examples/a/nested',
      '/w/repo/examples/a',
      '/w/repo/modules/x',
      '/w/repo',
    ]);
  });
});
