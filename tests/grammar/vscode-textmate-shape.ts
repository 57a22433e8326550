// The part of vscode-textmate's API the grammar test uses (the package is optional: its types may be absent).
export interface IGrammar {
  tokenizeLine(line: string, state: unknown): { tokens: Array<{ startIndex: number; endIndex: number; scopes: string[] }>; ruleStack: unknown };
}
export declare const INITIAL: unknown;
export declare class Registry {
  constructor(options: { onigLib: Promise<unknown>; loadGrammar(scope: string): Promise<unknown> });
  loadGrammar(scope: string): Promise<IGrammar | null>;
}
export declare function parseRawGrammar(content: string, path: string): unknown;
