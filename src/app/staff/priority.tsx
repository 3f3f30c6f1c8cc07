/** Priority (the risk band) as a tag, shared by the queue and the report page. */
import { useTranslation } from 'react-i18next';

const TAG = {
  high: 'govuk-tag--red',
  medium: 'govuk-tag--orange',
  low: 'govuk-tag--grey',
} as const;

export function PriorityTag({ band }: { band: 'low' | 'medium' | 'high' | null | undefined }) {
  const { t } = useTranslation();
  if (!band) return <span>{t('staff.priority.none')}</span>;
  return <strong className={`govuk-tag ${TAG[band]}`}>{t(`staff.priority.${band}`)}</strong>;
}
