/** The server's settings: `iacReview.*` from the client (SPEC §9), or initializationOptions in other editors. */
export interface ServerSettings {
  enable: boolean;
  /** `.iac-review.json` to use instead of the nearest one; relative to the workspace folder. */
  configFile: string;
  run: 'onType' | 'onSave';
  /** Delay after the last keystroke before a module is reviewed again. */
  debounceMs: number;
  /** The diff-only rules against the branch's base (SPEC §7); they run git, so only in a trusted workspace. */
  changeChecks: boolean;
  /** The base of the change; empty: the branch's upstream, else `origin/HEAD`, else a local `main` or `master`. */
  baseRef: string;
  /** The plan JSON to review with (SPEC §10), relative to the workspace folder and inside it; empty: none. */
  plan: string;
  /**
   * Whether the workspace is trusted (VS Code's workspace trust): only the
   * client's initialization options say so, never a setting a repository
   * could write.
   */
  trusted: boolean;
}

export const DEFAULT_SETTINGS: ServerSettings = { enable: true, configFile: '', run: 'onType', debounceMs: 150, changeChecks: true, baseRef: '', plan: '', trusted: false };

/** Reads settings leniently: a wrong-typed value keeps the previous one rather than breaking the server. */
export function readSettings(raw: unknown, base: ServerSettings = DEFAULT_SETTINGS): ServerSettings {
  if (!raw || typeof raw !== 'object') return base;
  const r = raw as Record<string, unknown>;
  return {
    enable: typeof r.enable === 'boolean' ? r.enable : base.enable,
    configFile: typeof r.configFile === 'string' ? r.configFile : base.configFile,
    run: r.run === 'onType' || r.run === 'onSave' ? r.run : base.run,
    debounceMs: typeof r.debounceMs === 'number' && r.debounceMs >= 0 && r.debounceMs <= 10_000 ? r.debounceMs : base.debounceMs,
    changeChecks: typeof r.changeChecks === 'boolean' ? r.changeChecks : base.changeChecks,
    baseRef: typeof r.baseRef === 'string' && r.baseRef.length <= 256 ? r.baseRef.trim() : base.baseRef,
    plan: typeof r.plan === 'string' && r.plan.length <= 4096 ? r.plan.trim() : base.plan,
    trusted: base.trusted,
  };
}
