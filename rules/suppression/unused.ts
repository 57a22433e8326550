import { defineRule } from '../../server/src/engine/rules/rule.js';

/** Findings come from the suppression pass (server/src/engine/suppress), not from a check. */
export default defineRule({
  meta: {
    id: 'suppression/unused',
    title: 'Suppression comment that matches no finding',
    problem: 'unused suppression',
    category: 'suppression',
    severity: 'info',
    rationale:
      'A suppression that no longer matches anything (the code was fixed, moved, or the comment names the wrong rule) ' +
      'is dead weight: it claims an accepted risk that does not exist, and if the problem comes back later it will be ' +
      'hidden without anyone deciding to accept it again.',
    remediation:
      'Delete the comment (the quick fix does it), or move it to the line above the block or attribute it was meant for, ' +
      'or correct the rule id.',
    equivalents: {},
    fixable: true,
    examples: {
      failing: [
        '# iac-review:ignore hardcoded/ami-id -- golden image pinned by the platform team',
        'resource "aws_s3_bucket" "logs" {',
        '  bucket = "logs"',
        '}',
      ].join('\n'),
      passing: [
        'resource "aws_instance" "web" {',
        '  # iac-review:ignore hardcoded/ami-id -- golden image pinned by the platform team, PLAT-88',
        '  ami           = "ami-0abcdef1234567890"',
        '  instance_type = "t3.micro"',
        '}',
      ].join('\n'),
    },
  },
});
