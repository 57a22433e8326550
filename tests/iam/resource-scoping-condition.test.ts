import { describe, expect, it } from 'vitest';
import { statementFromValue, type StatementLocation } from '../../server/src/engine/iam/policy-statement.js';
import { resourceScoping } from '../../server/src/engine/iam/resource-scoping-condition.js';
import { fromJson, object, unknown } from '../../server/src/engine/evaluate/value.js';
import type { Value } from '../../server/src/engine/evaluate/value.js';

const location = { file: {} as StatementLocation['file'], range: {} as StatementLocation['range'], related: [] };
const info = { kind: 'identity' as const, policyName: 'p', index: 0, location };

function scoping(condition: Value) {
  const statement = statementFromValue(
    object(new Map<string, Value>([['Effect', fromJson('Allow')], ['Action', fromJson('ec2:CreateVolume')], ['Resource', fromJson('*')], ['Condition', condition]])),
    info,
  );
  return resourceScoping(statement).narrowed;
}

describe('conditions that narrow the resources of a statement', () => {
  it('counts resource, request-tag and create keys whose test fails without the key', () => {
    expect(scoping(fromJson({ StringEquals: { 'aws:ResourceTag/team': 'a' } }))).toBe(true);
    expect(scoping(fromJson({ StringLike: { 'ec2:ResourceTag/team': '*' } }))).toBe(true);
    expect(scoping(fromJson({ Null: { 'aws:RequestTag/team': 'false' } }))).toBe(true);
    expect(scoping(fromJson({ 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team'] } }))).toBe(true);
    expect(scoping(fromJson({ StringEquals: { 'iam:AWSServiceName': 'fsx.amazonaws.com' } }))).toBe(true);
    expect(scoping(fromJson({ StringEquals: { 'ec2:CreateAction': ['RunInstances'] } }))).toBe(true);
    expect(scoping(fromJson({ StringEquals: { 'aws:ResourceAccount': '123456789012' } }))).toBe(true);
  });

  it('does not count tests that hold on a request without the key, or that name everything', () => {
    expect(scoping(fromJson({ Null: { 'aws:RequestTag/team': 'true' } }))).toBe(false);
    expect(scoping(fromJson({ StringNotEquals: { 'aws:ResourceTag/team': 'a' } }))).toBe(false);
    expect(scoping(fromJson({ 'ForAnyValue:StringNotLike': { 'aws:TagKeys': 'a' } }))).toBe(false);
    expect(scoping(fromJson({ StringEqualsIfExists: { 'aws:ResourceTag/team': 'a' } }))).toBe(false);
    expect(scoping(fromJson({ 'ForAllValues:StringEquals': { 'aws:TagKeys': ['team'] } }))).toBe(false);
    expect(scoping(fromJson({ StringLike: { 'iam:AWSServiceName': '*' } }))).toBe(false);
  });

  it('does not count keys about the caller or the use of a resource', () => {
    expect(scoping(fromJson({ StringEquals: { 'kms:ViaService': 'ec2.eu-west-1.amazonaws.com' } }))).toBe(false);
    expect(scoping(fromJson({ StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } }))).toBe(false);
    expect(scoping(fromJson({ IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }))).toBe(false);
    expect(scoping(fromJson({ StringEquals: { 'aws:PrincipalTag/team': 'a' } }))).toBe(false);
  });

  it('is unknown when a Null test has an unknown value, and known when another test narrows', () => {
    const nullUnknown = object(new Map([['Null', object(new Map([['aws:RequestTag/team', unknown('var.flag')]]))]]));
    expect(scoping(nullUnknown)).toBe('unknown');
    const both = object(
      new Map<string, Value>([
        ['Null', object(new Map([['aws:RequestTag/team', unknown('var.flag')]]))],
        ['StringEquals', fromJson({ 'aws:ResourceTag/team': 'a' })],
      ]),
    );
    expect(scoping(both)).toBe(true);
  });
});
