import { EmptyState } from '../components/empty-state';
import { PageTitle } from '../components/page-title';
import { Link } from '../router/link';

export function NotFoundPage({ path }: { path: string }) {
  return (
    <section>
      <PageTitle>Page not found</PageTitle>
      <EmptyState title={`The dashboard has no page at /ui${path}.`}>
        <p>
          <Link href="/ui/jobs">Go to the job list</Link>
        </p>
      </EmptyState>
    </section>
  );
}
