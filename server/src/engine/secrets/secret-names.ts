/**
 * Which argument, variable, output and map-key names hold secrets (SPEC §3,
 * "Secrets and hard-coded values"). Shared by `secrets/hardcoded-secret` and
 * `secrets/sensitive-variable` so both agree on what a secret name is.
 *
 * Names are compared in snake case: `DB_PASSWORD`, `dbPassword`,
 * `db-password` and `db_password` are the same name; for dotted or slashed
 * paths (`postgresql.auth.password`, Helm `set` names) the last segment counts.
 */
import { TextMemo } from '../text-memo.js';

/** Whole names that are secrets; `<anything>_<word>` is one too. */
const SECRET_WORDS = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'api_key',
  'apikey',
  'access_key',
  'secret_key',
  'private_key',
  'client_secret',
  'connection_string',
  'secret_string',
  'secret_data',
  'secret_value',
  'passwords',
];

/**
 * Names ending in a secret word whose value is not a secret: idempotency
 * tokens (`aws_efs_file_system.creation_token`), pagination tokens, and the
 * names of Kubernetes/Helm secrets (`existing_secret`, `image_pull_secret`).
 */
const NOT_SECRET_NAMES = new Set([
  'creation_token',
  'idempotency_token',
  'client_token',
  'request_token',
  'next_token',
  'page_token',
  'pagination_token',
  'continuation_token',
  'existing_secret',
  'pull_secret',
  'image_pull_secret',
  'tls_secret',
]);

/**
 * Leading words that make the name a switch or a reference about a secret,
 * not the secret: `manage_master_user_password` (bool), `create_random_password`,
 * `existing_secret`, `generate_secret`.
 */
const NOT_SECRET_PREFIXES = [
  'manage_',
  'create_',
  'enable_',
  'disable_',
  'generate_',
  'use_',
  'rotate_',
  'require_',
  'is_',
  'has_',
  'should_',
  'existing_',
  'skip_',
  'allow_',
];

/**
 * Words that, before the secret word, say the value is derived from a secret or describes one instead of being it:
 * ciphertext under someone else's key (`encrypted_password` / `encrypted_secret` of aws_iam_user_login_profile and
 * aws_iam_access_key are encrypted with the user's PGP key, and only that key's holder can read them), a one-way
 * digest (`hashed_password`, `fingerprint_secret`), a marker of which version is current (`version_token` of
 * aws_s3tables_table; only right before the secret word: `version_control_token` is a VCS credential).
 * `unencrypted` is a different word, so `unencrypted_password` stays a secret.
 */
const NOT_SECRET_QUALIFIERS = new Set(['encrypted', 'fingerprint', 'fingerprints', 'hash', 'hashed', 'digest', 'checksum']);
const NOT_SECRET_LAST_QUALIFIERS = new Set(['version', 'versions']);

/**
 * Verbs before the secret word make the name a setting about secrets, not one: `expire_passwords` (a bool of
 * aws_iam_account_password_policy), `iam_rotate_token`. The same verbs as a leading word are in NOT_SECRET_PREFIXES.
 */
const SETTING_VERBS = new Set(['manage', 'create', 'enable', 'disable', 'generate', 'rotate', 'require', 'allow', 'expire', 'skip']);

/** Suffixes that name something about a secret (its ARN, id, length …) rather than the secret itself. */
const NOT_SECRET_SUFFIXES = ['_arn', '_id', '_ids', '_name', '_names', '_length', '_ttl', '_version', '_policy', '_enabled', '_required'];

/** `DB_PASSWORD`, `dbPassword`, `db-password`, `postgresql.auth.password` → `password`-style snake case of the last segment. */
export function normalizeName(name: string): string {
  const segment = name.split(/[./]/).filter((s) => s !== '').pop() ?? '';
  return segment
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1_') // not `([A-Z]+)([A-Z][a-z])`: quadratic on a long capital run
    .toLowerCase()
    .replace(/[-\s]+/g, '_');
}

const secretNames = new TextMemo<boolean>(50_000);

/** True when a name (argument, variable, output, map key) holds a secret. Names repeat, so answers are memoised. */
export function isSecretName(name: string): boolean {
  return secretNames.get(name, classifySecretName);
}

function classifySecretName(name: string): boolean {
  // Write-only arguments (`password_wo`, Terraform 1.11) take the same secret.
  const n = normalizeName(name).replace(/_wo$/, '');
  if (n === '' || NOT_SECRET_NAMES.has(n)) return false;
  if (NOT_SECRET_SUFFIXES.some((s) => n.endsWith(s))) return false;
  if (NOT_SECRET_PREFIXES.some((p) => n.startsWith(p))) return false;
  for (const word of SECRET_WORDS) {
    if (n === word || n.endsWith(`_${word}`)) {
      const before = n.slice(0, Math.max(0, n.length - word.length - 1)).split('_');
      const last = before[before.length - 1]!;
      if (NOT_SECRET_NAMES.has(`${last}_${word}`) || NOT_SECRET_LAST_QUALIFIERS.has(last)) return false;
      return !before.some((w) => NOT_SECRET_QUALIFIERS.has(w) || SETTING_VERBS.has(w));
    }
  }
  return false;
}

/**
 * Strings that point at a secret instead of holding one: ARNs, Secrets
 * Manager / SSM dynamic references, GCP Secret Manager names, Azure Key
 * Vault URIs. Given to a secret-named argument they are not hard-coded secrets.
 */
export function isSecretReference(value: string): boolean {
  return (
    /^arn:aws[a-z-]*:/.test(value) ||
    /^\{\{resolve:(secretsmanager|ssm|ssm-secure):/.test(value) ||
    /^projects\/[^/]+\/secrets\/[^/]+/.test(value) ||
    /^https:\/\/[a-z0-9-]+\.vault\.(azure\.net|azure\.cn|usgovcloudapi\.net)\/secrets\//i.test(value)
  );
}

/** An AWS access key id: `AKIA` (long-term) or `ASIA` (temporary) and 16 upper-case letters or digits, on word boundaries. */
export const AWS_ACCESS_KEY_ID = /(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z0-9]{16}(?![A-Za-z0-9])/g;

/**
 * A PEM private key with key material after its header (a bare header, as in
 * `startswith(var.key, "-----BEGIN RSA PRIVATE KEY-----")`, holds no key).
 */
export const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----\s*(?:[A-Za-z0-9-]+:[^\n]*\n\s*)*[A-Za-z0-9+/=]{40}/g;

/** AWS's own documentation key ids (`AKIAIOSFODNN7EXAMPLE`) appear in every tutorial: not a leak on their own. */
export function isDocumentationKeyId(id: string): boolean {
  return id.endsWith('EXAMPLE');
}
