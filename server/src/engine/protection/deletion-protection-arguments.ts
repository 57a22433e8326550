/**
 * The argument that turns on a resource type's own deletion protection, and
 * what the provider does when it is not written. A type whose default is
 * protected is only reported when the code turns protection off.
 *
 * Defaults are the providers' documented ones (hashicorp/aws, hashicorp/google ≥ 5):
 * the Google provider protects SQL instances, GKE clusters, Bigtable
 * instances, BigQuery tables and Spanner databases unless told otherwise.
 */
export interface DeletionProtectionArgument {
  argument: string;
  /** Value text that protects, as written in HCL. */
  protectedText: string;
  /** Values that do not protect; anything else known protects. */
  unprotected: ReadonlyArray<boolean | string>;
  /** True when leaving the argument out leaves the resource protected. */
  protectedByDefault: boolean;
}

const boolArgument = (argument: string, protectedByDefault: boolean): DeletionProtectionArgument => ({
  argument,
  protectedText: 'true',
  unprotected: [false],
  protectedByDefault,
});

export const DELETION_PROTECTION_ARGUMENTS: ReadonlyMap<string, DeletionProtectionArgument> = new Map([
  ['aws_db_instance', boolArgument('deletion_protection', false)],
  ['aws_rds_cluster', boolArgument('deletion_protection', false)],
  ['aws_rds_global_cluster', boolArgument('deletion_protection', false)],
  ['aws_docdb_cluster', boolArgument('deletion_protection', false)],
  ['aws_neptune_cluster', boolArgument('deletion_protection', false)],
  ['aws_dynamodb_table', boolArgument('deletion_protection_enabled', false)],
  ['aws_lb', boolArgument('enable_deletion_protection', false)],
  ['aws_alb', boolArgument('enable_deletion_protection', false)],
  ['aws_qldb_ledger', boolArgument('deletion_protection', true)],
  [
    'aws_cognito_user_pool',
    { argument: 'deletion_protection', protectedText: '"ACTIVE"', unprotected: ['INACTIVE'], protectedByDefault: false },
  ],
  ['google_sql_database_instance', boolArgument('deletion_protection', true)],
  ['google_container_cluster', boolArgument('deletion_protection', true)],
  ['google_bigtable_instance', boolArgument('deletion_protection', true)],
  ['google_bigquery_table', boolArgument('deletion_protection', true)],
  ['google_spanner_database', boolArgument('deletion_protection', true)],
]);
