/**
 * A Terraform / OpenTofu plan as the review reads it (SPEC §10): the JSON of
 * `terraform show -json PLANFILE`, reduced to what the review uses. Values are
 * plain JSON; a value the plan marks sensitive is replaced by `SENSITIVE`
 * when the plan is read, so no output can print it; a value the plan marks
 * unknown (`after_unknown`) is replaced by `UNKNOWN_AFTER_APPLY`.
 */

/** Stands in for a value the plan marks sensitive (`after_sensitive` / `before_sensitive`): never read, never printed. */
export const SENSITIVE: unique symbol = Symbol('sensitive in the plan');
/** Stands in for a value known only after apply (`after_unknown`). */
export const UNKNOWN_AFTER_APPLY: unique symbol = Symbol('known after apply');

export type PlanValue =
  | null
  | string
  | number
  | boolean
  | PlanValue[]
  | { [key: string]: PlanValue }
  | typeof SENSITIVE
  | typeof UNKNOWN_AFTER_APPLY;

/** `forget`: a `removed` block with `destroy = false` (Terraform 1.7+): the object leaves the state and stays in the cloud. */
export type PlanAction = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

/** One resource instance the plan mentions (`resource_changes[]` or `resource_drift[]`). */
export interface PlannedResource {
  /** `module.a["x"].aws_s3_bucket.b[0]` */
  address: string;
  /** `module.a["x"]`; '' for the root module. */
  moduleAddress: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** The instance key: a number for `count`, a string for `for_each`; absent for a single instance. */
  index?: string | number;
  /** Present for a deposed object (an old copy left by create_before_destroy). */
  deposed?: string;
  /** `["create"]`, `["delete","create"]`, `["create","delete"]`, `["update"]`, `["no-op"]`, `["read"]`, `["delete"]`. */
  actions: PlanAction[];
  /** Null when the object does not exist before (create). */
  before: PlanValue;
  /** Null when the object will not exist after (delete). Unknown parts are UNKNOWN_AFTER_APPLY, sensitive parts SENSITIVE. */
  after: PlanValue;
  /** Paths (attribute names and indexes) whose change forces the replacement. */
  replacePaths: Array<Array<string | number>>;
  /** `replace_because_cannot_update`, `delete_because_no_resource_config`, … */
  actionReason?: string;
  /** The address before a `moved` block (or a refactor) renamed it. */
  previousAddress?: string;
  /** `registry.terraform.io/hashicorp/aws` */
  providerName?: string;
}

/** A module call as the plan's `configuration` records it. */
export interface PlannedModuleCall {
  /** `module.a.module.b` (configuration path, no instance keys). */
  path: string;
  name: string;
  source?: string;
  versionConstraint?: string;
}

export interface Plan {
  /** The file it was read from, as given. */
  file: string;
  formatVersion: string;
  terraformVersion?: string;
  /** What will change (and what will not: `no-op`), one entry per resource instance. */
  resourceChanges: PlannedResource[];
  /**
   * Data sources read while planning (Terraform 0.13+ reads a data source whose
   * arguments are known during `plan`; it is in `prior_state` only, not in
   * `resource_changes`): known values, `actions` `["no-op"]`, `before` is
   * `after`. A data source read at apply time is in `resourceChanges` (`read`).
   */
  dataSources: PlannedResource[];
  /** Changes made outside Terraform since the last apply (`resource_drift`); empty before Terraform 1.2 / format 0.x. */
  drift: PlannedResource[];
  /** The root module's resource addresses (`aws_s3_bucket.b`, `data.x.y`) as `configuration.root_module` lists them. */
  rootResources: string[];
  /** Every module call of the configuration, outermost first. */
  moduleCalls: PlannedModuleCall[];
  /** Notes for the output: parts of the plan that were read partly or skipped, and why. */
  notes: string[];
}

/** A plan file that cannot be used: exit 2 on the CLI, a clear message in the editor. */
export class PlanError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}
