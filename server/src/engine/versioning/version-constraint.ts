/**
 * Terraform version constraints (`version = "~> 5.0"`, `required_version`,
 * `required_providers { x = { version = … } }`): parsing, and the two
 * questions the versioning rules ask of them — does the constraint set an
 * upper bound, and does it select exactly one version.
 *
 * Terraform reads the same syntax with two different libraries, and they
 * disagree on one case that matters here:
 * - module `version` and `required_version` go through hashicorp/go-version,
 *   where `~> 1` (a single segment) only means `>= 1` — no upper bound;
 * - provider `version` goes through apparentlymart/go-versions, where
 *   `~> 1` means `>= 1.0.0, < 2.0.0`.
 * Hence the `dialect` parameter.
 */

export type ConstraintOperator = '=' | '!=' | '>' | '>=' | '<' | '<=' | '~>';

export interface ConstraintVersion {
  /** Numeric segments as written (`1.2` → [1, 2]). */
  segments: number[];
  prerelease?: string;
  metadata?: string;
  /** The version text as written, without a leading `v`. */
  text: string;
}

export interface ConstraintClause {
  /** `=` also stands for the bare form (`"1.2.3"`); see `explicitOperator`. */
  op: ConstraintOperator;
  /** False when the clause had no operator (`"1.2.3"`). */
  explicitOperator: boolean;
  version: ConstraintVersion;
  /** The clause as written, trimmed. */
  text: string;
}

export type ConstraintDialect = 'module' | 'provider';

export type ParsedConstraint = { ok: true; clauses: ConstraintClause[] } | { ok: false; error: string };

const CLAUSE = /^(~>|>=|<=|!=|=|>|<)?\s*v?(\d+(?:\.\d+)*)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$/;

/** Parses a comma-separated constraint list. An empty string is an error: Terraform rejects it too. */
export function parseVersionConstraint(text: string): ParsedConstraint {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, error: 'empty version constraint' };
  const clauses: ConstraintClause[] = [];
  for (const raw of trimmed.split(',')) {
    const part = raw.trim();
    const m = CLAUSE.exec(part);
    if (!m) return { ok: false, error: `"${part}" is not a version constraint` };
    const segments = m[2]!.split('.').map((s) => Number(s));
    const version: ConstraintVersion = { segments, text: part.replace(/^(~>|>=|<=|!=|=|>|<)?\s*v?/, '') };
    if (m[3] !== undefined) version.prerelease = m[3];
    if (m[4] !== undefined) version.metadata = m[4];
    clauses.push({
      op: (m[1] as ConstraintOperator | undefined) ?? '=',
      explicitOperator: m[1] !== undefined,
      version,
      text: part,
    });
  }
  return { ok: true, clauses };
}

/** True when the clause alone excludes every version above some bound. */
export function clauseHasUpperBound(clause: ConstraintClause, dialect: ConstraintDialect): boolean {
  switch (clause.op) {
    case '=':
    case '<':
    case '<=':
      return true;
    case '~>':
      // go-version (modules, required_version): `~> 1` keeps no segment fixed.
      return dialect === 'provider' || clause.version.segments.length >= 2;
    default:
      return false;
  }
}

/** True when the constraint list (an intersection) sets an upper bound. */
export function hasUpperBound(clauses: readonly ConstraintClause[], dialect: ConstraintDialect): boolean {
  return clauses.some((c) => clauseHasUpperBound(c, dialect));
}

/**
 * True when the constraint is one exact version: a single equality clause
 * (`= 1.2.3`, `1.2.3`, `v1.2.3`, a pre-release `1.2.3-beta`). A list is not,
 * even when it contains one (`1.0.0, 1.0.1` selects nothing and fails
 * `terraform init`; `>= 1.0, = 1.2.3` says the same as its `=` clause, which
 * alone is the pin). `1.2` counts: Terraform (go-version) pads it to 1.2.0,
 * and `=` matches that version only.
 */
export function isExactConstraint(clauses: readonly ConstraintClause[]): boolean {
  return clauses.length === 1 && clauses[0]!.op === '=';
}

/**
 * A bounded constraint with the same lower bound, to suggest in a message:
 * `>= 5.1` → `~> 5.1`; `>= 5.1.2` → `>= 5.1.2, < 6.0.0`; `>= 1` → `~> 1.0`; `> 1.2` → `> 1.2, < 2.0.0`.
 * Undefined when the constraint has no lower bound to start from.
 */
export function suggestBoundedConstraint(clauses: readonly ConstraintClause[]): string | undefined {
  const lower = clauses.filter((c) => c.op === '>=' || c.op === '>' || c.op === '~>');
  if (lower.length === 0) return undefined;
  // The highest lower bound is the one in force.
  const best = lower.reduce((a, b) => (compareSegments(a.version.segments, b.version.segments) >= 0 ? a : b));
  const [major = 0, minor = 0] = best.version.segments;
  if (best.op === '>') return `> ${best.version.text}, < ${major + 1}.0.0`;
  if (best.version.segments.length >= 3) {
    return `>= ${best.version.text}, < ${major + 1}.0.0`;
  }
  return `~> ${major}.${minor}`;
}

/** The version an exact pin would most likely use: the lower bound of `~>`/`>=` when it names a full x.y.z. */
export function suggestExactVersion(clauses: readonly ConstraintClause[]): string | undefined {
  for (const c of clauses) {
    if ((c.op === '~>' || c.op === '>=') && c.version.segments.length >= 3 && c.version.prerelease === undefined) {
      return c.version.text;
    }
  }
  return undefined;
}

function compareSegments(a: readonly number[], b: readonly number[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
