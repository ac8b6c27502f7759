/**
 * Delay before the next delivery attempt after `failedAttempts` failures in a row (1 = the first
 * attempt failed), taken from WEBHOOK_RETRY_SCHEDULE; null once the schedule is used up (give up).
 * The schedule lists delays between attempts, so 7 entries mean 8 attempts in all.
 */
export function nextRetryDelayMs(scheduleSec: readonly number[], failedAttempts: number): number | null {
  if (failedAttempts < 1) return 0;
  const delaySec = scheduleSec[failedAttempts - 1];
  return delaySec === undefined ? null : delaySec * 1_000;
}
