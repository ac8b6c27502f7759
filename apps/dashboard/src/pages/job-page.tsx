import { isCancelable, isTerminal } from '@jobgate/contracts/records';
import { useApi } from '../api/api-context';
import { useUiConfig } from '../api/ui-config-context';
import { loadJobView, type JobView } from '../api/load-job-view';
import type { JobRecord } from '../api/types';
import { AttemptsSection } from '../components/attempts-section';
import { ConfirmAction } from '../components/confirm-action';
import { DeliveriesSection } from '../components/deliveries-section';
import { JobFacts } from '../components/job-facts';
import { LiveHint } from '../components/live-hint';
import { LoadStatus } from '../components/load-status';
import { LogPanel } from '../components/log-panel';
import { PageTitle } from '../components/page-title';
import { RawJson } from '../components/raw-json';
import { StatusTimeline } from '../components/status-timeline';
import { VersionsSection } from '../components/versions-section';
import { usePolling } from '../hooks/use-polling';
import { webhookReceiverOf } from '../lib/webhook-receiver';
import { Link } from '../router/link';

/** One job: its record, status history, log, ModelArts versions, attempts, webhook deliveries and a cancel button. */
export function JobPage({ id }: { id: string }) {
  const client = useApi();
  const { defaultWebhookReceiver } = useUiConfig();
  const polled = usePolling((signal) => loadJobView(client, id, signal), { key: `job:${id}`, keepPolling: isLive });
  const view = polled.error?.kind === 'problem' ? undefined : polled.data;
  const receiver = view ? webhookReceiverOf(view.job.webhook_url, defaultWebhookReceiver) : 'unknown';
  return (
    <section>
      <p class="crumbs">
        <Link href="/ui/jobs">← Jobs</Link>
      </p>
      <div class="page-head">
        <PageTitle>{view ? view.job.job_name : 'Job'}</PageTitle>
        {view && <LiveHint live={isLive(view)} busy={polled.busy} idle="the job has ended and its webhooks are settled" />}
      </div>
      <LoadStatus
        polled={polled}
        notFound={
          <p>
            <Link href="/ui/jobs">Back to the job list</Link>
          </p>
        }
      />
      {view && (
        <>
          <div class="card">
            <JobFacts job={view.job} receiver={receiver} />
            <CancelJob job={view.job} onDone={polled.reload} />
          </div>
          <StatusTimeline entries={view.timeline} />
          <LogPanel jobId={view.job.id} />
          <VersionsSection jobId={view.job.id} versions={view.versions} />
          <AttemptsSection job={view.job} attempts={view.attempts} />
          <DeliveriesSection deliveries={view.deliveries} onChanged={polled.reload} receiver={receiver} />
          <RawJson value={view.job} summary="Raw job record (JSON)" />
        </>
      )}
    </section>
  );
}

/** Live until the job has ended and no webhook of it is still waiting to be delivered. */
function isLive(view: JobView): boolean {
  return !isTerminal(view.job.status) || view.deliveries.some((d) => d.status === 'pending');
}

function CancelJob({ job, onDone }: { job: JobRecord; onDone: () => void }) {
  const client = useApi();
  const run = async () => {
    const after = await client.call((api) => api.POST('/v1/jobs/{id}/cancel', { params: { path: { id: job.id } } }));
    onDone();
    return after.status === 'canceled' ? 'Job canceled.' : `Cancel requested: the job is ${after.status} until ModelArts confirms the stop.`;
  };
  return (
    <ConfirmAction
      label="Cancel job"
      confirmLabel="Yes, cancel job"
      run={run}
      question={`Cancel ${job.job_name}? A running ModelArts job is stopped; this cannot be undone.`}
      disabledReason={isCancelable(job.status) ? null : `The job has ended (${job.status}): nothing to cancel.`}
    />
  );
}
