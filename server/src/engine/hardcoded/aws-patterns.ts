/**
 * Shapes of AWS environment values (account ids, regions, AMI ids) inside
 * strings, for the `hardcoded/*` rules. Each pattern says precisely where the
 * value sits, so that a 12-digit timestamp or a bucket called `logs-eu-west-1`
 * is not mistaken for one.
 */

const PARTITION = 'aws(?:-cn|-us-gov|-iso(?:-[a-z])?|-eusc)?';

/**
 * The account field of an ARN (`arn:aws:iam::123456789012:role/x`), also
 * when the `arn:<partition>` head is interpolated
 * (`"arn:${data.aws_partition.current.partition}:iam::123456789012:role/x"`):
 * then the literal starts at `:service:region:account:`.
 * Group 1 is the account id.
 */
const ARN_ACCOUNT = new RegExp(`(?:(?<![A-Za-z0-9])arn:${PARTITION}|^):[a-z0-9-]+:[a-z0-9*-]*:(\\d{12}):`, 'g');

/** An ECR registry host (`123456789012.dkr.ecr.eu-west-1.amazonaws.com/app`). Group 1 is the account id. */
const ECR_REGISTRY = /(?<![A-Za-z0-9])(\d{12})\.dkr\.ecr(?:-fips)?\./g;

export interface PatternMatch {
  /** The value found (account id, region, AMI id). */
  value: string;
  /** Offset of the value in the searched text. */
  index: number;
}

function groupMatches(re: RegExp, text: string): PatternMatch[] {
  const out: PatternMatch[] = [];
  for (const m of text.matchAll(re)) {
    const value = m[1]!;
    out.push({ value, index: m.index! + m[0].lastIndexOf(value) });
  }
  return out;
}

/** `000000000000` is no AWS account: LocalStack's and moto's stand-in. */
export function isPlaceholderAccountId(id: string): boolean {
  return /^0{12}$/.test(id);
}

/** Account ids written inside ARNs and ECR registry hosts. */
export function embeddedAccountIds(text: string): PatternMatch[] {
  if (!/\d{12}/.test(text)) return [];
  return [...groupMatches(ARN_ACCOUNT, text), ...groupMatches(ECR_REGISTRY, text)]
    .filter((m) => !isPlaceholderAccountId(m.value))
    .sort((a, b) => a.index - b.index);
}

/** The whole string is a 12-digit account id. */
export function isAccountIdString(text: string): boolean {
  return /^\d{12}$/.test(text) && !isPlaceholderAccountId(text);
}

/** AWS region names: `eu-west-1`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-5`, `il-central-1`. */
const REGION = '(?:us-gov|us-isob?|us-isof|eu-isoe|eusc|us|eu|ap|sa|ca|me|af|il|mx|cn)-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-\\d{1,2}';

const WHOLE_REGION = new RegExp(`^(${REGION})$`);
/** True when a text (a whole block's source) may hold a region or zone name: a cheap test before walking its strings. */
export const MAY_HOLD_REGION = new RegExp(REGION);
const WHOLE_ZONE = new RegExp(`^(${REGION})[a-z]$`);
/** The region field of an ARN, also when the `arn:<partition>` head is interpolated. Group 1: service, group 2: region. */
const ARN_REGION = new RegExp(`(?:(?<![A-Za-z0-9])arn:${PARTITION}|^):([a-z0-9-]+):(${REGION}):`, 'g');
/**
 * AWS endpoint host names (`s3.eu-west-1.amazonaws.com`, group 1: region) and VPC endpoint service names
 * (`com.amazonaws.eu-west-1.s3`, group 2: region, group 3: service).
 */
const ENDPOINT_REGION = new RegExp(`(?:\\.(${REGION})\\.amazonaws\\.com)|(?:(?<![A-Za-z0-9.])com\\.amazonaws\\.(${REGION})\\.([a-z0-9-]+))`, 'g');

/**
 * The host labels before `end` (`api.ecr-public` of `https://api.ecr-public.us-east-1.amazonaws.com`), at most a
 * host name's 253 characters back: a text of many endpoints is then still read in linear time.
 */
function labelsBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && end - start < 253 && /[A-Za-z0-9.-]/.test(text[start - 1]!)) start--;
  return text.slice(start, end);
}

export interface RegionMatch extends PatternMatch {
  kind: 'region' | 'zone';
  /** Where the region sits: the whole string, an ARN's region field, or an endpoint host. */
  form: 'whole' | 'arn' | 'endpoint';
  /** The ARN's service (`acm`), or the endpoint's service labels (`api.ecr-public`, `s3`). */
  service?: string;
  /** For an ARN, the text after its region and account fields (`global/webacl/…`). */
  resource?: string;
}

/**
 * Regions and zones in a string: the whole string, an ARN's region field, or
 * an AWS endpoint host. A region that is merely part of a name
 * (`acme-logs-eu-west-1`) is a naming convention, not configuration, and is
 * not returned.
 */
export function regionsIn(text: string, whole: boolean): RegionMatch[] {
  // Every region name holds a digit after a dash: most strings are ruled out without a regular expression.
  if (text.length < 9 || !/-\d/.test(text)) return [];
  if (whole) {
    if (WHOLE_REGION.test(text)) return [{ kind: 'region', form: 'whole', value: text, index: 0 }];
    if (WHOLE_ZONE.test(text)) return [{ kind: 'zone', form: 'whole', value: text, index: 0 }];
  }
  const out: RegionMatch[] = [];
  if (!text.includes(':') && !text.includes('amazonaws')) return out;
  for (const m of text.matchAll(ARN_REGION)) {
    const value = m[2]!;
    const end = m.index! + m[0].length;
    const accountEnd = text.indexOf(':', end);
    out.push({
      kind: 'region',
      form: 'arn',
      value,
      index: end - value.length - 1,
      service: m[1]!,
      resource: accountEnd === -1 ? '' : text.slice(accountEnd + 1),
    });
  }
  for (const m of text.matchAll(ENDPOINT_REGION)) {
    const value = (m[1] ?? m[2])!;
    const service = m[1] !== undefined ? labelsBefore(text, m.index!) : m[3]!;
    out.push({ kind: 'region', form: 'endpoint', value, index: m.index! + m[0].indexOf(value), service });
  }
  return out.sort((a, b) => a.index - b.index);
}

/** An AMI id (`ami-` and 8 or 17 hex digits) standing on its own, not inside a longer name. */
const AMI_ID = /(?<![A-Za-z0-9_-])ami-(?:[0-9a-f]{17}|[0-9a-f]{8})(?![A-Za-z0-9_-])/g;

export function amiIdsIn(text: string): PatternMatch[] {
  if (!text.includes('ami-')) return [];
  return [...text.matchAll(AMI_ID)].map((m) => ({ value: m[0], index: m.index! }));
}
