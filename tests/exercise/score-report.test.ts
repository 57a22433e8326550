// The score report is Markdown an interviewer pastes: the exercise's name can come from the candidate's folder.
import { describe, expect, it } from 'vitest';
import { formatScoreMarkdown } from '../../server/src/engine/exercise/score-report.js';

describe('formatScoreMarkdown', () => {
  it("renders the exercise's name as inert text in the heading", () => {
    const score = { version: 1 as const, score: 0, foundWeight: 0, totalWeight: 0, found: 0, missed: 0, falseAlarms: 0, byCategory: {}, problems: [], falseAlarmComments: [], duplicateComments: [] };
    const md = formatScoreMarkdown({ score, exercise: 'junior [done](https://evil.example) <img src=x>\n::error ::x', dir: '/tmp' });
    const heading = md.split('\n')[0]!;
    expect(heading).toBe('# Exercise score: junior \\[done\\](https://evil.example) \\<img src=x\\>\\\\n::error ::x');
  });
});
