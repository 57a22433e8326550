import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Generated sources (rule registry, IAM index) must exist before any test imports the engine.
 *
 * Every temporary folder the run makes goes under one folder of its own, removed when the run ends: the test
 * processes (forked after this) and what they spawn inherit TMPDIR, which `os.tmpdir()` reads at each call.
 * Tests make thousands of folders, and many never removed theirs; a developer's /tmp filled run after run.
 */
export default function setup(): () => void {
  const root = join(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'scripts/gen-rule-registry.mjs')], { stdio: 'inherit' });
  const iamScript = join(root, 'scripts/build-iam-index.mjs');
  const iamIndex = join(root, 'server/src/engine/iam/iam-index.generated.json');
  if (existsSync(iamScript) && !existsSync(iamIndex)) execFileSync(process.execPath, [iamScript], { stdio: 'inherit' });
  return useOwnTmpdir();
}

/** Points TMPDIR (TMP and TEMP on Windows) at a new folder; the returned function removes it and restores them. */
export function useOwnTmpdir(): () => void {
  const saved = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  const dir = mkdtempSync(join(tmpdir(), 'iac-review-tests-'));
  process.env.TMPDIR = dir;
  if (process.platform === 'win32') process.env.TMP = process.env.TEMP = dir;
  return () => {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
  };
}
