// Generated modules far larger than any fixture, for the scale tests (issue 10, point 5).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Blocks per file: every file stays far below the 8 MiB source limit. */
const PER_FILE = 50_000;

/**
 * Writes `count` blocks made by `block(i)` into a new module directory. A
 * bucket `resource "aws_s3_bucket" "bN" {}` gives a finding with a fix
 * (`lifecycle/prevent-destroy`) and an undecided item (its tags) each.
 */
export function writeModule(count: number, block: (i: number) => string, root = mkdtempSync(join(tmpdir(), 'iac-review-scale-'))): string {
  for (let file = 0; file * PER_FILE < count; file++) {
    const parts: string[] = [];
    for (let i = file * PER_FILE; i < Math.min(count, (file + 1) * PER_FILE); i++) parts.push(block(i));
    writeFileSync(join(root, `main${file}.tf`), parts.join(''));
  }
  return root;
}

export const bucket = (i: number) => `resource "aws_s3_bucket" "b${i}" {}\n`;

/** A module's blocks as text, for a git change. */
export function moduleFiles(count: number, block: (i: number) => string): Record<string, string> {
  const files: Record<string, string> = {};
  for (let file = 0; file * PER_FILE < count; file++) {
    const parts: string[] = [];
    for (let i = file * PER_FILE; i < Math.min(count, (file + 1) * PER_FILE); i++) parts.push(block(i));
    files[`main${file}.tf`] = parts.join('');
  }
  return files;
}
