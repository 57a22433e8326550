import type { PlannedResource, PlanValue } from '../plan/plan-model.js';
import { attribute, isPlanObject, opaqueReason, planValueText, stringsOf } from './plan-values.js';

/**
 * What a firewall rule lets in, one source at a time: an ingress rule of an
 * AWS security group, a GCP firewall's `allow` for a source range, an Azure
 * inbound Allow rule. `from`/`to` are ports (0–65535 for every port).
 */
interface Opening {
  protocol: string;
  from: number;
  to: number;
  /** A CIDR, a security group, a prefix list, `self`; or `(known after apply)` / `(sensitive)`. */
  source: string;
  /** The source, ports or protocol are not known: never a match for a known one. */
  opaque: boolean;
  /** Why the ports are not known (`(known after apply)`), when they are not. */
  unknownPorts?: string;
}

const ALL_PORTS: [number, number] = [0, 65535];
const ANY_PROTOCOL = new Set(['-1', 'all', '*']);

/**
 * The ingress a resource opens after the plan that it did not open before
 * (SPEC §10, "security rules opened"), described for a question: `tcp 22
 * from 0.0.0.0/0`. A new opening is one no opening before covers (same
 * source, any-protocol or the same protocol, a port range that contains it);
 * a source or port the plan does not know is listed as it is, never assumed
 * to be covered. Undefined for types it cannot read (the caller asks a
 * generic question) or when nothing opened.
 */
export function openedIngress(resource: PlannedResource): string[] | undefined {
  const read = READERS[resource.type];
  if (!read) return undefined;
  const before = resource.before === null ? [] : read(resource.before);
  const after = resource.after === null ? [] : read(resource.after);
  const opened = after.filter((a) => a.opaque || !before.some((b) => covers(b, a)));
  return [...new Set(opened.map(describe))];
}

/** Whether the resource type is one whose openings are read here. */
export function readsIngress(type: string): boolean {
  return type in READERS;
}

function covers(b: Opening, a: Opening): boolean {
  if (b.opaque || b.source !== a.source) return false;
  if (!ANY_PROTOCOL.has(b.protocol) && b.protocol !== a.protocol) return false;
  return b.from <= a.from && a.to <= b.to;
}

function describe(o: Opening): string {
  const protocol = ANY_PROTOCOL.has(o.protocol) ? 'all protocols' : o.protocol;
  const ports = o.unknownPorts
    ? `ports ${o.unknownPorts}`
    : o.from === ALL_PORTS[0] && o.to === ALL_PORTS[1]
      ? 'all ports'
      : o.from === o.to
        ? `${o.from}`
        : `${o.from}-${o.to}`;
  return `${protocol} ${ports} from \`${o.source}\``;
}

type Reader = (value: PlanValue) => Opening[];

const READERS: Record<string, Reader> = {
  aws_security_group: (v) => listOf(attribute(v, 'ingress')).flatMap(awsRule),
  aws_default_security_group: (v) => listOf(attribute(v, 'ingress')).flatMap(awsRule),
  aws_security_group_rule: (v) => (attribute(v, 'type') === 'ingress' ? awsRule(v) : []),
  aws_vpc_security_group_ingress_rule: (v) =>
    openings(attribute(v, 'ip_protocol'), ports(attribute(v, 'from_port'), attribute(v, 'to_port')), [
      attribute(v, 'cidr_ipv4'),
      attribute(v, 'cidr_ipv6'),
      attribute(v, 'referenced_security_group_id'),
      attribute(v, 'prefix_list_id'),
    ]),
  google_compute_firewall: (v) => {
    const direction = attribute(v, 'direction');
    if ((typeof direction === 'string' && direction.toUpperCase() === 'EGRESS') || attribute(v, 'disabled') === true) return [];
    const sources: Array<PlanValue | undefined> = [attribute(v, 'source_ranges'), attribute(v, 'source_tags'), attribute(v, 'source_service_accounts')];
    return listOf(attribute(v, 'allow')).flatMap((allow) => {
      const list = stringsOf(attribute(allow, 'ports'));
      const ranges = list.length === 0 ? [portsKnown(ALL_PORTS)] : list.map((p) => (p.known ? portRange(p.value) : { opaque: p.reason }));
      return ranges.flatMap((range) => openings(attribute(allow, 'protocol'), range, sources));
    });
  },
  azurerm_network_security_rule: azureRule,
  azurerm_network_security_group: (v) => listOf(attribute(v, 'security_rule')).flatMap(azureRule),
};

function awsRule(rule: PlanValue): Opening[] {
  const self = attribute(rule, 'self') === true ? ['self'] : [];
  return openings(attribute(rule, 'protocol'), ports(attribute(rule, 'from_port'), attribute(rule, 'to_port')), [
    attribute(rule, 'cidr_blocks'),
    attribute(rule, 'ipv6_cidr_blocks'),
    attribute(rule, 'security_groups'),
    attribute(rule, 'prefix_list_ids'),
    attribute(rule, 'source_security_group_id'),
    self,
  ]);
}

function azureRule(rule: PlanValue): Opening[] {
  const direction = attribute(rule, 'direction');
  const access = attribute(rule, 'access');
  if (typeof direction === 'string' && direction.toLowerCase() !== 'inbound') return [];
  if (typeof access === 'string' && access.toLowerCase() !== 'allow') return [];
  const portList = [...stringsOf(attribute(rule, 'destination_port_range')), ...stringsOf(attribute(rule, 'destination_port_ranges'))];
  const ranges = portList.map((p) => (p.known ? portRange(p.value) : { opaque: p.reason }));
  const sources: Array<PlanValue | undefined> = [attribute(rule, 'source_address_prefix'), attribute(rule, 'source_address_prefixes')];
  return ranges.flatMap((range) => openings(attribute(rule, 'protocol'), range, sources));
}

type PortRange = { from: number; to: number } | { opaque: string };

function portsKnown([from, to]: [number, number]): PortRange {
  return { from, to };
}

function ports(from: PlanValue | undefined, to: PlanValue | undefined): PortRange {
  const why = opaqueReason(from) ?? opaqueReason(to);
  if (why) return { opaque: why };
  if (typeof from !== 'number' || typeof to !== 'number') return portsKnown(ALL_PORTS);
  // AWS writes "all ports" as 0–0 (protocol -1) or -1–-1 (ICMP): the widest reading, never a narrower one.
  if (from <= 0 && to <= 0) return portsKnown(ALL_PORTS);
  return { from, to };
}

/** `"22"`, `"1000-2000"`, `"*"`. */
function portRange(text: string): PortRange {
  if (text === '*' || text === '') return portsKnown(ALL_PORTS);
  const m = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  if (!m) return portsKnown(ALL_PORTS);
  return { from: Number(m[1]), to: Number(m[2] ?? m[1]) };
}

function openings(protocolValue: PlanValue | undefined, range: PortRange, sourceValues: ReadonlyArray<PlanValue | undefined>): Opening[] {
  const protocolWhy = opaqueReason(protocolValue);
  const protocol = protocolWhy ?? (protocolValue === undefined || protocolValue === null ? '-1' : planValueText(protocolValue).toLowerCase());
  const out: Opening[] = [];
  for (const value of sourceValues) {
    for (const s of stringsOf(value)) {
      const source = s.known ? s.value : s.reason;
      if ('opaque' in range) out.push({ protocol, ...ALL_PORTS_OBJ, source, opaque: true, unknownPorts: range.opaque });
      else out.push({ protocol, from: range.from, to: range.to, source, opaque: !s.known || protocolWhy !== undefined });
    }
  }
  return out;
}

const ALL_PORTS_OBJ = { from: ALL_PORTS[0], to: ALL_PORTS[1] };

function listOf(value: PlanValue | undefined): PlanValue[] {
  if (Array.isArray(value)) return value;
  if (isPlanObject(value)) return [value];
  if (opaqueReason(value) === undefined) return [];
  // A whole rule list the plan does not know: one rule whose every part is unknown, which matches nothing known.
  const unknownRule: { [key: string]: PlanValue } = {};
  for (const key of ['protocol', 'from_port', 'to_port', 'cidr_blocks', 'ports', 'destination_port_range', 'source_address_prefix']) unknownRule[key] = value!;
  return [unknownRule];
}
