/** The routes an app registers, read from Fastify's route tree. */
import type { FastifyInstance } from 'fastify';

/**
 * The app's routes as "METHOD /path", read from Fastify's route tree (HEAD is added by Fastify
 * for every GET, so it is left out).
 */
export function registeredRoutes(app: FastifyInstance): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[└├]── (.*?) \(([A-Z, ]+)\)$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const parent = stack[depth - 1] ?? '';
    const path = parent === '/' ? `/${m[2]}` : `${parent}${m[2]}`;
    stack[depth] = path;
    for (const method of m[3]!.split(', ')) if (method !== 'HEAD') routes.push(`${method} ${path}`);
  }
  return routes;
}
