import { EventEmitter, workspace, type Disposable, type Event } from 'vscode';
import { exerciseStatusRequest, type ExerciseStatus } from './protocol';
import type { ServerController } from './server-controller';

/** The file `exercise start` writes into the candidate's folder. */
const MARKER_GLOB = '**/.iac-review-exercise.json';

/**
 * Which exercise folders are in the workspace (among its folders and open
 * files), as the server reports them: the countdown shows while there is one,
 * and the findings count stays hidden.
 */
export class ExerciseSession implements Disposable {
  private exercises: ExerciseStatus[] = [];
  private readonly changed = new EventEmitter<void>();
  private readonly disposables: Disposable[] = [];
  private pending: ReturnType<typeof setTimeout> | undefined;
  readonly onDidChange: Event<void> = this.changed.event;

  constructor(private readonly controller: ServerController) {
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

  /** The exercises in the workspace, earliest deadline first. */
  get active(): readonly ExerciseStatus[] {
    return this.exercises;
  }

  /** Asks the server again; resolves to the exercises now active. */
  async refresh(): Promise<readonly ExerciseStatus[]> {
    const client = this.controller.current;
    let next: ExerciseStatus[] = [];
    if (client) {
      try {
        next = await client.sendRequest(exerciseStatusRequest);
      } catch {
        next = this.exercises; // a server busy restarting: keep what we knew
      }
    }
    next = [...next].sort((a, b) => Date.parse(a.deadline) - Date.parse(b.deadline));
    if (JSON.stringify(next) !== JSON.stringify(this.exercises)) {
      this.exercises = next;
      this.changed.fire();
    }
    return this.exercises;
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
