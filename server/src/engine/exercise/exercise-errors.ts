/** A request the exercise commands cannot carry out; the message says why and what to do. */
export class ExerciseError extends Error {}
