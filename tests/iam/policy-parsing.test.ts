import { describe, expect, it } from 'vitest';
import { parseJsonWithOffsets, placeholder, placeholdersIn } from '../../server/src/engine/iam/policy-json.js';
import { alignLiteral } from '../../server/src/engine/iam/policy-text.js';
import {
  couldBe,
  entryList,
  mayContain,
  principalIsPublic,
  principalSet,
  statementFromValue,
  UNKNOWN_PART,
  type StatementLocation,
} from '../../server/src/engine/iam/policy-statement.js';
import { fromJson, unknown } from '../../server/src/engine/evaluate/value.js';

describe('JSON with offsets', () => {
  it('keeps the offsets of every value', () => {
    const text = '{ "Statement": [ {"Effect": "Allow"} ] }';
    const parsed = parseJsonWithOffsets(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.node.kind !== 'object') throw new Error('expected an object');
    const statements = parsed.node.entries[0]!.value;
    if (statements.kind !== 'array') throw new Error('expected an array');
    const first = statements.items[0]!;
    expect(text.slice(first.start, first.end)).toBe('{"Effect": "Allow"}');
  });

  it('decodes escapes and reports syntax errors with an offset', () => {
    const parsed = parseJsonWithOffsets('{"a": "x\\"y\\u0041"}');
    expect(parsed.ok && parsed.node.kind === 'object' && parsed.node.entries[0]!.value).toMatchObject({ kind: 'string', value: 'x"yA' });
    const broken = parseJsonWithOffsets('{"a": [1, 2}');
    expect(broken).toMatchObject({ ok: false, offset: 11 });
  });

  it('reads placeholders for unknown interpolations in strings and values', () => {
    const text = `{"Resource": "${placeholder(0)}/*", "Action": ${placeholder(1)}}`;
    const parsed = parseJsonWithOffsets(text);
    if (!parsed.ok || parsed.node.kind !== 'object') throw new Error('expected an object');
    const [resource, action] = parsed.node.entries;
    expect(resource!.value.kind).toBe('string');
    expect(placeholdersIn((resource!.value as { value: string }).value)).toEqual([0]);
    expect(action!.value).toMatchObject({ kind: 'placeholder', id: 1 });
  });
});

describe('aligning literal text with its source', () => {
  it('maps quoted-string escapes to where they start', () => {
    const raw = '{\\"Effect\\": 1}';
    const value = '{"Effect": 1}';
    const offsets = alignLiteral(raw, value, true)!;
    expect(offsets).toHaveLength(value.length + 1);
    expect(raw[offsets[value.indexOf('E')]!]).toBe('E');
    expect(offsets[1]).toBe(1); // the `"` comes from `\"`
  });

  it('skips stripped heredoc indentation', () => {
    const raw = '    {\n      "a": 1\n    }\n';
    const value = '{\n  "a": 1\n}\n';
    const offsets = alignLiteral(raw, value, false)!;
    expect(raw[offsets[0]!]).toBe('{');
    expect(raw[offsets[value.indexOf('"')]!]).toBe('"');
    expect(raw[offsets[value.indexOf('}')]!]).toBe('}');
  });

  it('gives up when the text does not line up', () => {
    expect(alignLiteral('abc', 'abd', false)).toBeUndefined();
  });
});

describe('policy entries', () => {
  it('knows what an outlined unknown can be', () => {
    const arnObjects = { known: false as const, reason: 'r', shape: `${UNKNOWN_PART}/*` };
    expect(couldBe(arnObjects, '*')).toBe(false);
    expect(couldBe({ known: false, reason: 'r', shape: `arn:${UNKNOWN_PART}` }, '*')).toBe(false);
    expect(couldBe({ known: false, reason: 'r', shape: `${UNKNOWN_PART}` }, '*')).toBe(true);
    expect(couldBe({ known: false, reason: 'r', shape: `*${UNKNOWN_PART}` }, '*')).toBe(true);
    expect(couldBe({ known: false, reason: 'r' }, '*')).toBe(true);
  });

  it('reads strings, lists and unknown lists', () => {
    expect(entryList(fromJson('*'))).toEqual({ entries: [{ known: true, value: '*' }] });
    expect(entryList(fromJson(['a', 'b'])).entries).toHaveLength(2);
    expect(entryList(unknown('var.x is an input'))).toEqual({ entries: [], unknown: 'var.x is an input' });
    expect(mayContain(entryList(unknown('u')), '*')).toBe('maybe');
    expect(mayContain(entryList(fromJson(['arn:aws:s3:::b'])), '*')).toBe('no');
  });

  it('reads principals in their three JSON forms', () => {
    expect(principalIsPublic(principalSet(fromJson('*')))).toBe('yes');
    expect(principalIsPublic(principalSet(fromJson({ AWS: '*' })))).toBe('yes');
    expect(principalIsPublic(principalSet(fromJson({ AWS: ['arn:aws:iam::123456789012:root', '*'] })))).toBe('yes');
    expect(principalIsPublic(principalSet(fromJson({ Service: 'lambda.amazonaws.com' })))).toBe('no');
    expect(principalIsPublic(principalSet(unknown('u')))).toBe('maybe');
  });
});

describe('statement normalisation', () => {
  const location = { file: {} as StatementLocation['file'], range: {} as StatementLocation['range'], related: [] };
  const info = { kind: 'identity' as const, policyName: 'p', index: 0, location };

  it('normalises a JSON statement', () => {
    const s = statementFromValue(
      fromJson({ Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', NotResource: ['x'], Condition: { Bool: { 'aws:SecureTransport': 'true' } } }),
      info,
    );
    expect(s).toMatchObject({
      sid: 'A',
      effect: { known: true, value: 'Allow' },
      actions: { entries: [{ known: true, value: 's3:GetObject' }] },
      notResources: { entries: [{ known: true, value: 'x' }] },
      hasCondition: { known: true, value: true },
    });
    expect(s.resources).toBeUndefined();
  });

  it('treats a missing or unknown Effect as unknown, never as Allow', () => {
    expect(statementFromValue(fromJson({ Action: '*' }), info).effect.known).toBe(false);
    expect(statementFromValue(fromJson({ Effect: 'deny', Action: '*' }), info).effect).toEqual({ known: true, value: 'Deny' });
  });

  it('makes a wholly unknown statement unknown in every part', () => {
    const s = statementFromValue(unknown('dynamic'), info);
    expect(s.effect).toEqual({ known: false, reason: 'dynamic' });
    expect(s.actions?.unknown).toBe('dynamic');
  });
});
