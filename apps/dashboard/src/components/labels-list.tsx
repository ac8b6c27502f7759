/** A job's labels as `key:value` chips, the same form the list filter takes. */
export function LabelsList({ labels }: { labels: Record<string, string> }) {
  const entries = Object.entries(labels);
  if (entries.length === 0) return <span class="muted">—</span>;
  return (
    <ul class="labels">
      {entries.map(([k, v]) => (
        <li key={k}>
          <code>
            {k}:{v}
          </code>
        </li>
      ))}
    </ul>
  );
}
