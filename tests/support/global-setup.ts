import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Generated sources (rule registry, IAM index) must exist before any test imports the engine. */
export default function setup(): void {
  const root = join(import.meta.dirname, '..', '..');
  execFileSync(process.execPath, [join(root, 'scripts/gen-rule-registry.mjs')], { stdio: 'inherit' });
  const iamScript = join(root, 'scripts/build-iam-index.mjs');
  const iamIndex = join(root, 'server/src/engine/iam/iam-index.generated.json');
  if (existsSync(iamScript) && !existsSync(iamIndex)) execFileSync(process.execPath, [iamScript], { stdio: 'inherit' });
}
