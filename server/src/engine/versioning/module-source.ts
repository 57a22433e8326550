/**
 * Classifies a module call's `source` the way Terraform does
 * (addrs.ParseModuleSource, then go-getter's detectors), and classifies git
 * refs, so rules can tell whether a module is pinned.
 *
 * Order matters and follows Terraform: local paths first, then anything
 * that parses as a registry address, then forced getters (`git::`, `s3::` …),
 * then the GitHub / Bitbucket / scp-style shorthands, then URLs.
 */

export type ModuleSourceKind =
  | 'local'
  | 'registry'
  | 'git'
  | 'github'
  | 'bitbucket'
  | 'mercurial'
  /** Archives (S3, GCS, HTTP), absolute filesystem paths, and anything unrecognised. */
  | 'other';

export interface RegistryAddress {
  /** Absent for the public registry (`registry.terraform.io`). */
  hostname?: string;
  namespace: string;
  name: string;
  targetSystem: string;
}

export interface ModuleSource {
  kind: ModuleSourceKind;
  raw: string;
  /** Registry sources only. */
  registry?: RegistryAddress;
  /** `//subdir` part, when present. */
  subdir?: string;
  /** VCS sources: the revision selected by `?ref=` (or Mercurial's `?rev=`), URL-decoded; undefined when absent. */
  ref?: string;
  /** The query parameter the ref came from. */
  refParam?: 'ref' | 'rev';
  /** `other` sources: what fetches it. */
  getter?: 's3' | 'gcs' | 'http' | 'file' | 'unknown';
  /** `other` sources: the address names a version (a versioned object key or path, or S3 `?version=`). */
  versionedArchive?: boolean;
}

const LOCAL_PREFIXES = ['./', '../', '.\\', '..\\'];
const REGISTRY_NAME = /^[0-9A-Za-z](?:[0-9A-Za-z_-]{0,62}[0-9A-Za-z])?$/;
const REGISTRY_TARGET = /^[0-9a-z]{1,64}$/;
const HOSTNAME = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*(?::\d+)?$/;
/** Hosts Terraform refuses as registry hosts: they are go-getter shorthands. */
const NOT_REGISTRY_HOSTS = new Set(['github.com', 'bitbucket.org']);
const VERSION_LIKE = /(?:^|[^0-9A-Za-z]|v)\d+\.\d+/;

export function isVcsSource(source: ModuleSource): boolean {
  return source.kind === 'git' || source.kind === 'github' || source.kind === 'bitbucket' || source.kind === 'mercurial';
}

export function classifyModuleSource(raw: string): ModuleSource {
  const text = raw.trim();
  if (text === '.' || text === '..' || LOCAL_PREFIXES.some((p) => text.startsWith(p))) {
    return { kind: 'local', raw };
  }

  const registry = parseRegistryAddress(text);
  if (registry) {
    const out: ModuleSource = { kind: 'registry', raw, registry: registry.address };
    if (registry.subdir !== undefined) out.subdir = registry.subdir;
    return out;
  }

  const forced = /^([A-Za-z0-9]+)::(.*)$/s.exec(text);
  if (forced) {
    const getter = forced[1]!.toLowerCase();
    const rest = forced[2]!;
    switch (getter) {
      case 'git':
        return vcs('git', raw, rest);
      case 'hg':
        return vcs('mercurial', raw, rest);
      case 's3':
      case 'gcs':
        return archive(raw, rest, getter);
      case 'http':
      case 'https':
        return archive(raw, rest, 'http');
      case 'file':
        return archive(raw, rest, 'file');
      default:
        return archive(raw, rest, 'unknown');
    }
  }

  if (/^git@[^:/]+:/.test(text)) return vcs('git', raw, text);
  if (/^github\.com\//i.test(text)) return vcs('github', raw, text);
  if (/^bitbucket\.org\//i.test(text)) return vcs('bitbucket', raw, text);
  if (/^(?:git|ssh):\/\//i.test(text)) return vcs('git', raw, text);
  if (/^https?:\/\//i.test(text)) return archive(raw, text, 'http');
  if (/^s3:\/\//i.test(text) || /^[^/]*\.amazonaws\.com\//i.test(text)) return archive(raw, text, 's3');
  if (/^gs:\/\//i.test(text) || /^www\.googleapis\.com\/storage\//i.test(text)) return archive(raw, text, 'gcs');
  if (text.startsWith('/') || /^[A-Za-z]:[\\/]/.test(text)) return archive(raw, text, 'file');
  return archive(raw, text, 'unknown');
}

function parseRegistryAddress(text: string): { address: RegistryAddress; subdir?: string } | undefined {
  if (text.includes('::') || text.includes('?') || text.includes(':/')) return undefined;
  let main = text;
  let subdir: string | undefined;
  const sub = text.indexOf('//');
  if (sub >= 0) {
    main = text.slice(0, sub);
    subdir = text.slice(sub + 2);
  }
  const parts = main.split('/');
  let hostname: string | undefined;
  if (parts.length === 4) {
    hostname = parts.shift()!;
    if (!HOSTNAME.test(hostname) || NOT_REGISTRY_HOSTS.has(hostname.toLowerCase())) return undefined;
  } else if (parts.length !== 3) {
    return undefined;
  }
  const [namespace, name, targetSystem] = parts as [string, string, string];
  if (!REGISTRY_NAME.test(namespace) || !REGISTRY_NAME.test(name) || !REGISTRY_TARGET.test(targetSystem)) {
    return undefined;
  }
  const address: RegistryAddress = { namespace, name, targetSystem };
  if (hostname !== undefined && hostname.toLowerCase() !== 'registry.terraform.io') address.hostname = hostname;
  return subdir === undefined ? { address } : { address, subdir };
}

function splitQuery(address: string): { path: string; query: URLSearchParams } {
  const q = address.indexOf('?');
  if (q < 0) return { path: address, query: new URLSearchParams() };
  let queryText = address.slice(q + 1);
  let path = address.slice(0, q);
  // go-getter also accepts `?ref=x//subdir`: the subdirectory after the query.
  const sub = queryText.indexOf('//');
  if (sub >= 0) {
    path += queryText.slice(sub);
    queryText = queryText.slice(0, sub);
  }
  return { path, query: new URLSearchParams(queryText) };
}

function subdirOf(path: string): string | undefined {
  const schemeEnd = path.indexOf('://');
  const from = schemeEnd >= 0 ? schemeEnd + 3 : 0;
  const sub = path.indexOf('//', from);
  return sub >= 0 ? path.slice(sub + 2) : undefined;
}

function vcs(kind: ModuleSourceKind, raw: string, address: string): ModuleSource {
  const { path, query } = splitQuery(address);
  const out: ModuleSource = { kind, raw };
  const subdir = subdirOf(path);
  if (subdir !== undefined) out.subdir = subdir;
  const ref = query.get('ref');
  const rev = query.get('rev');
  if (ref !== null && ref !== '') {
    out.ref = ref;
    out.refParam = 'ref';
  } else if (rev !== null && rev !== '') {
    out.ref = rev;
    out.refParam = 'rev';
  }
  return out;
}

function archive(raw: string, address: string, getter: NonNullable<ModuleSource['getter']>): ModuleSource {
  const { path, query } = splitQuery(address);
  const versioned = (query.get('version') ?? '') !== '' || VERSION_LIKE.test(path);
  return { kind: 'other', raw, getter, versionedArchive: versioned };
}

// ---------------------------------------------------------------------------
// Git refs

export type GitRefKind =
  /** A hex object name (7–64 hex digits). */
  | 'commit'
  /** `refs/tags/…`, `tags/…`, or a name that carries a version (`v1.2.3`, `vpc-v1.2.0`, `modules/vpc/1.4`). */
  | 'tag'
  /** A name that certainly or conventionally denotes a moving branch. */
  | 'branch'
  /** Anything else: may be a tag or a branch; only the repository knows. */
  | 'other';

export interface GitRefClass {
  kind: GitRefKind;
  /** `commit` only: a full 40-hex (SHA-1) or 64-hex (SHA-256) object name, not an abbreviation. */
  fullCommit?: boolean;
}

/** Default and long-lived branch names, and floating names, that never identify one revision. */
export const BRANCH_LIKE_REFS: ReadonlySet<string> = new Set([
  'main',
  'master',
  'develop',
  'development',
  'dev',
  'trunk',
  'default', // Mercurial's default branch
  'HEAD',
  'head',
  'latest',
]);

/** Prefixes that, by universal convention, name work-in-progress branches. */
const BRANCH_PREFIXES = ['refs/heads/', 'origin/', 'feature/', 'feat/', 'bugfix/', 'fix/', 'hotfix/'];

export function classifyGitRef(ref: string): GitRefClass {
  if (BRANCH_PREFIXES.some((p) => ref.startsWith(p))) return { kind: 'branch' };
  if (ref.startsWith('refs/tags/') || ref.startsWith('tags/')) return { kind: 'tag' };
  if (/^[0-9a-f]{7,64}$/i.test(ref)) return { kind: 'commit', fullCommit: ref.length === 40 || ref.length === 64 };
  if (BRANCH_LIKE_REFS.has(ref)) return { kind: 'branch' };
  // `release/1.2` is as often a git-flow release branch as a tag: left undecided.
  if (ref.startsWith('release/')) return { kind: 'other' };
  if (VERSION_LIKE.test(ref)) return { kind: 'tag' };
  return { kind: 'other' };
}
