/**
 * What outlives a review must not keep the text it was reviewed from. A name
 * sliced from a file's text is a view of the whole text; the engine's
 * long-lived caches (secret-like names, tag keys, policy resource types)
 * keep their keys, so each stores its own copy (ownString). In the editor
 * every keystroke makes a new text: without that, each version that brought
 * a new name stayed in memory.
 */
import { expect, test } from 'vitest';
import { reviewModule } from '../../server/src/engine/analyze.js';
import { defaultConfig } from '../../server/src/engine/config/load-config.js';
import type { FileHost } from '../../server/src/engine/host.js';
import { heapAfterGc } from '../support/heap.js';

test('a hundred versions of a 200 KB file, each bringing new names, are not kept by the engine after their reviews', () => {
  const file = '/ws/main.tf';
  const blocks: string[] = [];
  for (let i = 0; i < 2000; i++) blocks.push(`resource "aws_s3_bucket" "bucket_number_${i}" {\n  bucket = "name-${i}"\n  tags = {\n    Name = "b${i}"\n  }\n}\n`);
  const base = blocks.join('\n');
  let text = base;
  const host = {
    workspaceRoot: '/ws',
    readText: (path: string) => (path === file ? { ok: true, text } : { ok: false, error: 'not here' }),
    readDirectory: (path: string) => (path === '/ws' ? [{ name: 'main.tf', isDirectory: false }] : undefined),
  } as unknown as FileHost;
  const config = defaultConfig('/ws');
  let findings = 0;
  // Each version: a new resource type, a new secret-like argument, a new tag key, as typing brings them.
  const version = (k: number) => {
    text = `${base}\nresource "aws_s3_bucket_custom_type_${k}" "x" {\n  database_password_number_${k} = "hunter2hunter2"\n  tags = {\n    CostCenterNumber${k} = "x"\n  }\n}\n`;
    findings = reviewModule({ dir: '/ws', configFiles: [file], varFiles: [] }, { host, config, fixes: 'lazy' }).findings.length;
  };
  // Warm-up: data the rules load on first use (the IAM index, compiled patterns) is not what is measured.
  for (let k = 1000; k < 1010; k++) version(k);
  const before = heapAfterGc();
  for (let k = 0; k < 100; k++) version(k);
  text = base;
  const retained = heapAfterGc() - before;
  expect(findings).toBeGreaterThan(2000);
  // A hundred texts of 200 KB would be 21 MB.
  expect(retained).toBeLessThan(5e6);
}, 120_000);
