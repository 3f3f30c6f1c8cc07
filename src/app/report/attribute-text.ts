/**
 * The words of a question as the resident reads them. Category questions come translated from
 * the council configuration (the council is localised in the context); the parts that code
 * writes (the "in danger now" question and the answers to every risk question) are translated
 * here, through the app's own keys.
 */
import type { TFunction } from 'i18next';
import type { Attribute, CouncilConfig } from '../../shared/council-config';
import { IN_DANGER_CODE, RISK_PREFIX } from '../../shared/risk';
import { ltr } from '../i18n/bidi';

const RISK_ANSWERS = ['yes', 'no', 'prefer_not_to_say'] as const;
type RiskAnswer = (typeof RISK_ANSWERS)[number];
const isRiskAnswer = (k: string): k is RiskAnswer =>
  (RISK_ANSWERS as readonly string[]).includes(k);

export function displayAttribute(t: TFunction, council: CouncilConfig, attr: Attribute): Attribute {
  if (!attr.code.startsWith(RISK_PREFIX)) return attr;
  const values = attr.values?.map((v) =>
    isRiskAnswer(v.key) ? { ...v, name: t(`risk.answers.${v.key}`) } : v,
  );
  if (attr.code !== IN_DANGER_CODE) return { ...attr, ...(values ? { values } : {}) };
  return {
    ...attr,
    description: t('risk.inDanger.question'),
    hint: t('risk.inDanger.hint', {
      emergency: ltr(council.contacts.emergency),
      textRelay: ltr(council.contacts.textRelayEmergency),
    }),
    ...(values ? { values } : {}),
  };
}
