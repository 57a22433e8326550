import type { RegionMatch } from './aws-patterns.js';
import type { LiteralString } from './literal-strings.js';

/**
 * Where a literal region is not an environment choice, for `hardcoded/region`
 * (SPEC §3): the argument that chooses the region, and regions AWS dictates.
 */

/**
 * The AWS provider v6 `region` argument of a resource or data source, and the
 * `region` input of a module call (how v6 modules pass it on): it chooses where
 * the block lives exactly as a provider block's `region` does, and provider
 * blocks are where the rule wants the choice made. Only the block's own
 * argument: a `region` key inside a map or a nested block is data.
 */
export function isRegionArgument(owner: { kind: string; type?: string }, s: LiteralString): boolean {
  if (s.blockPath.length !== 0 || s.attribute !== 'region' || s.key !== 'region') return false;
  return owner.kind === 'module' || (owner.type?.startsWith('aws_') ?? false);
}

/**
 * Services whose resources AWS keeps in one region, so a reference to them
 * names that region whatever region the configuration is applied in (AWS
 * documentation: ECR Public is served from us-east-1 only; CloudFront takes
 * ACM certificates, Lambda@Edge functions and web ACLs only from us-east-1).
 */
interface DictatedRegion {
  region: string;
  /** The match is dictated in a block of a type matching this (any block when absent). */
  ownerType?: RegExp;
  /** … when the region is an ARN's or an endpoint's and the service matches this (any form when absent). */
  service?: RegExp;
  /** … when the ARN's resource part matches this. */
  resource?: RegExp;
}

const DICTATED: readonly DictatedRegion[] = [
  // ECR Public: every resource and data source (`aws_ecrpublic_authorization_token` must be read in us-east-1).
  { region: 'us-east-1', ownerType: /^aws_ecrpublic_/ },
  // … and its ARNs and endpoints wherever they are written (`api.ecr-public.us-east-1.amazonaws.com`).
  { region: 'us-east-1', service: /^(?:.*\.)?ecr-public$/ },
  // CloudFront's certificate, Lambda@Edge function and web ACL live in us-east-1.
  { region: 'us-east-1', ownerType: /^aws_cloudfront_/, service: /^(acm|lambda|wafv2)$/ },
  // A web ACL of the CLOUDFRONT scope: its ARN is `arn:aws:wafv2:us-east-1:…:global/webacl/…` wherever it is used.
  { region: 'us-east-1', service: /^wafv2$/, resource: /^global\// },
];

export function isDictatedRegion(match: RegionMatch, ownerType: string | undefined): boolean {
  return DICTATED.some(
    (d) =>
      d.region === match.value &&
      (!d.ownerType || (ownerType !== undefined && d.ownerType.test(ownerType))) &&
      (!d.service || (match.service !== undefined && d.service.test(match.service))) &&
      (!d.resource || (match.resource !== undefined && d.resource.test(match.resource))),
  );
}
