import type { ModuleCallRef, ProviderKey } from '../model/module.js';
import { providerReference } from '../model/build-module.js';
import { findAttribute } from '../rules/rule.js';

/**
 * The caller's provider configuration a module call hands to the callee for
 * `key` (the callee's own name for it): the `providers = { … }` entry when
 * the call has that argument — which then passes only what it lists — else,
 * for a default (un-aliased) configuration, the caller's configuration of
 * the same name, which Terraform passes implicitly. Undefined when nothing
 * is passed for `key`.
 */
export function passedProvider(call: ModuleCallRef, key: ProviderKey): ProviderKey | undefined {
  const providers = findAttribute(call.block, 'providers');
  if (!providers) return key.alias === undefined ? { name: key.name } : undefined;
  if (providers.expr.kind !== 'Object') return undefined;
  for (const item of providers.expr.items) {
    const inCallee = providerReference(item.key);
    if (!inCallee || inCallee.name !== key.name || inCallee.alias !== key.alias) continue;
    return providerReference(item.value);
  }
  return undefined;
}
