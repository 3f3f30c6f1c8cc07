/**
 * Push subscriptions (against a report, never a person) and the deliveries waiting to be sent.
 *
 * Notes
 * - A delivery is one (subscription, update) pair: queued in one INSERT ... SELECT inside the
 *   transaction that writes the update (queueDeliveries, called by the updates repository), so
 *   an update is never stored without its notifications, the request costs one statement however
 *   many phones listen, and a repeat of the same update queues nothing twice.
 * - `claim` leases a due delivery by moving its next attempt forward, conditional on the time it
 *   read, so two workers (two instances) never send the same delivery at once; a worker that
 *   dies leaves the lease to run out and the delivery to be tried again.
 * - Removing a subscription removes its deliveries (ON DELETE CASCADE).
 * - `audience` (resident or centre) is stored with the subscription, from the proof given when
 *   subscribing, so sending needs nothing but the subscription row.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { PushAudience, PushLanguage } from '../../shared/push';
import { PushAudience as Audience, PushLanguage as Lang } from '../../shared/push';
import type { Database } from '../store/schema';
import { isoFromDb } from '../store/rows';

export interface PushSubscriptionsTable {
  id: string;
  report_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  lang: string;
  audience: string;
  created_at: string;
}

export interface PushDeliveriesTable {
  subscription_id: string;
  update_id: string;
  attempts: number;
  next_attempt_at: string;
  created_at: string;
}

export interface StoredSubscription {
  id: string;
  report_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  lang: PushLanguage;
  /** Set from the proof given when subscribing: the report's secret, or its centre's session. */
  audience: PushAudience;
  created_at: string;
}

export interface DueDelivery {
  subscription: StoredSubscription;
  update_id: string;
  attempts: number;
}

export interface PushRepository {
  /** Adds the subscription to the report, or refreshes its keys and language; returns its id. */
  subscribe(s: Omit<StoredSubscription, 'id' | 'created_at'>, now: Date): Promise<string>;
  /** Removes the report's subscription with this endpoint; false when there was none. */
  unsubscribe(reportId: string, endpoint: string): Promise<boolean>;
  remove(subscriptionId: string): Promise<void>;
  countForReport(reportId: string): Promise<number>;
  /** Leases up to `limit` due deliveries until `leaseUntil`. */
  claim(now: Date, leaseUntil: Date, limit: number): Promise<DueDelivery[]>;
  /** Sets the next attempt of a delivery (after a failure). */
  retryAt(subscriptionId: string, updateId: string, attempts: number, at: Date): Promise<void>;
  /** A delivery sent or given up. */
  done(subscriptionId: string, updateId: string): Promise<void>;
}

const fromRow = (row: PushSubscriptionsTable): StoredSubscription => ({
  ...row,
  lang: Lang.catch('en').parse(row.lang),
  audience: Audience.catch('resident').parse(row.audience),
  created_at: isoFromDb(row.created_at),
});

/** Queues one delivery per subscription of the report, in the caller's transaction; returns how many. */
export async function queueDeliveries(
  trx: Transaction<Database>,
  reportId: string,
  updateId: string,
  now: Date,
): Promise<number> {
  const at = now.toISOString();
  const result = await trx
    .insertInto('push_deliveries')
    .columns(['subscription_id', 'update_id', 'attempts', 'next_attempt_at', 'created_at'])
    .expression((eb) =>
      eb
        .selectFrom('push_subscriptions')
        .select((s) => [
          'id',
          s.val(updateId).as('update_id'),
          s.val(0).as('attempts'),
          s.val(at).as('next_attempt_at'),
          s.val(at).as('created_at'),
        ])
        .where('report_id', '=', reportId),
    )
    .onConflict((oc) => oc.columns(['subscription_id', 'update_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

export function pushRepository(db: Kysely<Database>): PushRepository {
  return {
    async subscribe(s, now) {
      const id = randomUUID();
      await db
        .insertInto('push_subscriptions')
        .values({ id, ...s, created_at: now.toISOString() })
        .onConflict((oc) =>
          oc.columns(['report_id', 'endpoint']).doUpdateSet({
            p256dh: s.p256dh,
            auth: s.auth,
            lang: s.lang,
            audience: s.audience,
          }),
        )
        .execute();
      const row = await db
        .selectFrom('push_subscriptions')
        .select('id')
        .where('report_id', '=', s.report_id)
        .where('endpoint', '=', s.endpoint)
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async unsubscribe(reportId, endpoint) {
      const result = await db
        .deleteFrom('push_subscriptions')
        .where('report_id', '=', reportId)
        .where('endpoint', '=', endpoint)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async remove(subscriptionId) {
      await db.deleteFrom('push_subscriptions').where('id', '=', subscriptionId).execute();
    },
    async countForReport(reportId) {
      const row = await db
        .selectFrom('push_subscriptions')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('report_id', '=', reportId)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async claim(now, leaseUntil, limit) {
      const due = await db
        .selectFrom('push_deliveries as d')
        .innerJoin('push_subscriptions as s', 's.id', 'd.subscription_id')
        .select([
          'd.subscription_id',
          'd.update_id',
          'd.attempts',
          'd.next_attempt_at',
          's.id',
          's.report_id',
          's.endpoint',
          's.p256dh',
          's.auth',
          's.lang',
          's.audience',
          's.created_at',
        ])
        .where('d.next_attempt_at', '<=', now.toISOString())
        .orderBy('d.next_attempt_at')
        .limit(limit)
        .execute();
      const claimed: DueDelivery[] = [];
      for (const row of due) {
        const leased = await db
          .updateTable('push_deliveries')
          .set({ next_attempt_at: leaseUntil.toISOString() })
          .where('subscription_id', '=', row.subscription_id)
          .where('update_id', '=', row.update_id)
          .where('next_attempt_at', '=', row.next_attempt_at)
          .executeTakeFirst();
        if (Number(leased.numUpdatedRows) !== 1) continue;
        claimed.push({
          subscription: fromRow(row),
          update_id: row.update_id,
          attempts: row.attempts,
        });
      }
      return claimed;
    },
    async retryAt(subscriptionId, updateId, attempts, at) {
      await db
        .updateTable('push_deliveries')
        .set({ attempts, next_attempt_at: at.toISOString() })
        .where('subscription_id', '=', subscriptionId)
        .where('update_id', '=', updateId)
        .execute();
    },
    async done(subscriptionId, updateId) {
      await db
        .deleteFrom('push_deliveries')
        .where('subscription_id', '=', subscriptionId)
        .where('update_id', '=', updateId)
        .execute();
    },
  };
}
