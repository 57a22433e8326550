import * as path from 'node:path';
import { EventEmitter, workspace, type Disposable, type Event } from 'vscode';
import type { ExerciseRecord, ExerciseStore } from './exercise-store';
import { exerciseFoldersNotification, exerciseStatusRequest, type ExerciseStatus } from './protocol';
import type { ServerController } from './server-controller';

/** The file `exercise start` writes into the candidate's folder (an opaque id only). */
const MARKER_GLOB = '**/.iac-review-exercise.json';

/** An exercise folder in the workspace, with what this editor knows of it. */
export interface ActiveExercise {
  folder: string;
  /** The opaque id (the marker's, or the record's when the marker is gone). */
  exercise: string;
  /** What the countdown shows: the difficulty, never the pack's path. */
  label: string;
  /** Present when this editor started it: the deadline and any submission. */
  record?: ExerciseRecord;
}

/**
 * Which exercise folders are in the workspace: those the server reports (a
 * marker in a workspace folder or beside an open file), joined with the
 * exercises this editor started (its global storage). An exercise this
 * editor started stays active — its clock running — even if the candidate
 * deletes or rewrites the marker.
 */
export class ExerciseSession implements Disposable {
  private exercises: ActiveExercise[] = [];
  private readonly changed = new EventEmitter<void>();
  private readonly disposables: Disposable[] = [];
  private pending: ReturnType<typeof setTimeout> | undefined;
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(
    private readonly controller: ServerController,
    readonly store: ExerciseStore,
  ) {
    const watcher = workspace.createFileSystemWatcher(MARKER_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate(() => this.scheduleRefresh()),
      watcher.onDidChange(() => this.scheduleRefresh()),
      watcher.onDidDelete(() => this.scheduleRefresh()),
      workspace.onDidChangeWorkspaceFolders(() => this.scheduleRefresh()),
      workspace.onDidOpenTextDocument(() => this.scheduleRefresh()),
      workspace.onDidCloseTextDocument(() => this.scheduleRefresh()),
      controller.onDidChangeClient(() => void this.refresh()),
    );
  }

  /** The exercises in the workspace, earliest deadline first (those without a known deadline last). */
  get active(): readonly ActiveExercise[] {
    return this.exercises;
  }

  /** Asks the server again and joins the stored records; resolves to the exercises now active. */
  async refresh(): Promise<readonly ActiveExercise[]> {
    const client = this.controller.current;
    let statuses: ExerciseStatus[] | undefined;
    if (client) {
      try {
        // First the folders this editor started exercises in: the server stays silent there whatever the marker says.
        await client.sendNotification(exerciseFoldersNotification, { folders: this.store.all().map((r) => r.state.folder) });
        statuses = await client.sendRequest(exerciseStatusRequest);
      } catch {
        statuses = undefined; // a server busy restarting: keep what we knew
      }
    }
    const known = statuses ?? this.exercises.map((e) => ({ folder: e.folder, exercise: e.exercise }));
    const next: ActiveExercise[] = known.map((s) => this.withRecord(s.folder, s.exercise, this.store.byId(s.exercise) ?? this.store.byFolder(s.folder)));
    for (const record of this.store.all()) {
      if (next.some((e) => e.record?.state.exercise === record.state.exercise)) continue;
      if (inWorkspace(record.state.folder)) next.push(this.withRecord(record.state.folder, record.state.exercise, record));
    }
    next.sort((a, b) => deadlineOf(a) - deadlineOf(b));
    if (JSON.stringify(next) !== JSON.stringify(this.exercises)) {
      this.exercises = next;
      this.changed.fire();
    }
    return this.exercises;
  }

  /** The stored record changed (submitted, locked): tell the views. */
  async recordChanged(): Promise<void> {
    await this.refresh();
  }

  private withRecord(folder: string, exercise: string, record: ExerciseRecord | undefined): ActiveExercise {
    return { folder, exercise: record?.state.exercise ?? exercise, label: record?.state.difficulty ?? 'exercise', ...(record ? { record } : {}) };
  }

  /** Opening files and marker events come in bursts. */
  private scheduleRefresh(): void {
    if (this.pending) clearTimeout(this.pending);
    this.pending = setTimeout(() => {
      this.pending = undefined;
      void this.refresh();
    }, 300);
  }

  dispose(): void {
    if (this.pending) clearTimeout(this.pending);
    for (const d of this.disposables) d.dispose();
    this.changed.dispose();
  }
}

function deadlineOf(e: ActiveExercise): number {
  return e.record ? Date.parse(e.record.state.deadline) : Number.MAX_SAFE_INTEGER;
}

function inWorkspace(folder: string): boolean {
  return (workspace.workspaceFolders ?? []).some((f) => {
    const rel = path.relative(f.uri.fsPath, folder);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  });
}
