import { describe, expect, it } from 'vitest';
import { isBuiltinProviderSource } from '../../server/src/engine/versioning/provider-requirements.js';

describe('isBuiltinProviderSource', () => {
  it('is the terraform.io/builtin namespace, any provider type, any case', () => {
    for (const s of ['terraform.io/builtin/terraform', 'Terraform.IO/builtin/terraform', ' terraform.io/builtin/other ']) {
      expect(isBuiltinProviderSource(s), s).toBe(true);
    }
  });
  it('is not a registry address that merely looks like it', () => {
    for (const s of ['builtin/terraform', 'hashicorp/terraform', 'registry.terraform.io/builtin/terraform', 'terraform.io/builtin/', 'terraform.io/hashicorp/aws', 'terraform']) {
      expect(isBuiltinProviderSource(s), s).toBe(false);
    }
  });
});
