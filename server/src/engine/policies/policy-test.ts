import { join, resolve } from 'node:path';
import type { Finding, InputError } from '../finding.js';
import { MAX_JSON_FILE_BYTES, NodeFileHost, type FileHost } from '../host.js';
import { analyzeWorkspace, loadAnalysisConfig } from '../analyze.js';
import { SKIPPED_DIRECTORIES } from '../discover.js';
import { findWorkspaceRoots } from '../workspace-root.js';
import { readExpectations, type Expectation } from '../expectations/expect-comments.js';
import { isPolicyFile, parsePolicyFile } from './policy-file.js';
import { RULES } from '../rules/registry.generated.js';
import type { Policy } from './policy.js';

export interface PolicyTestOptions {
  /** The fixture directory: its `*.policy.json` files and Terraform fixtures. */
  dir: string;
  /** A configuration file to use instead of `.iac-review.json` in DIR or a parent. */
  configFile?: string;
  host?: FileHost;
  now?: Date;
}

export interface PolicyTestResult {
  /** The ids of the policies run. */
  policies: string[];
  /** Problems with the configuration or a policy file (line and column): nothing is run when there are any. */
  configErrors: InputError[];
  /** Fixture files that cannot be read, syntax errors, expect comments that cannot be read. */
  inputProblems: string[];
  /** Expected and reported. */
  met: Expectation[];
  /** Expected, not reported (or reported with another severity). */
  missing: Array<Expectation & { got?: Finding }>;
  /** Reported, not expected. */
  unexpected: Finding[];
  /** Terraform files read. */
  files: string[];
}

/**
 * `iac-review policy test [DIR]` (SPEC §11): runs the policies of DIR — its
 * `*.policy.json` files and those its configuration brings — over the
 * Terraform under DIR, reviewed as a workspace (so module roles and
 * `overrides` by path apply as in a real review), and compares the findings
 * with the `# expect: <policy-id>` comments in both directions. Only the
 * policies run: a fixture tests its standards, not the built-in catalog.
 */
export function runPolicyTest(options: PolicyTestOptions): PolicyTestResult {
  const dir = resolve(options.dir);
  const host = options.host ?? new NodeFileHost(findWorkspaceRoots([dir]));
  const loaded = loadAnalysisConfig({ cwd: dir, paths: [dir], ...(options.configFile ? { configFile: options.configFile } : {}) }, host);
  const configErrors = [...loaded.errors];
  const policies = [...(loaded.config.policies ?? [])];
  const reserved = new Set(RULES.map((r) => r.meta.category));
  const known = new Set(policies.map((p) => p.source.file));
  for (const file of policyFilesUnder(host, dir)) {
    if (known.has(file)) continue;
    const read = host.readText(file, MAX_JSON_FILE_BYTES);
    if (!read.ok) {
      configErrors.push({ file, kind: 'config', message: `Cannot read the policy file: ${read.error}.` });
      continue;
    }
    const parsed = parsePolicyFile(file, read.text, reserved);
    configErrors.push(...parsed.errors);
    for (const policy of parsed.policies) addPolicy(policies, policy, configErrors);
  }
  const result: PolicyTestResult = { policies: policies.map((p) => p.id), configErrors, inputProblems: [], met: [], missing: [], unexpected: [], files: [] };
  if (policies.length === 0 && configErrors.length === 0) {
    configErrors.push({ file: dir, kind: 'config', message: 'No policies found: add a *.policy.json file, or "policies" or a pack in "extends" of .iac-review.json.' });
  }
  if (configErrors.length) return result;

  const config = { ...loaded.config, policies };
  const review = analyzeWorkspace({ cwd: dir, paths: [dir], host, config: { config, errors: [] }, rules: [], now: options.now ?? new Date(), undecided: false });
  result.files = review.files;
  for (const e of review.errors) result.inputProblems.push(`${e.file}${e.range ? `:${e.range.start.line}:${e.range.start.column}` : ''}: ${e.message}`);
  const ids = new Set(result.policies);
  const expectations: Expectation[] = [];
  for (const file of review.files) {
    const read = host.readText(file);
    if (!read.ok) continue;
    const { expectations: found, problems } = readExpectations(file, read.text);
    result.inputProblems.push(...problems);
    for (const e of found) {
      if (ids.has(e.ruleId)) expectations.push(e);
      else result.inputProblems.push(`${file}:${e.line}: "# expect: ${e.ruleId}" names no policy of this test (policies: ${[...ids].join(', ')})`);
    }
  }
  const key = (file: string, line: number, id: string) => `${file}\u0000${line}\u0000${id}`;
  const reported = new Map<string, Finding[]>();
  for (const f of review.findings) {
    if (f.suppression) continue;
    const k = key(f.file, f.range.start.line, f.ruleId);
    const list = reported.get(k);
    if (list) list.push(f);
    else reported.set(k, [f]);
  }
  for (const e of expectations) {
    const list = reported.get(key(e.file, e.line, e.ruleId));
    const found = list?.shift();
    if (found && (!e.severity || e.severity === found.severity)) result.met.push(e);
    else result.missing.push(found ? { ...e, got: found } : e);
  }
  for (const list of reported.values()) result.unexpected.push(...list);
  return result;
}

function addPolicy(policies: Policy[], policy: Policy, errors: InputError[]): void {
  const other = policies.find((p) => p.id === policy.id);
  if (other) {
    errors.push({ file: policy.source.file, range: policy.source.range, kind: 'config', message: `Policy "${policy.id}" is defined already in ${other.source.file}; this one is left out.` });
    return;
  }
  policies.push(policy);
}

/** Policy files under a directory (not in node_modules, .terraform, .git: a pack there comes in through `extends`). */
function policyFilesUnder(host: FileHost, dir: string): string[] {
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of host.readDirectory(folder) ?? []) {
      if (entry.refused) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path);
      } else if (isPolicyFile(entry.name)) out.push(path);
    }
  };
  walk(dir);
  return out.sort();
}
