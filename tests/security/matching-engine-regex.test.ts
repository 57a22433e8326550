import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import { RULES } from '../../server/src/engine/rules/registry.generated.js';
import { normalizeName } from '../../server/src/engine/secrets/secret-names.js';
import { stripIndex } from '../../server/src/engine/change/refactor-blocks.js';
import { amiIdsIn, embeddedAccountIds, regionsIn } from '../../server/src/engine/hardcoded/aws-patterns.js';
import { prng, writeTree } from './matching-support.js';

const HANG = { timeout: 60_000 };

/** Random strings over a small alphabet, for comparing a rewrite with the regular expression it replaces. */
function randomWords(alphabet: readonly string[], count: number, seed: number): string[] {
  const random = prng(seed);
  return Array.from({ length: count }, () => Array.from({ length: Math.floor(random() * 12) }, () => alphabet[Math.floor(random() * alphabet.length)]).join(''));
}

describe('regular expressions the engine runs on Terraform strings stay linear', () => {
  it('stripIndex says what /\\[[^\\]]*\\]$/ said, and a run of "[" is quick', HANG, () => {
    for (const word of randomWords(['a', '[', ']', '.', '0'], 20_000, 1)) expect(stripIndex(word), word).toBe(word.replace(/\[[^\]]*\]$/, ''));
    expect(stripIndex(`aws_x.y${'['.repeat(500_000)}]`)).toBe('aws_x.y');
    expect(stripIndex('aws_x.y["a"]')).toBe('aws_x.y');
  });

  it('normalizeName splits capital runs as before, in one pass', HANG, () => {
    const before = (segment: string) =>
      segment
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
        .toLowerCase()
        .replace(/[-\s]+/g, '_');
    for (const word of randomWords(['a', 'B', 'C', '1', '-', 'x'], 20_000, 2)) expect(normalizeName(word), word).toBe(before(word));
    expect(normalizeName('HTTPServerPassword')).toBe('http_server_password');
    // The backtracking case: a run of capitals with no lowercase letter after it (50,000 took 3.6 s with the old expression).
    expect(normalizeName('A'.repeat(200_000) + '1')).toHaveLength(200_001);
    expect(normalizeName('A'.repeat(500_000) + 'b')).toHaveLength(500_002);
  });

  it('hardcoded/account-id on a policy string with unclosed "AWS" lists and strings', HANG, () => {
    const rule = RULES.find((r) => r.meta.id === 'hardcoded/account-id')!;
    const hostile = '{"Principal": {"AWS": ["arn:aws:iam::123456789012:root"]}, ' + '"AWS": ['.repeat(100_000) + '"AWS": "' + 'x'.repeat(100_000);
    const dir = writeTree({
      'main.tf': `resource "aws_s3_bucket_policy" "p" {\n  bucket = "b"\n  policy = ${JSON.stringify(hostile)}\n}\n`,
    });
    const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules: [rule] });
    expect(result.errors).toEqual([]);
    expect(result.findings.map((f) => f.message).join('\n')).toContain('123456789012');
  });

  it('aws-patterns: lookbehinds and bounded fields on long hostile strings', HANG, () => {
    // Each pattern's unbounded parts are character classes that stop at the next ':' or '.', so no text is rescanned.
    for (const text of [
      'arn:aws:'.repeat(100_000),
      ':' + 'a'.repeat(500_000) + ':',
      'arn:aws:a:' + '1'.repeat(500_000),
      '1'.repeat(500_000),
      '.us-east-1.amazonaws.co'.repeat(50_000),
      'ami-'.repeat(200_000),
      'arn:aws:s3:' + 'eu-west-1-'.repeat(50_000),
    ]) {
      embeddedAccountIds(text);
      regionsIn(text, true);
      amiIdsIn(text);
    }
    expect(embeddedAccountIds('arn:aws:iam::123456789012:role/x').map((m) => m.value)).toEqual(['123456789012']);
  });
});
