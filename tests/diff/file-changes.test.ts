// How diff mode tells what a change did to each file, without `git diff`:
// object names for unchanged files, a line diff (the `diff` package) for
// edited ones, and rename detection like `git diff -M`.
import { describe, expect, it } from 'vitest';
import { reviewChange } from '../../server/src/engine/change/review-change.js';
import { addedLines } from '../../server/src/engine/change/line-diff.js';
import { TestRepo } from '../support/git-repo.js';

const block = (name: string, lines = 6) =>
  `resource "aws_s3_bucket" "${name}" {\n  bucket = "${name}"\n${Array.from({ length: lines }, (_, i) => `  # ${name} note ${i}\n`).join('')}}\n`;

function changes(repo: TestRepo, paths?: string[]) {
  const { files } = reviewChange({ cwd: repo.root, base: 'main', ...(paths ? { paths } : {}) });
  return {
    added: [...files.added].sort(),
    deleted: [...files.deleted].sort(),
    renamed: Object.fromEntries(files.renamedFrom),
    lines: Object.fromEntries([...files.changedLines].map(([p, l]) => [p, [...l].sort((a, b) => a - b)])),
  };
}

describe('addedLines', () => {
  it('lists the lines of the new text that the change added or modified, as git diff -U0 does', () => {
    expect([...addedLines('a\nb\nc\n', 'a\nB\nc\n')]).toEqual([2]);
    expect([...addedLines('a\nb\nc\n', 'a\nb\nx\ny\nc\n')]).toEqual([3, 4]);
    expect([...addedLines('a\nb\nc\n', 'a\nc\n')]).toEqual([]);
    expect([...addedLines('a\nb\n', 'a\nb')]).toEqual([2]); // the final newline removed
    expect([...addedLines('', 'a\n')]).toEqual([1]);
  });

  it('a CRLF checkout of an LF file is not a change', () => {
    expect([...addedLines('a\nb\nc\n', 'a\r\nb\r\nc\r\n')]).toEqual([]);
    expect([...addedLines('a\nb\nc\n', 'a\r\nB\r\nc\r\n')]).toEqual([2]);
  });

  it('a rewrite too large to diff counts the lines the base does not have', () => {
    const base = Array.from({ length: 60_000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const rewritten = Array.from({ length: 60_000 }, (_, i) => (i % 3 === 0 ? `new ${i}` : `line ${i}`)).join('\n') + '\n';
    const lines = addedLines(base, rewritten);
    expect(lines.size).toBe(20_000);
    expect(lines.has(1)).toBe(true);
    expect(lines.has(2)).toBe(false);
  });
});

describe('file changes against the base', () => {
  it('an unchanged file is no change; an edited one has its edited lines; new and deleted files are listed', () => {
    const repo = new TestRepo();
    repo.write({ 'a.tf': block('a'), 'b.tf': block('b'), 'gone.tf': block('gone', 1), 'README.md': 'x\n' }).commit('base');
    repo.branch('change').write({ 'b.tf': block('b').replace('b note 2', 'b NOTE 2'), 'gone.tf': null, 'new.tf': block('new', 0), 'README.md': 'y\n' });
    expect(changes(repo)).toEqual({ added: ['new.tf'], deleted: ['gone.tf'], renamed: {}, lines: { 'b.tf': [5] } });
  });

  it('renames: the same content, or at least half of it, is the old file moved', () => {
    const repo = new TestRepo();
    repo.write({ 'old/same.tf': block('same'), 'old/similar.tf': block('similar', 10), 'old/different.tf': block('different', 2) }).commit('base');
    repo.branch('change');
    repo.git('mv', 'old', 'new');
    repo.write({
      'new/similar.tf': block('similar', 10).replace('similar note 9', 'edited'),
      'new/different.tf': block('unrelated', 2),
    });
    expect(changes(repo)).toEqual({
      added: ['new/different.tf'],
      deleted: ['old/different.tf'],
      renamed: { 'new/same.tf': 'old/same.tf', 'new/similar.tf': 'old/similar.tf' },
      lines: { 'new/similar.tf': [12] },
    });
  });

  it('files git ignores count like any other file on disk: new when the base lacks them', () => {
    const repo = new TestRepo();
    repo.write({ '.gitignore': 'ignored.tf\n', 'main.tf': block('main') }).commit('base');
    repo.branch('change').write({ 'ignored.tf': block('ignored') });
    expect(changes(repo).added).toEqual(['ignored.tf']);
  });

  it('only the analysed paths are read, but a file moved into them from elsewhere is a rename', () => {
    const repo = new TestRepo();
    repo.write({ 'elsewhere/moved.tf': block('moved'), 'elsewhere/other.tf': block('other'), 'envs/prod/main.tf': block('main') }).commit('base');
    repo.branch('change');
    repo.git('mv', 'elsewhere/moved.tf', 'envs/prod/moved.tf');
    repo.write({ 'elsewhere/other.tf': block('other').replace('other note 1', 'x') });
    expect(changes(repo, ['envs'])).toEqual({ added: [], deleted: [], renamed: { 'envs/prod/moved.tf': 'elsewhere/moved.tf' }, lines: {} });
  });

  it('a large reorganisation stays bounded: thousands of moved modules are paired by content', () => {
    const repo = new TestRepo();
    const files: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) files[`modules/m${i}/main.tf`] = block(`m${i}`, 2);
    repo.write(files).commit('base');
    repo.branch('change');
    repo.git('mv', 'modules', 'components');
    // Every moved file also edited a little: no exact match; 1,500 files named main.tf, paired by their directories' names.
    for (let i = 0; i < 1500; i++) repo.write({ [`components/m${i}/main.tf`]: block(`m${i}`, 2).replace(`m${i} note 1`, 'edited') });
    const c = changes(repo);
    expect(Object.keys(c.renamed)).toHaveLength(1500);
    expect(c.renamed['components/m7/main.tf']).toBe('modules/m7/main.tf');
    expect(c.added).toEqual([]);
    expect(c.deleted).toEqual([]);
    expect(c.lines['components/m7/main.tf']).toEqual([4]);
  });
});
