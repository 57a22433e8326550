// Fixture cases for diff-only rules: a case folder with a `base/` subfolder is
// a change — `base/` holds the module at the base of the change, the other
// files the module after it.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeWorkspace, type AnalyzeOptions } from '../../server/src/engine/analyze.js';
import { NodeFileHost, type DirEntry, type FileHost } from '../../server/src/engine/host.js';

export const BASE_FOLDER = 'base';

/** Hides the `base/` folder of a case, so it is not reviewed as a module of its own. */
class WithoutBase implements FileHost {
  private readonly inner: FileHost;
  constructor(
    readonly workspaceRoot: string,
    inner?: FileHost,
  ) {
    this.inner = inner ?? new NodeFileHost(workspaceRoot);
  }
  readText(path: string, maxBytes?: number) {
    return this.inner.readText(path, maxBytes);
  }
  readDirectory(path: string): DirEntry[] | undefined {
    const entries = this.inner.readDirectory(path);
    return path === this.workspaceRoot ? entries?.filter((e) => e.name !== BASE_FOLDER) : entries;
  }
}

export function isBaseFile(caseDir: string, file: string): boolean {
  return file.startsWith(join(caseDir, BASE_FOLDER) + '/');
}

/** Analyze options that review `dir` as a change from its `base/` folder; empty for ordinary cases. */
export function diffCaseOptions(dir: string, host?: FileHost): Pick<AnalyzeOptions, 'host' | 'baseModuleFor'> {
  const baseDir = join(dir, BASE_FOLDER);
  if (!existsSync(baseDir)) return host ? { host } : {};
  const base = analyzeWorkspace({ cwd: baseDir, paths: [baseDir], rules: [], keepModules: true });
  const module = base.analyses.find((a) => a.module.dir === baseDir)?.module;
  return { host: new WithoutBase(dir, host), baseModuleFor: (d) => (d === dir ? module : undefined) };
}
