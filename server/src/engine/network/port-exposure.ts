/**
 * What a firewall rule lets in, in the terms `network/open-ingress` grades:
 * every port, remote administration (SSH 22, RDP 3389), only web (80/443),
 * or other ports. Pure functions over already evaluated values.
 */
import { SEVERITY_RANK, type Severity } from '../severity.js';

/** An inclusive port range. */
export interface PortRange {
  from: number;
  to: number;
}

/** The traffic a rule admits: every port of every protocol, some port ranges, or nothing the rule grades. */
export type PortSet =
  | { kind: 'all'; label: string }
  | { kind: 'ranges'; ranges: PortRange[]; protocol: string }
  /** A protocol without ports (ESP, AH, GRE, …): all of its traffic. */
  | { kind: 'protocol'; protocol: string }
  /** ICMP: no ports; needed for path-MTU discovery and ping, not graded. */
  | { kind: 'none' };

export interface Exposure {
  severity: Severity;
  /** What is open, for messages: "SSH (22)", "all ports", "ports 8080, 9000-9100". */
  what: string;
}

const MAX_PORT = 65535;
const WEB_PORTS = new Set([80, 443]);
const ADMIN_PORTS: ReadonlyArray<readonly [number, string]> = [
  [22, 'SSH (22)'],
  [3389, 'RDP (3389)'],
];

/** Protocol spellings that mean every protocol (AWS `-1`/`all`, GCP `all`, Azure `*`/`Any`). */
export function isAllProtocols(protocol: string): boolean {
  const p = protocol.trim().toLowerCase();
  return p === '-1' || p === 'all' || p === '*' || p === 'any';
}

/** ICMP (v4 or v6) by name or IANA number. */
export function isIcmp(protocol: string): boolean {
  const p = protocol.trim().toLowerCase();
  return p === 'icmp' || p === 'icmpv6' || p === '1' || p === '58';
}

/** TCP, UDP and SCTP carry ports; other protocols (ESP, AH, GRE, …) are open as a whole. */
export function hasPorts(protocol: string): boolean {
  const p = protocol.trim().toLowerCase();
  return p === 'tcp' || p === 'udp' || p === 'sctp' || p === '6' || p === '17' || p === '132';
}

/** Where an AWS rule is written: its provider validates the ports of some forms before EC2 sees them. */
export type AwsRuleForm = 'inline' | 'rule-resource';

/**
 * What an AWS security group rule admits, from its protocol and its
 * `from_port`/`to_port` (undefined when absent), as EC2 and the Terraform
 * provider decide it:
 * - `-1`/`all`: every protocol and port, ports ignored by EC2; but the
 *   provider rejects an inline `ingress` block of `aws_security_group` whose
 *   ports are not both 0 ("must both be 0 to use the 'ALL' "-1" protocol"),
 *   so such a block opens nothing.
 * - ICMP/ICMPv6: the ports are a type and code, not graded.
 * - TCP/UDP: a port range; EC2 rejects a port outside 0–65535 (`-1` included:
 *   "TCP/UDP port (-1) out of range") or a range whose start is above its end,
 *   so such a rule is never created and opens nothing.
 * - any other protocol (SCTP and numbers included): EC2 opens all of its
 *   traffic, "regardless of any port range you specify".
 */
export function awsPortSet(protocol: string, from: number | undefined, to: number | undefined, form: AwsRuleForm): PortSet {
  if (isAllProtocols(protocol)) {
    if (form === 'inline' && ((from !== undefined && from !== 0) || (to !== undefined && to !== 0))) return { kind: 'none' };
    return { kind: 'all', label: 'all traffic (every protocol and port)' };
  }
  if (isIcmp(protocol)) return { kind: 'none' };
  if (!isAwsPortProtocol(protocol)) return { kind: 'protocol', protocol };
  if (from === undefined || to === undefined || !isPort(from) || !isPort(to) || from > to) return { kind: 'none' };
  return { kind: 'ranges', ranges: [{ from, to }], protocol: awsProtocolName(protocol) };
}

/** Whether `from_port`/`to_port` can change what `awsPortSet` decides (so an unknown port leaves it undecided). */
export function awsPortsMatter(protocol: string, form: AwsRuleForm): boolean {
  if (isAllProtocols(protocol)) return form === 'inline';
  return isAwsPortProtocol(protocol);
}

/** EC2 honours port ranges for TCP and UDP only (by name or number). */
function isAwsPortProtocol(protocol: string): boolean {
  const p = protocol.trim().toLowerCase();
  return p === 'tcp' || p === 'udp' || p === '6' || p === '17';
}

/** `6` reads as `tcp` and `17` as `udp` in messages. */
function awsProtocolName(protocol: string): string {
  const p = protocol.trim().toLowerCase();
  return p === '6' ? 'tcp' : p === '17' ? 'udp' : p;
}

function isPort(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n <= MAX_PORT;
}

/**
 * A port or range written as text: `"22"`, `"1000-2000"`, `"*"` (Azure: every
 * port). Undefined when it is not one of those forms.
 */
export function parsePortText(text: string): PortRange | 'all' | undefined {
  const t = text.trim();
  if (t === '*') return 'all';
  const m = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/.exec(t);
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] === undefined ? from : Number(m[2]);
  if (from > to || to > MAX_PORT) return undefined;
  return { from, to };
}

function covers(range: PortRange, port: number): boolean {
  return range.from <= port && port <= range.to;
}

function coversEverything(ranges: readonly PortRange[]): boolean {
  // Port 0 is not a usable port, so 1-65535 counts as every port.
  return ranges.some((r) => r.from <= 1 && r.to >= MAX_PORT);
}

function rangeText(r: PortRange): string {
  return r.from === r.to ? String(r.from) : `${r.from}-${r.to}`;
}

/**
 * Grades what a rule open to the internet exposes: error for every port or a
 * range holding 22 or 3389, nothing for 80/443 alone (public web is what such
 * rules are for), warning for anything else. Undefined: nothing to report.
 */
export function gradeExposure(ports: PortSet): Exposure | undefined {
  if (ports.kind === 'none') return undefined;
  if (ports.kind === 'all') return { severity: 'error', what: ports.label };
  if (ports.kind === 'protocol') return { severity: 'warning', what: `all protocol ${ports.protocol} traffic` };
  const { ranges, protocol } = ports;
  if (ranges.length === 0) return undefined;
  const proto = protocol ? `${protocol.toLowerCase()} ` : '';
  if (coversEverything(ranges)) return { severity: 'error', what: `all ${proto}ports` };
  const admin = ADMIN_PORTS.filter(([port]) => ranges.some((r) => covers(r, port)));
  const isWeb = (r: PortRange) => r.from === r.to && WEB_PORTS.has(r.from);
  if (admin.length > 0) {
    const holding = (r: PortRange) => admin.some(([port]) => covers(r, port));
    const widest = ranges.filter((r) => holding(r) && r.from !== r.to);
    const within = widest.length ? ` (in ${proto}port range ${widest.map(rangeText).join(', ')})` : '';
    const others = ranges.filter((r) => !holding(r) && !isWeb(r));
    const also = others.length ? ` and ${portsText(proto, others)}` : '';
    return { severity: 'error', what: admin.map(([, label]) => label).join(' and ') + within + also };
  }
  const other = ranges.filter((r) => !isWeb(r));
  if (other.length === 0) return undefined;
  return { severity: 'warning', what: portsText(proto, other) };
}

function portsText(proto: string, ranges: readonly PortRange[]): string {
  const plural = ranges.length > 1 || ranges[0]!.from !== ranges[0]!.to;
  return `${proto}port${plural ? 's' : ''} ${ranges.map(rangeText).join(', ')}`;
}

/** Combines the exposures of several rules or protocols reported at one place. */
export function mergeExposures(exposures: readonly Exposure[]): Exposure | undefined {
  if (exposures.length === 0) return undefined;
  let severity: Severity = 'info';
  for (const e of exposures) if (SEVERITY_RANK[e.severity] > SEVERITY_RANK[severity]) severity = e.severity;
  const what = [...new Set(exposures.map((e) => e.what))];
  return { severity, what: what.join('; ') };
}
