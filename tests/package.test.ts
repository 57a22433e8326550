// The packaged .vsix holds exactly what runs, nothing else, and the files the
// manifest points to. Runs in vitest.e2e.config.ts, after `npm run package`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..');
const VSIX = join(ROOT, 'iac-review.vsix');
const PACKS = join(ROOT, 'test-fixtures/exercises');

/** Repository-relative paths of the files under a folder. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split('\\').join('/'));
}

interface ZipEntry {
  name: string;
  read(): Buffer;
}

/** The entries of a zip file, from its central directory (a .vsix is a zip). */
function zipEntries(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const compressedSize = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const localHeader = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({
      name,
      read() {
        const start = localHeader + 30 + zip.readUInt16LE(localHeader + 26) + zip.readUInt16LE(localHeader + 28);
        const data = zip.subarray(start, start + compressedSize);
        if (method === 0) return data;
        if (method === 8) return inflateRawSync(data);
        throw new Error(`${name}: unsupported compression method ${method}`);
      },
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('iac-review.vsix', () => {
  let entries: Map<string, ZipEntry>;
  beforeAll(() => {
    entries = new Map(zipEntries(readFileSync(VSIX)).map((e) => [e.name, e]));
  });
  const read = (name: string) => {
    const entry = entries.get(name);
    if (!entry) throw new Error(`${name} is not in the .vsix`);
    return entry.read();
  };

  it('holds only what runs: manifest, readme, licence, the two bundles, language configuration, config schema, exercise packs', () => {
    const packFiles = filesUnder(PACKS);
    expect(packFiles).toContain('test-fixtures/exercises/junior/answer-key.json');
    expect([...entries.keys()].sort()).toEqual(
      [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.txt',
        'extension/client/language-configuration.json',
        'extension/client/out/extension.cjs',
        'extension/client/syntaxes/hcl-terraform.tmLanguage.json',
        'extension/dist/cli.js',
        'extension/package.json',
        'extension/readme.md',
        'extension/schemas/iac-review.schema.json',
        // The installed extension starts exercises from these; the answer keys score them.
        ...packFiles.map((f) => `extension/${f}`),
      ].sort(),
    );
  });

  it('packages the current build and the exercise packs as they are', () => {
    for (const file of ['dist/cli.js', 'client/out/extension.cjs', 'schemas/iac-review.schema.json', ...filesUnder(PACKS)]) {
      expect(read(`extension/${file}`).equals(readFileSync(join(ROOT, file))), `${file} in the .vsix differs from the build`).toBe(true);
    }
  });

  it('holds every file the manifest points to', () => {
    const manifest = JSON.parse(read('extension/package.json').toString('utf8')) as {
      main: string;
      contributes: { languages: Array<{ configuration?: string }>; jsonValidation: Array<{ url: string }> };
    };
    const referenced = [
      manifest.main,
      ...manifest.contributes.languages.flatMap((l) => (l.configuration ? [l.configuration] : [])),
      ...manifest.contributes.jsonValidation.map((v) => v.url),
    ];
    expect(referenced.length).toBeGreaterThanOrEqual(3);
    for (const path of referenced) expect(entries.has(`extension/${path.replace(/^\.\//, '')}`), path).toBe(true);
  });

  it('stays small', () => {
    const kb = statSync(VSIX).size / 1024;
    console.log(`iac-review.vsix: ${kb.toFixed(0)} KB`);
    expect(kb).toBeLessThan(1024);
  });
});
