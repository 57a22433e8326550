/**
 * Seeded random generator of Terraform-like HCL (native syntax) covering every
 * expression form the parser supports, plus mutations that make a file
 * invalid in a known way. Same seed, same text.
 */
import { SeededRandom } from '../../server/src/engine/exercise/generator/prng.js';

/** The engine's mulberry32 (the exercise generator's) as a plain function: same seed, same sequence. */
export function seededRandom(seed: number): () => number {
  const random = new SeededRandom(seed);
  return () => random.next();
}

const BLOCK_TYPES = ['resource', 'data', 'module', 'variable', 'output', 'locals', 'provider', 'terraform', 'dynamic', 'lifecycle', 'settings'];
const NAMES = ['name', 'bucket', 'tags', 'count', 'for_each', 'cidr_block', 'enabled', 'policy', 'value', 'ami', 'x-dash', 'région', 'description', 'id'];
const ROOTS = ['var', 'local', 'aws_s3_bucket', 'module', 'each', 'count', 'data', 'self', 'path'];
const FUNCS = ['merge', 'concat', 'lookup', 'format', 'join', 'lower', 'upper', 'try', 'length', 'jsonencode', 'coalesce', 'tomap'];
const WORDS = ['alpha', 'beta', 'prod', 'dev', 'a b c', 'x-y_z', 'ünï', '東京', '🚀', '', '100% off', 'cost $5', '#not-comment', '//no', 'a:b'];
const STRING_ESCAPES = ['\\n', '\\t', '\\"', '\\\\', '\\u00e9', '\\U0001F600', '$${lit}', '%%{lit}', '\\r'];

export interface GeneratorOptions {
  maxDepth?: number;
  maxItems?: number;
}

export class HclGenerator {
  private readonly rnd: () => number;
  private readonly maxDepth: number;
  private readonly maxItems: number;
  private counter = 0;
  /**
   * Label count per block type in each open body: hcl2json cannot render a
   * body where one block type appears with different numbers of labels.
   */
  private readonly labelCounts: Array<Map<string, number>> = [new Map()];

  constructor(seed: number, options: GeneratorOptions = {}) {
    this.rnd = seededRandom(seed);
    this.maxDepth = options.maxDepth ?? 4;
    this.maxItems = options.maxItems ?? 6;
  }

  private int(n: number): number {
    return Math.floor(this.rnd() * n);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }

  private chance(p: number): boolean {
    return this.rnd() < p;
  }

  private uniqueName(): string {
    return `${this.pick(NAMES)}_${this.counter++}`;
  }

  /** A whole file: a body of blocks and attributes with comments. */
  file(): string {
    this.labelCounts.length = 0;
    this.labelCounts.push(new Map());
    const lines: string[] = [];
    const n = 1 + this.int(this.maxItems);
    for (let i = 0; i < n; i++) lines.push(this.bodyItem(0, ''));
    if (this.chance(0.3)) lines.push('# trailing comment');
    let text = lines.join('\n');
    if (this.chance(0.9)) text += '\n';
    if (this.chance(0.15)) text = text.replace(/\n/g, '\r\n');
    return text;
  }

  private comment(): string {
    switch (this.int(3)) {
      case 0:
        return `# ${this.pick(WORDS)}`;
      case 1:
        return `// ${this.pick(WORDS)}`;
      default:
        return `/* ${this.pick(WORDS)} */`;
    }
  }

  private bodyItem(depth: number, indent: string): string {
    const pre = this.chance(0.15) ? `${indent}${this.comment()}\n` : '';
    if (depth < 3 && this.chance(0.35)) return pre + this.block(depth, indent);
    return pre + this.attribute(depth, indent);
  }

  private attribute(depth: number, indent: string): string {
    const value = this.expr(0, indent);
    // Nothing may follow a heredoc's closing marker on its line.
    const trailing = !value.startsWith('<<') && this.chance(0.1) ? ` ${this.chance(0.5) ? '# c' : '// c'}` : '';
    return `${indent}${this.uniqueName()} = ${value}${trailing}`;
  }

  private label(): string {
    if (this.chance(0.75)) return `"${this.pick(['aws_s3_bucket', 'main', 'this', 'a b', 'x.y', 'é', ''])}"`;
    return this.pick(['main', 'web', 'this', 'x-1']);
  }

  private block(depth: number, indent: string): string {
    const type = this.pick(BLOCK_TYPES);
    const labels: string[] = [];
    const counts = this.labelCounts[this.labelCounts.length - 1]!;
    const nLabels = counts.get(type) ?? this.int(3);
    counts.set(type, nLabels);
    for (let i = 0; i < nLabels; i++) labels.push(this.label());
    const header = [type, ...labels].join(' ');
    if (this.chance(0.12)) {
      // One-line block: empty or a single attribute.
      return this.chance(0.5) ? `${indent}${header} {}` : `${indent}${header} { ${this.uniqueName()} = ${this.simpleExpr()} }`;
    }
    const inner = indent + '  ';
    const items: string[] = [];
    const n = this.int(this.maxItems);
    this.labelCounts.push(new Map());
    for (let i = 0; i < n; i++) items.push(this.bodyItem(depth + 1, inner));
    this.labelCounts.pop();
    if (this.chance(0.2)) items.push('');
    return `${indent}${header} {\n${items.join('\n')}${items.length ? '\n' : ''}${indent}}`;
  }

  private simpleExpr(): string {
    switch (this.int(5)) {
      case 0:
        return this.number();
      case 1:
        return this.pick(['true', 'false', 'null']);
      case 2:
        return this.quoted(0);
      case 3:
        return this.traversal(0);
      default:
        return `"${this.pick(WORDS)}"`;
    }
  }

  private number(): string {
    switch (this.int(5)) {
      case 0:
        return String(this.int(1000));
      case 1:
        return `${this.int(100)}.${this.int(1000)}`;
      case 2:
        return `${1 + this.int(9)}e${this.int(5)}`;
      case 3:
        return `${this.int(10)}.${this.int(10)}E${this.pick(['+', '-'])}${this.int(3)}`;
      default:
        return '0';
    }
  }

  expr(depth: number, indent: string): string {
    if (depth >= this.maxDepth) return this.simpleExpr();
    const d = depth + 1;
    switch (this.int(22)) {
      case 0:
        return this.number();
      case 1:
        return this.pick(['true', 'false', 'null']);
      case 2:
      case 3:
        return this.quoted(d);
      case 4:
        // A heredoc's closing line may hold nothing but the marker, so only as a whole attribute value.
        return depth === 0 ? this.heredoc(d, indent) : this.quoted(d);
      case 5:
        return this.tuple(d, indent);
      case 6:
      case 7:
        return this.object(d, indent);
      case 8:
      case 9:
        return this.traversal(d);
      case 10:
        return this.call(d, indent);
      case 11:
        return `${this.dynamic(d, indent)} ? ${this.expr(d, indent)} : ${this.expr(d, indent)}`;
      case 12:
        return `${this.pick(['!', '-'])}${this.dynamic(d, indent)}`;
      case 13:
      case 14:
        return `${this.dynamic(d, indent)} ${this.pick(['||', '&&', '==', '!=', '<', '<=', '>', '>=', '+', '-', '*', '/', '%'])} ${this.term(d, indent)}`;
      case 15:
        return `(${this.expr(d, indent)})`;
      case 16:
        return this.forExpr(d, indent);
      case 17:
        return this.splat(d);
      case 18:
        return `-${this.number()}`;
      case 19:
        return `"${this.pick(WORDS)}"`;
      case 20:
        return `"${this.pick(STRING_ESCAPES)}${this.pick(WORDS)}"`;
      default:
        return `${this.dynamic(d, indent)}[${this.expr(d, indent)}]`;
    }
  }

  /**
   * An operand that refers to a variable. hcl2json evaluates expressions
   * without variables, so constant operands of the wrong type (`!1`) would be
   * reported as errors that have nothing to do with syntax.
   */
  private dynamic(depth: number, indent: string): string {
    switch (this.int(4)) {
      case 0:
        return `${this.pick(FUNCS)}(${this.traversal(depth)}${this.chance(0.5) ? `, ${this.expr(depth, indent)}` : ''})`;
      case 1:
        return `(${this.traversal(depth)} ${this.pick(['+', '==', '&&'])} ${this.term(depth, indent)})`;
      default:
        return this.traversal(depth);
    }
  }

  /** An operand that needs no parentheses. */
  private term(depth: number, indent: string): string {
    switch (this.int(5)) {
      case 0:
        return this.number();
      case 1:
        return this.traversal(depth);
      case 2:
        return this.call(depth, indent);
      case 3:
        return `(${this.expr(depth, indent)})`;
      default:
        return this.quoted(depth);
    }
  }

  private traversal(depth: number): string {
    let s = this.pick(ROOTS);
    const n = this.int(4);
    for (let i = 0; i < n; i++) {
      switch (this.int(5)) {
        case 0:
          s += `[${this.int(5)}]`;
          break;
        case 1:
          s += `["${this.pick(['k', 'a-b', 'x y'])}"]`;
          break;
        case 2:
          if (i === n - 1) s += `.${this.int(3)}`;
          else s += `.${this.pick(NAMES)}`;
          break;
        case 3:
          if (depth < this.maxDepth) s += `[${this.traversal(depth + 1)}]`;
          else s += '.attr';
          break;
        default:
          s += `.${this.pick(NAMES)}`;
      }
    }
    return s;
  }

  private splat(depth: number): string {
    const base = this.traversal(depth);
    if (this.chance(0.5)) return `${base}[*]${this.chance(0.7) ? `.${this.pick(NAMES)}` : ''}${this.chance(0.3) ? `[${this.int(3)}]` : ''}${this.chance(0.3) ? '.id' : ''}`;
    return `${base}.*${this.chance(0.7) ? `.${this.pick(NAMES)}` : ''}${this.chance(0.3) ? `[${this.int(3)}]` : ''}`;
  }

  private call(depth: number, indent: string): string {
    const name = this.chance(0.1) ? `provider::${this.pick(['aws', 'terraform'])}::${this.pick(['arn_parse', 'encode_tfvars'])}` : this.pick(FUNCS);
    const n = this.int(4);
    const args: string[] = [];
    for (let i = 0; i < n; i++) args.push(this.expr(depth, indent));
    if (n > 0 && this.chance(0.15)) return `${name}(${args.join(', ')}...)`;
    if (n > 0 && this.chance(0.15)) return `${name}(\n${indent}    ${args.join(`,\n${indent}    `)},\n${indent}  )`;
    return `${name}(${args.join(', ')})`;
  }

  private tuple(depth: number, indent: string): string {
    const n = this.int(4);
    const items: string[] = [];
    for (let i = 0; i < n; i++) items.push(this.expr(depth, indent + '  '));
    if (n > 0 && this.chance(0.3)) return `[\n${indent}    ${items.join(`,\n${indent}    `)}${this.chance(0.5) ? ',' : ''}\n${indent}  ]`;
    return `[${items.join(', ')}${n > 0 && this.chance(0.2) ? ',' : ''}]`;
  }

  private object(depth: number, indent: string): string {
    const n = this.int(4);
    const items: string[] = [];
    const used = new Set<string>();
    for (let i = 0; i < n; i++) {
      let key: string;
      switch (this.int(4)) {
        case 0:
          key = `"${this.pick(['Name', 'a b', 'k-1', 'é'])}_${this.counter++}"`;
          break;
        case 1:
          key = `(${this.traversal(depth)})`;
          break;
        default:
          key = `${this.pick(['Name', 'Owner', 'key', 'x-y'])}_${this.counter++}`;
      }
      if (used.has(key)) continue;
      used.add(key);
      items.push(`${key} ${this.chance(0.8) ? '=' : ':'} ${this.expr(depth, indent + '  ')}`);
    }
    if (items.length === 0) return '{}';
    if (this.chance(0.5)) {
      const sep = this.chance(0.5) ? '\n' : ',\n';
      return `{\n${indent}    ${items.join(`${sep}${indent}    `)}${this.chance(0.3) ? ',' : ''}\n${indent}  }`;
    }
    return `{ ${items.join(', ')}${this.chance(0.2) ? ',' : ''} }`;
  }

  private forExpr(depth: number, indent: string): string {
    const vars = this.chance(0.5) ? 'k, v' : 'v';
    const cond = this.chance(0.4) ? ` if ${this.expr(depth, indent)}` : '';
    const coll = this.traversal(depth);
    if (this.chance(0.5)) return `[for ${vars} in ${coll} : ${this.expr(depth, indent)}${cond}]`;
    const grouping = this.chance(0.3) ? '...' : '';
    return `{ for ${vars} in ${coll} : ${this.term(depth, indent)} => ${this.expr(depth, indent)}${grouping}${cond} }`;
  }

  private quoted(depth: number): string {
    const n = 1 + this.int(4);
    let s = '';
    for (let i = 0; i < n; i++) {
      switch (this.int(6)) {
        case 0:
          s += this.pick(STRING_ESCAPES);
          break;
        case 1:
          if (depth < this.maxDepth) s += `\${${this.chance(0.2) ? '~ ' : ''}${this.chance(0.8) ? this.dynamic(depth + 1, '') : this.number()}${this.chance(0.2) ? ' ~' : ''}}`;
          break;
        case 2:
          if (depth < this.maxDepth) s += `%{ if ${this.traversal(depth + 1)} }${this.pick(WORDS)}%{ else }x%{ endif }`;
          break;
        case 3:
          if (depth < this.maxDepth) s += `%{ for ${this.chance(0.5) ? 'k, ' : ''}v in ${this.traversal(depth + 1)} ~}[\${v}]%{ endfor }`;
          break;
        default:
          s += this.pick(WORDS);
      }
    }
    return `"${s}"`;
  }

  private heredoc(depth: number, indent: string): string {
    const marker = this.pick(['EOT', 'EOF', 'POLICY', 'END_OF_TEXT']);
    const indented = this.chance(0.5);
    const lines: string[] = [];
    const n = this.int(5);
    const pad = indented ? indent + '    ' : '';
    for (let i = 0; i < n; i++) {
      const extra = ' '.repeat(this.int(3));
      switch (this.int(5)) {
        case 0:
          lines.push(`${pad}${extra}\${${this.traversal(depth)}}`);
          break;
        case 1:
          lines.push('');
          break;
        case 2:
          lines.push(`${pad}${extra}%{ if ${this.traversal(depth)} ~}yes%{ endif }`);
          break;
        case 3:
          lines.push(`${pad}${extra}"json": "\\n $\${x} ${this.pick(WORDS)}"`);
          break;
        default:
          lines.push(`${pad}${extra}${this.pick(WORDS)} text`);
      }
    }
    const closeIndent = indented ? indent + '  ' : '';
    return `<<${indented ? '-' : ''}${marker}\n${lines.map((l) => l + '\n').join('')}${closeIndent}${marker}`;
  }

  /** A valid file with one syntax error injected (most mutations always break it). */
  invalidFile(): string {
    const text = this.file();
    const lines = text.split('\n');
    const at = this.int(lines.length);
    switch (this.int(10)) {
      case 0:
        return text.replace(/\}(?![^\n]*\})/, '');
      case 1:
        lines.splice(at, 0, 'broken = "unterminated');
        return lines.join('\n');
      case 2:
        lines.splice(at, 0, 'half_typed =');
        return lines.join('\n');
      case 3:
        lines.splice(at, 0, 'dup = 1', 'dup = 2');
        return lines.join('\n');
      case 4:
        lines.splice(at, 0, 'x = 1 +');
        return lines.join('\n');
      case 5:
        lines.splice(at, 0, 'esc = "bad \\q escape"');
        return lines.join('\n');
      case 6:
        lines.splice(at, 0, 'a = 1 b = 2');
        return lines.join('\n');
      case 7:
        lines.splice(at, 0, 'one_line { a = 1, b = 2 }');
        return lines.join('\n');
      case 8:
        lines.splice(at, 0, 'resource "x" "y" {');
        return lines.join('\n');
      default:
        lines.splice(at, 0, 'y = [1, 2');
        return lines.join('\n');
    }
  }
}
