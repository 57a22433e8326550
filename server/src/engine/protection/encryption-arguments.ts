/**
 * Where a storage resource turns encryption at rest on, and what the provider
 * (hashicorp/aws) and AWS do when the argument is left out. Only storage that
 * is unencrypted by default is reported when the argument is absent: AWS
 * encrypts S3 objects (since January 2023), DynamoDB tables, SQS queues
 * (SSE-SQS, since 2022) and new Redshift clusters (since January 2025; the
 * provider's default is `true` since 6.0) on its own, so for those only an
 * explicit opt-out is reported — and S3 bucket encryption configuration is not
 * checked at all.
 */
export interface EncryptionArgument {
  argument: string;
  /**
   * Encrypted when the argument is absent: `true`, `false`, or decided by
   * another argument (`engine = "valkey"`, `engine_mode = "serverless"`).
   */
  encryptedByDefault: boolean | { argument: string; encryptedWhen: readonly string[]; absentMeans: string };
  /**
   * Arguments (or nested blocks) that make the storage a copy of another —
   * a snapshot, a replication source, a global cluster — whose encryption it
   * inherits: with one of them set, an absent argument is not decidable here.
   */
  inheritsFrom: readonly string[];
  /** EBS storage: AWS's per-region "encryption by default" (aws_ebs_encryption_by_default) applies. */
  ebs?: boolean;
}

const STORAGE_ENCRYPTED = 'storage_encrypted';

export const ENCRYPTION_ARGUMENTS: ReadonlyMap<string, EncryptionArgument> = new Map<string, EncryptionArgument>([
  [
    'aws_db_instance',
    {
      argument: STORAGE_ENCRYPTED,
      encryptedByDefault: false,
      inheritsFrom: ['replicate_source_db', 'snapshot_identifier', 'restore_to_point_in_time'],
    },
  ],
  [
    'aws_rds_cluster',
    {
      argument: STORAGE_ENCRYPTED,
      // Aurora Serverless v1 clusters are always encrypted.
      encryptedByDefault: { argument: 'engine_mode', encryptedWhen: ['serverless'], absentMeans: 'provisioned' },
      inheritsFrom: ['snapshot_identifier', 'replication_source_identifier', 'global_cluster_identifier', 'restore_to_point_in_time'],
    },
  ],
  [
    'aws_docdb_cluster',
    {
      argument: STORAGE_ENCRYPTED,
      encryptedByDefault: false,
      inheritsFrom: ['snapshot_identifier', 'global_cluster_identifier', 'restore_to_point_in_time'],
    },
  ],
  [
    'aws_neptune_cluster',
    {
      argument: STORAGE_ENCRYPTED,
      encryptedByDefault: false,
      inheritsFrom: ['snapshot_identifier', 'replication_source_identifier', 'global_cluster_identifier'],
    },
  ],
  ['aws_ebs_volume', { argument: 'encrypted', encryptedByDefault: false, inheritsFrom: ['snapshot_id'], ebs: true }],
  ['aws_efs_file_system', { argument: 'encrypted', encryptedByDefault: false, inheritsFrom: [] }],
  [
    'aws_elasticache_replication_group',
    {
      argument: 'at_rest_encryption_enabled',
      // The provider defaults to false for Redis OSS and to true for Valkey.
      encryptedByDefault: { argument: 'engine', encryptedWhen: ['valkey'], absentMeans: 'redis' },
      inheritsFrom: ['global_replication_group_id'],
    },
  ],
  ['aws_redshift_cluster', { argument: 'encrypted', encryptedByDefault: true, inheritsFrom: [] }],
]);

/**
 * Block devices of instances and launch configurations/templates: the path
 * of nested blocks to the one holding `encrypted`, and whether the device is
 * a root volume (created from the AMI's snapshots, so an absent `encrypted`
 * follows the AMI and is not decidable here).
 */
export interface BlockDevicePath {
  blocks: readonly string[];
  root: 'yes' | 'no' | 'unknown';
}

export const BLOCK_DEVICES: ReadonlyMap<string, readonly BlockDevicePath[]> = new Map([
  [
    'aws_instance',
    [
      { blocks: ['root_block_device'], root: 'yes' },
      { blocks: ['ebs_block_device'], root: 'no' },
    ],
  ],
  [
    'aws_launch_configuration',
    [
      { blocks: ['root_block_device'], root: 'yes' },
      { blocks: ['ebs_block_device'], root: 'no' },
    ],
  ],
  // A mapping may override the AMI's root device or add a volume: which one depends on the AMI.
  ['aws_launch_template', [{ blocks: ['block_device_mappings', 'ebs'], root: 'unknown' }]],
]);
