import { TAGGABLE_AWS, TAGGABLE_AZURERM, TAGGABLE_GOOGLE } from '../data/shared-data.generated.js';

/**
 * Where a resource type keeps its tags. Most types have one map attribute;
 * the exceptions are the known gaps of shared/data/README.md.
 */
export type TagSite =
  | { kind: 'attribute'; name: string }
  /** aws_autoscaling_group: `tag { key = … value = … }` blocks. */
  | { kind: 'key-value-blocks'; block: string }
  /** google_sql_database_instance: `settings { user_labels = … }`. */
  | { kind: 'nested-attribute'; block: string; name: string };

const AWS = new Set(TAGGABLE_AWS);
const AZURERM = new Set(TAGGABLE_AZURERM);
const GOOGLE = new Set(TAGGABLE_GOOGLE);

const SPECIAL: Record<string, TagSite> = {
  aws_autoscaling_group: { kind: 'key-value-blocks', block: 'tag' },
  google_sql_database_instance: { kind: 'nested-attribute', block: 'settings', name: 'user_labels' },
  google_container_cluster: { kind: 'attribute', name: 'resource_labels' },
};

export function tagSiteOf(type: string): TagSite | undefined {
  const special = SPECIAL[type];
  if (special) return special;
  if (AWS.has(type) || AZURERM.has(type)) return { kind: 'attribute', name: 'tags' };
  if (GOOGLE.has(type)) return { kind: 'attribute', name: 'labels' };
  return undefined;
}

/** The word users see: Google calls them labels. */
export function tagWord(type: string): 'tags' | 'labels' {
  return type.startsWith('google_') ? 'labels' : 'tags';
}
