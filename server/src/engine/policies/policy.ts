import type { Range } from '../range.js';
import type { Severity } from '../severity.js';
import type { ModuleRole } from '../roles/module-role.js';
import type { UserPattern } from '../config/user-pattern.js';
import type { ArgumentPath } from './argument-path.js';

/**
 * An organisation's standard written as data (SPEC §11): which blocks it
 * selects (`resourceTypes`, `where`) and what each must meet (`require`).
 * Read from a `*.policy.json` file or the `policies` of `.iac-review.json`,
 * and run as a rule (policy-rule.ts).
 */
export interface Policy {
  id: string;
  title: string;
  severity: Severity;
  category: string;
  rationale: string;
  remediation: string;
  /** A few words for a checklist row (`aws_s3_bucket.logs — no access block`); default `policy not met`. */
  problem?: string;
  /**
   * A finding's message: `{address}` (the block), `{value}` (the value that
   * decided, as written in HCL) and `{why}` (what the condition found) are
   * filled in. Default: `{address}: {why}. <title>`.
   */
  message?: string;
  /** What a reviewer checks when it cannot be decided (same placeholders but `{value}`). Default: `Check that {address} meets <id>: <title>`. */
  undecidedText?: string;
  /** The module roles it applies in; absent: the defaults of its category (SPEC §2a). */
  roles?: ModuleRole[];
  /** Globs over block types: `aws_s3_*`; `module` selects module calls, `data.<type>` data sources. */
  resourceTypes: string[];
  where?: Condition;
  require: Condition;
  fix?: PolicyFix;
  equivalents?: { tflint?: string[]; trivy?: string[]; tfsec?: string[]; checkov?: string[] };
  examples?: { failing: string; passing: string };
  /** Where the policy is written: its file and the range of its object. */
  source: { file: string; range: Range };
}

/** Sets one argument of the selected block (`retention_in_days = 365`). */
export interface PolicyFix {
  argument: string;
  /** A JSON scalar, written as the HCL literal. */
  value: string | number | boolean;
}

export type Condition = TestCondition | AllCondition | AnyCondition | NotCondition | ReferencedByCondition;

/** One operator applied to what an argument path finds. */
export interface TestCondition {
  kind: 'test';
  path: ArgumentPath;
  operator: Operator;
}

export interface AllCondition {
  kind: 'all';
  conditions: Condition[];
}

export interface AnyCondition {
  kind: 'any';
  conditions: Condition[];
}

export interface NotCondition {
  kind: 'not';
  condition: Condition;
}

/**
 * Another block of `type` whose argument at `path` refers to the selected
 * block, and (when given) meets `require`: a bucket's public-access block.
 */
export interface ReferencedByCondition {
  kind: 'referencedBy';
  type: string;
  path: ArgumentPath;
  require?: Condition;
}

export type Operator =
  | { name: 'present' }
  | { name: 'absent' }
  | { name: 'equals'; value: JsonValue }
  | { name: 'oneOf'; values: readonly JsonValue[] }
  | { name: 'matches'; pattern: UserPattern }
  | { name: 'lessThan'; value: number }
  | { name: 'atLeast'; value: number }
  | { name: 'contains'; value: JsonValue }
  | { name: 'notContains'; value: JsonValue }
  | { name: 'versionAtLeast'; version: readonly number[]; text: string };

export type OperatorName = Operator['name'];

export const OPERATOR_NAMES: readonly OperatorName[] = [
  'present',
  'absent',
  'equals',
  'oneOf',
  'matches',
  'lessThan',
  'atLeast',
  'contains',
  'notContains',
  'versionAtLeast',
];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
