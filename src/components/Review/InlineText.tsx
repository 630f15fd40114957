/**
 * Plan text as the plan's markdown means it: `backtick spans` are code.
 * Only code spans are recognised; everything else stays plain text (React
 * escapes it), so a plan cannot put markup or links into the page.
 */
import type { ReactNode } from 'react';

export default function InlineText({ text }: { text: string }): ReactNode {
  const parts = text.split(/(`[^`\n]+`)/g);
  return (
    <>
      {parts.map((part, i) =>
        part.length > 2 && part.startsWith('`') && part.endsWith('`') ? <code key={i}>{part.slice(1, -1)}</code> : part,
      )}
    </>
  );
}
