import { createContext, useContext } from 'react';
import type { CouncilConfig } from '../../shared/council-config';

export const CouncilContext = createContext<CouncilConfig | null>(null);

/** The council's configuration; only used below <CouncilGate>, which waits for it. */
export function useCouncil(): CouncilConfig {
  const c = useContext(CouncilContext);
  if (!c) throw new Error('useCouncil outside CouncilContext');
  return c;
}
