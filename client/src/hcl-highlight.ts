/**
 * Highlighting of ```hcl / ```terraform code blocks in the Markdown preview
 * (the rule documentation's examples). The preview does not use TextMate
 * grammars for code blocks: it asks its markdown-it `highlight` option, backed
 * by highlight.js, which knows no HCL. This is that option for HCL: the same
 * constructs the grammar scopes, as highlight.js class names, which the
 * preview colours for the current theme. No vscode import: unit-tested as is.
 */

/** Fence languages treated as HCL. */
export const HCL_FENCE_LANGUAGES = new Set(['hcl', 'terraform', 'tf', 'tofu', 'opentofu', 'tfvars']);

const IDENT = '[A-Za-z_][A-Za-z0-9_-]*';
/** One token at the start of the rest of the text: [regex, class]; the first that matches wins. */
const RULES: Array<[RegExp, string | ((m: RegExpExecArray, atLineStart: boolean) => Piece[])]> = [
  [/^(?:#|\/\/)[^\n]*/, 'comment'],
  [/^\/\*[\s\S]*?(?:\*\/|$)/, 'comment'],
  // A heredoc, to its closing marker (or the end of the block).
  [new RegExp(`^<<-?[ \\t]*(${IDENT})[^\\n]*?(?:[\\s\\S]*?\\n[ \\t]*\\1[ \\t]*(?=\\n|$)|[\\s\\S]*$)`), 'string'],
  [/^"(?:[^"\\\n]|\\.)*"?/, (m) => stringPieces(m[0])],
  [/^[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/, 'number'],
  [new RegExp(`^(?:true|false|null)(?![A-Za-z0-9_-])`), 'literal'],
  // A block header: type, labels, brace (only at the start of a line, as Terraform writes it).
  [
    new RegExp(`^(${IDENT})((?:[ \\t]+(?:"(?:[^"\\\\\\n]|\\\\.)*"|${IDENT}))*)([ \\t]*\\{)`),
    (m, atLineStart) => (atLineStart ? [{ text: m[1]!, cls: 'keyword' }, ...labelPieces(m[2]!), { text: m[3]! }] : [{ text: m[1]!, cls: 'variable' }, { text: m[0].slice(m[1]!.length), again: true }]),
  ],
  [new RegExp(`^(${IDENT})([ \\t]*)(=)(?![=>])`), (m) => [{ text: m[1]!, cls: 'attr' }, { text: m[2]! }, { text: m[3]!, cls: 'operator' }]],
  [new RegExp(`^(${IDENT}(?:::${IDENT})*)([ \\t]*\\()`), (m) => [{ text: m[1]!, cls: 'built_in' }, { text: m[2]! }]],
  [new RegExp(`^(?:for|in|if)(?![A-Za-z0-9_-])`), 'keyword'],
  [new RegExp(`^${IDENT}`), 'variable'],
  [/^(?:==|!=|<=|>=|&&|\|\||=>|\.\.\.|[-+*/%<>!?:=])/, 'operator'],
];

interface Piece {
  text: string;
  cls?: string;
  /** Text to tokenize again (not a token of its own). */
  again?: boolean;
}

/** Escaped HTML of `code` with highlight.js classes (`hljs-keyword`, `hljs-string`…). */
export function highlightHcl(code: string): string {
  return tokens(code)
    .map((p) => (p.cls ? `<span class="hljs-${p.cls}">${escapeHtml(p.text)}</span>` : escapeHtml(p.text)))
    .join('');
}

/** The code as classed pieces (exported for tests). */
export function tokens(code: string): Piece[] {
  const out: Piece[] = [];
  let rest = code;
  let atLineStart = true;
  while (rest.length) {
    const space = /^[ \t]+|^\r?\n/.exec(rest);
    if (space) {
      out.push({ text: space[0] });
      if (space[0].endsWith('\n')) atLineStart = true;
      rest = rest.slice(space[0].length);
      continue;
    }
    let matched: Piece[] | undefined;
    for (const [re, what] of RULES) {
      const m = re.exec(rest);
      if (!m || m[0] === '') continue;
      matched = typeof what === 'string' ? [{ text: m[0], cls: what }] : what(m, atLineStart);
      break;
    }
    if (!matched) matched = [{ text: rest[0]! }];
    let consumed = 0;
    for (const piece of matched) {
      if (piece.again) break;
      out.push(piece);
      consumed += piece.text.length;
    }
    rest = rest.slice(consumed);
    atLineStart = false;
  }
  return merge(out);
}

/** A quoted string: `${…}` and `%{…}` inside it are template parts. */
function stringPieces(text: string): Piece[] {
  const out: Piece[] = [];
  const template = /[$%]\{[^}]*\}?/g;
  let last = 0;
  for (let m = template.exec(text); m; m = template.exec(text)) {
    // `$${` and `%%{` are escapes, not templates.
    if (m.index > 0 && text[m.index - 1] === text[m.index]) continue;
    if (m.index > last) out.push({ text: text.slice(last, m.index), cls: 'string' });
    out.push({ text: m[0], cls: 'subst' });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), cls: 'string' });
  return out;
}

function labelPieces(labels: string): Piece[] {
  const out: Piece[] = [];
  const label = new RegExp(`[ \\t]+|"(?:[^"\\\\]|\\\\.)*"|${IDENT}`, 'g');
  for (let m = label.exec(labels); m; m = label.exec(labels)) out.push(/^[ \t]/.test(m[0]) ? { text: m[0] } : { text: m[0], cls: 'title' });
  return out;
}

/** Neighbouring pieces of one class as one. */
function merge(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out.at(-1);
    if (last && last.cls === p.cls) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
