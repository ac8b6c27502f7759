import { createJobgateClient, type JobgateClient } from '@jobgate/client';
import { TEST_API_KEY, type Stack } from './stack';

/** @jobgate/client against a started stack's api, with the test key unless told another. */
export function stackClient(stack: Stack, apiKey: string | null = TEST_API_KEY): JobgateClient {
  return createJobgateClient({ baseUrl: stack.apiUrl, apiKey });
}
