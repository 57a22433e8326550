/**
 * Compares our syntax tree with @cdktf/hcl2json's output (HashiCorp's own
 * parser): same blocks (types, labels, nesting, repetition), same attribute
 * names, same literal values. hcl2json renders non-literal expressions as
 * `"${…}"` strings (or partially, for tuples and objects).
 */
import type { BodyItem, Expression } from '../../server/src/engine/parse/ast.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const NOT_LITERAL = Symbol('not literal');

/** The value of a literal expression as hcl2json would print it, or NOT_LITERAL. */
function literalOf(e: Expression): Json | typeof NOT_LITERAL {
  switch (e.kind) {
    case 'Literal':
      return e.value;
    case 'Unary':
      if (e.op === '-' && e.operand.kind === 'Literal' && typeof e.operand.value === 'number') return -e.operand.value;
      return NOT_LITERAL;
    case 'Template': {
      let s = '';
      for (const p of e.parts) {
        if (p.kind !== 'TemplateLiteral') return NOT_LITERAL;
        s += p.value;
      }
      // hcl2json prints strings back in HCL template form.
      return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
    }
    default:
      return NOT_LITERAL;
  }
}

function keyOf(item: { key: Expression; keyIsIdentifier: boolean }): string | null {
  if (item.keyIsIdentifier && item.key.kind === 'Variable') return item.key.name;
  const lit = literalOf(item.key);
  if (typeof lit === 'string' || typeof lit === 'number' || typeof lit === 'boolean') return String(lit);
  return null;
}

export function compareExpression(e: Expression, j: Json | undefined, path: string, problems: string[]): void {
  if (j === undefined) {
    problems.push(`${path}: missing in hcl2json output`);
    return;
  }
  const lit = literalOf(e);
  if (lit !== NOT_LITERAL) {
    if (JSON.stringify(lit) !== JSON.stringify(j)) problems.push(`${path}: we have ${JSON.stringify(lit)}, hcl2json ${JSON.stringify(j)}`);
    return;
  }
  if (e.kind === 'Tuple' && Array.isArray(j)) {
    if (j.length !== e.items.length) problems.push(`${path}: tuple length ${e.items.length} vs ${j.length}`);
    else e.items.forEach((it, i) => compareExpression(it, j[i], `${path}[${i}]`, problems));
    return;
  }
  if (e.kind === 'Object' && j !== null && typeof j === 'object' && !Array.isArray(j)) {
    const keys = e.items.map(keyOf);
    const unique = new Set(keys);
    if (!keys.includes(null) && Object.keys(j).length !== unique.size) problems.push(`${path}: object size ${unique.size} vs ${Object.keys(j).length}`);
    e.items.forEach((item, i) => {
      const k = keys[i]!;
      // A repeated key: the last one wins in hcl2json's output.
      if (k !== null && keys.lastIndexOf(k) === i) compareExpression(item.value, j[k], `${path}.${k}`, problems);
    });
    return;
  }
  if (e.kind === 'Tuple' || e.kind === 'Object') {
    if (typeof j !== 'string') problems.push(`${path}: collection vs ${JSON.stringify(j).slice(0, 80)}`);
    return;
  }
  // Non-literal: hcl2json shows source text (or a value it could fold); either way it is present.
  if (e.kind === 'Invalid') problems.push(`${path}: invalid expression where hcl2json parsed ${JSON.stringify(j).slice(0, 80)}`);
}

export function compareBody(items: BodyItem[], j: Json | undefined, path: string, problems: string[]): void {
  if (j === null || typeof j !== 'object' || Array.isArray(j)) {
    problems.push(`${path}: expected a body object in hcl2json output, got ${JSON.stringify(j)?.slice(0, 80)}`);
    return;
  }
  const attrNames = new Set<string>();
  // type → nested label maps → list of bodies, in source order
  const blocks = new Map<string, BodyItem[]>();
  for (const item of items) {
    if (item.kind === 'Attribute') {
      attrNames.add(item.name);
      compareExpression(item.expr, j[item.name], `${path}.${item.name}`, problems);
    } else {
      const list = blocks.get(item.type) ?? [];
      list.push(item);
      blocks.set(item.type, list);
    }
  }
  for (const [type, list] of blocks) {
    if (attrNames.has(type)) continue; // hcl2json cannot show both under one key
    compareBlocks(list, 0, j[type], `${path}.${type}`, problems);
  }
  for (const key of Object.keys(j)) {
    if (!attrNames.has(key) && !blocks.has(key)) problems.push(`${path}.${key}: present in hcl2json output only`);
  }
}

function compareBlocks(list: BodyItem[], labelIndex: number, j: Json | undefined, path: string, problems: string[]): void {
  if (j === undefined) {
    problems.push(`${path}: blocks missing in hcl2json output`);
    return;
  }
  const blocks = list.filter((b): b is Extract<BodyItem, { kind: 'Block' }> => b.kind === 'Block');
  const withMoreLabels = blocks.filter((b) => b.labels.length > labelIndex);
  const leaf = blocks.filter((b) => b.labels.length === labelIndex);
  if (withMoreLabels.length && leaf.length) return; // mixed label counts: hcl2json merges them unpredictably
  if (leaf.length) {
    if (!Array.isArray(j)) {
      problems.push(`${path}: expected ${leaf.length} block bodies, hcl2json has ${JSON.stringify(j).slice(0, 80)}`);
      return;
    }
    if (j.length !== leaf.length) {
      problems.push(`${path}: ${leaf.length} blocks vs ${j.length}`);
      return;
    }
    leaf.forEach((b, i) => compareBody(b.body, j[i], `${path}[${i}]`, problems));
    return;
  }
  if (j === null || typeof j !== 'object' || Array.isArray(j)) {
    problems.push(`${path}: expected labels, hcl2json has ${JSON.stringify(j).slice(0, 80)}`);
    return;
  }
  const byLabel = new Map<string, BodyItem[]>();
  for (const b of withMoreLabels) {
    const l = b.labels[labelIndex]!.value;
    const group = byLabel.get(l) ?? [];
    group.push(b);
    byLabel.set(l, group);
  }
  if (byLabel.size !== Object.keys(j).length) problems.push(`${path}: labels ${[...byLabel.keys()].join(',')} vs ${Object.keys(j).join(',')}`);
  for (const [label, group] of byLabel) compareBlocks(group, labelIndex + 1, j[label], `${path}["${label}"]`, problems);
}
