import type { BodyItem, Comment, SyntaxError } from './ast.js';

export function parseJsonSyntax(_text: string, _lineStarts: readonly number[], _variablesFile: boolean): { body: BodyItem[]; comments: Comment[]; errors: SyntaxError[] } {
  return { body: [], comments: [], errors: [] };
}
