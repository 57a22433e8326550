// The walk up to the nearest .iac-review.json asks each folder for that one name (FileHost.entryOf): a folder
// holding tens of thousands of entries (/tmp) is no longer listed in full for a file it does not have.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NodeFileHost, type DirEntry, type PathOrigin } from '../../server/src/engine/host.js';
import { findConfigFile } from '../../server/src/engine/config/load-config.js';
import { OverlayFileHost } from '../../server/src/lsp/overlay-host.js';

let root: string;
beforeAll(() => {
  root = realpathSync(mkdtempSync(join(tmpdir(), 'iac-review-config-walk-')));
  mkdirSync(join(root, 'repo/envs/prod/deep'), { recursive: true });
  mkdirSync(join(root, 'repo/dir-named/.iac-review.json'), { recursive: true });
  mkdirSync(join(root, 'outside'));
  writeFileSync(join(root, 'repo/.iac-review.json'), '{}');
  writeFileSync(join(root, 'outside/secret.json'), '{}');
  mkdirSync(join(root, 'repo/linked'));
  symlinkSync(join(root, 'outside/secret.json'), join(root, 'repo/linked/.iac-review.json'));
  for (let i = 0; i < 50; i++) writeFileSync(join(root, 'repo/envs/prod', `f${i}.tf`), '');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A NodeFileHost that counts the folders it lists. */
class CountingHost extends NodeFileHost {
  listed: string[] = [];
  override readDirectory(path: string, origin?: PathOrigin): DirEntry[] | undefined {
    this.listed.push(path);
    return super.readDirectory(path, origin);
  }
}

describe('finding .iac-review.json', () => {
  it('lists only the folder that has it, not every folder on the way up', () => {
    const host = new CountingHost(join(root, 'repo'));
    expect(findConfigFile(host, join(root, 'repo/envs/prod/deep'))).toBe(join(root, 'repo/.iac-review.json'));
    expect(host.listed).toEqual([join(root, 'repo')]);
  });

  it('finds none when no folder up to the root has one, listing nothing', () => {
    const host = new CountingHost(join(root, 'outside'));
    expect(findConfigFile(host, join(root, 'outside'))).toBeUndefined();
    expect(host.listed).toEqual([]);
  });

  it('says what readDirectory says of the entry: a folder by that name is not a configuration, a link is a link', () => {
    const host = new NodeFileHost(join(root, 'repo'));
    for (const [dir, name] of [
      ['repo/dir-named', '.iac-review.json'],
      ['repo', '.iac-review.json'],
      ['repo/linked', '.iac-review.json'],
      ['repo/envs/prod', 'f7.tf'],
      ['repo/envs/prod', 'missing.tf'],
      ['repo', 'envs'],
    ] as const) {
      const listed = host.readDirectory(join(root, dir))?.find((e) => e.name === name);
      expect(host.entryOf(join(root, dir), name), `${dir}/${name}`).toEqual(listed);
    }
    expect(host.entryOf(join(root, 'repo/dir-named'), '.iac-review.json')).toMatchObject({ isDirectory: true });
    expect(host.entryOf(join(root, 'repo/linked'), '.iac-review.json')?.refused).toBeDefined();
    // A folder named .iac-review.json is skipped: the walk goes on to the real file above it.
    expect(findConfigFile(host, join(root, 'repo/dir-named'))).toBe(join(root, 'repo/.iac-review.json'));
  });

  it('in the editor, an unsaved .iac-review.json buffer is found like a file on disk', () => {
    const unsaved = join(root, 'repo/envs/.iac-review.json');
    const host = new OverlayFileHost(join(root, 'repo'), { textOf: (p) => (p === unsaved ? '{}' : undefined), paths: () => [unsaved] });
    expect(findConfigFile(host, join(root, 'repo/envs/prod'))).toBe(unsaved);
    const noBuffers = new OverlayFileHost(join(root, 'repo'), { textOf: () => undefined, paths: () => [] });
    expect(findConfigFile(noBuffers, join(root, 'repo/envs/prod'))).toBe(join(root, 'repo/.iac-review.json'));
  });
});
