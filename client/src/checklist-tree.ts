import {
  EventEmitter,
  MarkdownString,
  Range,
  ThemeColor,
  ThemeIcon,
  TreeItem,
  TreeItemCheckboxState,
  TreeItemCollapsibleState,
  Uri,
  type Command,
  type Event,
  type TreeDataProvider,
} from 'vscode';
import { inlineMarkdown, markdownCode } from '../../server/src/engine/markdown-text.js';
import type { ChecklistTicks } from './checklist-ticks';
import type { ChecklistItem, ChecklistItemKind, ChecklistResult, ChecklistSection, FolderChecklist } from './protocol';

export type ChecklistNode =
  | { kind: 'folder'; folder: FolderChecklist }
  | { kind: 'section'; folder: FolderChecklist; section: ChecklistSection }
  | { kind: 'place'; folder: FolderChecklist; section: ChecklistSection; place: ChecklistPlace }
  | { kind: 'item'; folder: FolderChecklist; item: ChecklistItem };

/**
 * The items of a section about one thing (a resource, a policy, a variable)
 * in one file: a row naming it, its items below, each row then only the
 * problem and `file:line`. A sidebar is about 200 pixels of text wide: an
 * address and a problem and a location on one row (`aws_cloudwatch_log_group.jobs
 * — no log retention main.tf:14`) do not fit, and what is cut is the location.
 */
export interface ChecklistPlace {
  what: string;
  file: string;
  /** The first line of the place's items. */
  line: number;
  items: ChecklistItem[];
}

/** A section's items by what they are about, in the section's order of their first items. */
export function placesOf(section: ChecklistSection): ChecklistPlace[] {
  const byKey = new Map<string, ChecklistPlace>();
  for (const item of section.items) {
    const key = `${item.file}\u0000${item.what}`;
    const place = byKey.get(key);
    if (place) {
      place.items.push(item);
      place.line = Math.min(place.line, item.line);
    } else byKey.set(key, { what: item.what, file: item.file, line: item.line, items: [item] });
  }
  return [...byKey.values()];
}

const KIND_ICON: Record<ChecklistItemKind, string> = {
  finding: 'warning',
  undecided: 'question',
  question: 'comment-discussion',
};

const KIND_LABEL: Record<ChecklistItemKind, string> = {
  finding: 'Finding',
  undecided: 'Could not be decided statically',
  question: 'Question for the change',
};

/**
 * `file:line` by the file's name (its place's row above shows the path), with
 * 🆕 when the change introduced it; a removed block's place is at the base.
 */
export function itemDescription(entry: ChecklistItem): string {
  const where = `${entry.file.slice(entry.file.lastIndexOf('/') + 1)}:${entry.line}`;
  if (entry.removed) return `${where} (removed; at the base)`;
  return entry.introduced ? `🆕 ${where}` : where;
}

/**
 * The whole sentence, with what kind of item it is, why it is undecided,
 * the rules concerned and where. Sentences write code in backticks: shown
 * as code, and everything else in them (text from the reviewed code) inert —
 * no links, images or HTML (inlineMarkdown).
 */
export function itemTooltip(entry: ChecklistItem): MarkdownString {
  const tooltip = new MarkdownString();
  const status = entry.introduced ? ' — 🆕 introduced by the change' : entry.introduced === false ? ' — already there, in a block the change modified' : '';
  tooltip.appendMarkdown(`**${KIND_LABEL[entry.kind]}**${status}\n\n`);
  tooltip.appendMarkdown(inlineMarkdown(entry.text));
  if (entry.reason) tooltip.appendMarkdown(`\n\nWhy undecided: ${inlineMarkdown(entry.reason)}`);
  // An undecided item about one place names every rule concerned (SPEC §7); `ruleIds` is set only when there are several.
  const rules = entry.ruleIds ?? (entry.ruleId ? [entry.ruleId] : []);
  if (rules.length) tooltip.appendMarkdown(`\n\n${rules.length > 1 ? 'Rules' : 'Rule'}: ${rules.map(markdownCode).join(', ')}`);
  const where = `${entry.file}:${entry.line}`;
  tooltip.appendMarkdown('\n\n').appendMarkdown(entry.removed ? `${markdownCode(where)}, in the base of the change (the block was removed)` : markdownCode(where));
  return tooltip;
}

/** Where an item points: its file in its workspace folder. */
export function itemUri(folder: FolderChecklist, item: Pick<ChecklistItem, 'file'>): Uri {
  return Uri.joinPath(Uri.parse(folder.folder), ...item.file.split('/'));
}

/** Opens the file at the line. */
function openCommand(folder: FolderChecklist, file: string, line: number): Command {
  const at = Math.max(0, line - 1);
  return { command: 'vscode.open', title: 'Open', arguments: [itemUri(folder, { file }), { selection: new Range(at, 0, at, 0) }] };
}

/**
 * The Review Checklist as a tree: sections (one per category) holding the
 * findings, undecided items and questions, each with a box to tick. With
 * several workspace folders, each folder is a level of its own.
 */
export class ChecklistTreeProvider implements TreeDataProvider<ChecklistNode> {
  private result: ChecklistResult | undefined;
  private readonly changed = new EventEmitter<ChecklistNode | undefined>();
  readonly onDidChangeTreeData: Event<ChecklistNode | undefined> = this.changed.event;

  constructor(private readonly ticks: ChecklistTicks) {}

  /** The checklist shown, if any. */
  get current(): ChecklistResult | undefined {
    return this.result;
  }

  show(result: ChecklistResult | undefined): void {
    this.result = result;
    this.changed.fire(undefined);
  }

  /** Ticks changed: section counts and boxes are redrawn. */
  redraw(): void {
    this.changed.fire(undefined);
  }

  getChildren(node?: ChecklistNode): ChecklistNode[] {
    if (!this.result) return [];
    if (!node) {
      const folders = this.result.folders;
      if (folders.length === 1) return this.sectionsOf(folders[0]!);
      return folders.map((folder) => ({ kind: 'folder', folder }));
    }
    if (node.kind === 'folder') return this.sectionsOf(node.folder);
    if (node.kind === 'section') return placesOf(node.section).map((place) => ({ kind: 'place', folder: node.folder, section: node.section, place }));
    if (node.kind === 'place') return node.place.items.map((item) => ({ kind: 'item', folder: node.folder, item }));
    return [];
  }

  private sectionsOf(folder: FolderChecklist): ChecklistNode[] {
    return folder.checklist.sections.map((section) => ({ kind: 'section', folder, section }));
  }

  getTreeItem(node: ChecklistNode): TreeItem {
    if (node.kind === 'folder') {
      const item = new TreeItem(Uri.parse(node.folder.folder), TreeItemCollapsibleState.Expanded);
      item.id = node.folder.folder;
      item.description = this.progress(node.folder.checklist.sections.flatMap((s) => s.items));
      return item;
    }
    if (node.kind === 'section') {
      const item = new TreeItem(node.section.title, TreeItemCollapsibleState.Expanded);
      item.id = `${node.folder.folder}#${node.section.category}`;
      item.description = this.progress(node.section.items);
      item.contextValue = 'iacReview.checklistSection';
      return item;
    }
    if (node.kind === 'place') return this.placeOf(node.folder, node.section, node.place);
    return this.itemOf(node.folder, node.item);
  }

  private placeOf(folder: FolderChecklist, section: ChecklistSection, place: ChecklistPlace): TreeItem {
    const item = new TreeItem(place.what, TreeItemCollapsibleState.Expanded);
    item.id = `${folder.folder}#${section.category}#${place.file}#${place.what}`;
    const ticked = place.items.filter((i) => this.ticks.isTicked(i.id)).length;
    // Where it is, and (for several items) how many are ticked; a removed block's place is at the base.
    const where = `${place.file}:${place.line}`;
    item.description = place.items.length > 1 ? `${ticked}/${place.items.length} · ${where}` : where;
    item.tooltip = `${place.what}\n${where}`;
    item.contextValue = 'iacReview.checklistPlace';
    if (place.items.every((i) => !i.removed)) item.command = openCommand(folder, place.file, place.line);
    return item;
  }

  private progress(items: ChecklistItem[]): string {
    return `${items.filter((i) => this.ticks.isTicked(i.id)).length}/${items.length}`;
  }

  private itemOf(folder: FolderChecklist, entry: ChecklistItem): TreeItem {
    // The row is short (what and the problem); where it is goes to the description, the whole sentence to the tooltip (SPEC §9).
    const item = new TreeItem(entry.problem, TreeItemCollapsibleState.None);
    item.id = `${folder.folder}#${entry.id}`;
    item.description = itemDescription(entry);
    item.iconPath = new ThemeIcon(KIND_ICON[entry.kind], entry.introduced ? new ThemeColor('gitDecoration.addedResourceForeground') : undefined);
    item.checkboxState = this.ticks.isTicked(entry.id) ? TreeItemCheckboxState.Checked : TreeItemCheckboxState.Unchecked;
    item.contextValue = `iacReview.checklistItem.${entry.kind}`;
    item.accessibilityInformation = {
      label: `${KIND_LABEL[entry.kind]}${entry.introduced ? ', introduced by the change' : ''}: ${entry.label}, ${entry.file} line ${entry.line}`,
    };
    item.tooltip = itemTooltip(entry);

    // A removed block's location is in the base, not in the working tree.
    if (!entry.removed) item.command = openCommand(folder, entry.file, entry.line);
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }
}
