/**
 * reparseSource (the editor's keystroke in a large file) against the parser
 * itself: after any edit, the re-parsed tree must equal the tree of the new
 * text parsed whole — same nodes, positions, comments and errors. Edits are
 * chained, as an editor sends them, each re-parsed from the tree before it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, test } from 'vitest';
import type { SourceFile } from '../../server/src/engine/parse/ast.js';
import { parseSource } from '../../server/src/engine/parse/parse-file.js';
import { editedLineStarts, reparseSource } from '../../server/src/engine/parse/reparse.js';
import { computeLineStarts, offsetAt } from '../../server/src/engine/range.js';
import { seededRandom } from '../support/hcl-generator.js';
import { INJECTIONS, MUTATIONS, fixtureFiles } from '../support/hcl-mutations.js';
import { heapAfterGc } from '../support/heap.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'test-fixtures');

/** Distinct position objects (`{ line, column }`) a tree holds. */
function positionObjects(tree: SourceFile): number {
  const seen = new Set<object>();
  let positions = 0;
  const stack: unknown[] = [tree.body, tree.comments];
  while (stack.length) {
    const o = stack.pop();
    if (o === null || typeof o !== 'object' || seen.has(o)) continue;
    seen.add(o);
    if ('line' in o && 'column' in o && Object.keys(o).length === 2) positions++;
    else for (const v of Object.values(o)) if (typeof v === 'object') stack.push(v);
  }
  return positions;
}

/** The tree as plain data: what equality means here (identity and object shapes aside). */
const same = (a: SourceFile, b: SourceFile): boolean => isDeepStrictEqual(a, b);

function expectSameAsWhole(reparsed: SourceFile, text: string, where: string): void {
  const whole = parseSource(reparsed.path, text);
  if (!same(reparsed, whole)) {
    // The full diff only when they differ: toEqual on large trees is slow.
    expect({ where, tree: reparsed }).toEqual({ where, tree: whole });
  }
}

/** Editor-like edits: typing and deleting characters, new lines, pasting a line elsewhere. */
const TYPING: ((t: string, r: () => number) => string)[] = [
  (t, r) => {
    const i = Math.floor(r() * (t.length + 1));
    return t.slice(0, i) + 'abcxyz_-=."{}[]()#\n '[Math.floor(r() * 20)] + t.slice(i);
  },
  (t, r) => {
    const i = Math.floor(r() * t.length);
    return t.slice(0, i) + t.slice(i + 1);
  },
  (t, r) => {
    const i = Math.floor(r() * (t.length + 1));
    return t.slice(0, i) + INJECTIONS[Math.floor(r() * INJECTIONS.length)] + t.slice(i);
  },
  (t, r) => {
    const lines = t.split('\n');
    const from = Math.floor(r() * lines.length);
    lines.splice(Math.floor(r() * lines.length), 0, lines[from]!);
    return lines.join('\n');
  },
];

/** Edits that keep valid Terraform valid: typing in a string, a new attribute line, a block copied or removed. */
const VALID_EDITS: ((t: string, tree: SourceFile, r: () => number) => string)[] = [
  (t, _tree, r) => {
    const quotes = [...t.matchAll(/= "/g)];
    if (!quotes.length) return t;
    const at = quotes[Math.floor(r() * quotes.length)]!.index! + 3;
    return t.slice(0, at) + 'q' + t.slice(at);
  },
  (t, tree, r) => {
    const block = tree.body[Math.floor(r() * tree.body.length)]!;
    if (block.kind !== 'Block' || !block.closeBrace) return t;
    const at = offsetAt(tree.lineStarts, block.closeBrace.start);
    return t.slice(0, at) + `  added_${Math.floor(r() * 1000)} = "v"\n` + t.slice(at);
  },
  (t, tree, r) => {
    const block = tree.body[Math.floor(r() * tree.body.length)]!;
    const start = offsetAt(tree.lineStarts, block.range.start);
    const end = offsetAt(tree.lineStarts, block.range.end);
    return t.slice(0, end) + '\n\n' + t.slice(start, end) + t.slice(end);
  },
  (t, tree, r) => {
    const block = tree.body[Math.floor(r() * tree.body.length)]!;
    return t.slice(0, offsetAt(tree.lineStarts, block.range.start)) + t.slice(offsetAt(tree.lineStarts, block.range.end));
  },
];

describe('reparseSource gives the tree of a whole parse', () => {
  const files = fixtureFiles(FIXTURES).map((p) => ({ path: p, text: readFileSync(p, 'utf8').replace(/^\uFEFF/, '') }));

  test('chains of editor-like and hostile edits on every fixture file', () => {
    expect(files.length).toBeGreaterThan(100);
    const rnd = seededRandom(20_261_205);
    let edits = 0;
    let reused = 0;
    for (const file of files) {
      let text = file.text;
      let tree = parseSource(file.path, text);
      for (let k = 0; k < 12; k++) {
        const edit = k % 4 === 3 ? MUTATIONS[Math.floor(rnd() * MUTATIONS.length)]! : TYPING[Math.floor(rnd() * TYPING.length)]!;
        text = edit(text, rnd);
        const previous = tree;
        tree = reparseSource(previous, text);
        expectSameAsWhole(tree, text, `${file.path} after edit ${k}`);
        edits++;
        if (tree.body.some((item) => previous.body.includes(item))) reused++;
      }
    }
    expect(edits).toBe(files.length * 12);
    expect(reused).toBeGreaterThan(0);
  }, 300_000);

  test('chains of edits that keep a file valid take the incremental path', () => {
    const rnd = seededRandom(5);
    let edits = 0;
    let reused = 0;
    for (const file of files.filter((f) => /\.(tf|tofu)$/.test(f.path))) {
      let text = file.text;
      let tree = parseSource(file.path, text);
      if (tree.errors.length || tree.body.length < 3 || tree.body.some((item) => item.kind !== 'Block')) continue;
      for (let k = 0; k < 8; k++) {
        text = VALID_EDITS[k % VALID_EDITS.length]!(text, tree, rnd);
        const previous = tree;
        tree = reparseSource(previous, text);
        expectSameAsWhole(tree, text, `${file.path} after valid edit ${k}`);
        edits++;
        if (tree.body.some((item) => previous.body.includes(item))) reused++;
      }
    }
    expect(edits).toBeGreaterThan(200);
    // The incremental path is what these edits exercise, not only the whole parse it falls back to.
    expect(reused / edits).toBeGreaterThan(0.5);
  });

  test('CRLF line endings', () => {
    const rnd = seededRandom(7);
    for (const file of files.filter((f) => f.path.endsWith('.tf')).slice(0, 60)) {
      let text = file.text.replace(/\n/g, '\r\n');
      let tree = parseSource(file.path, text);
      for (let k = 0; k < 8; k++) {
        text = TYPING[k % TYPING.length]!(text, rnd);
        tree = reparseSource(tree, text);
        expectSameAsWhole(tree, text, `${file.path} (CRLF) after edit ${k}`);
      }
    }
  });
});

/** Twenty resource blocks, one per few lines, with comments between some of them. */
function module(count = 20): string {
  const blocks: string[] = [];
  for (let i = 0; i < count; i++) {
    if (i % 3 === 0) blocks.push(`# bucket ${i}`);
    blocks.push(`resource "aws_s3_bucket" "b${i}" {\n  bucket = "name-${i}" # inline\n  tags = {\n    Name = "b${i}"\n  }\n}\n`);
  }
  return blocks.join('\n');
}

describe('editedLineStarts', () => {
  test('gives the line starts of the edited text, for random edits of random texts', () => {
    const rnd = seededRandom(11);
    const pick = (chars: string) => chars[Math.floor(rnd() * chars.length)]!;
    const randomText = (n: number) => Array.from({ length: n }, () => pick('ab\n\r{ ')).join('');
    for (let k = 0; k < 3000; k++) {
      const before = randomText(Math.floor(rnd() * 40));
      const from = Math.floor(rnd() * (before.length + 1));
      const to = from + Math.floor(rnd() * (before.length - from + 1));
      const after = before.slice(0, from) + randomText(Math.floor(rnd() * 6)) + before.slice(to);
      // The span changedSpan would give: the first difference, and where the equal end of `before` starts.
      let first = 0;
      while (first < Math.min(before.length, after.length) && before[first] === after[first]) first++;
      let same = 0;
      while (same < Math.min(before.length, after.length) - first && before[before.length - 1 - same] === after[after.length - 1 - same]) same++;
      const got = editedLineStarts(computeLineStarts(before), before.length, after, first, before.length - same);
      expect(got, JSON.stringify({ before, after })).toEqual(computeLineStarts(after));
    }
  });
});

describe('what reparseSource reuses', () => {
  const path = '/ws/main.tf';

  test('an edit that adds a line: blocks before it are the previous objects; blocks after it are moved copies', () => {
    const text = module();
    const before = parseSource(path, text);
    const at = text.indexOf('\n', text.indexOf('"name-10"')) + 1;
    const edited = text.slice(0, at) + '  acl = "private"\n' + text.slice(at);
    const after = reparseSource(before, edited);
    expectSameAsWhole(after, edited, "an attribute's line added inside block 10");
    for (let i = 0; i < 10; i++) expect(after.body[i]).toBe(before.body[i]);
    expect(after.body[10]).not.toBe(before.body[10]);
    for (let i = 11; i < 20; i++) {
      expect(after.body[i]).not.toBe(before.body[i]);
      expect(after.body[i]!.range.start.line).toBe(before.body[i]!.range.start.line + 1);
      expect(after.body[i]!.range.start.column).toBe(before.body[i]!.range.start.column);
    }
    // The previous tree is left as it was (the last review's findings still point into it).
    expect(same(before, parseSource(path, text))).toBe(true);
  });

  test('an edit that keeps the line count (typing on a line) reuses every block after it, comments too', () => {
    const text = module();
    const before = parseSource(path, text);
    const at = text.indexOf('"name-10"') + 2;
    // Characters typed, then deleted again, then a line's text replaced by a longer one.
    let edited = text.slice(0, at) + 'typed' + text.slice(at);
    let after = reparseSource(before, edited);
    expectSameAsWhole(after, edited, 'characters typed inside block 10');
    for (let i = 0; i < 20; i++) if (i !== 10) expect(after.body[i]).toBe(before.body[i]);
    expect(after.body[10]).not.toBe(before.body[10]);
    const laterComments = before.comments.filter((c) => c.range.start.line > before.body[10]!.range.end.line);
    expect(laterComments.length).toBeGreaterThan(0);
    for (const c of laterComments) expect(after.comments).toContain(c);
    // The same objects, and their positions still the places of the new text.
    const moved = after.body[15]!;
    expect(edited.slice(offsetAt(after.lineStarts, moved.range.start), offsetAt(after.lineStarts, moved.range.start) + 8)).toBe('resource');

    const back = reparseSource(after, text);
    expectSameAsWhole(back, text, 'the typed characters deleted');
    for (let i = 11; i < 20; i++) expect(back.body[i]).toBe(before.body[i]);

    edited = text.replace('"name-3"', '"a-much-longer-name-than-before-3"');
    after = reparseSource(before, edited);
    expectSameAsWhole(after, edited, 'a value replaced in block 3');
    for (let i = 4; i < 20; i++) expect(after.body[i]).toBe(before.body[i]);
    // The previous tree is left as it was.
    expect(same(before, parseSource(path, text))).toBe(true);
  });

  test('an edit that leaves a string open is parsed whole, and closing it again is incremental', () => {
    const text = module();
    const base = parseSource(path, text);
    const at = text.indexOf('"name-5"');
    const open = text.slice(0, at) + '"' + text.slice(at);
    const broken = reparseSource(base, open);
    expectSameAsWhole(broken, open, 'unterminated string');
    expect(broken.errors.length).toBeGreaterThan(0);
    const closed = reparseSource(broken, text);
    expectSameAsWhole(closed, text, 'string closed again');
    expect(closed.errors).toEqual([]);
    expect(closed.body[0]).toBe(broken.body[0]);
  });

  test('a comment opened in one block and closed in a later one is parsed whole', () => {
    const text = module();
    const a = text.indexOf('resource "aws_s3_bucket" "b4"');
    const b = text.indexOf('resource "aws_s3_bucket" "b8"');
    const once = text.slice(0, a) + '/*\n' + text.slice(a);
    const tree = reparseSource(parseSource(path, text), once);
    expectSameAsWhole(tree, once, 'comment opened');
    const twice = once.slice(0, b + 3) + '*/\n' + once.slice(b + 3);
    expectSameAsWhole(reparseSource(tree, twice), twice, 'comment closed four blocks later');
  });

  test('a closing brace removed swallows the next blocks, as a whole parse does', () => {
    const text = module();
    const at = text.indexOf('}\n', text.indexOf('"b7"'));
    const inner = text.indexOf('}\n', at + 2);
    const edited = text.slice(0, inner) + text.slice(inner + 1);
    expectSameAsWhole(reparseSource(parseSource(path, text), edited), edited, 'brace removed');
  });

  test('top-level attributes (variable files) and JSON syntax are parsed whole', () => {
    const vars = 'a = 1\nb = 2\nc = 3\n';
    const tfvars = parseSource('/ws/x.tfvars', vars);
    const dup = vars + 'a = 4\n';
    const again = reparseSource(tfvars, dup);
    expectSameAsWhole(again, dup, 'duplicate attribute added');
    expect(again.errors.map((e) => e.message)).toEqual([expect.stringContaining("attribute 'a' is already set")]);
    const json = '{"resource": {"aws_s3_bucket": {"b": {"bucket": "x"}}}}';
    const jsonTree = parseSource('/ws/main.tf.json', json);
    const edited = json.replace('"x"', '"y"');
    expectSameAsWhole(reparseSource(jsonTree, edited), edited, 'JSON syntax');
  });

  test('blocks after the edit nested as deep as the parser allows are moved too', () => {
    const deep = `locals {\n  x = ${'('.repeat(200)}1${' + 1'.repeat(40)}${')'.repeat(200)}\n}\n`;
    const text = module(3) + '\n' + deep;
    const base = parseSource(path, text);
    expect(base.errors).toEqual([]);
    const edited = 'terraform {}\n\n' + text;
    const after = reparseSource(base, edited);
    expectSameAsWhole(after, edited, 'deep block moved');
    expect(after.body.at(-1)).not.toBe(base.body.at(-1));
  });

  test('edits at the start and the end, a block joined to the previous line, everything deleted', () => {
    const text = module();
    const base = parseSource(path, text);
    const cases = [
      'terraform {}\n' + text,
      text + '\nresource "aws_sqs_queue" "q" {}\n',
      text.replace('\nresource "aws_s3_bucket" "b12"', ' resource "aws_s3_bucket" "b12"'),
      text.replace('}\n\nresource "aws_s3_bucket" "b3"', '}\nresource "aws_s3_bucket" "b3"'),
      '',
      text.slice(0, text.length / 2),
    ];
    for (const [i, edited] of cases.entries()) expectSameAsWhole(reparseSource(base, edited), edited, `case ${i}`);
  });
});

describe('memory', () => {
  test('moved blocks share positions as the parser shares them: chained edits add no position objects', () => {
    const path = '/ws/shared.tf';
    let text = module();
    // Expressions whose ranges share positions with their parts: calls, objects, templates, conditionals, operators.
    const extras = '  labels = merge(var.tags, { Name = "x-${var.env}" })\n  size = var.on ? length(var.names) * 2 : 0\n';
    text = text.replace('"name-3" # inline\n', `"name-3" # inline\n${extras}`);
    let tree = parseSource(path, text);
    // Lines added in the first block, so that every other block is moved, again and again.
    for (let k = 0; k < 10; k++) {
      const at = text.indexOf('\n', text.indexOf('name-0')) + 1;
      text = text.slice(0, at) + `  extra_${k} = 1\n` + text.slice(at);
      const before = tree;
      tree = reparseSource(tree, text);
      expect(tree.body[5]).not.toBe(before.body[5]);
      expectSameAsWhole(tree, text, `edit ${k}`);
    }
    expect(positionObjects(tree)).toBe(positionObjects(parseSource(path, text)));
  });

  test('a tree re-parsed edit after edit does not keep the texts of the versions before', () => {
    const path = '/ws/big.tf';
    // Names and strings long enough to be slices of the text they were parsed from (13 characters or more).
    const blocks: string[] = [];
    for (let i = 0; i < 4000; i++) {
      blocks.push(`resource "aws_s3_bucket" "bucket_number_${i}" {\n  bucket = "name-${i}"\n  description_of_the_bucket = "the bucket that holds the logs of service ${i}"\n}\n`);
    }
    const lines = blocks.join('\n').split('\n'); // ~600 KB
    let text = lines.join('\n');
    let tree: SourceFile | undefined = parseSource(path, text);
    // Thirty edits, each in another block, each text made whole as an editor's buffer is: the tree mixes
    // blocks parsed from thirty versions of the text.
    for (let k = 0; k < 30; k++) {
      const line = 2 + 5 * Math.floor((k * 4000) / 30);
      lines[line] = lines[line]!.replace('= "', '= "x');
      text = lines.join('\n');
      tree = reparseSource(tree, text);
    }
    expect(tree.body.length).toBe(4000);
    const withReparsed = heapAfterGc();
    tree = undefined;
    const without = heapAfterGc();
    const whole = parseSource(path, text);
    const wholeBytes = heapAfterGc() - without;
    const reparsedBytes = withReparsed - without;
    expect(whole.body.length).toBe(4000);
    expect(tree).toBeUndefined();
    // Thirty old texts would be 18 to 36 MB more than the tree parsed whole.
    expect(reparsedBytes).toBeLessThan(wholeBytes * 1.5 + 4e6);
  });
});
