import { resolve } from 'node:path';
import { isInside, type FileHost } from '../engine/host.js';
import { CONFIG_FILE_NAME, loadConfig, type LoadedConfig } from '../engine/config/load-config.js';
import type { RuleMeta } from '../engine/rules/rule.js';
import type { InputError } from '../engine/finding.js';
import { MAX_JSON_FILE_BYTES } from '../engine/host.js';
import { isPolicyFile, parsePolicyFile } from '../engine/policies/policy-file.js';

/**
 * The configuration in force for each workspace folder: as the CLI run in that
 * folder would load it (the `iacReview.configFile` setting, else the nearest
 * `.iac-review.json` from the folder up). Loaded lazily, dropped on change.
 */
export class WorkspaceConfigs {
  private roots: string[] = [];
  private readonly loaded = new Map<string, LoadedConfig>();

  constructor(
    private readonly hostFor: (root: string) => FileHost,
    private readonly rules: readonly RuleMeta[],
    private configFileSetting: string = '',
  ) {}

  setFolders(roots: readonly string[]): void {
    // Deepest first, so folderFor finds the innermost folder.
    this.roots = [...new Set(roots.map((r) => resolve(r)))].sort((a, b) => b.length - a.length);
    this.loaded.clear();
  }

  folders(): readonly string[] {
    return this.roots;
  }

  setConfigFile(setting: string): void {
    if (setting === this.configFileSetting) return;
    this.configFileSetting = setting;
    this.loaded.clear();
  }

  /** The workspace folder a module directory belongs to; a directory outside every folder stands alone. */
  folderFor(dir: string): string {
    return this.roots.find((root) => isInside(root, dir)) ?? dir;
  }

  configFor(root: string): LoadedConfig {
    let config = this.loaded.get(root);
    if (!config) {
      config = loadConfig(this.hostFor(root), root, this.explicitConfigFile(root), this.rules);
      this.loaded.set(root, config);
    }
    return config;
  }

  /**
   * The configuration a review started in `dir` would use (the CLI run there): for an open
   * `.iac-review.json` that no workspace folder uses, so its problems are shown all the same.
   * Not cached: read when such a file is opened or edited.
   */
  configAt(dir: string): LoadedConfig {
    return loadConfig(this.hostFor(this.folderFor(dir)), dir, undefined, this.rules);
  }

  /** The `iacReview.configFile` setting resolved against a workspace folder; undefined when it is empty. */
  explicitConfigFile(root: string): string | undefined {
    return this.configFileSetting ? resolve(root, this.configFileSetting) : undefined;
  }

  /** Whether a changed file can change a configuration in force. */
  affects(path: string): boolean {
    if (path.endsWith(`/${CONFIG_FILE_NAME}`) || path.endsWith(`\\${CONFIG_FILE_NAME}`)) return true;
    // A policy file can be part of a configuration (a pack, a path in `extends`), and is checked on its own otherwise.
    if (isPolicyFile(path)) return true;
    return this.roots.some((root) => this.explicitConfigFile(root) === path);
  }

  /** The problems of a policy file read on its own (one no configuration in force uses), with line and column. */
  policyFileErrors(path: string): InputError[] {
    const read = this.hostFor(this.folderFor(path)).readText(path, MAX_JSON_FILE_BYTES);
    if (!read.ok) return [];
    return parsePolicyFile(path, read.text, new Set(this.rules.map((r) => r.category))).errors;
  }

  invalidate(): void {
    this.loaded.clear();
  }
}
