import { describe, expect, it } from 'vitest';
import { openedIngress } from '../../server/src/engine/checklist/plan-network.js';
import { planAccessChange } from '../../server/src/engine/checklist/plan-policies.js';
import { SENSITIVE, UNKNOWN_AFTER_APPLY, type PlanValue } from '../../server/src/engine/plan/plan-model.js';
import { planned } from '../support/plan-builder.js';

const opened = (address: string, before: PlanValue, after: PlanValue) => openedIngress(planned({ address, actions: before === null ? ['create'] : ['update'], before, after }));

describe('ingress opened between before and after, per firewall type', () => {
  it('aws_security_group_rule: a wider port range or a new source opens; egress never does', () => {
    const rule = (from: number, to: number, cidrs: PlanValue, type = 'ingress'): PlanValue => ({ type, from_port: from, to_port: to, protocol: 'tcp', cidr_blocks: cidrs });
    expect(opened('aws_security_group_rule.a', rule(443, 443, ['10.0.0.0/8']), rule(443, 443, ['10.0.0.0/8']))).toEqual([]);
    expect(opened('aws_security_group_rule.a', rule(443, 443, ['10.0.0.0/8']), rule(80, 443, ['10.0.0.0/8']))).toEqual(['tcp 80-443 from `10.0.0.0/8`']);
    expect(opened('aws_security_group_rule.a', rule(0, 65535, ['10.0.0.0/8']), rule(22, 22, ['10.0.0.0/8']))).toEqual([]);
    expect(opened('aws_security_group_rule.a', rule(22, 22, []), rule(22, 22, ['0.0.0.0/0']))).toEqual(['tcp 22 from `0.0.0.0/0`']);
    expect(opened('aws_security_group_rule.a', rule(22, 22, [], 'egress'), rule(22, 22, ['0.0.0.0/0'], 'egress'))).toEqual([]);
  });

  it('a protocol -1 rule allows every protocol and port: a narrower one after opens nothing, a wider one after does', () => {
    const sg = (protocol: string, from: number, to: number): PlanValue => ({ ingress: [{ protocol, from_port: from, to_port: to, cidr_blocks: ['10.0.0.0/8'] }] });
    expect(opened('aws_security_group.a', sg('-1', 0, 0), sg('tcp', 5432, 5432))).toEqual([]);
    expect(opened('aws_security_group.a', sg('tcp', 5432, 5432), sg('-1', 0, 0))).toEqual(['all protocols all ports from `10.0.0.0/8`']);
  });

  it('aws_vpc_security_group_ingress_rule: the one source it names', () => {
    const rule = (cidr: PlanValue): PlanValue => ({ ip_protocol: 'tcp', from_port: 3389, to_port: 3389, cidr_ipv4: cidr });
    expect(opened('aws_vpc_security_group_ingress_rule.rdp', null, rule('0.0.0.0/0'))).toEqual(['tcp 3389 from `0.0.0.0/0`']);
    expect(opened('aws_vpc_security_group_ingress_rule.rdp', rule('10.1.0.0/16'), rule('10.1.0.0/16'))).toEqual([]);
  });

  it('google_compute_firewall: source ranges and allowed ports; an egress or disabled firewall opens nothing', () => {
    const fw = (ranges: string[], ports: string[], extra: Record<string, PlanValue> = {}): PlanValue => ({ direction: 'INGRESS', source_ranges: ranges, allow: [{ protocol: 'tcp', ports }], ...extra });
    expect(opened('google_compute_firewall.web', fw(['10.0.0.0/8'], ['443']), fw(['10.0.0.0/8', '0.0.0.0/0'], ['443']))).toEqual(['tcp 443 from `0.0.0.0/0`']);
    expect(opened('google_compute_firewall.web', fw(['10.0.0.0/8'], ['1000-2000']), fw(['10.0.0.0/8'], ['1500']))).toEqual([]);
    expect(opened('google_compute_firewall.web', fw(['10.0.0.0/8'], ['443']), fw(['10.0.0.0/8'], []))).toEqual(['tcp all ports from `10.0.0.0/8`']);
    expect(opened('google_compute_firewall.web', null, fw(['0.0.0.0/0'], ['22'], { direction: 'EGRESS' }))).toEqual([]);
    expect(opened('google_compute_firewall.web', null, fw(['0.0.0.0/0'], ['22'], { disabled: true }))).toEqual([]);
  });

  it('azurerm_network_security_rule: inbound Allow rules only', () => {
    const rule = (prefix: string, ports: string, extra: Record<string, PlanValue> = {}): PlanValue => ({ direction: 'Inbound', access: 'Allow', protocol: 'Tcp', source_address_prefix: prefix, destination_port_range: ports, ...extra });
    expect(opened('azurerm_network_security_rule.ssh', rule('10.0.0.0/8', '22'), rule('*', '22'))).toEqual(['tcp 22 from `*`']);
    expect(opened('azurerm_network_security_rule.ssh', null, rule('*', '22', { access: 'Deny' }))).toEqual([]);
    expect(opened('azurerm_network_security_rule.ssh', null, rule('*', '22', { direction: 'Outbound' }))).toEqual([]);
  });

  it('a rule list known only after apply is opened, named as such', () => {
    expect(opened('aws_security_group.a', { ingress: [] }, { ingress: UNKNOWN_AFTER_APPLY })).toEqual(['(known after apply) ports (known after apply) from `(known after apply)`']);
  });
});

describe('IAM access in the plan: documents in nested blocks and trust policies', () => {
  const role = (trust: string, inline: PlanValue): PlanValue => ({ assume_role_policy: trust, inline_policy: inline });
  const doc = (statement: Record<string, unknown>) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
  const ec2Trust = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' });
  const anyoneTrust = doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' });
  const change = (before: PlanValue, after: PlanValue) => planAccessChange(planned({ address: 'aws_iam_role.worker', actions: ['update'], before, after }));

  it('a trust policy that lets anyone assume the role is a widening of its principals', () => {
    expect(change(role(ec2Trust, []), role(anyoneTrust, []))).toEqual({ kind: 'widened', gained: ['principals AWS:*'], isNew: false });
    const both = doc({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com', AWS: '*' }, Action: 'sts:AssumeRole' });
    expect(change(role(both, []), role(ec2Trust, []))).toEqual({ kind: 'changed' });
  });

  it('reads inline_policy blocks, and a sensitive one is said, not compared', () => {
    const inline = (actions: string[]) => [{ name: 'x', policy: doc({ Effect: 'Allow', Action: actions, Resource: '*' }) }];
    expect(change(role(ec2Trust, inline(['s3:GetObject'])), role(ec2Trust, inline(['s3:GetObject', 'kms:Decrypt'])))).toEqual({ kind: 'widened', gained: ['actions kms:Decrypt'], isNew: false });
    expect(change(role(ec2Trust, inline(['s3:GetObject'])), role(ec2Trust, [{ name: 'x', policy: SENSITIVE }]))).toEqual({ kind: 'unreadable', reasons: ['`policy` is (sensitive)'] });
  });

  it('a document that is not JSON is said, not guessed', () => {
    expect(change(role(ec2Trust, []), role('{not json', []))).toEqual({ kind: 'unreadable', reasons: ['`assume_role_policy` is not JSON'] });
  });
});
