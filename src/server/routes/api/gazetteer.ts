/**
 * GET /api/gazetteer.json: the council's streets for "Can't use the map?". Without `q` the whole
 * list (the app keeps it for offline search); with `q` the matching streets (at most 20).
 *
 * Notes
 * - The list is `<council id>-gazetteer.json` beside the council configuration files, read once
 *   when the app is built; a council without one has an empty gazetteer and residents describe
 *   the place instead.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type {} from '../../fastify-augment';
import { GazetteerSchema, searchStreets, type Street } from '../../../shared/gazetteer';
import { badRequest } from '../../http/errors';
import { CONFIG_DIR } from '../../config/load-council';

const QUERY_MAX = 100;

/** The council's streets, or none when it has no gazetteer file; throws on a broken file. */
export function loadGazetteer(councilId: string): Street[] {
  const path = join(CONFIG_DIR, `${councilId}-gazetteer.json`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return [];
  }
  const parsed = GazetteerSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`${path}: ${parsed.error.message}`);
  return parsed.data.streets;
}

export async function gazetteerRoutes(app: FastifyInstance) {
  const streets = loadGazetteer(app.council.id);
  const all = JSON.stringify({ streets });

  app.get('/gazetteer.json', async (request, reply) => {
    const q = (request.query as Record<string, unknown>).q;
    reply.header('cache-control', 'no-cache').type('application/json; charset=utf-8');
    if (q === undefined) return reply.send(all);
    if (typeof q !== 'string' || q.length > QUERY_MAX) {
      throw badRequest(
        `q: give one search of at most ${QUERY_MAX} characters, like "Howardsgate".`,
      );
    }
    return reply.send({ streets: searchStreets(streets, q) });
  });
}
