import type { Value } from './value.js';

/** Terraform's `==` on values; undefined when an unknown part makes it undecidable. */
export function valuesEqual(a: Value, b: Value): boolean | undefined {
  if (a.kind === 'unknown' || b.kind === 'unknown') return undefined;
  if (a.kind !== b.kind) return false;
  switch (a.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return a.value === (b as typeof a).value;
    case 'null':
      return true;
    case 'tuple': {
      const bi = (b as typeof a).items;
      if (a.items.length !== bi.length) return false;
      let result: boolean | undefined = true;
      for (let i = 0; i < bi.length; i++) {
        const eq = valuesEqual(a.items[i]!, bi[i]!);
        if (eq === false) return false;
        if (eq === undefined) result = undefined;
      }
      return result;
    }
    case 'object': {
      const be = (b as typeof a).entries;
      if (a.entries.size !== be.size) return false;
      let result: boolean | undefined = true;
      for (const [k, v] of a.entries) {
        const other = be.get(k);
        if (!other) return false;
        const eq = valuesEqual(v, other);
        if (eq === false) return false;
        if (eq === undefined) result = undefined;
      }
      return result;
    }
  }
}
