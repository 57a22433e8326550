// Folder contents for exercise tests: which files a folder holds, and a hash of them to compare two folders byte for byte.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every file under a folder, folder-relative with `/`, in path order. */
export function tree(dir: string, prefix = ''): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? tree(join(dir, n), `${prefix}${n}/`) : [`${prefix}${n}`]));
}

/** Every file under a folder with its bytes, hashed in path order. */
export function treeHash(dir: string): string {
  const hash = createHash('sha256');
  for (const f of tree(dir)) hash.update(f).update('\0').update(readFileSync(join(dir, f))).update('\0');
  return hash.digest('hex');
}
