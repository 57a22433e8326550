import type { PolicyKind } from './policy-statement.js';

/** An argument of a resource type that takes a JSON policy document. */
export interface PolicyAttributeSpec {
  resourceType: string;
  /** The argument holding the policy JSON. */
  attribute: string;
  /** When the argument sits in a nested block (`inline_policy { policy = … }`), that block's type. */
  block?: string;
  kind: PolicyKind;
}

const identity = (resourceType: string, attribute = 'policy', block?: string): PolicyAttributeSpec =>
  block ? { resourceType, attribute, block, kind: 'identity' } : { resourceType, attribute, kind: 'identity' };
const resource = (resourceType: string, attribute = 'policy', block?: string): PolicyAttributeSpec =>
  block ? { resourceType, attribute, block, kind: 'resource' } : { resourceType, attribute, kind: 'resource' };

/**
 * Every place a policy document is accepted (SPEC §3, Least-privilege IAM).
 * `data "aws_iam_policy_document"` is read from its `statement` blocks and is
 * not listed here.
 */
export const POLICY_ATTRIBUTES: readonly PolicyAttributeSpec[] = [
  // Identity policies: what the holder may do.
  identity('aws_iam_policy'),
  identity('aws_iam_role_policy'),
  identity('aws_iam_user_policy'),
  identity('aws_iam_group_policy'),
  identity('aws_iam_role', 'policy', 'inline_policy'),
  identity('aws_ssoadmin_permission_set_inline_policy', 'inline_policy'),
  // Trust policies: who may assume the role.
  { resourceType: 'aws_iam_role', attribute: 'assume_role_policy', kind: 'trust' },
  // Resource policies: who may use this one resource.
  resource('aws_s3_bucket_policy'),
  resource('aws_s3_bucket'),
  resource('aws_s3_access_point'),
  resource('aws_s3control_bucket_policy'),
  resource('aws_s3control_access_point_policy'),
  resource('aws_s3control_object_lambda_access_point_policy'),
  resource('aws_s3control_multi_region_access_point_policy', 'policy', 'details'),
  resource('aws_s3control_access_grants_instance_resource_policy'),
  resource('aws_kms_key'),
  resource('aws_kms_key_policy'),
  resource('aws_kms_replica_key'),
  resource('aws_kms_replica_external_key'),
  resource('aws_kms_external_key'),
  resource('aws_sqs_queue_policy'),
  resource('aws_sqs_queue'),
  resource('aws_sns_topic_policy'),
  resource('aws_sns_topic'),
  resource('aws_ecr_repository_policy'),
  resource('aws_ecr_registry_policy'),
  resource('aws_ecrpublic_repository_policy'),
  resource('aws_secretsmanager_secret_policy'),
  resource('aws_secretsmanager_secret'),
  resource('aws_glacier_vault', 'access_policy'),
  resource('aws_elasticsearch_domain', 'access_policies'),
  resource('aws_elasticsearch_domain_policy', 'access_policies'),
  resource('aws_opensearch_domain', 'access_policies'),
  resource('aws_opensearch_domain_policy', 'access_policies'),
  resource('aws_cloudwatch_log_resource_policy', 'policy_document'),
  resource('aws_cloudwatch_log_destination_policy', 'access_policy'),
  resource('aws_cloudwatch_event_bus_policy'),
  resource('aws_efs_file_system_policy'),
  resource('aws_backup_vault_policy'),
  resource('aws_glue_resource_policy'),
  resource('aws_api_gateway_rest_api'),
  resource('aws_api_gateway_rest_api_policy'),
  resource('aws_vpc_endpoint'),
  resource('aws_codeartifact_domain_permissions_policy', 'policy_document'),
  resource('aws_codeartifact_repository_permissions_policy', 'policy_document'),
  resource('aws_dynamodb_resource_policy'),
  resource('aws_kinesis_resource_policy'),
  resource('aws_media_store_container_policy'),
  resource('aws_schemas_registry_policy'),
  resource('aws_networkfirewall_resource_policy'),
];

const byType = new Map<string, PolicyAttributeSpec[]>();
for (const spec of POLICY_ATTRIBUTES) {
  const list = byType.get(spec.resourceType) ?? [];
  list.push(spec);
  byType.set(spec.resourceType, list);
}

/** The policy-taking arguments of a resource type (empty for most types). */
export function policyAttributesOf(resourceType: string): readonly PolicyAttributeSpec[] {
  return byType.get(resourceType) ?? [];
}
