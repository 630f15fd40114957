/**
 * The reviewer's how-to-verify checklist. Ticks live in the browser's
 * localStorage under a key bound to the reviewed content, so they survive
 * reloads while the reviewer works and reset when the docs change.
 */
import { useEffect, useState, type ReactNode } from 'react';
import type { ReviewChecklistItem } from '../../../plugins/docusaurus-plugin-review/review-data';
import InlineText from './InlineText';
import styles from './styles.module.css';

function readTicks(key: string, count: number): boolean[] {
  try {
    const stored = JSON.parse(window.localStorage.getItem(key) ?? '[]') as unknown;
    if (Array.isArray(stored)) return Array.from({ length: count }, (_, i) => stored[i] === true);
  } catch {
    // Unreadable storage (private mode, corrupt value): start unticked.
  }
  return Array.from({ length: count }, () => false);
}

export default function Checklist({ items, storageKey }: { items: ReviewChecklistItem[]; storageKey: string }): ReactNode {
  const [ticks, setTicks] = useState<boolean[]>(() => items.map(() => false));
  // Read after hydration: the server render has no storage.
  useEffect(() => setTicks(readTicks(storageKey, items.length)), [storageKey, items.length]);

  const toggle = (index: number) => {
    setTicks((current) => {
      const next = current.map((t, i) => (i === index ? !t : t));
      try {
        window.localStorage.setItem(storageKey, JSON.stringify(next));
      } catch {
        // Storage full or blocked: the tick still shows for this visit.
      }
      return next;
    });
  };

  const done = ticks.filter(Boolean).length;
  return (
    <div>
      <p className={styles.progress} data-testid="review-progress">
        {done} of {items.length} checked
      </p>
      <p className={styles.note} data-testid="ticks-note">
        Ticks are kept in this browser only, to help you through the list; they record nothing. Your decision is
        recorded by the command below.
      </p>
      <ol className={styles.checklist}>
        {items.map((item, index) => (
          <li key={index} className={ticks[index] ? styles.checked : undefined}>
            <label>
              <input
                type="checkbox"
                checked={ticks[index] ?? false}
                onChange={() => toggle(index)}
                data-testid={`review-item-${index + 1}`}
              />{' '}
              <InlineText text={item.text} />
            </label>
            {item.href && (
              <>
                {' '}
                <a className={styles.goto} href={item.href}>
                  Go to {item.label}
                </a>
              </>
            )}
          </li>
        ))}
      </ol>
    </div>
  );
}
