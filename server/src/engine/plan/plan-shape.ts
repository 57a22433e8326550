import { inertText } from '../inert-text.js';

/**
 * A part of the plan JSON that does not have the shape Terraform documents.
 * The path names it the way a reader finds it in the file
 * (`resource_changes[3].change.actions`).
 */
export class PlanShapeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: expected ${expected}`);
  }
}

export type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function expectObject(value: unknown, path: string): JsonObject {
  if (!isObject(value)) throw new PlanShapeError(path, `an object, found ${describeJson(value)}`);
  return value;
}

export function expectString(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new PlanShapeError(path, `a string, found ${describeJson(value)}`);
  return value;
}

/** An optional member: absent and null both mean "not given" (Go's omitempty and nil pointers). */
export function optionalString(value: unknown, path: string): string | undefined {
  return value === undefined || value === null ? undefined : expectString(value, path);
}

/** A JSON value named by its kind, never by its content: the content may be a secret. */
export function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/** A member name from the file, quoted for a message. */
export function quoteForMessage(key: string): string {
  return `"${inertText(key.length > 60 ? `${key.slice(0, 60)}…` : key)}"`;
}
