export { ModelArtsClient } from './client';
export type { CreateCallOptions, ModelArtsClientOptions } from './client';
export type { GatePermit, RequestGate } from './request-gate';
export type {
  AiEngine,
  CreatedJob,
  CreateVersionBody,
  JobList,
  JobSortBy,
  JobSummary,
  ListTrainingJobsQuery,
  ListVersionsQuery,
  LogChunk,
  LogFiles,
  ModelArtsCallEvent,
  ModelArtsOp,
  ReadLogQuery,
  ResourceSpec,
  ResourceSpecQuery,
  SkippedListRow,
  VersionDetail,
  VersionList,
} from './types';
export type { AuthProvider, Clock, SignableRequest } from './auth/auth-provider';
export { TokenAuth } from './auth/token';
export type { TokenAuthOptions } from './auth/token';
export { AkSkAuth, SIGNED_HEADERS, SIGNING_ALGORITHM, canonicalRequest, formatSdkDate, hostHeader, sha256Hex, sign, stringToSign } from './auth/aksk';
export type { AkSkAuthOptions } from './auth/aksk';
export { ModelArtsError } from './modelarts-error';
export type { ModelArtsErrorOptions } from './modelarts-error';
export { ThrottledError } from './throttled-error';
export type { ThrottledErrorOptions } from './throttled-error';
export { AuthError } from './auth-error';
export { classify } from './classify';
export { isNameTakenError } from './name-taken';
export type { ErrorClass } from './classify';
export { parseRetryAfter } from './retry-after';
export { JOB_STATUSES, isTerminalCode, mapStatus, statusName } from './status';
export type { JobStatusInfo, MappedStatus } from './status';
export { clientFromConfig } from './client-from-config';
export type { ClientFromConfigOptions } from './client-from-config';
