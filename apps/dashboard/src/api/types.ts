/**
 * Wire shapes of the public /v1 API, from @jobgate/contracts' light entry point (types only: nothing
 * of it is bundled), so a change there breaks this build instead of the page.
 */
export type {
  ApiKeyRecord,
  CreateAttemptRecord,
  CreatedApiKeyRecord,
  DeliveryRecord,
  JobEventRecord,
  JobRecord,
  JobStatus,
  JobVersionRecord,
  LogPage,
  Page,
  Problem,
  SweepCurves,
  SweepDetail,
  SweepRecord,
  SweepTrial,
  TeamRecord,
} from '@jobgate/contracts/records';
