import type { RuleMeta } from '../../engine/rules/rule.js';
import { formatCatalogJson, formatCatalogMarkdown, formatCatalogText } from '../format/rule-catalog.js';
import { RULES_HELP } from '../help.js';
import type { CliIO } from '../io.js';
import { EXIT_OK, oneOf, parseCommandArgs, UsageError } from '../usage.js';

const FORMATS = { text: formatCatalogText, json: formatCatalogJson, markdown: formatCatalogMarkdown };

export function runRules(args: string[], io: CliIO, rules: readonly RuleMeta[]): number {
  const { values, positionals } = parseCommandArgs('rules', args, {
    format: { type: 'string', short: 'f' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(RULES_HELP);
    return EXIT_OK;
  }
  if (positionals.length) throw new UsageError(`unexpected argument "${positionals[0]}".`, 'rules');
  const format = oneOf('rules', 'format', values.format, ['text', 'json', 'markdown'] as const, 'text');
  io.stdout(FORMATS[format](rules));
  return EXIT_OK;
}
