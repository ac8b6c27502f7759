/**
 * Wire shapes of the public /v1 API, from @jobgate/contracts' light entry point (types only: nothing
 * of it is bundled), so a change there breaks this build instead of the page.
 */
export type {
  CreateAttemptRecord, DeliveryAttemptRecord, DeliveryRecord, ItemList, JobEventRecord, JobRecord, JobStatus, JobVersionRecord, LogPage, Page, Problem,
  SweepDetail, SweepRecord, SweepStatus, SweepTrial,
} from '@jobgate/contracts/records';
