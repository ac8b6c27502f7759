import type { ModelArtsConfig } from '@jobgate/config';
import { AkSkAuth } from './auth/aksk';
import { TokenAuth } from './auth/token';
import { ModelArtsClient } from './client';
import type { ModelArtsCallEvent } from './types';

export interface ClientFromConfigOptions {
  /** Where the built-in simulator listens, when `modelarts.kind` is `simulator`. */
  simulator?: { url: string; ak: string; sk: string };
  onCall?: (event: ModelArtsCallEvent) => void;
}

/** Builds the ModelArts client a role uses from the validated configuration. */
export function clientFromConfig(modelarts: ModelArtsConfig, options: ClientFromConfigOptions = {}): ModelArtsClient {
  const common = { projectId: modelarts.projectId, onCall: options.onCall };
  switch (modelarts.kind) {
    case 'aksk':
      return new ModelArtsClient({ ...common, endpoint: modelarts.endpoint, auth: new AkSkAuth({ ak: modelarts.ak, sk: modelarts.sk }) });
    case 'token':
      return new ModelArtsClient({
        ...common,
        endpoint: modelarts.endpoint,
        auth: new TokenAuth({
          iamEndpoint: modelarts.iam.endpoint,
          username: modelarts.iam.username,
          password: modelarts.iam.password,
          domainName: modelarts.iam.domainName,
          projectName: modelarts.iam.projectName ?? undefined,
          projectId: modelarts.iam.projectName ? undefined : modelarts.projectId,
        }),
      });
    case 'simulator':
      if (!options.simulator) {
        throw new Error(
          'MODELARTS_ENDPOINT is not set: run every role together with `npm start` (it starts the simulator), or point MODELARTS_ENDPOINT at a ModelArts endpoint or a running simulator',
        );
      }
      return new ModelArtsClient({ ...common, endpoint: options.simulator.url, auth: new AkSkAuth({ ak: options.simulator.ak, sk: options.simulator.sk }) });
  }
}
