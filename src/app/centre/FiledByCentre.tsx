/**
 * In the staff console's view of a report: which reporting centre made it on a victim's behalf,
 * who there, their reference, and what the victim agreed to (the `centre` extension of the view).
 */
import { useTranslation } from 'react-i18next';
import type { CentreView } from '../../shared/centre-report';

function Row({ k, v }: { k: string; v: string }) {
  return (
    <div className="govuk-summary-list__row">
      <dt className="govuk-summary-list__key">{k}</dt>
      <dd className="govuk-summary-list__value">{v}</dd>
    </div>
  );
}

export function FiledByCentre({ view }: { view: object }) {
  const { t } = useTranslation();
  const c = (view as { centre?: CentreView }).centre;
  if (!c) return null;
  const yesNo = (v: string) =>
    v === 'yes' ? t('centre.form.consent.yes') : t('centre.form.consent.no');
  const contact = {
    none: t('centre.form.contact.none'),
    centre: t('centre.form.contact.centre'),
    direct: t('centre.form.contact.direct'),
  }[c.contact];
  return (
    <dl className="govuk-summary-list app-filed-by-centre">
      <Row
        k={t('centre.staff.filedBy')}
        v={t('centre.staff.filedByValue', {
          centre: c.centre_name,
          user: c.filed_by,
          reference: c.centre_reference,
        })}
      />
      <Row
        k={t('centre.staff.consent')}
        v={t('centre.staff.consentValue', {
          police: yesNo(c.police_consent),
          support: yesNo(c.victim_support),
        })}
      />
      <Row k={t('centre.staff.contact')} v={contact} />
      {c.not_to_share && <Row k={t('centre.staff.notToShare')} v={c.not_to_share} />}
    </dl>
  );
}
