import { StatusBarAlignment, ThemeColor, window, type ExtensionContext } from 'vscode';
import type { ExerciseSession } from './exercise-session';

/** The last minutes are shown as a warning. */
const WARNING_MS = 5 * 60_000;

export type CountdownState = 'running' | 'ending' | 'over';

/** "39:58" (minutes may exceed 59), the state for the colour; "time is up" at 0. */
export function countdown(deadline: Date, now: Date): { text: string; state: CountdownState } {
  const left = deadline.getTime() - now.getTime();
  if (left <= 0) return { text: 'time is up', state: 'over' };
  const seconds = Math.ceil(left / 1000);
  const text = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  return { text, state: left <= WARNING_MS ? 'ending' : 'running' };
}

/**
 * "$(watch) junior 39:58" in the status bar while an exercise this editor
 * started is in the workspace (the deadline from global storage, never from
 * the candidate's folder); a click submits it. Once submitted: "submitted".
 */
export function registerExerciseCountdown(context: ExtensionContext, session: ExerciseSession, submitCommand: string): void {
  const item = window.createStatusBarItem('iacReview.exerciseCountdown', StatusBarAlignment.Left, 1);
  item.name = 'IaC Review exercise timer';
  let ticker: ReturnType<typeof setInterval> | undefined;

  const render = () => {
    const exercise = session.active.find((e) => e.record && !e.record.submission) ?? session.active[0];
    if (!exercise) {
      item.hide();
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      return;
    }
    const record = exercise.record;
    if (!record) {
      // Started elsewhere (the CLI): this editor knows no deadline and shows none.
      item.text = `$(watch) ${exercise.label}`;
      item.tooltip = 'IaC Review exercise: started outside this editor, no timer here';
      item.command = undefined;
      item.backgroundColor = undefined;
    } else if (record.submission) {
      item.text = `$(pass) ${exercise.label} submitted`;
      item.tooltip = `IaC Review exercise submitted at ${new Date(record.submission.submittedAt).toLocaleTimeString()}; the files are read-only`;
      item.command = undefined;
      item.backgroundColor = undefined;
    } else {
      const { text, state } = countdown(new Date(record.state.deadline), new Date());
      item.text = `$(watch) ${exercise.label} ${text}`;
      item.backgroundColor =
        state === 'over' ? new ThemeColor('statusBarItem.errorBackground') : state === 'ending' ? new ThemeColor('statusBarItem.warningBackground') : undefined;
      item.tooltip = `IaC Review exercise (${record.state.durationMinutes} minutes): ${state === 'over' ? 'time is up' : `${text} left`} — click to submit it`;
      item.command = submitCommand;
    }
    item.show();
    ticker ??= setInterval(render, 1000);
  };

  context.subscriptions.push(item, session.onDidChange(render), { dispose: () => ticker && clearInterval(ticker) });
  render();
}
