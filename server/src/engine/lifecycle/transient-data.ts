import type { Value } from '../evaluate/value.js';

/**
 * Stateful resource types whose data is transient by configuration, for
 * `lifecycle/prevent-destroy`: destroying such a resource loses nothing that
 * would not be gone within the hour anyway, so demanding prevent_destroy on
 * it is noise. Each entry names the argument that makes the data transient;
 * when that argument is absent, the type's default keeps data and the
 * resource is judged as stateful.
 */
interface TransientWhen {
  type: string;
  argument: string;
  /** True when the value makes the data transient; values of another kind are not. */
  transient(value: Value): boolean;
  /** Why, for the checklist: `keeps messages for at most 300 seconds`. */
  describe(value: Value): string;
}

/** Under an hour of retention, a queue is a hand-off, not a store (SQS allows 60 seconds to 14 days). */
const QUEUE_RETENTION_LIMIT_SECONDS = 3600;

const TRANSIENT_WHEN: readonly TransientWhen[] = [
  {
    type: 'aws_sqs_queue',
    argument: 'message_retention_seconds',
    transient: (v) => v.kind === 'number' && v.value < QUEUE_RETENTION_LIMIT_SECONDS,
    describe: (v) => `keeps messages for ${v.kind === 'number' ? v.value : '?'} seconds`,
  },
  {
    // Memcached holds everything in memory and has no snapshots: a cache that is rebuilt, never restored.
    type: 'aws_elasticache_cluster',
    argument: 'engine',
    transient: (v) => v.kind === 'string' && v.value.toLowerCase() === 'memcached',
    describe: () => 'runs memcached, which keeps nothing on disk',
  },
];

export type Transience = { transient: true; why: string } | { transient: false } | { transient: 'unknown'; argument: string; reason: string };

const NOT_TRANSIENT: Transience = { transient: false };

/** Whether a resource's configuration makes its data transient; `read` gives an argument's value (undefined when absent). */
export function transience(type: string, read: (argument: string) => Value | undefined): Transience {
  for (const entry of TRANSIENT_WHEN) {
    if (entry.type !== type) continue;
    const value = read(entry.argument);
    if (value === undefined) continue;
    if (value.kind === 'unknown') return { transient: 'unknown', argument: entry.argument, reason: value.reason };
    if (entry.transient(value)) return { transient: true, why: entry.describe(value) };
  }
  return NOT_TRANSIENT;
}
