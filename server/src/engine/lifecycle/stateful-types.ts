import { STATEFUL_RESOURCE_TYPES } from '../data/shared-data.generated.js';

/** The option of the rules about stateful resources: changes to the shared list of stateful types. */
export interface StatefulOptions {
  resourceTypes: { add?: unknown; remove?: unknown };
}

export const STATEFUL_TYPES_OPTION = {
  resourceTypes: {
    type: 'object' as const,
    description: 'Changes to the default list of stateful resource types: `{ "add": ["aws_ssm_parameter"], "remove": ["aws_sqs_queue"] }`.',
    default: { add: [], remove: [] },
    schema: {
      type: 'object',
      properties: {
        add: { type: 'array', items: { type: 'string' }, description: 'Resource types to check as well.' },
        remove: { type: 'array', items: { type: 'string' }, description: 'Resource types not to check.' },
      },
      additionalProperties: false,
    },
  },
};

/** The shared stateful types (../shared/data) with the option's additions and removals. */
export function statefulTypes(options: StatefulOptions): Set<string> {
  const types = new Set(STATEFUL_RESOURCE_TYPES);
  for (const t of stringList(options.resourceTypes?.add)) types.add(t);
  for (const t of stringList(options.resourceTypes?.remove)) types.delete(t);
  return types;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
