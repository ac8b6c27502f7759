/** The ModelArts simulator, for integration tests that talk to it in-process (libs may not import apps). */
export { createSimulator } from '@jobgate/simulator';
export type { Simulator } from '@jobgate/simulator';
