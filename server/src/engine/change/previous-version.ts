import { join } from 'node:path';
import { analyzeWorkspace, type AnalyzeOptions } from '../analyze.js';
import { NodeFileHost, type DirEntry, type FileHost, type PathOrigin } from '../host.js';

/**
 * A module folder that carries its own previous version in a `base/`
 * subfolder (a diff-only rule's fixture, an exercise pack showing a change)
 * is reviewed as the change from it, without git.
 */
export const PREVIOUS_VERSION_FOLDER = 'base';

/** The folder without its `base/` subfolder, which is not a module of its own. */
class WithoutPreviousVersion implements FileHost {
  private readonly inner: FileHost;
  constructor(
    readonly workspaceRoot: string,
    inner?: FileHost,
  ) {
    this.inner = inner ?? new NodeFileHost(workspaceRoot);
  }
  readText(path: string, maxBytes?: number, origin?: PathOrigin) {
    return this.inner.readText(path, maxBytes, origin);
  }
  readDirectory(path: string, origin?: PathOrigin): DirEntry[] | undefined {
    const entries = this.inner.readDirectory(path, origin);
    return path === this.workspaceRoot ? entries?.filter((e) => e.name !== PREVIOUS_VERSION_FOLDER) : entries;
  }
}

/** Analyze options that review `dir` as the change from its `base/` folder; just the host when it has none. */
export function previousVersionOptions(dir: string, host?: FileHost): Pick<AnalyzeOptions, 'host' | 'baseModuleFor'> {
  const baseDir = join(dir, PREVIOUS_VERSION_FOLDER);
  const files = host ?? new NodeFileHost(dir);
  if (!files.readDirectory(baseDir)) return host ? { host } : {};
  const base = analyzeWorkspace({ cwd: baseDir, paths: [baseDir], rules: [], keepModules: true, fixes: 'none' });
  const module = base.analyses.find((a) => a.module.dir === baseDir)?.module;
  return { host: new WithoutPreviousVersion(dir, host), baseModuleFor: (d) => (d === dir ? module : undefined) };
}
