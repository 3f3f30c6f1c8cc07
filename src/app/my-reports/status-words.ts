/** The council's statuses (src/shared/statuses.ts) in the words residents and staff see. */
import type { TFunction } from 'i18next';
import type { ReportStatus } from '../../shared/statuses';

export function statusWords(t: TFunction, status: ReportStatus): string {
  switch (status) {
    case 'open':
      return t('councilStatus.status.open');
    case 'investigating':
      return t('councilStatus.status.investigating');
    case 'in_progress':
      return t('councilStatus.status.in_progress');
    case 'action_scheduled':
      return t('councilStatus.status.action_scheduled');
    case 'fixed':
      return t('councilStatus.status.fixed');
    case 'no_further_action':
      return t('councilStatus.status.no_further_action');
    case 'not_councils_responsibility':
      return t('councilStatus.status.not_councils_responsibility');
    case 'duplicate':
      return t('councilStatus.status.duplicate');
    case 'internal_referral':
      return t('councilStatus.status.internal_referral');
  }
}

export const STATUS_TAG_CLASS: Record<ReportStatus, string> = {
  open: 'govuk-tag--grey',
  investigating: 'govuk-tag--blue',
  in_progress: 'govuk-tag--light-blue',
  action_scheduled: 'govuk-tag--purple',
  fixed: 'govuk-tag--green',
  no_further_action: 'govuk-tag--grey',
  not_councils_responsibility: 'govuk-tag--grey',
  duplicate: 'govuk-tag--grey',
  internal_referral: 'govuk-tag--grey',
};
