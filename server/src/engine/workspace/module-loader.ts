import type { SourceFile } from '../parse/ast.js';
import { parseSource } from '../parse/parse-file.js';
import { reparseSteps } from '../parse/reparse.js';
import { drain, timedSteps } from '../steps.js';
import { timed } from '../timings.js';
import type { InputError } from '../finding.js';
import type { FileHost } from '../host.js';
import { buildModule } from '../model/build-module.js';
import type { Module } from '../model/module.js';
import { moduleFilesOf, sourceKind, type ModuleFiles } from '../discover.js';

/** One module directory read and parsed: its model, or only errors when no file could be read. */
export interface LoadedModule {
  dir: string;
  /** Absolute paths of the files read. */
  files: string[];
  errors: InputError[];
  /** Absent when no file of the module could be read. */
  module?: Module;
}

/**
 * Syntax trees to reuse across reviews (the language server's, bounded): a
 * file whose text is the same as when it was parsed is not parsed again, and
 * one whose text changed is re-parsed from its last tree (reparseSource).
 */
export interface ParsedFiles {
  get(path: string, text: string): SourceFile | undefined;
  /** The last tree kept for `path`, whatever its text. */
  previous(path: string): SourceFile | undefined;
  set(path: string, text: string, file: SourceFile): void;
}

/** Reads and parses the files of one module and indexes its blocks. */
export function loadModule(files: ModuleFiles, host: FileHost, parsed?: ParsedFiles): LoadedModule {
  return drain(loadModuleSteps(files, host, parsed));
}

/** loadModule in steps (engine/steps.ts): one per file, and a re-parse's own (reparseSteps). */
export function* loadModuleSteps(files: ModuleFiles, host: FileHost, parsed?: ParsedFiles): Generator<void, LoadedModule, void> {
  const loaded: LoadedModule = { dir: files.dir, files: [], errors: [] };
  function* parse(path: string): Generator<void, SourceFile | undefined, void> {
    loaded.files.push(path);
    const read = timed('read', () => host.readText(path));
    if (!read.ok) {
      loaded.errors.push({ file: path, message: read.error, kind: 'unreadable' });
      return undefined;
    }
    let file = parsed?.get(path, read.text);
    if (!file) {
      const previous = parsed?.previous(path);
      file = previous ? yield* timedSteps('parse', reparseSteps(previous, read.text)) : timed('parse', () => parseSource(path, read.text));
      parsed?.set(path, read.text, file);
    }
    for (const e of file.errors) loaded.errors.push({ file: path, message: e.message, range: e.range, kind: 'syntax' });
    yield;
    return file;
  }
  const configFiles: SourceFile[] = [];
  for (const path of files.configFiles) {
    const file = yield* parse(path);
    if (file) configFiles.push(file);
  }
  const varFiles: SourceFile[] = [];
  for (const path of files.varFiles) {
    const file = yield* parse(path);
    if (file) varFiles.push(file);
  }
  if (configFiles.length || varFiles.length) loaded.module = timed('index blocks', () => buildModule(files.dir, configFiles, varFiles));
  return loaded;
}

/**
 * The modules of one review, each read once: those discovery found and the
 * callees module calls lead to (which may lie outside the analysed paths,
 * or under `.terraform/modules`). Reads go through the host, so a callee
 * outside the workspace is never read.
 */
export class ModuleLoader {
  private readonly byDir = new Map<string, LoadedModule | undefined>();

  constructor(
    readonly host: FileHost,
    /** Whether a file is analysed (config include/exclude); callees honour it like discovered modules. */
    private readonly included: (path: string) => boolean = () => true,
    private readonly parsed?: ParsedFiles,
  ) {}

  /** A discovered module: its files are already known. */
  load(files: ModuleFiles): LoadedModule {
    const cached = this.byDir.get(files.dir);
    if (cached) return cached;
    const loaded = loadModule(files, this.host, this.parsed);
    this.keep(files.dir, loaded);
    return loaded;
  }

  /**
   * The module in a directory a call leads to; undefined when it cannot be
   * read or holds no Terraform. `downloaded`: a module `terraform init`
   * placed under `.terraform/modules`, which include/exclude never select.
   */
  loadDir(dir: string, downloaded = false): LoadedModule | undefined {
    if (this.byDir.has(dir)) return this.byDir.get(dir);
    const entries = this.host.readDirectory(dir);
    let loaded: LoadedModule | undefined;
    if (entries) {
      const names = entries.filter((e) => !e.isDirectory && sourceKind(e.name) && (downloaded || this.included(`${dir}/${e.name}`))).map((e) => e.name);
      const files = moduleFilesOf(dir, names);
      if (files.configFiles.length) loaded = loadModule(files, this.host, this.parsed);
    }
    this.keep(dir, loaded);
    return loaded;
  }

  /** The directory's module if it is loaded now; never reads. */
  peek(dir: string): LoadedModule | undefined {
    return this.byDir.get(dir);
  }

  /** The characters of source the loaded modules were read from (their syntax trees take some fifty times as much). */
  get loadedChars(): number {
    return this.chars;
  }

  private chars = 0;

  private keep(dir: string, loaded: LoadedModule | undefined): void {
    this.byDir.set(dir, loaded);
    this.chars += sourceChars(loaded);
  }

  /** Forgets a directory's module (the editor, after one of its files changed; a check, once nothing needs it). */
  forget(dir: string): void {
    this.chars -= sourceChars(this.byDir.get(dir));
    this.byDir.delete(dir);
  }
}

/** The characters of source a loaded module was read from. */
export function sourceChars(loaded: LoadedModule | undefined): number {
  let chars = 0;
  for (const f of loaded?.module?.files ?? []) chars += f.text.length;
  for (const f of loaded?.module?.varFiles ?? []) chars += f.text.length;
  return chars;
}
