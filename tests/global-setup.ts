/**
 * Vitest global setup for the server and e2e projects: compiles the server once for the whole run
 * (compiled-server.ts says why). Both projects list this file; the second finds the first's copy
 * in the environment and does nothing.
 */
import { COMPILED_DIR_VAR, compileServer } from './compiled-server';

export default function setup(): (() => void) | void {
  if (process.env[COMPILED_DIR_VAR]) return;
  const compiled = compileServer();
  process.env[COMPILED_DIR_VAR] = compiled.dir;
  return () => {
    compiled.remove();
    delete process.env[COMPILED_DIR_VAR];
  };
}
