import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeWorkspace } from '../../server/src/engine/analyze.js';
import type { Finding } from '../../server/src/engine/finding.js';
import { applyEdits } from '../../server/src/engine/fix/apply-edits.js';
import moduleSourcePinned from '../../rules/versioning/module-source-pinned.js';
import providerPinned from '../../rules/versioning/provider-pinned.js';

function analyze(text: string, rules = [moduleSourcePinned, providerPinned]): { findings: Finding[]; text: string } {
  const dir = mkdtempSync(join(tmpdir(), 'iac-review-versioning-'));
  writeFileSync(join(dir, 'main.tf'), text);
  const result = analyzeWorkspace({ cwd: dir, paths: [dir], rules });
  return { findings: result.findings, text };
}

function applyFix(text: string, finding: Finding): string {
  return applyEdits(text, finding.fix!.edits);
}

describe('versioning quick fixes', () => {
  it('bounds an unbounded module version', () => {
    const { findings, text } = analyze('module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = ">= 5.1"\n}\n');
    expect(findings).toHaveLength(1);
    expect(applyFix(text, findings[0]!)).toContain('version = "~> 5.1"');
  });

  it('bounds an unbounded provider version in a root module', () => {
    const { findings, text } = analyze(
      [
        'terraform {',
        '  required_providers {',
        '    aws = { source = "hashicorp/aws", version = ">= 5.2.1" }',
        '  }',
        '}',
        'provider "aws" {',
        '  region = "eu-west-1"',
        '}',
        '',
      ].join('\n'),
    );
    expect(findings).toHaveLength(1);
    expect(applyFix(text, findings[0]!)).toContain('version = ">= 5.2.1, < 6.0.0"');
  });

  it('offers no fix where the right version is not known', () => {
    const { findings } = analyze('module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n');
    expect(findings).toHaveLength(1);
    expect(findings[0]!.fix).toBeUndefined();
  });
});
