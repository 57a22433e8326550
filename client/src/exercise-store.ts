import type { Memento } from 'vscode';
import type { ExerciseState, Submission } from './protocol';

/** What the editor keeps of an exercise it started: the interviewer's state, and the submission once made. */
export interface ExerciseRecord {
  state: ExerciseState;
  submission?: Submission;
  /** The folder is read-only in the user settings (time-up or submitted). */
  locked?: boolean;
}

const KEY = 'iacReview.exercises';
/** Records are dropped a while after their deadline: the store must not grow without bound. */
const KEEP_MS = 30 * 24 * 60 * 60_000;

/**
 * The exercises started in this editor, in the extension's global state —
 * outside every workspace, so nothing the candidate edits in their folder
 * (the marker included) moves the deadline (SPEC §8).
 */
export class ExerciseStore {
  constructor(private readonly memento: Memento) {}

  all(): ExerciseRecord[] {
    const stored = this.memento.get<Record<string, ExerciseRecord>>(KEY, {});
    return Object.values(stored).filter((r) => typeof r?.state?.deadline === 'string');
  }

  byId(exercise: string): ExerciseRecord | undefined {
    return this.all().find((r) => r.state.exercise === exercise);
  }

  byFolder(folder: string): ExerciseRecord | undefined {
    return this.all().find((r) => r.state.folder === folder);
  }

  async put(record: ExerciseRecord): Promise<void> {
    const now = Date.now();
    const next: Record<string, ExerciseRecord> = {};
    for (const r of this.all()) if (now - Date.parse(r.state.deadline) < KEEP_MS) next[r.state.exercise] = r;
    next[record.state.exercise] = record;
    await this.memento.update(KEY, next);
  }
}
