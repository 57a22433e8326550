/**
 * The words that name each rule category in a candidate's REVIEW comment.
 * Generous with synonyms (a candidate writes "least privilege", "too broad" or
 * "s3:*"), strict about the category: "needs a tag" never answers an IAM problem.
 *
 * A term matches case-insensitively at word boundaries; a trailing `*` makes
 * it a stem ("encrypt*" matches "encrypted", "unencrypted" does not start with
 * it, so it is listed too); spaces match spaces, `-` or `_`.
 */
export const CATEGORY_VOCABULARY: Readonly<Record<string, readonly string[]>> = {
  iam: [
    'wildcard*', 'least privilege*', 'least-privilege', 'privilege*', 'over privileged', 'overprivileged', 'over permissive',
    'overly permissive', 'overpermissive', 'permissive', 'too broad', 'broad*', 'permission*', 'admin*', 'full access',
    'passrole', 'pass role', 'notaction', 'not action', 'notresource', 'not resource', 'principal*', 'iam', 'escalat*',
    'scope down', 'scoped down', 'narrow*', 'all actions', 'any action', 'every action', 'all resources', 'any resource',
    'grant*', '*',
  ],
  tagging: ['tag*', 'label*', 'owner', 'costcenter', 'cost center', 'cost allocation', 'default tags', 'untagged'],
  naming: ['naming', 'name', 'names', 'named', 'identifier*', 'snake case', 'convention*', 'label name*'],
  versioning: [
    'pin*', 'unpinned', 'version*', 'unversioned', 'ref', 'branch*', 'constraint*', 'upper bound', 'unbounded', 'floating',
    'float*', 'latest', 'required providers', 'required version', 'reproducib*', 'drift*', 'semver', 'commit hash', 'sha', 'tag ref',
  ],
  secrets: [
    'secret*', 'password*', 'passwd', 'credential*', 'token*', 'api key*', 'access key*', 'private key*', 'plaintext',
    'plain text', 'clear text', 'cleartext', 'sensitive', 'leak*', 'vault', 'secrets manager', 'ssm', 'rotate the'
  ],
  hardcoded: [
    'hard coded', 'hardcoded', 'hard code', 'hardcode', 'hard-wired', 'literal*', 'ami*', 'account id*', 'account number',
    'aws account', 'region*', 'availability zone*', 'magic', 'parameteri*', 'data source', 'variable instead', 'use a variable',
    'portab*', 'environment specific', 'baked in',
  ],
  lifecycle: [
    'prevent destroy', 'lifecycle', 'accidental*', 'destroy*', 'deletion*', 'delete*', 'protect*', 'unprotected', 'data loss',
  ],
  resilience: [
    'deletion protection', 'delete protection', 'protect*', 'backup*', 'snapshot*', 'final snapshot', 'retention period',
    'backup retention', 'point in time', 'pitr', 'recover*', 'restore*', 'disaster', 'data loss', 'durab*',
  ],
  encryption: [
    'encrypt*', 'unencrypted', 'not encrypted', 'decrypt*', 'kms', 'cmk', 'at rest', 'sse', 'key rotation', 'rotat*', 'cipher*',
  ],
  network: [
    '0.0.0.0/0', '::/0', 'open to the world', 'open to the internet', 'world*', 'internet*', 'public*', 'exposed', 'expos*',
    'ingress', 'inbound', 'ssh', 'rdp', 'port 22', 'port 3389', 'security group', 'firewall', 'cidr*', 'anywhere',
    'publicly accessible', 'bastion', 'vpn', 'open port*', 'open to', 'wide open', 'opened',
  ],
  observability: [
    'retention*', 'retain*', 'expire*', 'expiry', 'never expire*', 'forever', 'log*', 'storage cost*', 'log cost*', 'monitor*',
    'observab*', 'audit*', 'alarm*', 'metric*',
  ],
  state: [
    'state', 'tfstate', 'backend', 'lock*', 'dynamodb table', 'use lockfile', 'lockfile', 'concurrent*', 'race*',
    'corrupt*', 'simultaneous', 'two applies', 'parallel apply*',
  ],
  variables: ['type*', 'untyped', 'description*', 'undocumented', 'document*', 'validation'],
  refactor: [
    'moved', 'moved block', 'rename*', 'destroy*', 'recreat*', 're create*', 'replace*', 'replacement', 'force* new',
    'force* replacement', 'forcenew', 'create before destroy', 'destroy before create', 'data loss', 'address*', 'state mv',
    'migrat*', 'snapshot*',
  ],
};

const compiled = new Map<string, RegExp>();

function termPattern(term: string): string {
  if (term === '*') return '(?:^|[\\s:"\'`(\\[,])\\*(?=$|[\\s"\'`),\\].;:])';
  const stem = term.endsWith('*') && term.length > 1;
  const body = (stem ? term.slice(0, -1) : term)
    .split(/[\s_-]+/)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
    .join('[\\s_-]*');
  const startsWord = /^\w/.test(term);
  const endsWord = /\w\*?$/.test(term);
  return `${startsWord ? '(?<![\\w])' : ''}${body}${stem ? '[\\w-]*' : endsWord ? '(?![\\w])' : ''}`;
}

function vocabularyRegex(category: string): RegExp | undefined {
  let re = compiled.get(category);
  if (re) return re;
  const terms = CATEGORY_VOCABULARY[category];
  if (!terms) return undefined;
  re = new RegExp(terms.map(termPattern).join('|'), 'i');
  compiled.set(category, re);
  return re;
}

/** Whether the comment's words name the category (its vocabulary, or the category's own name: "network", "variables"). */
export function namesCategory(text: string, category: string): boolean {
  const re = vocabularyRegex(category);
  if (re?.test(text)) return true;
  return new RegExp(`(?<![\\w])${category.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'i').test(text);
}
