import { defineRule } from '../../server/src/engine/rules/rule.js';
import { argumentOwners, forEachLiteralString, rangeInLiteral } from '../../server/src/engine/hardcoded/literal-strings.js';
import { MAY_HOLD_REGION, regionsIn } from '../../server/src/engine/hardcoded/aws-patterns.js';
import { isDictatedRegion, isRegionArgument } from '../../server/src/engine/hardcoded/dictated-regions.js';

const SKIP = new Set(['description']);

export default defineRule({
  meta: {
    id: 'hardcoded/region',
    title: 'AWS regions and zones are not written into resources',
    problem: 'hard-coded region',
    category: 'hardcoded',
    blockLocal: true,
    severity: 'info',
    rationale:
      'A module whose resources name their region only works in that region: applied with a provider for another region ' +
      'it builds ARNs, endpoints and zones that do not exist there, or quietly reaches across regions. The provider ' +
      'configuration is the one place a region belongs. Reported in resource, data source and module arguments: a string ' +
      'that is a region (`eu-west-1`, `us-gov-west-1`, `cn-north-1`) or an availability zone (`eu-west-1a`), the region ' +
      'field of an ARN (`arn:aws:sns:eu-west-1:…`), and the region in an AWS endpoint host (`s3.eu-west-1.amazonaws.com`, ' +
      '`com.amazonaws.eu-west-1.s3`). Not reported: provider blocks (that is where the region is chosen), variables, locals ' +
      'and tfvars, `description` text, a region that is only part of a name (`acme-logs-eu-west-1`) — a naming ' +
      'convention, not configuration —, the `region` argument of an AWS resource or data source (AWS provider v6) and ' +
      'of a module call, which chooses the region as a provider block does, and regions AWS dictates: ECR Public ' +
      '(`aws_ecrpublic_*`, its ARNs and endpoints) lives in us-east-1 only, and CloudFront takes ACM certificates, ' +
      'Lambda@Edge functions and web ACLs only from us-east-1.',
    remediation:
      'Use `data.aws_region.current.name` (zones: `data.aws_availability_zones.available.names`), or take the value from a ' +
      'variable; build ARNs and endpoints from them.',
    equivalents: {},
    examples: {
      failing: `resource "aws_subnet" "a" {
  vpc_id            = "vpc-0123456789abcdef0"
  cidr_block        = "10.0.1.0/24"
  availability_zone = "eu-west-1a"
}
`,
      passing: `data "aws_availability_zones" "available" {
  state = "available"
}

resource "aws_subnet" "a" {
  vpc_id            = "vpc-0123456789abcdef0"
  cidr_block        = "10.0.1.0/24"
  availability_zone = data.aws_availability_zones.available.names[0]
}
`,
    },
  },
  check(ctx) {
    for (const owner of argumentOwners(ctx.module, ['resource', 'data', 'module'])) {
      forEachLiteralString(
        owner.block,
        owner.file,
        (s) => {
          if (isRegionArgument(owner, s)) return;
          for (const m of regionsIn(s.part.value, s.whole)) {
            if (isDictatedRegion(m, owner.type)) continue;
            const what = m.kind === 'zone' ? 'Availability zone' : 'Region';
            const instead =
              m.kind === 'zone'
                ? '`data.aws_availability_zones.available.names`'
                : '`data.aws_region.current.name`';
            ctx.report({
              file: s.file,
              range: rangeInLiteral(s.file, s.part, m.index, m.value.length),
              address: owner.address,
              message: `${what} ${m.value} is written literally in ${owner.address}${s.key ? ` (${s.key})` : ''}: use ${instead} or a variable.`,
            });
          }
        },
        // Only blocks whose text holds a region-shaped name are walked.
        { skipAttributes: SKIP, sourceFilter: MAY_HOLD_REGION },
      );
    }
  },
});
