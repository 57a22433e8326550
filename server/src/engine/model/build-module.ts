import type { Block, BodyItem, Expression, SourceFile } from '../parse/ast.js';
import type {
  BlockRef,
  LocalRef,
  Module,
  ModuleCallRef,
  NamedBlockRef,
  ProviderConfigRef,
  ProviderKey,
  ResourceRef,
} from './module.js';

/**
 * Indexes the blocks of one module directory. `files` are configuration files
 * (already filtered by the `.tofu` twin rule), `varFiles` the tfvars files in
 * Terraform's load order.
 */
export function buildModule(dir: string, files: SourceFile[], varFiles: SourceFile[]): Module {
  const module: Module = {
    dir,
    files,
    varFiles,
    isRoot: false,
    resources: [],
    dataSources: [],
    scopedDataSources: [],
    moduleCalls: [],
    variables: new Map(),
    outputs: [],
    locals: new Map(),
    providers: [],
    terraformBlocks: [],
    movedBlocks: [],
    byAddress: new Map(),
  };
  for (const file of files) {
    for (const item of file.body) {
      if (item.kind === 'Block') indexBlock(module, item, file);
    }
  }
  module.isRoot = isRootModule(module);
  return module;
}

function indexBlock(module: Module, block: Block, file: SourceFile): void {
  const label = (i: number) => block.labels[i]?.value;
  switch (block.type) {
    case 'resource':
    case 'data': {
      const ref = resourceRef(block, file);
      if (!ref) return;
      (ref.mode === 'managed' ? module.resources : module.dataSources).push(ref);
      if (!module.byAddress.has(ref.address)) module.byAddress.set(ref.address, ref);
      return;
    }
    case 'module': {
      const name = label(0);
      if (name === undefined) return;
      const ref: ModuleCallRef = { block, file, name, address: `module.${name}` };
      module.moduleCalls.push(ref);
      if (!module.byAddress.has(ref.address)) module.byAddress.set(ref.address, ref);
      return;
    }
    case 'variable': {
      const name = label(0);
      if (name !== undefined && !module.variables.has(name)) module.variables.set(name, { block, file, name });
      return;
    }
    case 'output': {
      const name = label(0);
      if (name !== undefined) module.outputs.push({ block, file, name } satisfies NamedBlockRef);
      return;
    }
    case 'locals': {
      for (const item of block.body) {
        if (item.kind === 'Attribute' && !module.locals.has(item.name)) {
          module.locals.set(item.name, { name: item.name, attribute: item, file } satisfies LocalRef);
        }
      }
      return;
    }
    case 'provider': {
      const name = label(0);
      if (name === undefined) return;
      const aliasAttr = block.body.find((i) => i.kind === 'Attribute' && i.name === 'alias');
      const alias = aliasAttr?.kind === 'Attribute' ? literalString(aliasAttr.expr) : undefined;
      const ref: ProviderConfigRef = alias !== undefined ? { block, file, name, alias } : { block, file, name };
      module.providers.push(ref);
      return;
    }
    case 'terraform':
      module.terraformBlocks.push({ block, file } satisfies BlockRef);
      return;
    case 'moved':
      module.movedBlocks.push({ block, file });
      return;
    case 'check':
      for (const item of block.body) {
        if (item.kind !== 'Block' || item.type !== 'data') continue;
        const ref = resourceRef(item, file);
        if (ref) module.scopedDataSources.push(ref);
      }
      return;
  }
}

/**
 * Whether a top-level item is a resource or data block the model indexes: a
 * `resource` or `data` block with at least two labels (a third, which
 * Terraform rejects, is ignored here as everywhere in the model).
 */
export function declaresResource(item: BodyItem): boolean {
  return item.kind === 'Block' && (item.type === 'resource' || item.type === 'data') && item.labels.length >= 2;
}

/** A `resource` or `data` block with both labels, else undefined. */
function resourceRef(block: Block, file: SourceFile): ResourceRef | undefined {
  if (!declaresResource(block)) return undefined;
  const type = block.labels[0]!.value;
  const name = block.labels[1]!.value;
  const mode = block.type === 'resource' ? 'managed' : 'data';
  const address = mode === 'managed' ? `${type}.${name}` : `data.${type}.${name}`;
  return { block, file, mode, type, name, address, provider: providerOf(block, type) };
}

/** The provider configuration a resource uses: `provider = aws.west`, else the type's prefix. */
function providerOf(block: Block, type: string): ProviderKey {
  for (const item of block.body) {
    if (item.kind !== 'Attribute' || item.name !== 'provider') continue;
    const ref = providerReference(item.expr);
    if (ref) return ref;
  }
  return { name: impliedProviderName(type) };
}

/** Parses `aws` or `aws.west` (a bare traversal, as Terraform requires for `provider`). */
export function providerReference(expr: Expression): ProviderKey | undefined {
  if (expr.kind === 'Variable') return { name: expr.name };
  if (expr.kind === 'GetAttr' && expr.object.kind === 'Variable') return { name: expr.object.name, alias: expr.name };
  return undefined;
}

/** Terraform's implied provider: the resource type's prefix before the first underscore. */
export function impliedProviderName(type: string): string {
  const i = type.indexOf('_');
  return i < 0 ? type : type.slice(0, i);
}

function literalString(expr: Expression): string | undefined {
  if (expr.kind === 'Template' && expr.parts.length === 1 && expr.parts[0]!.kind === 'TemplateLiteral') {
    return expr.parts[0]!.value;
  }
  if (expr.kind === 'Template' && expr.parts.length === 0) return '';
  return undefined;
}

function isRootModule(module: Module): boolean {
  for (const { block } of module.terraformBlocks) {
    for (const item of block.body) {
      if (item.kind === 'Block' && (item.type === 'backend' || item.type === 'cloud')) return true;
    }
  }
  for (const { block } of module.providers) {
    if (block.body.some((item) => !(item.kind === 'Attribute' && item.name === 'alias'))) return true;
  }
  return false;
}

/** The `provider` block that configures a provider key, if the module has one. */
export function providerConfigFor(module: Module, key: ProviderKey): ProviderConfigRef | undefined {
  return module.providers.find((p) => p.name === key.name && p.alias === key.alias);
}
