import { nodeCrypto } from '../lazy-builtins.js';
import type { SourceFile } from '../parse/ast.js';
import type { Module } from '../model/module.js';
import { offsetAt, type Range } from '../range.js';
import { normalizeSource, sourceText } from '../change/source-text.js';
import { topLevelItemAt } from '../parse/top-level-item.js';
import { itemWhat } from './item-label.js';

/**
 * What a checklist item's id is made of (README, "Review checklist"). The id
 * must survive everything that does not change what the item is about — a
 * re-run, lines moving because something above was edited, `terraform fmt` —
 * and change when the code it is about changes, so that a ticked box is
 * un-ticked exactly when the reviewer has something new to look at.
 */
export interface ItemIdentity {
  kind: 'finding' | 'undecided' | 'question';
  /** The rule id, or the kind of question (`stateful-change`, `iam-widened`, …). */
  topic: string;
  /**
   * The file as the checklist shows it (relative to the working directory).
   * Not module-relative: `envs/dev/main.tf` and `envs/prod/main.tf` often hold
   * the same blocks, and ticking one must not tick the other.
   */
  file: string;
  address?: string;
  /** Normalized source of the block the item is about (see `subjectText`). */
  subject: string;
  /** The item's text: a finding whose message changes (a value it names moved) is a new item. */
  text: string;
}

/** sha1 of the identity, first 12 hex digits (48 bits: no collision in any real checklist). */
export function itemId(identity: ItemIdentity, ordinal = 0): string {
  const parts = [identity.kind, identity.topic, identity.file, identity.address ?? '', identity.subject, identity.text];
  if (ordinal > 0) parts.push(String(ordinal));
  return nodeCrypto().createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 12);
}

/** The parsed files of the reviewed modules by path, to find what an item is about. */
export class SubjectIndex {
  private readonly files = new Map<string, SourceFile>();

  constructor(modules: Iterable<Module>) {
    for (const m of modules) {
      for (const f of m.files) this.files.set(f.path, f);
      for (const f of m.varFiles) this.files.set(f.path, f);
    }
  }

  /**
   * The normalized text of what an item at `range` in `path` is about: the
   * top-level block (or, in a `.tfvars` file, the top-level attribute) that
   * contains it; failing that, the text of its lines (a module-level finding
   * on line 1 of a file).
   */
  subject(path: string, range: Range): string {
    const file = this.files.get(path);
    if (!file) return '';
    const item = topLevelItemAt(file, offsetAt(file.lineStarts, range.start));
    if (item) return normalizeSource(sourceText(file, item));
    const start = file.lineStarts[range.start.line - 1] ?? 0;
    const end = file.lineStarts[range.end.line] ?? file.text.length;
    return normalizeSource(file.text.slice(start, end));
  }

  /** The Terraform name of the top-level block (or `.tfvars` attribute) at `range`, for an item without an address. */
  what(path: string, range: Range): string | undefined {
    const file = this.files.get(path);
    const item = file && topLevelItemAt(file, offsetAt(file.lineStarts, range.start));
    return item && itemWhat(item);
  }
}
