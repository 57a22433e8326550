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

/** "$(watch) junior 39:58" in the status bar while an exercise folder is in the workspace; a click scores it. */
export function registerExerciseCountdown(context: ExtensionContext, session: ExerciseSession, scoreCommand: string): void {
  const item = window.createStatusBarItem('iacReview.exerciseCountdown', StatusBarAlignment.Left, 1);
  item.name = 'IaC Review exercise timer';
  item.command = scoreCommand;
  let ticker: ReturnType<typeof setInterval> | undefined;

  const render = () => {
    const exercise = session.active[0];
    if (!exercise) {
      item.hide();
      if (ticker) clearInterval(ticker);
      ticker = undefined;
      return;
    }
    const { text, state } = countdown(new Date(exercise.deadline), new Date());
    item.text = `$(watch) ${exercise.marker.exercise} ${text}`;
    item.backgroundColor =
      state === 'over' ? new ThemeColor('statusBarItem.errorBackground') : state === 'ending' ? new ThemeColor('statusBarItem.warningBackground') : undefined;
    item.tooltip = `IaC Review exercise "${exercise.marker.exercise}" (${exercise.marker.durationMinutes} minutes): ${
      state === 'over' ? 'time is up' : `${text} left`
    } — click to score it`;
    item.show();
    ticker ??= setInterval(render, 1000);
  };

  context.subscriptions.push(item, session.onDidChange(render), { dispose: () => ticker && clearInterval(ticker) });
  render();
}
