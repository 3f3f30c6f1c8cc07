/**
 * A made-up year of reports for the demo council, so the response-times page, the staff console
 * and the statistics have something real to compute from on a first run.
 *
 * Notes
 * - Clearly labelled: every description starts "Demo report", the device id is `demo-history`,
 *   updates are written by author kind `demo`, and /api/performance.json says `demoData: true`.
 * - Deterministic for a given "now" (a seeded generator), and relative to it: the year before
 *   the first start.
 * - Shaped like a council's work, not uniform noise: busy categories (fly-tipping, noise) and
 *   rare ones (hate incidents stay under the minimum sample, so the page shows "too few");
 *   most first responses on time, some late; most reports closed near their target; a few left
 *   open for more than 12 weeks; about a third of closed reports answered the survey, happier
 *   when the council was on time.
 * - Each report's status, times and notes come from its updates through the same
 *   `deriveLifecycle` the live API uses.
 */
import type { CouncilConfig, RiskBand, Service } from '../../shared/council-config';
import type { ReportStatus } from '../../shared/statuses';
import { addWorkingDays, londonTime, londonDate, addCalendarDays } from '../../shared/working-days';
import { newReference } from '../reports/reference';
import { deriveLifecycle } from '../updates/lifecycle';
import type { StoredSurvey, StoredUpdate } from '../updates/updates-repository';
import type { DemoHistory } from './demo-repository';

export const DEMO_DEVICE_ID = 'demo-history';
const DAYS = 365;

/** Reports per week by category (others: 1). */
const RATE: Record<string, number> = {
  'fly-tipping': 6,
  graffiti: 2,
  'dog-fouling': 1.5,
  littering: 2,
  'drug-litter': 0.6,
  'abandoned-vehicle': 1,
  noise: 3,
  'rowdy-behaviour': 1.5,
  'street-drinking': 0.8,
  'drug-dealing': 0.6,
  'vehicle-nuisance': 0.6,
  harassment: 0.8,
  'neighbour-nuisance': 1,
  'hate-incident': 0.3,
};

const STREETS = [
  'Demo Street',
  'Sample Road',
  'Example Avenue',
  'Placeholder Lane',
  'Test Close',
  'Specimen Way',
];

const NOTES = {
  investigating: {
    Environmental: 'Demo note: a crew has been asked to look at this.',
    Nuisance: 'Demo note: the neighbourhood team is looking into this.',
    Personal: 'Demo note: a case officer has been assigned and will contact you.',
  },
  action_scheduled: 'Demo note: action is booked for the next few days.',
  in_progress: 'Demo note: work is under way.',
  fixed: 'Demo note: done. Thank you for reporting it.',
  no_further_action: 'Demo note: we looked into this and will take no further action for now.',
  internal_referral: 'Demo note: passed to the team that deals with this.',
  duplicate: 'Demo note: this was already reported; we are dealing with it there.',
  not_councils_responsibility: 'Demo note: this is for another organisation; we have passed it on.',
} as const;

/** mulberry32: a small, fast, seeded generator (the same history for the same start time). */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** An instant during office hours on the day `workingDays` after `from`. */
function workingTime(random: () => number, from: string, workingDays: number): string {
  const day = londonDate(addWorkingDays(from, workingDays));
  const minutes = Math.floor(random() * 7 * 60);
  return new Date(Date.parse(londonTime(day, 9)) + minutes * 60_000).toISOString();
}

type Closing = Exclude<keyof typeof NOTES, 'investigating' | 'action_scheduled' | 'in_progress'>;

function closingStatus(random: () => number, service: Service): Closing {
  const r = random();
  if (r < 0.05) return 'duplicate';
  if (r < 0.09) return 'not_councils_responsibility';
  if (service.group === 'Environmental') return 'fixed';
  return r < 0.55 ? 'no_further_action' : r < 0.8 ? 'internal_referral' : 'fixed';
}

interface Made {
  updates: StoredUpdate[];
  survey: StoredSurvey | null;
}

function lifecycleOf(
  random: () => number,
  service: Service,
  id: string,
  requested: string,
  contactDays: number,
  now: Date,
): Made {
  const updates: StoredUpdate[] = [];
  const add = (status: ReportStatus, at: string, note: string) => {
    if (Date.parse(at) >= now.getTime()) return false;
    updates.push({
      update_id: `demo-${id}-${updates.length + 1}`,
      report_id: id,
      status,
      description: note,
      media_url: null,
      external_status_code: null,
      updated_datetime: at,
      created_at: at,
      author_kind: 'demo',
      author_id: null,
      content_hash: 'demo',
    });
    return true;
  };
  // First response: on time three times in four.
  const late = random() < 0.25;
  const responseDays = late
    ? contactDays + 1 + Math.floor(random() * 4)
    : Math.floor(random() * (contactDays + 1));
  const answered = new Date(
    Math.max(
      Date.parse(workingTime(random, requested, responseDays)),
      Date.parse(requested) + 3_600_000,
    ),
  ).toISOString();
  if (!add('investigating', answered, NOTES.investigating[service.group])) {
    return { updates, survey: null };
  }
  // A few stay open for a long time (the 12-week KPI).
  if (random() < 0.03) return { updates, survey: null };
  if (random() < 0.4) {
    const mid = random() < 0.5 ? 'action_scheduled' : 'in_progress';
    add(mid, workingTime(random, answered, 1 + Math.floor(random() * 2)), NOTES[mid]);
  }
  const target = service.target.resolutionDays;
  const slow = random() < 0.2;
  const resolutionDays = slow
    ? target + 1 + Math.floor(random() * target)
    : Math.max(responseDays, Math.floor(random() * (target + 1)));
  const closing = closingStatus(random, service);
  const lastUpdate = Date.parse(updates.at(-1)!.updated_datetime);
  const closedAt = new Date(
    Math.max(
      Date.parse(workingTime(random, requested, resolutionDays)),
      lastUpdate + (1 + random() * 5) * 3_600_000,
    ),
  ).toISOString();
  if (!add(closing, closedAt, NOTES[closing])) return { updates, survey: null };
  if (random() >= 0.55) return { updates, survey: null };
  const onTime = !late && !slow;
  const score = onTime ? pick(random, [5, 5, 4, 4, 4, 3]) : pick(random, [4, 3, 3, 2, 2, 1]);
  const answeredAt = new Date(Date.parse(closedAt) + (1 + random() * 48) * 3_600_000);
  if (answeredAt.getTime() >= now.getTime()) return { updates, survey: null };
  return {
    updates,
    survey: {
      report_id: id,
      satisfaction: score,
      comment: '',
      created_at: answeredAt.toISOString(),
    },
  };
}

/** The demo history: a year of reports before `now`, with their updates and survey answers. */
export function demoHistory(council: CouncilConfig, now: Date): DemoHistory {
  const random = generator(Math.floor(now.getTime() / 86_400_000));
  const history: DemoHistory = { reports: [], updates: [], surveys: [] };
  const ids = new Set<string>();
  const today = londonDate(now);
  const { lat, long } = council.map.centre;
  for (const service of council.services.filter((s) => s.active)) {
    const perDay = (RATE[service.service_code] ?? 1) / 7;
    for (let d = DAYS; d >= 1; d--) {
      let n = Math.floor(perDay);
      if (random() < perDay - n) n++;
      for (let i = 0; i < n; i++) {
        let id = newReference(council.referencePrefix);
        while (ids.has(id)) id = newReference(council.referencePrefix);
        ids.add(id);
        const day = addCalendarDays(today, -d);
        const requested = new Date(
          Date.parse(londonTime(day, 7)) + Math.floor(random() * 14 * 60) * 60_000,
        ).toISOString();
        const assessed = council.risk.groups.includes(service.group);
        const band: RiskBand | null = assessed
          ? pick(random, ['low', 'low', 'medium', 'medium', 'high'] as const)
          : null;
        const contactDays = band
          ? council.risk.contactDays[band]
          : service.target.firstResponseDays;
        const made = lifecycleOf(random, service, id, requested, contactDays, now);
        const state = deriveLifecycle({ requested_datetime: requested }, made.updates);
        history.reports.push({
          id,
          service_code: service.service_code,
          service_group: service.group,
          description: `Demo report (made-up sample data): ${service.service_name.toLowerCase()}.`,
          lat: Math.round((lat + (random() - 0.5) * 0.02) * 1e5) / 1e5,
          long: Math.round((long + (random() - 0.5) * 0.03) * 1e5) / 1e5,
          address_string: `${1 + Math.floor(random() * 80)} ${pick(random, STREETS)}`,
          address_id: null,
          attributes: {},
          email: null,
          first_name: null,
          last_name: null,
          phone: null,
          device_id: DEMO_DEVICE_ID,
          occurred_datetime: null,
          requested_datetime: requested,
          expected_datetime: addWorkingDays(requested, contactDays),
          secret_hash: null,
          risk_band: band,
          ...state,
        });
        history.updates.push(...made.updates);
        if (made.survey) history.surveys.push(made.survey);
      }
    }
  }
  return history;
}
