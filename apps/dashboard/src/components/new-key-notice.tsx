import { useEffect, useRef, useState } from 'preact/hooks';
import type { CreatedApiKeyRecord } from '../api/types';

/**
 * A key just created, shown this once: jobgate keeps only its hash, so once this box is closed (or
 * the page left) nobody can show it again. It takes focus so keyboard and screen-reader users land on it.
 */
export function NewKeyNotice({ created, onDismiss }: { created: CreatedApiKeyRecord; onDismiss: () => void }) {
  const box = useRef<HTMLDivElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => box.current?.focus(), [created.id]);
  // The clipboard API exists only in secure contexts (https, or the loopback address).
  const copy = navigator.clipboard
    ? () =>
        navigator.clipboard.writeText(created.key).then(
          () => setCopied('Copied.'),
          () => setCopied('Copy failed: select the key and copy it.'),
        )
    : null;
  return (
    <div class="new-key" ref={box} tabIndex={-1} role="region" aria-labelledby="new-key-heading" data-key-id={created.id}>
      <h3 id="new-key-heading">Copy the new key “{created.name}” now</h3>
      <p>This is the only time it is shown: jobgate keeps only a hash of it. Store it where the team's tools read it.</p>
      <p class="key-row">
        <code class="key-value">{created.key}</code>
        {copy && (
          <button type="button" onClick={copy}>
            Copy
          </button>
        )}
        <span role="status" class="ok-text small">
          {copied ?? ''}
        </span>
      </p>
      <button type="button" onClick={onDismiss}>
        I have stored it
      </button>
    </div>
  );
}
