export type Severity = 'error' | 'warning' | 'info';

export const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, error: 3 };

export function isSeverity(s: unknown): s is Severity {
  return s === 'error' || s === 'warning' || s === 'info';
}
