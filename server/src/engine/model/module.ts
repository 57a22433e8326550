import type { Attribute, Block, SourceFile } from '../parse/ast.js';

/** A block together with the file it was written in. */
export interface BlockRef {
  block: Block;
  file: SourceFile;
}

/** `resource` and `data` blocks. */
export interface ResourceRef extends BlockRef {
  mode: 'managed' | 'data';
  type: string;
  name: string;
  /** `aws_s3_bucket.logs` or `data.aws_iam_policy_document.x`. */
  address: string;
  /** The provider configuration it uses: local name plus alias (from `provider = aws.west`, else the type prefix). */
  provider: ProviderKey;
}

export interface ProviderKey {
  name: string;
  alias?: string;
}

export interface ModuleCallRef extends BlockRef {
  name: string;
  /** `module.vpc` */
  address: string;
}

export interface NamedBlockRef extends BlockRef {
  name: string;
}

export interface LocalRef {
  name: string;
  attribute: Attribute;
  file: SourceFile;
}

export interface ProviderConfigRef extends BlockRef {
  name: string;
  alias?: string;
}

/**
 * One Terraform module: every analysed file of one directory. Rules see the
 * whole module, never one file.
 */
export interface Module {
  /** Absolute path of the directory. */
  dir: string;
  /** Configuration files (.tf, .tofu, .tf.json, .tofu.json) after the `.tofu` twin rule. */
  files: SourceFile[];
  /** terraform.tfvars(.json) then *.auto.tfvars(.json) in lexical order: Terraform's load order. */
  varFiles: SourceFile[];
  /** Root module: has a backend/cloud block or a configured provider block (SPEC §3). */
  isRoot: boolean;
  resources: ResourceRef[];
  dataSources: ResourceRef[];
  /**
   * Data sources scoped to a `check` block. Kept apart from `dataSources` and
   * `byAddress`: nothing outside their check block can refer to them, and
   * they feed only assertions, so only rules about how they are written
   * (names, providers) look at them.
   */
  scopedDataSources: ResourceRef[];
  moduleCalls: ModuleCallRef[];
  variables: Map<string, NamedBlockRef>;
  outputs: NamedBlockRef[];
  locals: Map<string, LocalRef>;
  providers: ProviderConfigRef[];
  /** Every `terraform` block (settings: required_version, required_providers, backend, cloud). */
  terraformBlocks: BlockRef[];
  movedBlocks: BlockRef[];
  /** Resources, data sources and module calls by address. */
  byAddress: Map<string, ResourceRef | ModuleCallRef>;
  /**
   * Built from a plan's values, standing in for a module whose code is not
   * read (SPEC §10): everything in it comes from the plan, none of it from code.
   */
  planned?: true;
}
