import { defineRule, findAttribute, headerRange } from '../../server/src/engine/rules/rule.js';
import type { RuleContext } from '../../server/src/engine/rules/rule.js';
import { asString, type Value } from '../../server/src/engine/evaluate/value.js';
import type { SourceFile } from '../../server/src/engine/parse/ast.js';
import type { Range } from '../../server/src/engine/range.js';
import type { ResourceRef } from '../../server/src/engine/model/module.js';
import { blockFields, type Fields } from '../../server/src/engine/network/block-fields.js';
import { instances } from '../../server/src/engine/evaluate/existence.js';
import {
  isAzureInternetPrefix,
  isInternetCidr,
  scanSources,
  type SourceScan,
} from '../../server/src/engine/network/internet-sources.js';
import {
  awsPortSet,
  awsPortsMatter,
  gradeExposure,
  hasPorts,
  isAllProtocols,
  isIcmp,
  mergeExposures,
  parsePortText,
  type AwsRuleForm,
  type Exposure,
  type PortRange,
  type PortSet,
} from '../../server/src/engine/network/port-exposure.js';

/** What one firewall rule does, as far as it can be known statically. */
type Verdict =
  | { kind: 'closed' }
  | { kind: 'open'; exposure: Exposure; sources: string[]; via?: string }
  | { kind: 'unknown'; reason: string; via?: string };

const CLOSED: Verdict = { kind: 'closed' };

/** The parts of a verdict: gates (direction, access, type), sources, and what each protocol/port entry exposes. */
interface Evidence {
  gateUnknown?: string;
  sources: SourceScan;
  via?: string;
  ports: Array<PortSet | { unknown: string }>;
}

function decide(e: Evidence): Verdict {
  if (e.sources.open.length === 0 && e.sources.unknownReason === undefined) return CLOSED;
  const exposures: Exposure[] = [];
  let portsUnknown: string | undefined;
  for (const p of e.ports) {
    if ('unknown' in p) portsUnknown ??= p.unknown;
    else {
      const graded = gradeExposure(p);
      if (graded) exposures.push(graded);
    }
  }
  const via = e.via === undefined ? {} : { via: e.via };
  if (exposures.length === 0) return portsUnknown === undefined ? CLOSED : { kind: 'unknown', reason: portsUnknown, ...via };
  if (e.gateUnknown !== undefined) return { kind: 'unknown', reason: e.gateUnknown, ...via };
  if (e.sources.open.length === 0) return { kind: 'unknown', reason: e.sources.unknownReason!, ...via };
  return { kind: 'open', exposure: mergeExposures(exposures)!, sources: [...new Set(e.sources.open)], ...via };
}

/** A gate such as `type = "ingress"`: true, false, or the reason it is unknown. Absent counts as `whenAbsent`. */
function gate(value: Value | undefined, test: (text: string) => boolean, whenAbsent: boolean): boolean | string {
  if (value === undefined || value.kind === 'null') return whenAbsent;
  if (value.kind === 'unknown') return value.reason;
  const text = asString(value);
  return text !== undefined && test(text);
}

function port(value: Value | undefined): number | { unknown: string } | undefined {
  if (value === undefined || value.kind === 'null') return undefined;
  if (value.kind === 'unknown') return { unknown: value.reason };
  const text = asString(value);
  const n = text === undefined ? NaN : Number(text);
  return Number.isInteger(n) ? n : undefined;
}

/** Scans several source arguments; `via` is the first one that admits the internet (or is unknown). */
function scanArguments(f: Fields, names: readonly string[], isOpen: (text: string) => boolean): { scan: SourceScan; via?: string } {
  const open: string[] = [];
  let unknownReason: string | undefined;
  let via: string | undefined;
  let unknownVia: string | undefined;
  for (const name of names) {
    const scan = scanSources(f.get(name), isOpen);
    if (scan.open.length) {
      for (const o of scan.open) open.push(o);
      via ??= name;
    } else if (scan.unknownReason !== undefined) {
      unknownReason ??= scan.unknownReason;
      unknownVia ??= name;
    }
  }
  if (open.length) return { scan: { open }, via: via! };
  if (unknownReason !== undefined) return { scan: { open, unknownReason }, via: unknownVia! };
  return { scan: { open } };
}

// ── AWS ────────────────────────────────────────────────────────────────────

/** AWS rules: the protocol and ports as EC2 and the provider read them (see `awsPortSet`). */
function awsPorts(f: Fields, protocolName: string, form: AwsRuleForm): PortSet | { unknown: string } {
  const protocolValue = f.get(protocolName);
  if (protocolValue === undefined || protocolValue.kind === 'null') return { kind: 'none' };
  if (protocolValue.kind === 'unknown') return { unknown: protocolValue.reason };
  const protocol = asString(protocolValue);
  if (protocol === undefined) return { kind: 'none' };
  const from = port(f.get('from_port'));
  const to = port(f.get('to_port'));
  if (awsPortsMatter(protocol, form)) {
    if (typeof from === 'object') return from;
    if (typeof to === 'object') return to;
  }
  return awsPortSet(protocol, typeof from === 'number' ? from : undefined, typeof to === 'number' ? to : undefined, form);
}

function awsRule(f: Fields, cidrNames: readonly string[], protocolName: string, form: AwsRuleForm, gateUnknown?: string): Verdict {
  const { scan, via } = scanArguments(f, cidrNames, isInternetCidr);
  return decide({
    ...(gateUnknown === undefined ? {} : { gateUnknown }),
    sources: scan,
    ...(via === undefined ? {} : { via }),
    ports: [awsPorts(f, protocolName, form)],
  });
}

// ── Google ────────────────────────────────────────────────────────────────

function gcpAllowPorts(allow: Fields): PortSet | { unknown: string } {
  const protocolValue = allow.get('protocol');
  if (protocolValue === undefined || protocolValue.kind === 'null') return { kind: 'none' };
  if (protocolValue.kind === 'unknown') return { unknown: protocolValue.reason };
  const protocol = asString(protocolValue) ?? '';
  if (isAllProtocols(protocol)) return { kind: 'all', label: 'all traffic (every protocol and port)' };
  if (isIcmp(protocol)) return { kind: 'none' };
  if (!hasPorts(protocol)) return { kind: 'protocol', protocol };
  const portsValue = allow.get('ports');
  // No `ports`: every port of the protocol.
  if (portsValue === undefined || portsValue.kind === 'null') return { kind: 'ranges', ranges: [{ from: 0, to: 65535 }], protocol };
  return portList(portsValue, protocol);
}

/** A list of port texts (`["22", "8000-8080"]`), as GCP and Azure write them. */
function portList(value: Value, protocol: string, allLabel?: string): PortSet | { unknown: string } {
  const items = value.kind === 'tuple' ? value.items : [value];
  const ranges: PortRange[] = [];
  for (const item of items) {
    if (item.kind === 'unknown') return { unknown: item.reason };
    const text = asString(item);
    const parsed = text === undefined ? undefined : parsePortText(text);
    if (parsed === 'all') return { kind: 'all', label: allLabel ?? `all ${protocol.toLowerCase()} ports` };
    if (parsed) ranges.push(parsed);
  }
  return { kind: 'ranges', ranges, protocol };
}

function gcpFirewall(f: Fields): Verdict {
  const ingress = gate(f.get('direction'), (d) => d.trim().toUpperCase() === 'INGRESS', true);
  if (ingress === false) return CLOSED;
  const disabled = gate(f.get('disabled'), (d) => d === 'true', false);
  if (disabled === true) return CLOSED;
  const gateUnknown = typeof ingress === 'string' ? ingress : typeof disabled === 'string' ? disabled : undefined;
  const { scan, via } = scanArguments(f, ['source_ranges'], isInternetCidr);
  return decide({
    ...(gateUnknown === undefined ? {} : { gateUnknown }),
    sources: scan,
    ...(via === undefined ? {} : { via }),
    ports: f.nested('allow').map((a) => gcpAllowPorts(a.fields)),
  });
}

// ── Azure ─────────────────────────────────────────────────────────────────

function azureRule(f: Fields): Verdict {
  const inbound = gate(f.get('direction'), (d) => d.trim().toLowerCase() === 'inbound', false);
  if (inbound === false) return CLOSED;
  const allow = gate(f.get('access'), (a) => a.trim().toLowerCase() === 'allow', false);
  if (allow === false) return CLOSED;
  const gateUnknown = typeof inbound === 'string' ? inbound : typeof allow === 'string' ? allow : undefined;
  const { scan, via } = scanArguments(f, ['source_address_prefix', 'source_address_prefixes'], isAzureInternetPrefix);
  return decide({
    ...(gateUnknown === undefined ? {} : { gateUnknown }),
    sources: scan,
    ...(via === undefined ? {} : { via }),
    ports: [azurePorts(f)],
  });
}

function azurePorts(f: Fields): PortSet | { unknown: string } {
  const protocolValue = f.get('protocol');
  if (protocolValue?.kind === 'unknown') return { unknown: protocolValue.reason };
  const protocol = (protocolValue && asString(protocolValue)) ?? '*';
  if (isIcmp(protocol)) return { kind: 'none' };
  const every = isAllProtocols(protocol);
  if (!every && !hasPorts(protocol)) return { kind: 'protocol', protocol };
  const label = every ? 'all traffic (every protocol and port)' : undefined;
  const single = f.get('destination_port_range');
  const list = f.get('destination_port_ranges');
  const sets = [single, list]
    .filter((v): v is Value => v !== undefined && v.kind !== 'null')
    .map((v) => portList(v, every ? '' : protocol, label));
  for (const s of sets) if ('unknown' in s || s.kind === 'all') return s;
  const ranges = sets.flatMap((s) => ('kind' in s && s.kind === 'ranges' ? s.ranges : []));
  return { kind: 'ranges', ranges, protocol: every ? '' : protocol };
}

// ── The rule ──────────────────────────────────────────────────────────────

interface Site {
  file: SourceFile;
  range: Range;
  subject: string;
  exposures: Exposure[];
  sources: Set<string>;
  unknownReason?: string;
}

class Findings {
  /** By where the site starts (`line:column`). */
  private readonly sites = new Map<string, Site>();
  constructor(private readonly resource: ResourceRef) {}

  record(range: Range, subject: string, verdict: Verdict): void {
    if (verdict.kind === 'closed') return;
    const at = `${range.start.line}:${range.start.column}`;
    let site = this.sites.get(at);
    if (!site) {
      site = { file: this.resource.file, range, subject, exposures: [], sources: new Set() };
      this.sites.set(at, site);
    }
    if (verdict.kind === 'unknown') site.unknownReason ??= verdict.reason;
    else {
      site.exposures.push(verdict.exposure);
      for (const s of verdict.sources) site.sources.add(s);
    }
  }

  flush(ctx: RuleContext): void {
    const address = this.resource.address;
    for (const site of this.sites.values()) {
      const exposure = mergeExposures(site.exposures);
      if (exposure) {
        const advice =
          exposure.severity === 'error'
            ? 'allow only the address ranges that need it, and reach administration ports through a bastion, VPN or session manager instead of the internet'
            : 'allow only the address ranges that need it, or put the service behind a load balancer';
        ctx.report({
          file: site.file,
          range: site.range,
          address,
          severity: exposure.severity,
          // A subject that is an address keeps its spelling; a phrase ("an ingress rule of …") starts the sentence.
          message: `${site.subject === address ? address : capitalize(site.subject)} admits ${exposure.what} from the internet (${[...site.sources].join(', ')}): ${advice}.`,
        });
      } else if (site.unknownReason !== undefined) {
        ctx.undecided({
          file: site.file,
          range: site.range,
          address,
          text: `Check that ${site.subject} does not open SSH, RDP or other ports to the internet`,
          reason: site.unknownReason,
        });
      }
    }
  }
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

type Check = (resource: ResourceRef, fields: Fields, findings: Findings) => void;

/** Reports a rule resource on the argument that admits the internet (else its header). */
function onArgument(verdictOf: (f: Fields) => Verdict): Check {
  return (resource, fields, findings) => {
    const verdict = verdictOf(fields);
    if (verdict.kind === 'closed') return;
    const range = (verdict.via !== undefined && findAttribute(resource.block, verdict.via)?.range) || headerRange(resource.block);
    findings.record(range, resource.address, verdict);
  };
}

/** Reports each nested rule block (`ingress`, `security_rule`) on its own header. */
function onNested(type: string, noun: string, verdictOf: (f: Fields) => Verdict): Check {
  return (resource, fields, findings) => {
    for (const nested of fields.nested(type)) {
      findings.record(nested.range, `${noun} of ${resource.address}`, verdictOf(nested.fields));
    }
  };
}

const AWS_CIDRS = ['cidr_blocks', 'ipv6_cidr_blocks'] as const;

const CHECKS: Record<string, Check> = {
  aws_security_group: onNested('ingress', 'an ingress rule', (f) => awsRule(f, AWS_CIDRS, 'protocol', 'inline')),
  aws_default_security_group: onNested('ingress', 'an ingress rule', (f) => awsRule(f, AWS_CIDRS, 'protocol', 'inline')),
  aws_security_group_rule: onArgument((f) => {
    const ingress = gate(f.get('type'), (t) => t === 'ingress', false);
    if (ingress === false) return CLOSED;
    return awsRule(f, AWS_CIDRS, 'protocol', 'rule-resource', typeof ingress === 'string' ? ingress : undefined);
  }),
  aws_vpc_security_group_ingress_rule: onArgument((f) => awsRule(f, ['cidr_ipv4', 'cidr_ipv6'], 'ip_protocol', 'rule-resource')),
  google_compute_firewall: onArgument(gcpFirewall),
  azurerm_network_security_rule: onArgument(azureRule),
  azurerm_network_security_group: onNested('security_rule', 'a security_rule', azureRule),
};

export default defineRule({
  meta: {
    id: 'network/open-ingress',
    title: 'Ingress is not open to the whole internet',
    problem: 'open to internet',
    category: 'network',
    blockLocal: true,
    severity: 'error',
    rationale:
      'A firewall rule whose source is `0.0.0.0/0`, `::/0` (or Azure `*`, `Internet`, `Any`) lets every host on the ' +
      'internet reach the port; scanners find SSH, RDP and database ports within minutes of them opening, and brute-force ' +
      'or exploit them. SSH (22), RDP (3389) and rules that open every port (`protocol = "-1"`, `"all"`, `*`, or a port ' +
      'range holding 22 or 3389) are errors; any other port open to the internet is a warning; a rule that opens only 80 ' +
      'and/or 443 is what a public web front end needs and is not reported. ICMP is not reported either: path-MTU ' +
      'discovery needs it, and it exposes no service. Covered: `ingress` blocks (literal, `dynamic` — one rule per ' +
      'element, or per toggle `cond ? [1] : []` reported "when cond is true" — or the attribute form) of aws_security_group / aws_default_security_group, aws_security_group_rule ' +
      '(`type = "ingress"`), aws_vpc_security_group_ingress_rule, google_compute_firewall (direction INGRESS, not ' +
      'disabled, `allow` blocks) and azurerm_network_security_rule / `security_rule` blocks (Inbound, Allow). Egress ' +
      'rules are never reported. Where a source, port or protocol comes from an input the module cannot know (a child ' +
      'module variable), nothing is reported and the review checklist asks a human to check the rule.',
    remediation:
      'Replace the internet source with the address ranges that need access (office or VPN ranges, a load balancer\'s ' +
      'security group, `source_tags` on GCP, a service tag on Azure). For administration, use a bastion host, a VPN, ' +
      'AWS Systems Manager Session Manager, GCP IAP TCP forwarding or Azure Bastion instead of opening SSH/RDP.',
    equivalents: {
      checkov: ['CKV_AWS_24', 'CKV_AWS_25', 'CKV_AWS_277', 'CKV_GCP_2', 'CKV_GCP_3', 'CKV_AZURE_9', 'CKV_AZURE_10'],
      tfsec: ['aws-ec2-no-public-ingress-sgr', 'google-compute-no-public-ingress', 'azure-network-no-public-ingress'],
      trivy: ['AVD-AWS-0107', 'AVD-GCP-0027', 'AVD-AZU-0047'],
    },
    examples: {
      failing: `resource "aws_security_group" "bastion" {
  name = "bastion"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`,
      passing: `resource "aws_security_group" "web" {
  name = "web"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/8"]
  }

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}
`,
    },
  },

  check(ctx) {
    for (const resource of ctx.module.resources) {
      if (resource.mode !== 'managed') continue;
      const check = CHECKS[resource.type];
      if (!check) continue;
      const findings = new Findings(resource);
      for (const instance of instances(ctx, resource.block, resource.file)) {
        check(resource, blockFields(ctx, resource.block, resource.file, instance), findings);
      }
      findings.flush(ctx);
    }
  },
});
