/**
 * The access audit: who at the council (a staff member or an integration) read which Personal
 * report, its updates or its media, and when; and the rights work done on people's records.
 * Written before the answer is sent, so a read that cannot be audited fails.
 */
import type { FastifyInstance } from 'fastify';
import type {} from '../fastify-augment';
import type { AccessAction, AccessActorKind } from './privacy-repository';

const READ_ACTIONS: Record<string, AccessAction> = {
  read: 'read',
  read_media: 'read_media',
  read_updates: 'read_updates',
};

/** Audits a staff or integration read of a Personal report (other readers are not council). */
export async function auditPersonalRead(
  app: FastifyInstance,
  reader: { kind: string; id?: string },
  reportId: string,
  action: string,
): Promise<void> {
  if ((reader.kind !== 'staff' && reader.kind !== 'integration') || !reader.id) return;
  await app.store.privacy.audit([
    {
      at: new Date().toISOString(),
      actor_kind: reader.kind as AccessActorKind,
      actor_id: reader.id,
      report_id: reportId,
      action: READ_ACTIONS[action] ?? 'read',
      detail: '',
    },
  ]);
}
