/** Section titles, in the order a lead reviews: the change as a whole, then access and exposure, then data, then hygiene. */
const SECTIONS: ReadonlyArray<[category: string, title: string]> = [
  ['change', 'The change as a whole'],
  ['plan', 'What the plan destroys or replaces'],
  ['iam', 'Least-privilege IAM'],
  ['network', 'Network exposure'],
  ['secrets', 'Secrets'],
  ['state', 'State and backend'],
  ['lifecycle', 'Lifecycle and data protection'],
  ['resilience', 'Resilience and backups'],
  ['encryption', 'Encryption'],
  ['refactor', 'Refactoring: moved and removed blocks'],
  ['versioning', 'Pinned versions and upgrades'],
  ['hardcoded', 'Hard-coded values'],
  ['tagging', 'Tagging'],
  ['naming', 'Naming'],
  ['observability', 'Observability'],
  ['variables', 'Variables and outputs'],
  ['suppression', 'Suppressions'],
];

const TITLES = new Map(SECTIONS);
const ORDER = new Map(SECTIONS.map(([category], i) => [category, i]));

/** A category no title is known for (a rule added later) gets its name, capitalised. */
export function sectionTitle(category: string): string {
  return TITLES.get(category) ?? category.charAt(0).toUpperCase() + category.slice(1);
}

/** Known categories in review order, then any others alphabetically. */
export function sectionOrder(a: string, b: string): number {
  const x = ORDER.get(a) ?? SECTIONS.length;
  const y = ORDER.get(b) ?? SECTIONS.length;
  return x - y || (a < b ? -1 : a > b ? 1 : 0);
}
