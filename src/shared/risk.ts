/**
 * Harm-centred risk assessment at the first report: the questions, asked as extra Open311
 * attributes, and the one scoring function both the app (confirmation page, also offline) and the
 * server (which stores the band and is the authority) use.
 *
 * Notes
 * - The questions live in the council configuration (`risk`), not in each category, so a council
 *   changes them in one place; `effectiveAttributes` is what a category really asks and what
 *   services/{code}.json, the form and the server's answer checks should all use.
 * - Codes are prefixed `risk_` so they never collide with a category's own questions.
 * - "Prefer not to say" and an unanswered question both score as no: the resident is never
 *   pushed to a higher band for declining, nor to a lower one than a yes would give.
 * - "Are you in danger now?" carries no weight; a yes puts 999 first whatever the band.
 * - Answers are private: risk answers never appear in public views of a report.
 */
import type { Attribute, CouncilConfig, RiskBand, Service } from './council-config';

/** Prefix of the attribute codes of risk questions. */
export const RISK_PREFIX = 'risk_';
/** Attribute code of "Are you in danger now, or is a crime happening now?". */
export const IN_DANGER_CODE = 'risk_in_danger_now';
/** Order of the first risk question, after a category's own questions. */
export const RISK_ORDER_START = 1000;

const BAND_RANK: Record<RiskBand, number> = { low: 0, medium: 1, high: 2 };

type Council = Pick<CouncilConfig, 'risk' | 'contacts'>;

/** Whether a category's reports are risk-assessed (its group is in `risk.groups`). */
export function isRiskAssessed(council: Pick<CouncilConfig, 'risk'>, service: Service): boolean {
  return council.risk.groups.includes(service.group);
}

/** The risk questions of a category as Open311 attributes; [] for groups not assessed. */
export function riskAttributes(council: Council, service: Service): Attribute[] {
  if (!isRiskAssessed(council, service)) return [];
  const start = Math.max(RISK_ORDER_START, ...service.attributes.map((a) => a.order + 1));
  const { emergency, textRelayEmergency } = council.contacts;
  const common = {
    variable: true,
    datatype: 'singlevaluelist',
    required: true,
    datatype_description: null,
    private: true,
  } as const;
  const inDanger: Attribute = {
    ...common,
    code: IN_DANGER_CODE,
    order: start,
    description: 'Are you in danger now, or is a crime happening now?',
    hint: `If you are, call ${emergency} now. If you cannot speak or hear on the phone, use text relay on ${textRelayEmergency}.`,
    values: [
      { key: 'yes', name: 'Yes' },
      { key: 'no', name: 'No' },
    ],
  };
  const questions = council.risk.questions.map((q, i): Attribute => ({
    ...common,
    code: `${RISK_PREFIX}${q.code}`,
    order: start + 1 + i,
    description: q.question,
    ...(q.hint === undefined ? {} : { hint: q.hint }),
    values: [
      { key: 'yes', name: 'Yes' },
      { key: 'no', name: 'No' },
      { key: 'prefer_not_to_say', name: 'I would rather not say' },
    ],
  }));
  return [inDanger, ...questions];
}

/** Everything a category asks: its own questions, then the risk questions if it is assessed. */
export function effectiveAttributes(council: Council, service: Service): Attribute[] {
  return [...service.attributes, ...riskAttributes(council, service)];
}

/** The outcome of a risk assessment. */
export interface RiskAssessment {
  /** Sum of the weights of questions answered yes. */
  score: number;
  /** null when the category is not risk-assessed. */
  band: RiskBand | null;
  /** "Are you in danger now?" answered yes. */
  inDanger: boolean;
  /** Working days to first contact for the band; null when not assessed. */
  contactDays: number | null;
  /** Show 999 guidance first (high band, or in danger now). */
  emergencyFirst: boolean;
}

function isYes(value: string | string[] | undefined): boolean {
  return value === 'yes';
}

/** Scores a report's risk answers into a band and a contact target (see module notes). */
export function assessRisk(
  council: Pick<CouncilConfig, 'risk'>,
  service: Service,
  answers: Record<string, string | string[]>,
): RiskAssessment {
  if (!isRiskAssessed(council, service)) {
    return { score: 0, band: null, inDanger: false, contactDays: null, emergencyFirst: false };
  }
  const { questions, cutOffs, contactDays, floors } = council.risk;
  const score = questions
    .filter((q) => isYes(answers[`${RISK_PREFIX}${q.code}`]))
    .reduce((sum, q) => sum + q.weight, 0);
  let band: RiskBand = score >= cutOffs.high ? 'high' : score >= cutOffs.medium ? 'medium' : 'low';
  const floor = floors[service.service_code];
  if (floor && BAND_RANK[floor] > BAND_RANK[band]) band = floor;
  const inDanger = isYes(answers[IN_DANGER_CODE]);
  return {
    score,
    band,
    inDanger,
    contactDays: contactDays[band],
    emergencyFirst: band === 'high' || inDanger,
  };
}
