import { basename, relative } from 'node:path';
import type { Finding } from '../finding.js';
import type { Attribute, SourceFile } from '../parse/ast.js';
import type { Range } from '../range.js';
import { findAttribute, headerRange, type Rule } from '../rules/rule.js';
import { expressionsAt, inputReferences } from './input-references.js';
import { placeKey, type InstanceRuns } from './instance-runs.js';
import { isDownloadedDir } from './call-target.js';
import { ownString } from '../own-string.js';
import type { ModuleInstance } from './module-instance.js';

/**
 * The findings that hold only because of `top`'s values (SPEC §2a): every
 * instance its calls create (nested), rule by rule, minus what the same
 * callee instance says without `top` — the callee on its own for a direct
 * call, else the instance reached the same way from the next caller down.
 * Each is placed on `top`'s argument that supplies the deciding value (the
 * module block's header when a callee default decides), its message starts
 * with the call path, its address is the full one and `related` points at
 * the callee's block.
 */
export function callerFindings(top: ModuleInstance, rules: readonly Rule<any>[], runs: InstanceRuns): Finding[] {
  const out = new Map<string, Finding>();
  const visit = (instance: ModuleInstance): void => {
    // Reads like the module on its own, and so does all it calls: nothing here holds only because of `top`.
    if (instance.decidesNothing) return;
    for (const rule of rules) {
      if (!runs.dependsOnCaller(instance, rule)) continue;
      const mine = runs.run(instance, rule).findings;
      if (mine.length === 0) continue;
      // A module built from the plan says nothing without it: everything it says holds because of the plan.
      const without = new Set(instance.module.planned ? [] : runs.run(withoutOutermost(instance), rule).findings.map(placeKey));
      // What the code alone says is placed as the code alone places it: the plan adds findings, it does not move them.
      const twin = instance.evaluator.planned ? instance.graph.codeOnlyTwin(instance) : undefined;
      const codeOnly = new Set(twin ? runs.run(twin, rule).findings.map(placeKey) : []);
      for (const finding of mine) {
        if (without.has(placeKey(finding))) continue;
        const placed = placeInCaller(instance, finding, !codeOnly.has(placeKey(finding)));
        // One finding per place and rule: the instances of a counted call say the same thing there.
        const key = placeKey(placed);
        if (!out.has(key)) out.set(key, placed);
      }
    }
    for (const child of instance.allChildren()) visit(child);
  };
  for (const child of top.allChildren()) visit(child);
  return [...out.values()];
}

/**
 * The instance of the same callee reached the same way, but from the second
 * module of the chain evaluated on its own: what the callee is without the
 * outermost caller's values.
 */
export function withoutOutermost(instance: ModuleInstance): ModuleInstance {
  const chain = instance.chain;
  let current = instance.graph.standalone(chain[1]!.module);
  for (const next of chain.slice(2)) {
    const step = next.step!;
    const candidates = current.childrenOf(step.call);
    // Keys can differ (a count known here may be unknown there): same key, else the first instance.
    const match = candidates.find((c) => c.step?.key === step.key) ?? candidates[0];
    if (!match) return current; // not followed there: compare with the nearest instance we have
    current = match;
  }
  return current;
}

/** A callee's finding as its outermost caller's: placed, prefixed with the call path, with the full address. */
function placeInCaller(instance: ModuleInstance, finding: Finding, planDecided: boolean): Finding {
  const chain = instance.chain;
  const outerCall = chain[1]!.step!.call;
  const place = decidingPlace(instance, finding) ?? (planDecided ? plannedPlace(instance, finding) : undefined) ?? { file: outerCall.file, range: headerRange(outerCall.block) };
  const steps = chain.slice(1).map((i) => `module.${i.step!.call.name}${i.step!.key ?? ''}`);
  const where = finding.address ?? `${basename(finding.file)}:${finding.range.start.line}`;
  const calleeDir = relative(chain[0]!.module.dir, instance.module.dir) || '.';
  const placed: Finding = {
    ruleId: finding.ruleId,
    severity: finding.severity,
    category: finding.category,
    // A copy (ownString): the call names are slices of the callers' texts, which the finding would keep alive.
    message: ownString(`${[...steps, where].join(' → ')}: ${finding.message}`),
    file: place.file.path,
    range: place.range,
    related: [
      {
        file: finding.file,
        range: finding.range,
        message: instance.module.planned
          ? `${finding.address ?? 'here'} as the plan has it (the module's code is not read here)`
          : `${finding.address ?? 'here'} in the called module (${calleeDir})`,
      },
      ...(finding.related ?? []),
    ],
  };
  if (finding.address !== undefined) placed.address = ownString(`${instance.addressPrefix}.${finding.address}`);
  return placed;
}

/**
 * A finding the plan's values decide in a module of the workspace's own (not
 * one `terraform init` downloaded) stays on the block the plan names (SPEC
 * §10): the callee's code is the code under review. Downloaded code is
 * placed on the root's module block.
 */
function plannedPlace(instance: ModuleInstance, finding: Finding): { file: SourceFile; range: Range } | undefined {
  if (!instance.evaluator.planned) return undefined;
  if (instance.chain.some((i) => isDownloadedDir(i.module.dir))) return undefined;
  const file = instance.module.files.find((f) => f.path === finding.file);
  return file && { file, range: finding.range };
}

/**
 * Where in the outermost caller the deciding value is written: follow the
 * variables the finding's expressions read up the chain of calls, argument
 * by argument, to an argument the outermost caller writes (the first that
 * gets there, in the order the expressions read them). Undefined when none
 * does — a callee default decides: the caller's module block header is the
 * place then.
 */
function decidingPlace(instance: ModuleInstance, finding: Finding): { file: SourceFile; range: Range } | undefined {
  const chain = instance.chain;
  const file = instance.module.files.find((f) => f.path === finding.file);
  if (!file) return undefined;
  const search = (k: number, names: readonly string[]): Attribute | undefined => {
    const call = chain[k]!.step!.call;
    for (const name of names) {
      const argument = findAttribute(call.block, name);
      if (!argument) continue;
      if (k === 1) return argument;
      const found = search(k - 1, inputReferences(chain[k - 1]!.module, [argument.expr]));
      if (found) return found;
    }
    return undefined;
  };
  const argument = search(chain.length - 1, inputReferences(instance.module, expressionsAt(file, finding.range)));
  return argument ? { file: chain[1]!.step!.call.file, range: argument.range } : undefined;
}
