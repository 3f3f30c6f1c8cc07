/**
 * Data a page was rendered with besides the council configuration: on the server it is given to
 * the render (src/app/ssr/render.tsx); in the browser it is read from the page
 * (src/shared/page-data.ts) before hydrating, so both render the same markup. Pages the service
 * worker answers from its copy of index.html have none, and fetch what they need.
 */
import { createContext, useContext } from 'react';
import type { LoadedPerformance } from '../response-times/load-performance';

export interface ServerData {
  /** The published figures, with their ETag when read from the page. */
  performance?: LoadedPerformance & { etag?: string };
}

export const ServerDataContext = createContext<ServerData>({});

export function useServerData(): ServerData {
  return useContext(ServerDataContext);
}
