import type { ComponentChildren } from 'preact';
import type { ApiError } from '../api/api-error';

/** An API problem (4xx) explained in place of content, with every invalid field listed. */
export function ErrorState({ error, children }: { error: ApiError; children?: ComponentChildren }) {
  const problem = error.problem;
  return (
    <div class="error-state" role="alert">
      <h2>
        {problem?.title ?? 'Request failed'}
        {error.status ? ` (${error.status})` : ''}
      </h2>
      <p>{error.message}</p>
      {problem?.errors && problem.errors.length > 0 && (
        <ul>
          {problem.errors.map((issue) => (
            <li key={issue.path}>
              <code>{issue.path}</code> {issue.message}
            </li>
          ))}
        </ul>
      )}
      {children}
    </div>
  );
}
