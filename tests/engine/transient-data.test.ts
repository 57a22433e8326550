import { describe, expect, it } from 'vitest';
import { transience } from '../../server/src/engine/lifecycle/transient-data.js';
import { fromJson, unknown } from '../../server/src/engine/evaluate/value.js';
import type { Value } from '../../server/src/engine/evaluate/value.js';

const read = (values: Record<string, Value>) => (argument: string) => values[argument];

describe('data transient by configuration', () => {
  it('knows a short-lived queue and a memcached cluster', () => {
    expect(transience('aws_sqs_queue', read({ message_retention_seconds: fromJson(300) })).transient).toBe(true);
    expect(transience('aws_elasticache_cluster', read({ engine: fromJson('memcached') })).transient).toBe(true);
  });

  it('keeps defaults, long retention, other engines and other types stateful', () => {
    expect(transience('aws_sqs_queue', read({})).transient).toBe(false);
    expect(transience('aws_sqs_queue', read({ message_retention_seconds: fromJson(3600) })).transient).toBe(false);
    expect(transience('aws_elasticache_cluster', read({ engine: fromJson('redis') })).transient).toBe(false);
    expect(transience('aws_s3_bucket', read({ message_retention_seconds: fromJson(60) })).transient).toBe(false);
  });

  it('is unknown when the deciding argument is, and says which', () => {
    expect(transience('aws_sqs_queue', read({ message_retention_seconds: unknown('var.retention') }))).toEqual({
      transient: 'unknown',
      argument: 'message_retention_seconds',
      reason: 'var.retention',
    });
  });
});
