import type { ComponentChildren } from 'preact';

/** What to do when there is nothing to show, instead of an empty table. */
export function EmptyState({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="empty-state">
      <p class="empty-title">{title}</p>
      {children}
    </div>
  );
}
