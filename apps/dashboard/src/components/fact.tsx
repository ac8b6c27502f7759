import type { ComponentChildren } from 'preact';

/** One term and its value in a facts list (`<dl class="facts">`). */
export function Fact({ term, children }: { term: string; children: ComponentChildren }) {
  return (
    <div class="fact">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
