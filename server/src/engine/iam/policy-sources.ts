import type { Block, Expression, ObjectExpr, SourceFile, TemplateExpr } from '../parse/ast.js';
import type { RelatedInformation } from '../finding.js';
import type { Module, ResourceRef } from '../model/module.js';
import type { Range } from '../range.js';
import { rangeFromOffsets } from '../range.js';
import { timed } from '../timings.js';
import { findAttribute, findBlocks, type RuleContext } from '../rules/rule.js';
import type { CarriedPlace, CarryPass } from '../incremental/block-carry.js';
import { withPlannedPolicies } from './planned-policies.js';
import { EMPTY_SCOPE } from '../evaluate/scope.js';
import { dynamicBlocks, dynamicContent, dynamicInstances, dynamicIterator, inScope, instances, type ExistenceContext, type Instance } from '../evaluate/existence.js';
import { asString, fromJson, object, str, tuple, unknown, type ObjectValue, type Value } from '../evaluate/value.js';
import { policyAttributesOf } from './policy-attributes.js';
import { describeSyntaxError, parseJsonWithOffsets, placeholder, placeholdersIn, syntaxErrorSpan, type JsonNode } from './policy-json.js';
import { mapTemplateText, type MappedText } from './policy-text.js';
import { localOf, shapedValue, traversalText, unparen, type EvaluationContext } from './value-shape.js';
import {
  UNKNOWN_PART,
  statementFromValue,
  type PolicyKind,
  type PolicyStatement,
  type ShapedUnknown,
  type StatementLocation,
  type UndecidedPolicy,
} from './policy-statement.js';

/** Every policy statement of a module, and the policies that could not be read. */
export interface PolicySet {
  statements: PolicyStatement[];
  undecided: UndecidedPolicy[];
}

/** What is being read: whose policy, of which kind, and how we got here. */
interface Target {
  kind: PolicyKind;
  policyName: string;
  address?: string;
  /** Where the policy is used when it is defined elsewhere (a local). */
  related: RelatedInformation[];
}

const POLICY_DOCUMENT = 'aws_iam_policy_document';
const MAX_DEPTH = 16;

/** Contexts without an evaluator's memo (hovers, change questions) cache by module. */
const cache = new WeakMap<object, PolicySet>();
/** The memo key of a module instance's policy set. */
const POLICY_SET = {};

export function policiesOf(ctx: EvaluationContext & ExistenceContext & Partial<Pick<RuleContext<unknown>, 'plannedArgument'>>): PolicySet {
  // With a plan, what the code leaves open is read from the rendered policies (SPEC §10).
  const plannedArgument = ctx.planned ? ctx.plannedArgument : undefined;
  if (plannedArgument) {
    const reader = { module: ctx.module, plannedArgument };
    if (ctx.memo) return ctx.memo(POLICY_SET, () => withPlannedPolicies(readPolicies(ctx), reader));
  }
  if (ctx.memo) return ctx.memo(POLICY_SET, () => readPolicies(ctx));
  const key = ctx.instance ?? ctx.module;
  let set = cache.get(key);
  if (!set) {
    set = readPolicies(ctx);
    cache.set(key, set);
  }
  return set;
}

/** The reading the IAM rules share, timed as a phase of its own (the first IAM rule to run pays for it). */
function readPolicies(ctx: EvaluationContext & ExistenceContext & Partial<Pick<RuleContext<unknown>, 'carried'>>): PolicySet {
  return timed('iam policies', () => {
    // In the editor, each block's reading is kept for the next review, and given again while an edit leaves it alone.
    const carry = ctx.carried?.<BlockReading>(POLICY_READING);
    return carry ? carry.pass(ctx.module, (pass) => new PolicyReader(ctx, pass).read()) : new PolicyReader(ctx).read();
  });
}

/** The key of the editor's kept policy readings (RuleContext.carried). */
const POLICY_READING = {};

/** Where a statement or undecided policy was read, by file path: a kept reading refers to no version of a file. */
interface ReadPlace {
  file: string;
  range: Range;
  address?: string;
  related: RelatedInformation[];
}

/** What reading one block did to the module's policy set, in order: replayed, it does the same again. */
type ReadEvent =
  | { op: 'statement'; key: string; statement: Omit<PolicyStatement, 'location'>; place: ReadPlace }
  | { op: 'undecided'; key: string; policy: Omit<UndecidedPolicy, 'location'>; place: ReadPlace }
  | { op: 'document-use'; address: string; kind: PolicyKind; related: RelatedInformation[]; use: RelatedInformation };

/** A block's reading as kept: its events, and for a policy document how it was used then (its reading depends on it). */
interface BlockReading {
  events: ReadEvent[];
  uses?: string;
}

class PolicyReader {
  private readonly statements = new Map<string, PolicyStatement>();
  private readonly undecided = new Map<string, UndecidedPolicy>();
  /** Policy documents referenced through `.json`, with how they are used. */
  private readonly documentUses = new Map<string, { kind: PolicyKind; related: RelatedInformation[] }>();
  private readonly module: Module;
  /** The events of the block being read, when its reading is to be kept. */
  private recording: ReadEvent[] | undefined;

  constructor(
    private readonly ctx: EvaluationContext & ExistenceContext,
    private readonly pass?: CarryPass<BlockReading>,
  ) {
    this.module = ctx.module;
  }

  read(): PolicySet {
    for (const ref of this.module.resources) {
      if (ref.mode !== 'managed') continue;
      const specs = policyAttributesOf(ref.type);
      if (!specs.length) continue;
      this.readBlock(ref.block, undefined, () => {
        for (const spec of specs) {
          const name = spec.block ? `${spec.block}.${spec.attribute}` : spec.attribute;
          const target: Target = { kind: spec.kind, policyName: `${ref.address} ${name}`, address: ref.address, related: [] };
          for (const expr of policyExpressions(ref.block, spec.attribute, spec.block)) this.readExpression(expr, ref.file, target, 0);
        }
      });
    }
    for (const ref of this.module.dataSources) {
      if (ref.type !== POLICY_DOCUMENT) continue;
      const use = this.documentUses.get(ref.address);
      const target: Target = { kind: use?.kind ?? 'identity', policyName: ref.address, address: ref.address, related: use?.related ?? [] };
      this.readBlock(ref.block, this.pass && JSON.stringify([target.kind, target.related]), () => this.readPolicyDocument(ref, target));
    }
    return { statements: [...this.statements.values()], undecided: [...this.undecided.values()] };
  }

  /** Reads one block's policies; in the editor, replays its kept reading instead when the edit left it alone. */
  private readBlock(block: Block, uses: string | undefined, read: () => void): void {
    const pass = this.pass;
    if (!pass) {
      read();
      return;
    }
    const kept = pass.reuse(block);
    if (kept && kept.uses === uses) {
      for (const event of kept.events) this.apply(event);
      return;
    }
    const events: ReadEvent[] = [];
    this.recording = events;
    try {
      read();
    } finally {
      this.recording = undefined;
    }
    pass.keep(block, uses === undefined ? { events } : { events, uses }, placesOf(events));
  }

  // ---- policy expressions ---------------------------------------------------------------

  /** Reads a policy given as an expression: jsonencode, a JSON string or heredoc, file(), a local, a document's `.json`. */
  private readExpression(expr: Expression, file: SourceFile, target: Target, depth: number): void {
    const e = unparen(expr);
    if (depth > MAX_DEPTH) return;
    const local = localOf(this.module, e);
    if (local) {
      this.readExpression(local.attribute.expr, local.file, this.via(target, e, file, `local.${local.name}`), depth + 1);
      return;
    }
    const documentAddress = policyDocumentAddress(e);
    if (documentAddress) {
      if (this.module.byAddress.has(documentAddress)) this.recordDocumentUse(documentAddress, target, e, file);
      else this.addUndecided(target, file, e.range, `${documentAddress} is not declared in this module`);
      return;
    }
    if (e.kind === 'Call' && e.name === 'jsonencode' && e.args.length === 1) {
      this.readJsonencodeArgument(e.args[0]!, file, target, e.range, depth + 1);
      return;
    }
    if (e.kind === 'Template') {
      const mapped = this.mapTemplate(e, file);
      if (mapped) {
        this.readJsonText(mapped.text, mapped.unknowns, file, target, e.range, (start, end) =>
          rangeFromOffsets(file.lineStarts, mapped.offsets[start]!, end > start ? mapped.offsets[end - 1]! + 1 : mapped.offsets[start]!),
        );
        return;
      }
    }
    const value = this.ctx.evaluate(e, file);
    if (value.kind === 'unknown') {
      this.addUndecided(target, file, e.range, `the policy ${describeSource(e)} (${value.reason})`);
      return;
    }
    if (value.kind === 'string') {
      // file(), templatefile(), a variable: the statements cannot be placed inside the text; use the argument.
      const at = this.locate(value.origin, file, e.range);
      this.readJsonText(value.value, [], at.file, target, at.range, () => at.range);
      return;
    }
    if (value.kind === 'object') this.readDocumentValue(value, file, target, e.range);
  }

  private readJsonencodeArgument(arg: Expression, file: SourceFile, target: Target, fallback: Range, depth: number): void {
    const e = unparen(arg);
    const local = localOf(this.module, e);
    if (local && depth <= MAX_DEPTH) {
      this.readJsonencodeArgument(local.attribute.expr, local.file, this.via(target, e, file, `local.${local.name}`), local.attribute.expr.range, depth + 1);
      return;
    }
    if (e.kind === 'Object') {
      const statementItem = e.items.find((item) => objectKey(item.key, item.keyIsIdentifier)?.toLowerCase() === 'statement');
      if (statementItem) this.readStatementList(statementItem.value, file, target, depth + 1);
      return;
    }
    const value = this.ctx.evaluate(e, file);
    if (value.kind === 'unknown') {
      this.addUndecided(target, file, e.range, `the policy ${describeSource(e)} (${value.reason})`);
      return;
    }
    if (value.kind === 'object') this.readDocumentValue(value, file, target, fallback);
  }

  /** `Statement = [...]` in a jsonencode object: each statement gets its own range where possible. */
  private readStatementList(expr: Expression, file: SourceFile, target: Target, depth: number): void {
    const e = unparen(expr);
    const local = localOf(this.module, e);
    if (local && depth <= MAX_DEPTH) {
      this.readStatementList(local.attribute.expr, local.file, this.via(target, e, file, `local.${local.name}`), depth + 1);
      return;
    }
    if (e.kind === 'Tuple') {
      e.items.forEach((item, index) => this.readStatementExpression(item, file, target, index, depth + 1));
      return;
    }
    if (e.kind === 'Object') {
      this.readStatementExpression(e, file, target, 0, depth + 1);
      return;
    }
    const value = this.ctx.evaluate(e, file);
    if (value.kind === 'unknown') {
      this.addUndecided(target, file, e.range, `the statements ${describeSource(e)} (${value.reason})`);
      return;
    }
    const items = value.kind === 'tuple' ? value.items : [value];
    items.forEach((item, index) => {
      const at = this.locate(item.origin, file, e.range);
      this.addStatement(item, target, index, at.file, at.range);
    });
  }

  private readStatementExpression(expr: Expression, file: SourceFile, target: Target, index: number, depth: number): void {
    const e = unparen(expr);
    const local = localOf(this.module, e);
    if (local && depth <= MAX_DEPTH) {
      this.readStatementExpression(local.attribute.expr, local.file, this.via(target, e, file, `local.${local.name}`), index, depth + 1);
      return;
    }
    if (e.kind === 'Object') {
      this.addStatement(this.objectValue(e, file), target, index, file, e.range);
      return;
    }
    const value = this.ctx.evaluate(e, file);
    const at = value.kind === 'unknown' ? { file, range: e.range } : this.locate(value.origin, file, e.range);
    this.addStatement(value.kind === 'unknown' ? unknown(`the statement ${describeSource(e)} (${value.reason})`) : value, target, index, at.file, at.range);
  }

  /** A whole policy document as a value (from a JSON string or an evaluated object). */
  private readDocumentValue(doc: Value, file: SourceFile, target: Target, fallback: Range): void {
    if (doc.kind !== 'object') return;
    let statements: Value | undefined;
    for (const [key, item] of doc.entries) if (key.toLowerCase() === 'statement') statements = item;
    if (!statements || statements.kind === 'null') return;
    if (statements.kind === 'unknown') {
      this.addUndecided(target, file, fallback, `the statements are not known statically: ${statements.reason}`);
      return;
    }
    const items = statements.kind === 'tuple' ? statements.items : [statements];
    items.forEach((item, index) => {
      const at = this.locate(item.origin, file, fallback);
      this.addStatement(item, target, index, at.file, at.range);
    });
  }

  /** Parses policy JSON text; `place` turns offsets in the text into a source range. */
  private readJsonText(
    text: string,
    unknowns: string[],
    file: SourceFile,
    target: Target,
    fallback: Range,
    place: (start: number, end: number) => Range,
  ): void {
    if (text.trim() === '') return;
    const parsed = parseJsonWithOffsets(text);
    if (!parsed.ok) {
      // Interpolations outside strings (`"Action": ${var.actions}`) leave placeholders the parser may not accept.
      const ids = placeholdersIn(text);
      if (ids.length) this.addUndecided(target, file, fallback, `the policy text is built from ${unknowns[ids[0]!] ?? 'values not known statically'}`);
      // Fully known text that is not JSON: nothing can be read, and IAM rejects it as a malformed policy document.
      else this.addUndecided(target, file, place(...syntaxErrorSpan(text, parsed.offset)), describeSyntaxError(text, parsed), true);
      return;
    }
    const toValue = (node: JsonNode): Value => {
      const origin = { file: file.path, range: place(node.start, node.end) };
      switch (node.kind) {
        case 'object': {
          const entries = new Map<string, Value>();
          for (const entry of node.entries) entries.set(entry.key, toValue(entry.value));
          return object(entries, origin);
        }
        case 'array':
          return tuple(node.items.map(toValue), origin);
        case 'string': {
          const ids = placeholdersIn(node.value);
          if (!ids.length) return str(node.value, origin);
          const shaped: ShapedUnknown = {
            ...unknown(unknowns[ids[0]!] ?? 'not known statically', origin),
            shape: node.value.replace(/\uE000\d+\uE001/g, UNKNOWN_PART),
          };
          return shaped;
        }
        case 'placeholder':
          return unknown(unknowns[node.id] ?? 'not known statically', origin);
        default:
          return fromJson(node.value, origin);
      }
    };
    this.readDocumentValue(toValue(parsed.node), file, target, fallback);
  }

  /** The text of a string/heredoc template with offsets, unknown interpolations as placeholders. */
  private mapTemplate(expr: TemplateExpr, file: SourceFile): (MappedText & { unknowns: string[] }) | undefined {
    const unknowns: string[] = [];
    const mapped = mapTemplateText(expr, file, (inner) => {
      const v = this.ctx.evaluate(inner, file);
      if (v.kind === 'unknown') {
        unknowns.push(`${describeSource(inner)} (${v.reason})`);
        return placeholder(unknowns.length - 1);
      }
      return asString(v);
    });
    return mapped ? { ...mapped, unknowns } : undefined;
  }

  // ---- aws_iam_policy_document ------------------------------------------------------------

  private readPolicyDocument(ref: ResourceRef, target: Target): void {
    const document = this.documentInstance(ref);
    if (!document) return;
    let index = 0;
    for (const item of ref.block.body) {
      if (item.kind !== 'Block') continue;
      if (item.type === 'statement') {
        this.addStatement(this.statementBlockValue(item, ref.file, document), target, index++, ref.file, item.range);
      } else if (item.type === 'dynamic' && item.labels[0]?.value === 'statement') {
        // Each generated statement is read like a written one, with its iterator bound (SPEC §2a).
        const content = dynamicContent(item);
        if (!content) continue;
        for (const generated of dynamicInstances(this.ctx, item, ref.file, document)) {
          this.addStatement(this.statementBlockValue(content, ref.file, generated), target, index++, ref.file, item.range);
        }
      }
    }
    for (const name of ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json']) {
      const attr = findAttribute(ref.block, name);
      if (!attr) continue;
      const sub: Target = { ...target, policyName: `${ref.address} ${name}` };
      const list = unparen(attr.expr);
      if (list.kind === 'Tuple') list.items.forEach((item) => this.readExpression(item, ref.file, sub, 1));
      else this.readExpression(attr.expr, ref.file, sub, 1);
    }
  }

  /**
   * The instance a policy document's statements are read in: none when the
   * document has no instance (`count = 0`); its one instance (`count.index`,
   * `each` bound); with several, one whose `count` / `each` is unknown, so a
   * statement is read once rather than once per instance.
   */
  private documentInstance(ref: ResourceRef): Instance | undefined {
    const all = instances(this.ctx, ref.block, ref.file);
    if (all.length <= 1) return all[0];
    return { scope: EMPTY_SCOPE, when: all.reduce<readonly string[]>((when, i) => [...when, ...i.when.filter((c) => !when.includes(c))], []) };
  }

  /** A `statement` block in the shape of a JSON statement, so one normaliser serves every source. */
  private statementBlockValue(block: Block, file: SourceFile, instance: Instance): ObjectValue {
    const ctx = inScope(this.ctx, instance.scope);
    const entries = new Map<string, Value>();
    const effect = findAttribute(block, 'effect');
    entries.set('Effect', effect ? ctx.evaluate(effect.expr, file) : str('Allow'));
    const sid = findAttribute(block, 'sid');
    if (sid) entries.set('Sid', ctx.evaluate(sid.expr, file));
    const lists: [string, string][] = [
      ['actions', 'Action'],
      ['not_actions', 'NotAction'],
      ['resources', 'Resource'],
      ['not_resources', 'NotResource'],
    ];
    for (const [attribute, element] of lists) {
      const attr = findAttribute(block, attribute);
      if (attr) entries.set(element, shapedValue(ctx, attr.expr, file));
    }
    for (const [blockType, element] of [
      ['principals', 'Principal'],
      ['not_principals', 'NotPrincipal'],
    ] as const) {
      const principal = this.principalsValue(block, blockType, file, instance);
      if (principal) entries.set(element, principal);
    }
    // Written and generated conditions alike: a dynamic "condition" adds one per element it generates. A
    // condition narrows the statement, so it is never assumed to exist: a toggled or unknown one leaves it unknown.
    let conditionsUnknown = false;
    const conditions = [
      ...findBlocks(block, 'condition').map((c) => ({ block: c, ctx })),
      ...dynamicBlocks(block, 'condition').flatMap((d) => {
        const content = dynamicContent(d);
        const generated = dynamicInstances(this.ctx, d, file, instance);
        if (generated.some((i) => i.when.length > instance.when.length || i.scope.get(dynamicIterator(d))?.kind === 'unknown')) conditionsUnknown = true;
        return content ? generated.map((i) => ({ block: content, ctx: inScope(this.ctx, i.scope) })) : [];
      }),
    ];
    const conditionAttribute = findAttribute(block, 'condition');
    const conditionValue = conditionAttribute && ctx.evaluate(conditionAttribute.expr, file);
    if (conditionsUnknown) entries.set('Condition', unknown('the conditions are generated by a dynamic "condition" block whose elements are not known statically'));
    else if (conditions.length) {
      // In the JSON shape: { test: { variable: values } }, so the keys are read like a JSON statement's.
      const byTest = new Map<string, Value>();
      let unreadable: string | undefined;
      conditions.forEach(({ block: c, ctx }, i) => {
        const test = findAttribute(c, 'test');
        const variable = findAttribute(c, 'variable');
        const testName = (test && asString(ctx.evaluate(test.expr, file))) ?? `condition${i}`;
        // The key's outline is enough to tell what it scopes (`autoscaling:ResourceTag/…/${statement.value}`).
        const keyValue = variable ? shapedValue(ctx, variable.expr, file) : undefined;
        const key = keyValue && (asString(keyValue) ?? (keyValue as ShapedUnknown).shape);
        if (keyValue?.kind === 'unknown' && key === undefined) unreadable ??= keyValue.reason;
        const inner = byTest.get(testName);
        const keys = inner?.kind === 'object' ? new Map(inner.entries) : new Map<string, Value>();
        const values = findAttribute(c, 'values');
        if (key !== undefined) keys.set(key, values ? this.ctx.evaluate(values.expr, file) : str('…'));
        byTest.set(testName, object(keys));
      });
      // A condition key that cannot be read may be the one that narrows the statement.
      entries.set('Condition', unreadable === undefined ? object(byTest) : unknown(`a condition key is not known statically (${unreadable})`));
    }
    else if (conditionValue && conditionValue.kind === 'unknown') entries.set('Condition', conditionValue);
    else if (conditionValue && !(conditionValue.kind === 'tuple' && !conditionValue.items.length) && conditionValue.kind !== 'null') {
      entries.set('Condition', object(new Map([['condition', str('present')]])));
    }
    return object(entries, { file: file.path, range: block.range });
  }

  private principalsValue(block: Block, blockType: string, file: SourceFile, instance: Instance): Value | undefined {
    const ctx = inScope(this.ctx, instance.scope);
    const groups: { type: Value; identifiers: Value }[] = [];
    const written = findBlocks(block, blockType).map((b) => ({ b, ctx }));
    const generated = dynamicBlocks(block, blockType).flatMap((d) => {
      const content = dynamicContent(d);
      return content ? dynamicInstances(this.ctx, d, file, instance).map((i) => ({ b: content, ctx: inScope(this.ctx, i.scope) })) : [];
    });
    for (const { b, ctx } of [...written, ...generated]) {
      const typeAttr = findAttribute(b, 'type');
      const idsAttr = findAttribute(b, 'identifiers');
      groups.push({
        type: typeAttr ? ctx.evaluate(typeAttr.expr, file) : str('AWS'),
        identifiers: idsAttr ? shapedValue(ctx, idsAttr.expr, file) : tuple([]),
      });
    }
    // JSON syntax (`.tf.json`) writes the nested blocks as an object or a list of objects.
    const asAttribute = findAttribute(block, blockType);
    if (asAttribute) {
      const v = shapedValue(ctx, asAttribute.expr, file);
      if (v.kind === 'unknown') return unknown(`the ${blockType} ${describeSource(asAttribute.expr)} (${v.reason})`);
      for (const item of v.kind === 'tuple' ? v.items : [v]) {
        if (item.kind !== 'object') continue;
        groups.push({ type: item.entries.get('type') ?? str('AWS'), identifiers: item.entries.get('identifiers') ?? tuple([]) });
      }
    }
    if (!groups.length) return undefined;
    const byType = new Map<string, Value[]>();
    for (const { type, identifiers } of groups) {
      if (type.kind === 'unknown') return unknown(`the principal type is not known statically (${type.reason})`);
      const typeName = asString(type) ?? 'AWS';
      const items = byType.get(typeName) ?? [];
      if (identifiers.kind === 'tuple') for (const item of identifiers.items) items.push(item);
      else items.push(identifiers);
      byType.set(typeName, items);
    }
    return object(new Map([...byType].map(([type, items]) => [type, tuple(items)])));
  }

  // ---- values ---------------------------------------------------------------------------

  /** Evaluates a statement object written in HCL, keeping the outline of unknown strings. */
  private objectValue(expr: ObjectExpr, file: SourceFile): ObjectValue {
    const entries = new Map<string, Value>();
    for (const item of expr.items) {
      const key = objectKey(item.key, item.keyIsIdentifier) ?? asString(this.ctx.evaluate(item.key, file));
      if (key === undefined) continue;
      entries.set(key, shapedValue(this.ctx, item.value, file));
    }
    return object(entries, { file: file.path, range: expr.range });
  }

  // ---- bookkeeping ----------------------------------------------------------------------

  /** Follows a reference: findings go to the definition, with the use as related information. */
  private via(target: Target, use: Expression, file: SourceFile, name: string): Target {
    return {
      ...target,
      related: [...target.related, { file: file.path, range: use.range, message: `${name} is used by ${target.policyName} here` }],
    };
  }

  private recordDocumentUse(address: string, target: Target, use: Expression, file: SourceFile): void {
    const related: RelatedInformation = { file: file.path, range: use.range, message: `used by ${target.policyName} here` };
    // A copy: a document's target shares its uses' list, which later uses add to.
    this.recording?.push({ op: 'document-use', address, kind: target.kind, related: [...target.related], use: related });
    this.useDocument(address, target.kind, target.related, related);
  }

  private useDocument(address: string, kind: PolicyKind, targetRelated: readonly RelatedInformation[], use: RelatedInformation): void {
    const existing = this.documentUses.get(address);
    if (!existing) {
      this.documentUses.set(address, { kind, related: [...targetRelated, use] });
      return;
    }
    // Used as an identity policy anywhere: the identity checks apply.
    if (kind === 'identity') existing.kind = 'identity';
    else if (existing.kind === 'resource' && kind === 'trust') existing.kind = 'trust';
    existing.related.push(use);
  }

  private addStatement(value: Value, target: Target, index: number, file: SourceFile, range: Range): void {
    const key = `${file.path}:${range.start.line}:${range.start.column}:${range.end.line}:${range.end.column}:${index}`;
    const existing = this.statements.get(key);
    if (existing && !this.recording) {
      for (const r of target.related) existing.location.related.push(r);
      return;
    }
    const location: StatementLocation = { file, range, related: [...target.related] };
    if (target.address) location.address = target.address;
    const statement = statementFromValue(value, { kind: target.kind, policyName: target.policyName, index, location });
    if (this.recording) {
      const { location: _, ...fields } = statement;
      this.recording.push({ op: 'statement', key, statement: fields, place: placeOf(location) });
      if (existing) {
        for (const r of target.related) existing.location.related.push(r);
        return;
      }
    }
    this.statements.set(key, statement);
  }

  private addUndecided(target: Target, file: SourceFile, range: Range, reason: string, invalidJson?: true): void {
    const key = `${file.path}:${range.start.line}:${range.start.column}:${range.end.line}:${range.end.column}`;
    if (this.undecided.has(key) && !this.recording) return;
    const location: StatementLocation = { file, range, related: [...target.related] };
    if (target.address) location.address = target.address;
    const policy: UndecidedPolicy = { kind: target.kind, policyName: target.policyName, reason, location, ...(invalidJson ? { invalidJson } : {}) };
    if (this.recording) {
      const { location: _, ...fields } = policy;
      this.recording.push({ op: 'undecided', key, policy: fields, place: placeOf(location) });
    }
    if (!this.undecided.has(key)) this.undecided.set(key, policy);
  }

  /** Does again what a kept event did, in this version's files. */
  private apply(event: ReadEvent): void {
    if (event.op === 'document-use') {
      this.useDocument(event.address, event.kind, event.related, event.use);
      return;
    }
    const map: Map<string, { location: StatementLocation }> = event.op === 'statement' ? this.statements : this.undecided;
    const existing = map.get(event.key);
    if (existing) {
      if (event.op === 'statement') for (const r of event.place.related) existing.location.related.push(r);
      return;
    }
    const { place } = event;
    const location: StatementLocation = { file: this.pass!.file(place.file)!, range: place.range, related: [...place.related] };
    if (place.address !== undefined) location.address = place.address;
    if (event.op === 'statement') this.statements.set(event.key, { ...event.statement, location });
    else this.undecided.set(event.key, { ...event.policy, location });
  }

  /** Where a value was written, when that is in one of the module's files; else the fallback. */
  private locate(origin: { file: string; range: Range } | undefined, file: SourceFile, fallback: Range): { file: SourceFile; range: Range } {
    if (origin) {
      const found = [...this.module.files, ...this.module.varFiles].find((f) => f.path === origin.file);
      if (found) return { file: found, range: origin.range };
    }
    return { file, range: fallback };
  }
}

function placeOf(location: StatementLocation): ReadPlace {
  const place: ReadPlace = { file: location.file.path, range: location.range, related: [...location.related] };
  if (location.address !== undefined) place.address = location.address;
  return place;
}

/** Every place a block's reading points into: where its statements are, and the places shown with them. */
function* placesOf(events: readonly ReadEvent[]): Generator<CarriedPlace> {
  for (const event of events) {
    if (event.op === 'document-use') {
      yield* event.related;
      yield event.use;
    } else {
      yield event.place;
      yield* event.place.related;
    }
  }
}

function objectKey(key: Expression, isIdentifier: boolean): string | undefined {
  if (isIdentifier && key.kind === 'Variable') return key.name;
  if (key.kind === 'Template' && key.parts.length === 1 && key.parts[0]!.kind === 'TemplateLiteral') return key.parts[0]!.value;
  if (key.kind === 'Template' && key.parts.length === 0) return '';
  return undefined;
}

/**
 * The expressions of a policy argument: `policy = …`, or inside nested blocks
 * (`inline_policy { policy = … }`), which JSON syntax writes as an object or a
 * list of objects.
 */
function policyExpressions(block: Block, attribute: string, nested: string | undefined): Expression[] {
  if (!nested) {
    const attr = findAttribute(block, attribute);
    return attr ? [attr.expr] : [];
  }
  const out: Expression[] = [];
  for (const b of findBlocks(block, nested)) {
    const attr = findAttribute(b, attribute);
    if (attr) out.push(attr.expr);
  }
  const asAttribute = findAttribute(block, nested);
  if (asAttribute) {
    const e = unparen(asAttribute.expr);
    for (const item of e.kind === 'Tuple' ? e.items : [e]) {
      if (item.kind !== 'Object') continue;
      const found = item.items.find((i) => objectKey(i.key, i.keyIsIdentifier) === attribute);
      if (found) out.push(found.value);
    }
  }
  return out;
}


/** `data.aws_iam_policy_document.NAME.json` (also with `[0]`/`["key"]` and `.minified_json`) → the data block's address. */
export function policyDocumentAddress(e: Expression): string | undefined {
  if (e.kind !== 'GetAttr' || (e.name !== 'json' && e.name !== 'minified_json')) return undefined;
  let inner = e.object;
  if (inner.kind === 'Index') inner = inner.object;
  if (inner.kind !== 'GetAttr') return undefined;
  const type = inner.object;
  if (type.kind !== 'GetAttr' || type.name !== POLICY_DOCUMENT) return undefined;
  if (type.object.kind !== 'Variable' || type.object.name !== 'data') return undefined;
  return `data.${POLICY_DOCUMENT}.${inner.name}`;
}

/** `comes from var.actions`, for undecided reasons. */
export function describeSource(e: Expression): string {
  const text = traversalText(e);
  if (text) return `comes from ${text}`;
  if (e.kind === 'Call') return `comes from ${e.name}(…)`;
  return 'is not known statically';
}

