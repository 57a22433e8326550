// A small TextMate tokenizer for the grammar tests: begin/end/match rules, captures (with patterns),
// includes (#name, $self, other grammars), end patterns with back-references, contentName. The rule
// that matches earliest wins, the end pattern before the rule's patterns on a tie — as in vscode-textmate.
// JavaScript regular expressions (multiline: `$` before the line's end, as in Oniguruma) stand in for Oniguruma;
// the grammar uses only what both understand.

export interface RawRule {
  name?: string;
  contentName?: string;
  match?: string;
  begin?: string;
  end?: string;
  include?: string;
  patterns?: RawRule[];
  captures?: Captures;
  beginCaptures?: Captures;
  endCaptures?: Captures;
  repository?: Record<string, RawRule>;
}
type Captures = Record<string, { name?: string; patterns?: RawRule[] }>;
export interface RawGrammar extends RawRule {
  scopeName: string;
  patterns: RawRule[];
  repository?: Record<string, RawRule>;
}
export interface Token {
  text: string;
  scopes: string[];
}

interface Frame {
  rule: RawRule;
  grammar: RawGrammar;
  end: RegExp;
  /** Scopes inside the rule (name and contentName). */
  scopes: string[];
  /** Scopes of the end match (name, without contentName). */
  endScopes: string[];
}

const compiled = new Map<string, RegExp>();
function regex(source: string): RegExp {
  let re = compiled.get(source);
  if (!re) compiled.set(source, (re = new RegExp(source, 'dgm')));
  return re;
}

export class LiteTokenizer {
  constructor(private readonly grammars: Record<string, RawGrammar>) {}

  tokenize(scopeName: string, text: string): Token[][] {
    const root = this.grammars[scopeName]!;
    const stack: Frame[] = [];
    const out: Token[][] = [];
    for (const line of text.split('\n')) {
      const tokens: Token[] = [];
      const source = `${line}\n`;
      let pos = 0;
      let stalls = 0;
      while (pos < line.length) {
        const top = stack.at(-1);
        const scopes = [root.scopeName, ...(top?.scopes ?? [])];
        const candidates: Array<{ re: RegExp; rule?: RawRule; grammar: RawGrammar }> = [];
        if (top) candidates.push({ re: top.end, grammar: top.grammar });
        for (const [rule, grammar] of this.flatten(top?.rule.patterns ?? root.patterns, top?.grammar ?? root, new Set())) {
          candidates.push({ re: regex((rule.match ?? rule.begin)!), rule, grammar });
        }
        let best: { m: RegExpExecArray; rule?: RawRule; grammar: RawGrammar } | undefined;
        for (const c of candidates) {
          c.re.lastIndex = pos;
          const m = c.re.exec(source);
          if (m && (!best || m.index < best.m.index)) best = { m, ...(c.rule ? { rule: c.rule } : {}), grammar: c.grammar };
        }
        if (!best || best.m.index >= line.length) {
          tokens.push({ text: line.slice(pos), scopes });
          break;
        }
        const { m, rule } = best;
        if (m.index > pos) tokens.push({ text: line.slice(pos, m.index), scopes });
        const end = Math.min(m.index + m[0].length, line.length);
        if (!rule) {
          const frame = stack.pop()!;
          this.emit(tokens, m, line, [root.scopeName, ...stack.flatMap((f) => f.scopes), ...frame.endScopes], frame.rule.endCaptures ?? frame.rule.captures, frame.grammar);
        } else if (rule.match !== undefined) {
          this.emit(tokens, m, line, [...scopes, ...(rule.name ? [rule.name] : [])], rule.captures, best.grammar);
        } else {
          const named = [...(top?.scopes ?? []), ...(rule.name ? [rule.name] : [])];
          this.emit(tokens, m, line, [root.scopeName, ...named], rule.beginCaptures ?? rule.captures, best.grammar);
          const endSource = rule.end!.replace(/\\(\d+)/g, (_, n: string) => escapeRegex(m[Number(n)] ?? ''));
          stack.push({ rule, grammar: best.grammar, end: new RegExp(endSource, 'dgm'), scopes: [...named, ...(rule.contentName ? [rule.contentName] : [])], endScopes: named });
        }
        if (end > pos) pos = end;
        else if (rule?.match !== undefined) {
          // A zero-length match would loop: the character goes as it is.
          tokens.push({ text: line[pos]!, scopes });
          pos++;
        } else if (++stalls > 1000) throw new Error(`the grammar loops at ${pos} in: ${line}`);
      }
      out.push(tokens);
    }
    return out;
  }

  private emit(tokens: Token[], m: RegExpExecArray, line: string, scopes: string[], captures: Captures | undefined, grammar: RawGrammar): void {
    const start = m.index;
    const end = Math.min(start + m[0].length, line.length);
    if (end <= start) return;
    const whole = captures?.['0']?.name ? [...scopes, captures['0'].name] : scopes;
    const spans = Object.entries(captures ?? {})
      .filter(([n]) => n !== '0' && m.indices?.[Number(n)])
      .map(([n, c]) => ({ range: m.indices![Number(n)]!, capture: c }))
      .sort((a, b) => a.range[0] - b.range[0]);
    let pos = start;
    for (const { range, capture } of spans) {
      const [s, e] = [Math.max(range[0], pos), Math.min(range[1], end)];
      if (e <= s) continue;
      if (s > pos) tokens.push({ text: line.slice(pos, s), scopes: whole });
      const inner = capture.name ? [...whole, capture.name] : whole;
      if (capture.patterns) {
        for (const t of new LiteTokenizer(this.grammars).tokenizeWith(line.slice(s, e), capture.patterns, grammar)) {
          tokens.push({ text: t.text, scopes: [...inner, ...t.scopes] });
        }
      } else tokens.push({ text: line.slice(s, e), scopes: inner });
      pos = e;
    }
    if (end > pos) tokens.push({ text: line.slice(pos, end), scopes: whole });
  }

  /** Tokens of a captured text tokenized with a capture's own patterns (scopes relative to the capture). */
  private tokenizeWith(text: string, patterns: RawRule[], grammar: RawGrammar): Token[] {
    const temporary: RawGrammar = { ...grammar, scopeName: '', patterns };
    const lines = new LiteTokenizer({ ...this.grammars, ['']: temporary }).tokenize('', text);
    return lines[0]!.map((t) => ({ text: t.text, scopes: t.scopes.filter((s) => s !== '') }));
  }

  /** The rules a pattern list stands for, includes resolved; a grammar that is not there is ignored, as in VS Code. */
  private flatten(patterns: RawRule[], grammar: RawGrammar, seen: Set<RawRule>): Array<[RawRule, RawGrammar]> {
    const out: Array<[RawRule, RawGrammar]> = [];
    for (const p of patterns) {
      if (p.include === undefined) {
        if (p.match !== undefined || p.begin !== undefined) out.push([p, grammar]);
        else if (p.patterns) out.push(...this.flatten(p.patterns, grammar, seen));
        continue;
      }
      let target: RawRule | undefined;
      let targetGrammar = grammar;
      if (p.include.startsWith('#')) target = grammar.repository?.[p.include.slice(1)];
      else if (p.include === '$self' || p.include === '$base') target = grammar;
      else {
        const other = this.grammars[p.include];
        if (other) [target, targetGrammar] = [other, other];
      }
      if (!target || seen.has(target)) continue;
      const inner = new Set(seen).add(target);
      if (target.match !== undefined || target.begin !== undefined) out.push([target, targetGrammar]);
      else out.push(...this.flatten(target.patterns ?? [], targetGrammar, inner));
    }
    return out;
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
