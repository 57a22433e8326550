import { describe, expect, it } from 'vitest';
import {
  classifyGitRef,
  classifyModuleSource,
  isVcsSource,
  type GitRefKind,
  type ModuleSourceKind,
} from '../../server/src/engine/versioning/module-source.js';

describe('classifyModuleSource', () => {
  const kinds: Array<[string, ModuleSourceKind]> = [
    ['./modules/vpc', 'local'],
    ['../shared', 'local'],
    ['.\\modules\\vpc', 'local'],
    ['terraform-aws-modules/vpc/aws', 'registry'],
    ['hashicorp/consul/aws//modules/consul-cluster', 'registry'],
    ['app.terraform.io/acme/network/aws', 'registry'],
    ['localhost:8443/acme/network/aws', 'registry'],
    ['git::https://example.com/vpc.git', 'git'],
    ['git::ssh://git@example.com/vpc.git?ref=v1', 'git'],
    ['git::https://github.com/acme/vpc.git?ref=v1', 'git'],
    ['git@github.com:acme/vpc.git', 'git'],
    ['git://example.com/vpc.git', 'git'],
    ['github.com/acme/vpc', 'github'],
    ['github.com/acme/vpc//modules/x?ref=v1.0.0', 'github'],
    ['bitbucket.org/acme/vpc', 'bitbucket'],
    ['hg::http://example.com/vpc.hg', 'mercurial'],
    ['s3::https://s3-eu-west-1.amazonaws.com/bucket/vpc.zip', 'other'],
    ['gcs::https://www.googleapis.com/storage/v1/bucket/vpc.zip', 'other'],
    ['https://example.com/vpc-module.zip', 'other'],
    ['acme-modules.s3.amazonaws.com/vpc.zip', 'other'],
    ['/opt/modules/vpc', 'other'],
    // Terraform refuses github.com as a registry host: these are go-getter shorthands.
    ['github.com/acme/vpc/aws', 'github'],
    // Not a registry address (3 parts, but the namespace cannot contain a dot), nor a known shorthand.
    ['example.com/acme/vpc', 'other'],
  ];
  for (const [raw, kind] of kinds) {
    it(`${raw} → ${kind}`, () => expect(classifyModuleSource(raw).kind).toBe(kind));
  }

  it('splits registry addresses', () => {
    expect(classifyModuleSource('app.terraform.io/acme/consul/aws//modules/server')).toMatchObject({
      registry: { hostname: 'app.terraform.io', namespace: 'acme', name: 'consul', targetSystem: 'aws' },
      subdir: 'modules/server',
    });
    expect(classifyModuleSource('registry.terraform.io/hashicorp/consul/aws').registry).toEqual({
      namespace: 'hashicorp',
      name: 'consul',
      targetSystem: 'aws',
    });
  });

  it('extracts the ref and subdirectory, in either order', () => {
    expect(classifyModuleSource('git::https://example.com/net.git//modules/vpc?ref=v1.2.0')).toMatchObject({
      ref: 'v1.2.0',
      refParam: 'ref',
      subdir: 'modules/vpc',
    });
    expect(classifyModuleSource('git::https://example.com/net.git?ref=v1.2.0//modules/vpc')).toMatchObject({
      ref: 'v1.2.0',
      subdir: 'modules/vpc',
    });
    expect(classifyModuleSource('git::https://example.com/net.git?depth=1&ref=refs%2Ftags%2Fv2').ref).toBe('refs/tags/v2');
    expect(classifyModuleSource('hg::http://example.com/net.hg?rev=default')).toMatchObject({ ref: 'default', refParam: 'rev' });
    expect(classifyModuleSource('github.com/acme/vpc').ref).toBeUndefined();
    expect(classifyModuleSource('github.com/acme/vpc?ref=').ref).toBeUndefined();
  });

  it('tells VCS sources apart', () => {
    expect(isVcsSource(classifyModuleSource('bitbucket.org/acme/vpc'))).toBe(true);
    expect(isVcsSource(classifyModuleSource('terraform-aws-modules/vpc/aws'))).toBe(false);
    expect(isVcsSource(classifyModuleSource('https://example.com/vpc.zip'))).toBe(false);
  });

  it('notices versioned archives', () => {
    expect(classifyModuleSource('https://example.com/vpc-1.4.0.zip').versionedArchive).toBe(true);
    expect(classifyModuleSource('s3::https://s3.amazonaws.com/bucket/vpc.zip?version=3HL4kqtJlcpXroDTDmJ').versionedArchive).toBe(true);
    expect(classifyModuleSource('s3::https://s3.amazonaws.com/bucket/vpc.zip').versionedArchive).toBe(false);
  });
});

describe('classifyGitRef', () => {
  const refs: Array<[string, GitRefKind, boolean?]> = [
    ['main', 'branch'],
    ['master', 'branch'],
    ['develop', 'branch'],
    ['trunk', 'branch'],
    ['HEAD', 'branch'],
    ['default', 'branch'],
    ['refs/heads/release-1.2', 'branch'],
    ['feature/new-subnets', 'branch'],
    ['hotfix/1.2.1', 'branch'],
    ['v1.2.3', 'tag'],
    ['1.2.3', 'tag'],
    ['v1.2', 'tag'],
    ['v1.2.3-rc.1', 'tag'],
    ['vpc-v1.2.0', 'tag'],
    ['modules/vpc/v1.4.0', 'tag'],
    ['refs/tags/stable', 'tag'],
    ['tags/prod', 'tag'],
    ['4f9c2a7', 'commit', false],
    ['4f9c2a7e1b3d5f60718293a4b5c6d7e8f9012345', 'commit', true],
    ['stable', 'other'],
    ['v1', 'other'],
    ['release/1.2', 'other'],
    ['production', 'other'],
  ];
  for (const [ref, kind, full] of refs) {
    it(`${ref} → ${kind}`, () => {
      const c = classifyGitRef(ref);
      expect(c.kind).toBe(kind);
      if (full !== undefined) expect(c.fullCommit).toBe(full);
    });
  }
});
