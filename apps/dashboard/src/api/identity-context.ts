import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Identity } from './identity';

/** null until `GET /v1/team` has answered: pages show no operator-only parts meanwhile. */
export const IdentityContext = createContext<Identity | null>(null);

export function useIdentity(): Identity | null {
  return useContext(IdentityContext);
}

/** True for an operator key on a jobgate with teams: the Teams page and team filters are theirs. */
export function useIsOperator(): boolean {
  return useIdentity()?.kind === 'operator';
}
