import type { ReactNode } from 'react';
import styles from './styles.module.css';

const LABELS: Record<string, string> = {
  pending: 'Pending',
  approved: 'Approved',
  changes_requested: 'Changes requested',
  stale: 'Stale',
  verified: 'Verified',
  missing: 'Missing',
  failed: 'Failed',
  wired: 'Wired',
  not_wired: 'Not wired',
  uncheckable: 'Uncheckable',
  uncertain: 'Uncertain',
  suspect: 'Suspect',
  found: 'Found',
};

const GOOD = new Set(['approved', 'verified', 'wired', 'found']);
const BAD = new Set(['missing', 'failed', 'not_wired', 'stale', 'suspect', 'changes_requested']);

export default function StatusBadge({ status }: { status: string }): ReactNode {
  const tone = GOOD.has(status) ? styles.good : BAD.has(status) ? styles.bad : styles.neutral;
  return (
    <span className={`${styles.badge} ${tone}`} data-status={status}>
      {LABELS[status] ?? status}
    </span>
  );
}
