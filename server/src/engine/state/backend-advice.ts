import type { Expression, SourceFile } from '../parse/ast.js';
import type { Value } from '../evaluate/value.js';
import type { Module } from '../model/module.js';
import { providerTypeOf } from '../model/provider-type.js';
import { providerUses } from '../versioning/provider-requirements.js';

/**
 * Which backend to suggest to a root module without a remote one
 * (`state/remote-backend`): the one of the cloud the module builds in, where
 * its team already has an account, a storage service and credentials. A
 * module that uses no cloud provider, or several, gets the generic advice.
 */
const CLOUD_OF_PROVIDER_TYPE: ReadonlyMap<string, Cloud> = new Map([
  ['aws', 'aws'],
  ['awscc', 'aws'],
  ['azurerm', 'azure'],
  ['azuread', 'azure'],
  ['azapi', 'azure'],
  ['google', 'google'],
  ['google-beta', 'google'],
]);

type Cloud = 'aws' | 'azure' | 'google';

/** What to write, as a phrase that follows "add" / "use": the backend with the settings it needs. */
const ADVICE: Record<Cloud | 'generic', string> = {
  aws: 'a remote backend such as `backend "s3"` with `encrypt = true` and `use_lockfile = true`',
  azure: 'a remote backend such as `backend "azurerm"` (a storage account container: encrypted, locked with blob leases)',
  google: 'a remote backend such as `backend "gcs"` (a Cloud Storage bucket: encrypted, locked on its own)',
  generic: 'a remote backend (`s3`, `gcs`, `azurerm`, … — the one of the cloud the state belongs to)',
};

export function backendAdvice(module: Module, evaluate: (expr: Expression, file: SourceFile) => Value): string {
  const clouds = new Set<Cloud>();
  for (const use of providerUses(module)) {
    const cloud = CLOUD_OF_PROVIDER_TYPE.get(providerTypeOf(module, use.name, evaluate));
    if (cloud) clouds.add(cloud);
  }
  return clouds.size === 1 ? ADVICE[[...clouds][0]!] : ADVICE.generic;
}
