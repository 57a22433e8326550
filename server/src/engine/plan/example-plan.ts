/**
 * The plan JSON of a rule's documented examples (`examples.plan`): Terraform's
 * `show -json` shape with only what the example needs, written once here so
 * that rule files hold the changes, not the format.
 */
export interface ExampleChange {
  /** `aws_db_instance.orders` (root module resources only). */
  address: string;
  actions: string[];
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  replacePaths?: string[][];
  actionReason?: string;
}

export function examplePlan(changes: readonly ExampleChange[], rootResources: readonly string[]): string {
  const entry = (c: ExampleChange) => {
    const [type, name] = c.address.split('.') as [string, string];
    return {
      address: c.address,
      mode: 'managed',
      type,
      name,
      provider_name: 'registry.terraform.io/hashicorp/aws',
      change: {
        actions: c.actions,
        before: c.before,
        after: c.after,
        after_unknown: {},
        before_sensitive: c.before ? {} : false,
        after_sensitive: c.after ? {} : false,
        ...(c.replacePaths ? { replace_paths: c.replacePaths } : {}),
      },
      ...(c.actionReason ? { action_reason: c.actionReason } : {}),
    };
  };
  const resources = rootResources.map((address) => {
    const [type, name] = address.split('.') as [string, string];
    return { address, mode: 'managed', type, name };
  });
  return JSON.stringify({ format_version: '1.2', terraform_version: '1.9.8', resource_changes: changes.map(entry), configuration: { root_module: { resources } } }, null, 2);
}
