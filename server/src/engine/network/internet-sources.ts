/**
 * Which source addresses of a firewall rule mean "anyone on the internet".
 * Pure functions over evaluated values; unknown parts are reported as such
 * so that rules can stay silent (SPEC §2, certainty principle).
 */
import { asString, type Value } from '../evaluate/value.js';

/** A CIDR with prefix length 0 (`0.0.0.0/0`, `::/0`): every address. */
export function isInternetCidr(text: string): boolean {
  const m = /^\s*([0-9a-fA-F:.]+)\/0+\s*$/.exec(text);
  return !!m && (m[1]!.includes('.') || m[1]!.includes(':'));
}

/** Azure NSG source prefixes that admit the internet: `*`, `Internet`, `Any` and /0 CIDRs. */
export function isAzureInternetPrefix(text: string): boolean {
  const t = text.trim().toLowerCase();
  return t === '*' || t === 'internet' || t === 'any' || isInternetCidr(t);
}

export interface SourceScan {
  /** The sources that admit the internet, as written. */
  open: string[];
  /** Set when some source is not known statically and none of the known ones is open. */
  unknownReason?: string;
}

/**
 * Scans a source value — one string or a list of them — for internet
 * sources. `null` and absent values admit nothing.
 */
export function scanSources(value: Value | undefined, isOpen: (text: string) => boolean): SourceScan {
  const open: string[] = [];
  let unknownReason: string | undefined;
  const visit = (v: Value): void => {
    if (v.kind === 'unknown') {
      unknownReason ??= v.reason;
      return;
    }
    if (v.kind === 'tuple') {
      for (const item of v.items) visit(item);
      return;
    }
    const text = asString(v);
    if (text !== undefined && isOpen(text)) open.push(text.trim());
  };
  if (value) visit(value);
  return open.length > 0 || unknownReason === undefined ? { open } : { open, unknownReason };
}
