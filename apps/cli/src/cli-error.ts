/**
 * Exit codes are part of the CLI's interface: scripts branch on them, so they never change meaning.
 */
export const ExitCode = {
  ok: 0,
  /** `submit --wait` / `sweep --watch`: the job or sweep ended failed or canceled. */
  jobFailed: 1,
  /** Bad usage, an unreadable or invalid local file, or a request jobgate refused as invalid (400/422). */
  invalid: 2,
  /** jobgate rejected the API key (401), or refused it for this request (403: a team key on an operator route). */
  unauthorized: 3,
  /** No job, sweep, team or API key with that id or name (404). */
  notFound: 4,
  /** The request conflicts with the current state (409), e.g. a job name still in use. */
  conflict: 5,
  /** jobgate could not be reached (connection refused, DNS, timeout). */
  unreachable: 6,
  /** jobgate answered with a server error (5xx) or with something that is not its API. */
  serverError: 7,
  /** A bug in the CLI itself. */
  internal: 70,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected way for a command to end: printed as one message, without a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** The command line itself is wrong; the usage of `command` (or the overview) is printed with it. */
export class UsageError extends CliError {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message, ExitCode.invalid);
    this.name = 'UsageError';
  }
}
