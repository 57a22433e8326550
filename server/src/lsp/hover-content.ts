import { relative, sep } from 'node:path';
import { inlineMarkdown, markdownCode } from '../engine/markdown-text.js';
import type { ModuleAnalysis } from '../engine/analyze.js';
import type { Location } from '../engine/range.js';
import {
  inspectAt,
  type InspectedStatement,
  type InspectedTag,
  type Inspection,
  type InspectOptions,
  type PoliciesInspection,
  type TagsInspection,
} from '../engine/inspect/inspection.js';
import type { ModuleCallInspection } from '../engine/inspect/module-call.js';
import { rangeContainsPosition } from '../engine/inspect/definition-at.js';
import type { Module } from '../engine/model/module.js';
import type { ModuleRoleAssignment } from '../engine/roles/module-role.js';
import { UNKNOWN_PART, type Certain, type PolicyEntryList, type PolicyStatement, type PrincipalSet } from '../engine/iam/policy-statement.js';
import { isVcsSource, type ModuleSource } from '../engine/versioning/module-source.js';

/** Entries of an Action/Resource list shown before "and N more". */
const MAX_ENTRIES = 8;

/**
 * The hover for a position (1-based line and column): what the review sees of
 * the resource, data source or module call there, as Markdown. Undefined when
 * the position is in no such block, or the review evaluates nothing there
 * (no tags, no policy, not a module call).
 */
export function hoverMarkdown(
  analysis: ModuleAnalysis,
  file: string,
  position: { line: number; column: number },
  options: InspectOptions & { role?: ModuleRoleAssignment } = {},
): string | undefined {
  // The module's role is told once, on its first block: where a reader starts.
  const role = options.role && inFirstBlock(analysis.module, file, position) ? roleSection(options.role) : undefined;
  const inspection = inspectAt(analysis, file, position, options);
  if (!inspection) return role;
  const where = (location: Location) => text(`${relativePath(analysis.module.dir, location.file)}:${location.range.start.line}`);
  const sections: string[] = [];
  if (inspection.moduleCall) sections.push(moduleSection(inspection.moduleCall));
  if (inspection.tags) sections.push(tagsSection(inspection.tags, inspection.address, where));
  if (inspection.policies) sections.push(policiesSection(inspection.policies, where));
  if (role) sections.push(role);
  if (sections.length === 0) return undefined;
  return [heading(inspection), ...sections].join('\n\n');
}

/** The first block of the module's first file in load order. */
function inFirstBlock(module: Module, file: string, position: { line: number; column: number }): boolean {
  const first = module.files[0];
  if (!first || first.path !== file) return false;
  const block = first.body.find((item) => item.kind === 'Block');
  return block !== undefined && rangeContainsPosition(block.range, position);
}

function roleSection(role: ModuleRoleAssignment): string {
  return `**Module role** ${code(role.role)}: ${text(role.why)}`;
}

function heading(inspection: Inspection): string {
  const kind = inspection.kind === 'data' ? 'data source' : inspection.kind;
  return `**${kind}** ${code(inspection.address)}`;
}

// ---- tags -------------------------------------------------------------------------------------

function tagsSection(tags: TagsInspection, address: string, where: (l: Location) => string): string {
  const title = `**Effective ${tags.word}**`;
  const lines: string[] = [];
  if (tags.entries.length === 0) lines.push(`${title}: none${tags.unknownReasons.length ? ' that the review can see' : ''}`);
  else {
    lines.push(title, '', '| Key | Value | From |', '|---|---|---|');
    for (const tag of tags.entries) lines.push(`| ${cell(code(tag.key))} | ${cell(certain(tag.value))} | ${cell(tagOrigin(tag, address, where))} |`);
  }
  if (tags.unknownReasons.length) {
    lines.push('', `${tags.word === 'labels' ? 'Labels' : 'Tags'} the review cannot see:`);
    for (const reason of tags.unknownReasons) lines.push(`- ${text(reason)}`);
  }
  return lines.join('\n');
}

function tagOrigin(tag: InspectedTag, address: string, where: (l: Location) => string): string {
  let out = tag.source === 'provider-default' ? 'provider default' : tag.overridesDefault ? 'resource, overrides the default' : 'resource';
  const definedIn = tag.origin?.definedIn;
  // The block itself and the provider block are already said by the source.
  if (definedIn && definedIn !== address && !definedIn.startsWith('provider ')) out += ` · from ${code(definedIn)}`;
  if (tag.origin) out += ` (${where(tag.origin.location)})`;
  return out;
}

// ---- IAM --------------------------------------------------------------------------------------

function policiesSection(policies: PoliciesInspection, where: (l: Location) => string): string {
  const lines = ['**IAM statements**'];
  const groups = new Map<string, InspectedStatement[]>();
  for (const item of policies.statements) {
    const key = `${item.statement.policyName}\u0000${item.via ?? ''}`;
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  for (const group of groups.values()) {
    const { statement, via } = group[0]!;
    const from = via && via !== statement.policyName ? ` via ${code(via)}` : '';
    lines.push('', `${code(statement.policyName)} (${statement.kind} policy)${from}:`);
    for (const { statement: s } of group) {
      lines.push(`- ${statementLine(s)} (${where({ file: s.location.file.path, range: s.location.range })})`);
      for (const reason of unknownReasons(s)) lines.push(`  - ${reason}`);
    }
  }
  if (policies.undecided.length) {
    lines.push('', 'Policies the review could not read:');
    for (const u of policies.undecided) lines.push(`- ${code(u.policyName)}: ${text(u.reason)}`);
  }
  return lines.join('\n');
}

/** `Allow s3:GetObject, s3:PutObject on arn:aws:s3:::b/*`, every value in code. */
function statementLine(s: PolicyStatement): string {
  const parts: string[] = [];
  if (s.sid) parts.push(`[${text(s.sid)}]`);
  parts.push(s.effect.known ? s.effect.value : '_unknown effect_');
  if (s.actions) parts.push(entries(s.actions));
  else if (s.notActions) parts.push(`every action except ${entries(s.notActions)}`);
  else parts.push('_no actions_');
  if (s.resources) parts.push(`on ${entries(s.resources)}`);
  else if (s.notResources) parts.push(`on every resource except ${entries(s.notResources)}`);
  if (s.principals) parts.push(`to ${principals(s.principals)}`);
  else if (s.notPrincipals) parts.push(`to every principal except ${principals(s.notPrincipals)}`);
  if (s.conditionKeys.length) parts.push(`when ${s.conditionKeys.map(code).join(', ')}`);
  else if (!s.hasCondition.known) parts.push('_with unknown conditions_');
  else if (s.hasCondition.value) parts.push('with conditions');
  return parts.join(' ');
}

function entries(list: PolicyEntryList): string {
  const shown = list.entries.slice(0, MAX_ENTRIES).map((e) => (e.known ? code(e.value) : e.shape !== undefined ? code(e.shape.split(UNKNOWN_PART).join('…')) : '_unknown_'));
  if (list.entries.length > MAX_ENTRIES) shown.push(`and ${list.entries.length - MAX_ENTRIES} more`);
  if (list.unknown) shown.push(list.entries.length ? '_and unknown others_' : '_unknown_');
  return shown.join(', ');
}

function principals(set: PrincipalSet): string {
  const shown = set.groups.map((g) => (g.type === '*' ? code('*') : `${text(g.type)} ${entries(g.identifiers)}`));
  if (set.unknown) shown.push('_unknown_');
  return shown.join('; ');
}

/** One line per element the review could not see, with why. */
function unknownReasons(s: PolicyStatement): string[] {
  const out = new Set<string>();
  const add = (element: string, reason: string | undefined) => {
    if (reason !== undefined) out.add(`${element} unknown: ${text(reason)}`);
  };
  if (!s.effect.known) add('Effect', s.effect.reason);
  const lists: [string, PolicyEntryList | undefined][] = [
    ['Action', s.actions],
    ['NotAction', s.notActions],
    ['Resource', s.resources],
    ['NotResource', s.notResources],
  ];
  for (const [element, list] of lists) {
    if (!list) continue;
    add(element, list.unknown);
    for (const e of list.entries) if (!e.known) add(element, e.reason);
  }
  for (const [element, set] of [
    ['Principal', s.principals],
    ['NotPrincipal', s.notPrincipals],
  ] as const) {
    if (!set) continue;
    add(element, set.unknown);
    for (const g of set.groups) {
      add(element, g.identifiers.unknown);
      for (const e of g.identifiers.entries) if (!e.known) add(element, e.reason);
    }
  }
  if (!s.hasCondition.known) add('Condition', s.hasCondition.reason);
  return [...out];
}

// ---- module calls -----------------------------------------------------------------------------

function moduleSection(call: ModuleCallInspection): string {
  const lines: string[] = [];
  const kind = call.classified ? ` — ${sourceKind(call.classified)}` : '';
  lines.push(`- Source: ${certain(call.source)}${kind}`);
  if (call.classified?.subdir) lines.push(`- Subdirectory: ${code(call.classified.subdir)}`);
  const registry = call.classified?.kind === 'registry';
  if (call.version) lines.push(`- Version: ${certain(call.version)}`);
  else if (registry) lines.push('- Version: none (the latest release)');
  if (call.gitRef) {
    const kind =
      call.gitRef.kind === 'commit'
        ? call.gitRef.fullCommit
          ? 'a full commit SHA'
          : 'an abbreviated commit SHA'
        : call.gitRef.kind === 'tag'
          ? 'a tag'
          : call.gitRef.kind === 'branch'
            ? 'a branch'
            : 'a tag or a branch: only the repository knows';
    lines.push(`- Git ${call.gitRef.param}: ${code(call.gitRef.ref)} (${kind})`);
  } else if (call.classified && isVcsSource(call.classified)) {
    lines.push('- Git ref: none (the default branch)');
  }
  if (call.pinning) lines.push(pinningLine(call.pinning, call.classified));
  return lines.join('\n');
}

function pinningLine(pinning: NonNullable<ModuleCallInspection['pinning']>, source: ModuleSource | undefined): string {
  const messages = pinning.messages.map(text).join(' ');
  switch (pinning.verdict) {
    case 'reported':
      return `- **Not pinned**: ${messages}`;
    case 'undecided':
      return `- Pinning undecided: ${messages}`;
    case 'not-reported':
      if (source?.kind === 'local') return '- Pinning: not needed, a local path is versioned with the calling code';
      if (source?.kind === 'other') return '- Pinning: nothing reported';
      return '- Pinned ✓';
  }
}

function sourceKind(source: ModuleSource): string {
  switch (source.kind) {
    case 'registry': {
      const r = source.registry!;
      return `registry module ${code(`${r.namespace}/${r.name}/${r.targetSystem}`)} on ${r.hostname ? text(r.hostname) : 'the public registry'}`;
    }
    case 'git':
      return 'git repository';
    case 'github':
      return 'GitHub repository';
    case 'bitbucket':
      return 'Bitbucket repository';
    case 'mercurial':
      return 'Mercurial repository';
    case 'local':
      return 'local path';
    case 'other':
      return source.getter === 'unknown' || !source.getter ? 'unrecognised source' : `${source.getter.toUpperCase()} archive`;
  }
}

// ---- Markdown ---------------------------------------------------------------------------------

function certain(value: Certain<string>): string {
  return value.known ? code(value.value) : `_unknown: ${text(value.reason)}_`;
}

/** A value shown as code (control characters escaped, fenced past any backtick run inside): the engine's one way. */
function code(value: string): string {
  return markdownCode(value);
}

/**
 * Engine prose (reasons, rule messages) as Markdown: its `code` spans are
 * kept, everything else is escaped and control characters written as
 * escapes, so a string from the reviewed code cannot become a link, HTML or
 * reordered (bidi) text in the hover.
 */
function text(value: string): string {
  return inlineMarkdown(value);
}

/** A table cell: a `|` (even inside code) would end the cell. */
function cell(value: string): string {
  return value.replace(/(?<!\\)\|/g, '\\|');
}

function relativePath(dir: string, file: string): string {
  const rel = relative(dir, file);
  return (rel === '' ? file : rel).split(sep).join('/');
}
