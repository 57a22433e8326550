import { defineRule } from '../../server/src/engine/rules/rule.js';
import {
  argumentOwners,
  forEachLiteralInExpression,
  forEachLiteralString,
  rangeInLiteral,
  type LiteralString,
} from '../../server/src/engine/hardcoded/literal-strings.js';
import { amiIdsIn } from '../../server/src/engine/hardcoded/aws-patterns.js';

const SKIP = new Set(['description']);

export default defineRule({
  meta: {
    id: 'hardcoded/ami-id',
    title: 'AMI ids are looked up or passed in, not written down',
    problem: 'hard-coded AMI id',
    category: 'hardcoded',
    blockLocal: true,
    severity: 'warning',
    rationale:
      'An AMI id exists in one region of one account and goes stale: the image stops receiving patches, gets deprecated ' +
      'or deregistered, and the module fails in every other region. A `data "aws_ami"` lookup (or an SSM public parameter) ' +
      'finds the current image wherever the module runs; a variable lets each caller choose. Reported: an `ami-` id ' +
      '(8 or 17 hex digits, on its own or inside an ARN) in resource, data source and module arguments, and in locals — ' +
      'a local is still a hard-coded id. Not reported: variable defaults and tfvars, which are parameters the caller ' +
      'can override (the remedy this rule asks for), and `description` text.',
    remediation:
      'Look the image up: `data "aws_ami" "app" { most_recent = true, owners = ["amazon"], filter { … } }` and use ' +
      '`data.aws_ami.app.id`, or read `/aws/service/…` SSM public parameters; or take it from a variable.',
    equivalents: {},
    examples: {
      failing: `resource "aws_instance" "web" {
  ami           = "ami-0c55b159cbfafe1f0"
  instance_type = "t3.micro"
}
`,
      passing: `data "aws_ami" "al2023" {
  most_recent = true
  owners      = ["amazon"]
  filter {
    name   = "name"
    values = ["al2023-ami-*-x86_64"]
  }
}

resource "aws_instance" "web" {
  ami           = data.aws_ami.al2023.id
  instance_type = "t3.micro"
}
`,
    },
  },
  check(ctx) {
    const reportIn = (where: string) => (s: LiteralString) => {
      for (const m of amiIdsIn(s.part.value)) {
        ctx.report({
          file: s.file,
          range: rangeInLiteral(s.file, s.part, m.index, m.value.length),
          ...(where.startsWith('local.') ? {} : { address: where }),
          message:
            `AMI id ${m.value} is written literally in ${where}${s.key && !where.endsWith(`.${s.key}`) ? ` (${s.key})` : ''}: ` +
            'look it up with `data "aws_ami"` (or an SSM public parameter), or take it from a variable.',
        });
      }
    };
    for (const owner of argumentOwners(ctx.module, ['resource', 'data', 'module'])) {
      forEachLiteralString(owner.block, owner.file, reportIn(owner.address), { skipAttributes: SKIP, sourceFilter: /ami-/ });
    }
    for (const local of ctx.module.locals.values()) {
      forEachLiteralInExpression(local.attribute.expr, local.file, local.name, reportIn(`local.${local.name}`), { sourceFilter: /ami-/ });
    }
  },
});
