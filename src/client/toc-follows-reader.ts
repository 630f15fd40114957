/**
 * Keeps the active entry of the table of contents in view. On a long guide
 * the TOC column is taller than the window and scrolls by itself; Docusaurus
 * highlights the heading being read but does not scroll the column, so past
 * the first few test cases the highlight disappears below the fold. This
 * watches the highlight and scrolls only the TOC column (never the page).
 */
import type { ClientModule } from '@docusaurus/types';

const ACTIVE = 'table-of-contents__link--active';
const MARGIN = 48;

let observer: MutationObserver | undefined;

/** Scrolls `column` the least amount that shows `link` with a margin around it. */
export function revealInColumn(column: HTMLElement, link: HTMLElement): void {
  const box = column.getBoundingClientRect();
  const target = link.getBoundingClientRect();
  if (target.top < box.top + MARGIN) column.scrollTop -= box.top + MARGIN - target.top;
  else if (target.bottom > box.bottom - MARGIN) column.scrollTop += target.bottom - (box.bottom - MARGIN);
}

function follow(): void {
  observer?.disconnect();
  observer = undefined;
  const list = document.querySelector<HTMLElement>('.theme-doc-toc-desktop');
  if (!list) return;
  // The column that scrolls is the TOC's own box (sticky, with a max height).
  observer = new MutationObserver((records) => {
    for (const record of records) {
      const link = record.target as HTMLElement;
      if (link.classList.contains(ACTIVE)) {
        revealInColumn(list, link);
        return;
      }
    }
  });
  observer.observe(list, { subtree: true, attributes: true, attributeFilter: ['class'] });
}

const clientModule: ClientModule = {
  onRouteDidUpdate() {
    // After React has rendered the new page's TOC.
    requestAnimationFrame(follow);
  },
};

export default clientModule;
