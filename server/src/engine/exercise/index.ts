// The exercise API the front ends use (CLI, language server, VS Code commands): no editor imports here.
export { parseAnswerKey, serializeAnswerKey, AnswerKeyError, DIFFICULTIES, type AnswerKey, type KeyProblem, type Difficulty } from './answer-key.js';
export {
  startExercise,
  isExerciseFolder,
  readExerciseMarker,
  exerciseDeadline,
  readAnswerKey,
  resolvePack,
  listPacks,
  ExerciseError,
  EXERCISE_MARKER,
  ANSWER_KEY_FILE,
  DEFAULT_DURATION_MINUTES,
  type ExerciseMarker,
  type StartExerciseOptions,
  type StartedExercise,
  type PackSummary,
} from './exercise-folder.js';
export { scoreExercise, type ExerciseScore, type ProblemResult, type ScoreOptions, type ScoredComment } from './score.js';
export { reviewExercise } from './review-exercise.js';
export { keyCoverage, type KeyCoverage } from './key-coverage.js';
export { generateExercise, writeExercise, type GeneratedExercise, type GenerateOptions } from './generator/generate.js';
