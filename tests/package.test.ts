// The packaged .vsix holds exactly what runs, nothing else, and the files the
// manifest points to; and `npm pack` holds the CLI as it runs. Runs in vitest.e2e.config.ts, after `npm run package`.
import { execFileSync } from 'node:child_process';
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

  it('holds only what runs: manifest, readme, licence, the launcher and the two bundles, language configuration, icons, screenshots, walkthrough, rule reference, config schema, exercise packs', () => {
    const packFiles = filesUnder(PACKS);
    expect(packFiles).toContain('test-fixtures/exercises/junior/answer-key.json');
    expect([...entries.keys()].sort()).toEqual(
      [
        '[Content_Types].xml',
        'extension.vsixmanifest',
        'extension/LICENSE.txt',
        'extension/client/language-configuration.json',
        ...filesUnder(join(ROOT, 'client/media')).map((f) => `extension/${f}`),
        ...filesUnder(join(ROOT, 'client/walkthrough')).map((f) => `extension/${f}`),
        'extension/docs/rules.md',
        'extension/client/out/extension.cjs',
        'extension/client/syntaxes/hcl-terraform.tmLanguage.json',
        'extension/dist/cli.js',
        'extension/dist/cli.cjs',
        'extension/dist/iam-index.generated.json',
        'extension/dist/lsp-libraries.cjs',
        'extension/dist/package.json',
        'extension/package.json',
        'extension/readme.md',
        'extension/schemas/iac-review.schema.json',
        'extension/schemas/policy.schema.json',
        // The installed extension starts exercises from these; the answer keys score them.
        ...packFiles.map((f) => `extension/${f}`),
      ].sort(),
    );
  });

  it('packages the current build and the exercise packs as they are', () => {
    for (const file of ['dist/cli.js', 'dist/cli.cjs', 'dist/iam-index.generated.json', 'dist/lsp-libraries.cjs', 'dist/package.json', 'client/out/extension.cjs', 'schemas/iac-review.schema.json', 'schemas/policy.schema.json', 'docs/rules.md', ...filesUnder(PACKS)]) {
      expect(read(`extension/${file}`).equals(readFileSync(join(ROOT, file))), `${file} in the .vsix differs from the build`).toBe(true);
    }
  });

  it('holds every file the manifest points to', () => {
    const manifest = JSON.parse(read('extension/package.json').toString('utf8')) as {
      main: string;
      icon: string;
      contributes: {
        languages: Array<{ configuration?: string }>;
        jsonValidation: Array<{ url: string }>;
        viewsContainers: { activitybar: Array<{ icon: string }> };
        walkthroughs: Array<{ steps: Array<{ media: { markdown?: string; image?: string } }> }>;
      };
    };
    const referenced = [
      manifest.main,
      manifest.icon,
      ...manifest.contributes.walkthroughs.flatMap((w) => w.steps.map((s) => s.media.markdown ?? s.media.image ?? '')),
      ...manifest.contributes.viewsContainers.activitybar.map((c) => c.icon),
      ...manifest.contributes.languages.flatMap((l) => (l.configuration ? [l.configuration] : [])),
      ...manifest.contributes.jsonValidation.map((v) => v.url),
    ];
    expect(referenced.length).toBeGreaterThanOrEqual(9);
    for (const path of referenced) expect(entries.has(`extension/${path.replace(/^\.\//, '')}`), path).toBe(true);
  });

  it('ships the Marketplace README, not the developers\' one, and every relative link and image in it resolves inside the package', () => {
    const readme = read('extension/readme.md').toString('utf8');
    expect(readme).toBe(readFileSync(join(ROOT, 'MARKETPLACE.md'), 'utf8'));
    expect(readme).not.toMatch(/npm ci|npm test/);
    // Markdown links and images: [text](target) and ![alt](target); absolute URLs and anchors are not files.
    const targets = [...readme.matchAll(/!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1]!);
    const relative = targets.filter((t) => !/^[a-z][a-z0-9+.-]*:/i.test(t) && !t.startsWith('#'));
    expect(relative.length).toBeGreaterThanOrEqual(3);
    for (const target of relative) expect(entries.has(`extension/${target.split('#')[0]}`), `README link ${target}`).toBe(true);
    expect(relative).toContain('docs/rules.md');
    expect(relative.some((t) => /\.(png|jpg)$/.test(t))).toBe(true);
  });

  it('has a PNG icon of at least 128×128 pixels', () => {
    const manifest = JSON.parse(read('extension/package.json').toString('utf8')) as { icon: string };
    const png = read(`extension/${manifest.icon}`);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(128); // IHDR width
    expect(png.readUInt32BE(20)).toBeGreaterThanOrEqual(128); // IHDR height
  });

  it('stays small', () => {
    const kb = statSync(VSIX).size / 1024;
    console.log(`iac-review.vsix: ${kb.toFixed(0)} KB`);
    expect(kb).toBeLessThan(1024);
  });
});

describe('npm pack', () => {
  // What `npx iac-review` runs: the launcher, the bundle, its code cache, the CommonJS marker and the IAM index
  // beside it (issue 17). A missing cache only slows the start; the others stop the CLI.
  it('holds the CLI as it runs: launcher, bundle, code cache, dist/package.json, IAM index, the language server protocol libraries', () => {
    const listing = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })) as Array<{
      files: Array<{ path: string }>;
    }>;
    const paths = listing[0]!.files.map((f) => f.path);
    for (const file of ['dist/cli.js', 'dist/cli.cjs', 'dist/cli.cjs.cache', 'dist/package.json', 'dist/iam-index.generated.json', 'dist/lsp-libraries.cjs']) expect(paths, file).toContain(file);
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(paths).toContain(manifest.bin['iac-review']!.replace(/^\.\//, ''));
  });
});
