/**
 * An argument path as policies write it (SPEC §11): names separated by
 * dots, each optionally followed by `[*]` — `versioning.enabled`,
 * `ingress[*].cidr_blocks`, `tags.Environment`. A name reaches an argument,
 * a nested block (every block of that type, `dynamic` ones included) or a
 * key of an object value; `[*]` goes through every element of a list.
 */
export interface ArgumentPath {
  /** As written, for messages. */
  text: string;
  segments: PathSegment[];
}

export interface PathSegment {
  name: string;
  /** Followed by `[*]`: every element of the list found there. */
  each: boolean;
}

export type ParsedPath = { ok: true; path: ArgumentPath } | { ok: false; error: string; offset: number };

/** A name as Terraform writes arguments and blocks, or a map key such as a tag name (`Cost-Center`, `kubernetes.io/role` is not one). */
const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

export function parseArgumentPath(text: string): ParsedPath {
  if (text === '') return { ok: false, error: 'the path is empty', offset: 0 };
  const segments: PathSegment[] = [];
  let offset = 0;
  for (const part of text.split('.')) {
    const each = part.endsWith('[*]');
    const name = each ? part.slice(0, -3) : part;
    if (!NAME.test(name)) {
      const what = name === '' ? 'an empty name' : `"${part}"`;
      return {
        ok: false,
        error: `the path "${text}" has ${what} at character ${offset + 1}; write names separated by dots, each optionally followed by [*] (e.g. "ingress[*].cidr_blocks")`,
        offset,
      };
    }
    segments.push({ name, each });
    offset += part.length + 1;
  }
  return { ok: true, path: { text, segments } };
}
