/** The record exactly as the API sent it, folded away by default. */
export function RawJson({ value, summary = 'Raw JSON' }: { value: unknown; summary?: string }) {
  return (
    <details class="raw-json">
      <summary>{summary}</summary>
      <pre tabIndex={0}>{JSON.stringify(value, null, 2)}</pre>
    </details>
  );
}
