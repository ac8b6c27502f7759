import { useEffect, useRef, useState } from 'preact/hooks';
import { useApi } from '../api/api-context';
import { MAX_KEPT_LINES, useLogFollow } from '../hooks/use-log-follow';

/**
 * The job's log from ModelArts, followed while the job runs (new lines appear at the bottom, and
 * the view stays at the bottom unless the reader scrolled up). A distributed job has one file per
 * worker, picked with the select.
 */
export function LogPanel({ jobId }: { jobId: string }) {
  const [file, setFile] = useState<string | null>(null);
  const log = useLogFollow(useApi(), jobId, file);
  const box = useRef<HTMLPreElement>(null);
  const atBottom = useRef(true);
  useEffect(() => {
    const pre = box.current;
    if (pre && atBottom.current) pre.scrollTop = pre.scrollHeight;
  }, [log.lines.length]);
  const onScroll = () => {
    const pre = box.current;
    if (pre) atBottom.current = pre.scrollHeight - pre.scrollTop - pre.clientHeight < 24;
  };
  return (
    <section class="card" aria-labelledby="log-heading">
      <div class="section-head">
        <h2 id="log-heading">Log</h2>
        {log.files.length > 1 && (
          <label class="field inline">
            <span>File</span>
            <select value={log.file ?? ''} onChange={(e) => setFile((e.target as HTMLSelectElement).value)}>
              {log.files.map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
          </label>
        )}
        <span class="log-state muted small" data-following={log.following ? 'true' : 'false'}>
          {log.following ? 'following the log while the job runs' : log.error ? 'stopped' : 'the whole log'}
        </span>
      </div>
      {log.hint && <p class="muted">{log.hint}</p>}
      {log.error && (
        <p class="error-text" role="alert">
          {log.error}
        </p>
      )}
      {log.dropped > 0 && (
        <p class="muted small">
          Showing the last {MAX_KEPT_LINES} lines; <code>jobgate logs {jobId}</code> prints them all.
        </p>
      )}
      {log.lines.length > 0 && (
        <pre class="log" ref={box} onScroll={onScroll} tabIndex={0} aria-label={`Log of ${log.file}`} data-line-count={log.lines.length}>
          {log.lines.map(([n, text]) => `${String(n).padStart(6)}  ${text}\n`).join('')}
        </pre>
      )}
    </section>
  );
}
