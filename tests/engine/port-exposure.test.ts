import { describe, expect, test } from 'vitest';
import { awsPortSet, awsPortsMatter, gradeExposure } from '../../server/src/engine/network/port-exposure.js';

const what = (protocol: string, from: number | undefined, to: number | undefined, form: 'inline' | 'rule-resource' = 'rule-resource') =>
  gradeExposure(awsPortSet(protocol, from, to, form))?.what;

describe('AWS ports as EC2 and the provider read them', () => {
  test('TCP/UDP: a port outside 0-65535 or a reversed range is rejected by EC2 and opens nothing', () => {
    expect(awsPortSet('tcp', -1, -1, 'rule-resource')).toEqual({ kind: 'none' });
    expect(awsPortSet('udp', -1, 53, 'inline')).toEqual({ kind: 'none' });
    expect(awsPortSet('tcp', 22, 65536, 'rule-resource')).toEqual({ kind: 'none' });
    expect(awsPortSet('tcp', 23, 21, 'rule-resource')).toEqual({ kind: 'none' });
    expect(awsPortSet('tcp', undefined, 22, 'rule-resource')).toEqual({ kind: 'none' });
  });

  test('TCP/UDP: valid ranges keep their meaning; protocol numbers read as names; no negative port in a message', () => {
    expect(what('tcp', 0, 65535)).toBe('all tcp ports');
    expect(what('6', 22, 22)).toBe('SSH (22)');
    expect(what('17', 5000, 5010)).toBe('udp ports 5000-5010');
    expect(what('tcp', 0, 22)).toBe('SSH (22) (in tcp port range 0-22)');
    for (const [from, to] of [[-1, -1], [-1, 22], [-5, 80]] as const) expect(what('tcp', from, to)).toBeUndefined();
  });

  test('all protocols: ports ignored by EC2, but an inline block with ports other than 0 is rejected by the provider', () => {
    expect(what('-1', -1, -1)).toBe('all traffic (every protocol and port)');
    expect(what('all', 22, 22)).toBe('all traffic (every protocol and port)');
    expect(what('-1', 0, 0, 'inline')).toBe('all traffic (every protocol and port)');
    expect(what('-1', undefined, undefined, 'inline')).toBe('all traffic (every protocol and port)');
    expect(what('-1', 22, 22, 'inline')).toBeUndefined();
    expect(what('-1', -1, -1, 'inline')).toBeUndefined();
  });

  test('ICMP is not graded; other protocols (SCTP included) open all their traffic whatever the ports', () => {
    expect(what('icmp', -1, -1)).toBeUndefined();
    expect(what('58', -1, -1)).toBeUndefined();
    expect(what('132', 5000, 5000)).toBe('all protocol 132 traffic');
    expect(what('sctp', -1, -1)).toBe('all protocol sctp traffic');
  });

  test('which protocols make an unknown port undecided', () => {
    expect(awsPortsMatter('tcp', 'rule-resource')).toBe(true);
    expect(awsPortsMatter('-1', 'inline')).toBe(true);
    expect(awsPortsMatter('-1', 'rule-resource')).toBe(false);
    expect(awsPortsMatter('icmp', 'inline')).toBe(false);
    expect(awsPortsMatter('50', 'rule-resource')).toBe(false);
  });
});
