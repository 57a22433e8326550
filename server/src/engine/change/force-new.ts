import type { Fix } from '../finding.js';
import type { Module } from '../model/module.js';
import { movedFrom } from './refactor-blocks.js';
import { rangeContains } from '../range.js';

/**
 * Arguments whose change makes the AWS/Google providers replace a stateful
 * resource (ForceNew in the provider schema), with the provider default where
 * leaving the argument out means a known value.
 */
export const FORCE_NEW: Readonly<Record<string, Readonly<Record<string, string | boolean | null>>>> = {
  aws_db_instance: { identifier: null, engine: null, availability_zone: null, storage_encrypted: false, kms_key_id: null, username: null, db_name: null, character_set_name: null, snapshot_identifier: null },
  aws_rds_cluster: { cluster_identifier: null, engine: null, storage_encrypted: false, kms_key_id: null, master_username: null, database_name: null, snapshot_identifier: null },
  aws_docdb_cluster: { cluster_identifier: null, storage_encrypted: false, kms_key_id: null, master_username: null },
  aws_neptune_cluster: { cluster_identifier: null, storage_encrypted: false, kms_key_arn: null },
  aws_dynamodb_table: { name: null, hash_key: null, range_key: null },
  aws_elasticache_replication_group: { replication_group_id: null, at_rest_encryption_enabled: false },
  aws_efs_file_system: { creation_token: null, encrypted: false, kms_key_id: null, performance_mode: null },
  aws_ebs_volume: { availability_zone: null, encrypted: false, kms_key_id: null, snapshot_id: null },
  aws_s3_bucket: { bucket: null, bucket_prefix: null },
  aws_sqs_queue: { name: null, fifo_queue: false },
  aws_kinesis_stream: { name: null },
  google_sql_database_instance: { name: null, region: null },
  google_storage_bucket: { name: null, location: null },
};

/**
 * The existing resource a fix would make Terraform replace (SPEC §7: such a
 * fix says so and is never the preferred one): its address, when the fix
 * sets or changes an argument of FORCE_NEW on a resource that exists at the
 * base of the change (under its address, or the one a `moved` block names).
 */
export function replacedByFix(fix: Fix, address: string | undefined, head: Module, base: Module | undefined): string | undefined {
  if (!base || !address) return undefined;
  const resource = head.byAddress.get(address);
  if (!resource || !('type' in resource) || resource.mode !== 'managed') return undefined;
  const forceNew = FORCE_NEW[resource.type];
  if (!forceNew) return undefined;
  const before = base.byAddress.get(address) ?? base.byAddress.get(movedFrom(head).get(address) ?? '');
  if (!before) return undefined;
  for (const edit of fix.edits) {
    if (edit.file !== resource.file.path) continue;
    // An argument the edit writes, or the argument whose value it replaces.
    const written = /^\s*([A-Za-z_][\w-]*)\s*=/m.exec(edit.newText)?.[1];
    const replaced = resource.block.body.find(
      (item) => item.kind === 'Attribute' && rangeContains(item.range, edit.range),
    );
    const name = written ?? (replaced?.kind === 'Attribute' ? replaced.name : undefined);
    if (name !== undefined && name in forceNew) return address;
  }
  return undefined;
}
