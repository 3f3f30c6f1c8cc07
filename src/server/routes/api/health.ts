/**
 * GET /api/health and GET /api/ready, for load balancers and orchestrators.
 *
 * Notes
 * - Health says only that the process answers (a liveness check: restart it when this fails).
 *   The phone's outbox also asks it to learn whether the network reaches the council.
 * - Ready says the instance can do its work: the database answers and the media store can be
 *   read. Otherwise 503, within READY_TIMEOUT_MS however the dependency fails (refused, silent,
 *   slow), so a load balancer takes the instance out instead of waiting on it.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../../fastify-augment';

export const READY_TIMEOUT_MS = 1500;

type Check = 'ok' | 'failed' | 'timed out';

async function within(ms: number, work: (signal: AbortSignal) => Promise<boolean>): Promise<Check> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<Check>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve('timed out');
    }, ms);
  });
  const checked = work(controller.signal).then(
    (ok): Check => (ok ? 'ok' : 'failed'),
    (): Check => 'failed',
  );
  try {
    return await Promise.race([checked, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function healthRoutes(app: FastifyInstance) {
  app.get('/health', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ ok: true }),
  );

  app.get('/ready', async (_request, reply) => {
    const [database, media] = await Promise.all([
      within(READY_TIMEOUT_MS, () => app.store.ping()),
      within(READY_TIMEOUT_MS, async (signal) => {
        await app.mediaFiles.check(signal);
        return true;
      }),
    ]);
    const ok = database === 'ok' && media === 'ok';
    return reply
      .code(ok ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ ok, database, media });
  });
}
