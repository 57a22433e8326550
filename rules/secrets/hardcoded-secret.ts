import { defineRule, findAttribute } from '../../server/src/engine/rules/rule.js';
import type { RuleContext } from '../../server/src/engine/rules/rule.js';
import type { CarryPass } from '../../server/src/engine/incremental/block-carry.js';
import type { Block, Expression, ObjectItem, SourceFile, TemplateLiteralPart } from '../../server/src/engine/parse/ast.js';
import { comparePositions, offsetAt, rangeContains, type Location, type Range } from '../../server/src/engine/range.js';
import type { Value } from '../../server/src/engine/evaluate/value.js';
import { forEachLiteralInExpression, forEachLiteralString, objectKey, rangeInLiteral } from '../../server/src/engine/hardcoded/literal-strings.js';
import {
  AWS_ACCESS_KEY_ID,
  PEM_PRIVATE_KEY,
  isDocumentationKeyId,
  isSecretName,
  isSecretReference,
} from '../../server/src/engine/secrets/secret-names.js';

/** Metadata, never secrets: a tag called `Secret` is a label. */
const METADATA_ATTRIBUTES = new Set(['tags', 'tags_all', 'labels', 'description']);

/** How a value is given to a name, for messages. */
type Relation = 'argument' | 'pair' | 'local' | 'default' | 'tfvars' | 'output';

function subject(relation: Relation, name: string, owner: string): string {
  switch (relation) {
    case 'argument':
      return `${owner} sets ${name} to`;
    case 'pair':
      return `${owner} sets the value of ${name} to`;
    case 'local':
      return `${owner} is`;
    case 'default':
      return `The default of ${owner} is`;
    case 'tfvars':
      return `${owner} is set here to`;
    case 'output':
      return `${owner} is`;
  }
}

interface Reported {
  file: string;
  range: Range;
}

/** What checking one block would report, as data: reported again in order, it reports the same. */
interface Candidate {
  file: string;
  range: Range;
  message: string;
  address?: string;
}

/** The key of the editor's kept candidates (RuleContext.carried). */
const CANDIDATES = {};

/** One pass of the rule over a module: remembers what it reported so a literal is reported once, where it is written. */
class SecretScan {
  private readonly reported: Reported[] = [];
  /** The candidates of the block being checked, when they are to be kept. */
  private recording: Candidate[] | undefined;
  private readonly sensitiveVariables = new Set<string>();

  constructor(private readonly ctx: RuleContext) {
    for (const [name, v] of ctx.module.variables) {
      const s = ctx.attributeValue(v.block, v.file, 'sensitive');
      if (s?.kind === 'bool' && s.value) this.sensitiveVariables.add(name);
    }
  }

  run(): void {
    const m = this.ctx.module;
    // Definitions first, so a literal that flows into a resource is reported where it is written.
    for (const local of m.locals.values()) {
      this.checkNamed(local.name, local.attribute.expr, local.file, local.attribute.range, `local.${local.name}`, false, 'local');
    }
    for (const v of m.variables.values()) {
      const def = findAttribute(v.block, 'default');
      if (!def) continue;
      this.checkNamed(v.name, def.expr, v.file, def.range, `var.${v.name}`, this.sensitiveVariables.has(v.name), 'default');
    }
    for (const file of m.varFiles) {
      for (const item of file.body) {
        if (item.kind !== 'Attribute') continue;
        this.checkNamed(item.name, item.expr, file, item.range, `var.${item.name}`, this.sensitiveVariables.has(item.name), 'tfvars');
      }
    }
    // In the editor, what each resource and data block gave is kept for the next review, and given again while an edit
    // leaves the block alone; reported again in turn, a literal reached before is still reported once.
    const carry = this.ctx.carried?.<Candidate[]>(CANDIDATES);
    if (carry) carry.pass(m, (pass) => this.checkResources(pass));
    else this.checkResources(undefined);
    for (const c of m.moduleCalls) this.checkBlock(c.block, c.file, c.address);
    for (const p of m.providers) this.checkBlock(p.block, p.file, `provider "${p.name}"${p.alias ? ` (${p.alias})` : ''}`);
    for (const t of m.terraformBlocks) this.checkBlock(t.block, t.file, 'the backend settings');
    for (const o of m.outputs) {
      const value = findAttribute(o.block, 'value');
      if (value) this.checkNamed(o.name, value.expr, o.file, value.range, `output.${o.name}`, false, 'output');
    }
    this.scanPatterns();
  }

  private checkResources(pass: CarryPass<Candidate[]> | undefined): void {
    const m = this.ctx.module;
    for (const r of [...m.resources, ...m.dataSources]) {
      const kept = pass?.reuse(r.block);
      if (kept) {
        for (const c of kept) this.report(pass!.file(c.file)!, c.range, c.message, c.address);
        continue;
      }
      if (!pass) {
        this.checkBlock(r.block, r.file, r.address);
        continue;
      }
      const candidates: Candidate[] = [];
      this.recording = candidates;
      try {
        this.checkBlock(r.block, r.file, r.address);
      } finally {
        this.recording = undefined;
      }
      pass.keep(r.block, candidates, candidates);
    }
  }

  private checkBlock(block: Block, file: SourceFile, owner: string): void {
    for (const item of block.body) {
      if (item.kind === 'Attribute') {
        if (METADATA_ATTRIBUTES.has(item.name)) continue;
        this.checkNamed(item.name, item.expr, file, item.range, owner);
      } else {
        this.checkNameValuePair(block, item, file, owner);
        this.checkBlock(item, file, owner);
      }
    }
  }

  /** `env { name = "DB_PASSWORD", value = "…" }` (Kubernetes), Helm `set { name = "auth.password", value = "…" }`. */
  private checkNameValuePair(_parent: Block, block: Block, file: SourceFile, owner: string): void {
    const name = findAttribute(block, 'name');
    const value = findAttribute(block, 'value');
    if (!name || !value) return;
    const n = this.ctx.evaluate(name.expr, file);
    if (n.kind === 'string' && isSecretName(n.value)) this.reportLiteral(n.value, value.expr, file, value.range, owner, 'pair');
  }

  /**
   * A value given to a name: reported when the name is secret-like (or the
   * variable is sensitive) and the value is a literal; otherwise its map keys
   * are looked at in turn.
   */
  private checkNamed(
    name: string,
    expr: Expression,
    file: SourceFile,
    range: Range,
    owner: string,
    forced = false,
    relation: Relation = 'argument',
  ): void {
    if ((forced || isSecretName(name)) && this.reportLiteral(name, expr, file, range, owner, relation)) return;
    this.checkNestedKeys(expr, file, owner);
  }

  /** Map keys inside an expression (`variables = { DB_PASSWORD = "…" }`, `jsonencode({ password = "…" })`). */
  private checkNestedKeys(expr: Expression, file: SourceFile, owner: string): void {
    switch (expr.kind) {
      case 'Object': {
        // [{ name = "DB_PASSWORD", value = "…" }] (ECS container definitions). No array of keys: objects are
        // the commonest expression, and this runs on every one of a module.
        const items = expr.items;
        let nameItem: ObjectItem | undefined;
        let valueItem: ObjectItem | undefined;
        for (const item of items) {
          const key = objectKey(item.key, item.keyIsIdentifier);
          if (key === 'name') nameItem ??= item;
          else if (key === 'value') valueItem ??= item;
        }
        if (nameItem && valueItem) {
          const n = this.ctx.evaluate(nameItem.value, file);
          if (n.kind === 'string' && isSecretName(n.value)) this.reportLiteral(n.value, valueItem.value, file, valueItem.range, owner, 'pair');
        }
        for (const item of items) {
          const key = objectKey(item.key, item.keyIsIdentifier);
          if (key === undefined) this.checkNestedKeys(item.value, file, owner);
          else if (!METADATA_ATTRIBUTES.has(key)) this.checkNamed(key, item.value, file, item.range, owner);
        }
        return;
      }
      case 'Tuple':
        for (const item of expr.items) this.checkNestedKeys(item, file, owner);
        return;
      case 'Call':
        for (const arg of expr.args) this.checkNestedKeys(arg, file, owner);
        return;
      case 'Conditional':
        this.checkNestedKeys(expr.then, file, owner);
        this.checkNestedKeys(expr.else, file, owner);
        return;
      case 'Paren':
        this.checkNestedKeys(expr.expr, file, owner);
        return;
      default:
        return;
    }
  }

  /**
   * Reports the literal strings `expr` resolves to. Returns true when a
   * value was a string literal (so there are no map keys inside to look at).
   */
  private reportLiteral(name: string, expr: Expression, file: SourceFile, range: Range, owner: string, relation: Relation): boolean {
    const value = this.ctx.evaluate(expr, file);
    const strings = value.kind === 'string' ? [value] : value.kind === 'tuple' ? value.items.filter((v) => v.kind === 'string') : [];
    let handled = false;
    for (const s of strings) {
      if (s.kind !== 'string') continue;
      const origin = this.literalOrigin(s);
      // Built by a function (jsonencode, file): its map keys are looked at instead.
      if (!origin) continue;
      handled = true;
      if (s.value === '' || isSecretReference(s.value)) continue;
      const inside = origin.file === file.path && rangeContains(range, origin.range);
      const where = inside ? { file: file.path, range } : origin;
      const target = inside ? file : this.fileOf(origin.file);
      if (!target) continue;
      const message = inside
        ? `${subject(relation, name, owner)} a literal secret: pass it in through a sensitive variable or read it from a secret store.`
        : `This literal is a secret: it reaches ${relation === 'pair' ? `the value of ${name}` : name} in ${owner}. Pass it in through a sensitive variable or read it from a secret store.`;
      this.report(target, where.range, message,
        inside ? owner : undefined);
    }
    return handled;
  }

  /** Where a string was written, when it was written as a string literal in this module (not read by file(), not built by a function). */
  private literalOrigin(v: Value): Location | undefined {
    const origin = v.origin;
    if (!origin) return undefined;
    const file = this.fileOf(origin.file);
    if (!file) return undefined;
    const first = file.text.charAt(offsetAt(file.lineStarts, origin.range.start));
    return first === '"' || first === '<' ? origin : undefined;
  }

  private fileOf(path: string): SourceFile | undefined {
    return this.ctx.module.files.find((f) => f.path === path) ?? this.ctx.module.varFiles.find((f) => f.path === path);
  }

  private overlaps(file: string, range: Range): boolean {
    return this.reported.some(
      (r) => r.file === file && comparePositions(r.range.start, range.end) < 0 && comparePositions(range.start, r.range.end) < 0,
    );
  }

  private report(file: SourceFile, range: Range, message: string, address?: string): void {
    // Recorded whether or not it is reported now: what was reported before it may differ at the next review.
    this.recording?.push(address === undefined ? { file: file.path, range, message } : { file: file.path, range, message, address });
    if (this.overlaps(file.path, range)) return;
    this.reported.push({ file: file.path, range });
    this.ctx.report({ file, range, message, ...(address && this.ctx.module.byAddress.has(address) ? { address } : {}) });
  }

  /** AWS access key ids and PEM private keys, in any string of any file of the module. */
  private scanPatterns(): void {
    const visit = (s: { file: SourceFile; part: TemplateLiteralPart }) => {
      const text = s.part.value;
      for (const m of text.matchAll(AWS_ACCESS_KEY_ID)) {
        if (isDocumentationKeyId(m[0])) continue;
        this.report(
          s.file,
          rangeInLiteral(s.file, s.part, m.index!, m[0].length),
          `This string holds an AWS access key id (${m[0].slice(0, 4)}…${m[0].slice(-4)}): deactivate and rotate the key, and let the ` +
            'provider find credentials (environment, profile, IAM role) instead.',
        );
      }
      for (const m of text.matchAll(PEM_PRIVATE_KEY)) {
        this.report(
          s.file,
          rangeInLiteral(s.file, s.part, m.index!, m[0].indexOf('-----', 5) + 5),
          'This string holds a PEM private key: replace the key pair, and keep keys in a secret store (or generate them with tls_private_key).',
        );
      }
    };
    // Key ids and PEM headers are written out in the source: blocks without one are not walked.
    const sourceFilter = /A[KS]IA|PRIVATE KEY/;
    for (const file of [...this.ctx.module.files, ...this.ctx.module.varFiles]) {
      if (!sourceFilter.test(file.text)) continue;
      for (const item of file.body) {
        if (item.kind === 'Block') forEachLiteralString(item, file, visit, { sourceFilter });
        else forEachLiteralInExpression(item.expr, file, item.name, visit, { sourceFilter });
      }
    }
  }
}

export default defineRule({
  meta: {
    id: 'secrets/hardcoded-secret',
    title: 'No secrets written in the configuration',
    problem: 'secret in the code',
    category: 'secrets',
    writtenCodeOnly: true,
    severity: 'error',
    rationale:
      'A password, token or key written into Terraform code lives in version control forever, in every clone, CI log ' +
      'and plan file, and is readable by everyone with access to the repository; rotating it means rewriting history. ' +
      'Reported: a known, non-empty string literal given to a secret-named argument or map key (`password`, `secret`, ' +
      '`token`, `api_key`, `access_key`, `secret_key`, `private_key`, `client_secret`, `connection_string`, ' +
      '`secret_string`, `*_password`, `*_secret`, `*_token`; `DB_PASSWORD`, `dbPassword` alike; Kubernetes/ECS ' +
      '`{ name = "DB_PASSWORD", value = … }` pairs) in resources, data sources, providers, backends, module calls, ' +
      'locals, outputs, variable defaults and tfvars; the default or tfvars value of a variable declared ' +
      '`sensitive = true`; and any string holding an AWS access key id (AKIA/ASIA…) or a PEM private key. A literal ' +
      'that reaches a secret argument through a local, a variable default or tfvars is reported where it is written. ' +
      'Not reported (certainty principle and precision): references and generated values (`var.x` in a child module, ' +
      '`random_password.p.result`, `data.…`), values read with file(), the empty string `""` (it holds nothing and is ' +
      'the usual "not set" value), non-string values (`manage_master_user_password = true`), names that are about a ' +
      'secret rather than the secret (`*_arn`, `*_id`, `*_name`, `*_length`, `*_ttl`, `*_version`, `*_policy`, ' +
      '`*_enabled`, `creation_token`, `existing_secret`; names that say the value is derived from the secret: ' +
      '`encrypted_*` ciphertext, `*hash*`, `*fingerprint*`, `version_token`; settings such as `expire_passwords`), ARNs and secret-store references given to secret names, tags, ' +
      'and AWS\'s documentation key id `AKIAIOSFODNN7EXAMPLE` outside a secret-named argument. Placeholders such as ' +
      '`"changeme"` are reported: they are known literals, and placeholders get deployed.',
    remediation:
      'Remove the value and rotate it (it is in the repository\'s history). Generate it (`random_password`, ' +
      '`manage_master_user_password = true`), read it at plan time from a secret store (`data "aws_secretsmanager_secret_version"`, ' +
      'Vault), or pass it in through a variable declared `sensitive = true` whose value comes from the environment ' +
      '(`TF_VAR_…`) rather than a committed file. Provider credentials belong in the environment or a profile.',
    equivalents: {
      tfsec: ['general-secrets-no-plaintext-exposure', 'general-secrets-sensitive-in-attribute', 'aws-misc-no-exposing-plaintext-credentials'],
      trivy: ['aws-access-key-id', 'private-key'],
      checkov: ['CKV_AWS_41', 'CKV_SECRET_2', 'CKV_SECRET_13'],
    },
    examples: {
      failing: `resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  username            = "app"
  password            = "s3cr3t-Passw0rd"
  skip_final_snapshot = true
}
`,
      passing: `resource "random_password" "orders" {
  length = 32
}

resource "aws_db_instance" "orders" {
  identifier          = "orders"
  engine              = "postgres"
  instance_class      = "db.t4g.micro"
  allocated_storage   = 20
  username            = "app"
  password            = random_password.orders.result
  skip_final_snapshot = true
}
`,
    },
  },
  check(ctx) {
    new SecretScan(ctx).run();
  },
});
