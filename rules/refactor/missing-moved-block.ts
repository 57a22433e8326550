import { defineRule, findAttribute, headerRange } from '../../server/src/engine/rules/rule.js';
import { movedFrom, removedBlocks } from '../../server/src/engine/change/refactor-blocks.js';
import { blockBodyText, normalizeSource, sourceText } from '../../server/src/engine/change/source-text.js';
import type { BlockRef, Module } from '../../server/src/engine/model/module.js';
import type { Fix } from '../../server/src/engine/finding.js';
import { rangeFromOffsets } from '../../server/src/engine/range.js';
import { isCrlf } from '../../server/src/engine/fix/line-splice.js';
import { groupBy } from '../../server/src/engine/group-by.js';

/** A resource or module call, with what must match for a rename: the resource type, or the module source. */
interface Addressed extends BlockRef {
  address: string;
  kind: string;
}

export default defineRule({
  meta: {
    id: 'refactor/missing-moved-block',
    title: 'Renamed resources and module calls have a moved block',
    problem: 'no moved block',
    category: 'refactor',
    severity: 'warning',
    fixable: true,
    diffOnly: true,
    rationale:
      'Terraform tracks objects by address. When a change removes `aws_s3_bucket.logs` and adds `aws_s3_bucket.audit_logs` ' +
      '(a rename, or a resource pulled into a module) without a `moved` block, the plan destroys the old object and ' +
      'creates a new one: the data in a bucket or database is gone, and every dependent resource is replaced. A `moved` ' +
      'block tells Terraform it is the same object. The rule runs in diff mode only (`--base`), where it can see both ' +
      'sides of the change.',
    remediation:
      'Add a `moved` block to the module with `from = <old address>` and `to = <new address>`, one argument per line ' +
      '(as in the passing example; keep it until every state has been applied past the change). If the old object is really to be destroyed, say so with a `removed` block ' +
      '(Terraform ≥ 1.7) or review the plan for the destroy.',
    equivalents: {},
    examples: {
      failing: `# base of the change: resource "aws_s3_bucket" "logs" { … }
resource "aws_s3_bucket" "audit_logs" {
  bucket = "acme-audit-logs"
}
`,
      passing: `resource "aws_s3_bucket" "audit_logs" {
  bucket = "acme-audit-logs"
}

moved {
  from = aws_s3_bucket.logs
  to   = aws_s3_bucket.audit_logs
}
`,
    },
  },
  check(context) {
    const { module, base } = context;
    if (!base) return;
    const before = addressed(base);
    const after = addressed(module);
    const removed = [...before.values()].filter((b) => !after.has(b.address));
    const added = [...after.values()].filter((a) => !before.has(a.address));
    if (removed.length === 0 || added.length === 0) return;
    const handled = handledAddresses(module);
    const goneByKind = groupBy(removed.filter((r) => !handled.from.has(r.address)), (b) => b.kind);
    for (const [kind, fresh] of groupBy(added.filter((a) => !handled.to.has(a.address)), (b) => b.kind)) {
      const gone = goneByKind.get(kind);
      if (!gone) continue;
      const goneAddresses = gone.map((g) => g.address);
      for (const [newer, older] of pairs(fresh, gone)) {
        const candidates = older ? [older.address] : goneAddresses;
        const what = kind.startsWith('module ') ? 'module call' : kind;
        context.report({
          file: newer.file,
          range: headerRange(newer.block),
          address: newer.address,
          message:
            `${newer.address} is new and ${candidateList(candidates)} (the same ${what}) is gone, with no moved block: ` +
            `Terraform will destroy ${candidates.length === 1 ? 'it' : 'the old object'} and create ${newer.address} from scratch. ` +
            `If it is the same object, add a \`moved\` block with \`from = ${candidates[0]}\` and \`to = ${newer.address}\`` +
            (older ? ' (the quick fix inserts it).' : '.'),
          ...(older ? { fix: () => movedBlockFix(newer, older.address) } : {}),
        });
      }
    }
  },
});

/** At most a few names: a change that renames thousands of blocks of one type must not write thousands of names into each finding. */
const LISTED_CANDIDATES = 5;

function candidateList(addresses: readonly string[]): string {
  const named = addresses.slice(0, LISTED_CANDIDATES).map((c) => `\`${c}\``);
  if (addresses.length <= LISTED_CANDIDATES) return named.join(' or ');
  return `${named.join(', ')} or one of ${addresses.length - LISTED_CANDIDATES} more blocks`;
}

/** Managed resources by address (data sources hold nothing to lose), and module calls keyed by source. */
function addressed(module: Module): Map<string, Addressed> {
  const out = new Map<string, Addressed>();
  for (const r of module.resources) if (r.mode === 'managed') out.set(r.address, { ...r, kind: r.type });
  for (const m of module.moduleCalls) {
    const source = findAttribute(m.block, 'source');
    const text = source ? sourceText(m.file, source.expr) : '?';
    out.set(m.address, { ...m, kind: `module ${text}` });
  }
  return out;
}

/** Addresses already accounted for by `moved` (either end) or `removed` blocks of the change. */
function handledAddresses(module: Module): { from: Set<string>; to: Set<string> } {
  const moved = movedFrom(module);
  return { from: new Set([...moved.values(), ...removedBlocks(module).keys()]), to: new Set(moved.keys()) };
}

/**
 * Pairs new blocks with removed ones of the same kind: certain when there is
 * one of each, or when their bodies are identical; otherwise the finding names
 * every candidate and offers no fix.
 */
function pairs(fresh: Addressed[], gone: Addressed[]): Array<[Addressed, Addressed | undefined]> {
  if (fresh.length === 1 && gone.length === 1) return [[fresh[0]!, gone[0]!]];
  // The gone blocks not paired yet, by body: each body computed once (a large rename is linear, not fresh × gone).
  const remaining = groupBy(gone, bodyText);
  return fresh.map((f) => {
    const body = bodyText(f);
    const same = remaining.get(body);
    if (same?.length === 1) {
      remaining.delete(body);
      return [f, same[0]!];
    }
    return [f, undefined];
  });
}

/** The block's body without comments and layout, to recognise the same block under a new name. */
function bodyText(ref: BlockRef): string {
  const withoutComments = blockBodyText(ref)
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)(#|\/\/).*$/, ''));
  return normalizeSource(withoutComments.join(' '));
}

/**
 * The `moved` block as `terraform fmt` writes it: one argument per line (a
 * one-line block may hold only one argument), the `=` aligned.
 */
export function movedBlockText(from: string, to: string, eol = '\n'): string {
  return ['moved {', `  from = ${from}`, `  to   = ${to}`, '}'].join(eol);
}

/** Inserts the moved block after the renamed block, separated by a blank line, in the file's line endings. */
function movedBlockFix(newer: Addressed, from: string): Fix {
  const { file } = newer;
  const eol = isCrlf(file) ? '\r\n' : '\n';
  const block = movedBlockText(from, newer.address, eol);
  const nextLineStart = file.lineStarts[newer.block.range.end.line]; // 0-based index of the line after the closing brace
  const [offset, text] = nextLineStart === undefined ? [file.text.length, `${eol}${eol}${block}${eol}`] : [nextLineStart, `${eol}${block}${eol}`];
  return {
    title: `Add a moved block from ${from} to ${newer.address}`,
    edits: [{ file: file.path, range: rangeFromOffsets(file.lineStarts, offset, offset), newText: text }],
  };
}
