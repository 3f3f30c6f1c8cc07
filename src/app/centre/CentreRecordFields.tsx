/**
 * The questions about what a centre records for the victim, as the on-behalf form asks them and
 * as the correction page asks them again: police consent, a victim support referral, the
 * centre's own reference, and what the victim does not want shared. One wording, one set of
 * limits; each page gives the ids, the values and the errors.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CENTRE_REFERENCE_MAX, NOT_TO_SHARE_MAX } from '../../shared/centre-report';
import { RadiosField } from '../components/ChoiceField';
import { TextAreaField, TextField } from '../components/TextField';

interface FieldProps<T> {
  id: string;
  value: T;
  onChange: (value: T) => void;
  error: string | null | undefined;
}

function YesNo({
  id,
  legend,
  value,
  onChange,
  error,
}: FieldProps<'yes' | 'no' | ''> & { legend: string }) {
  const { t } = useTranslation();
  return (
    <RadiosField
      id={id}
      name={id}
      legend={legend}
      error={error}
      choices={[
        { value: 'yes', label: t('centre.form.consent.yes') },
        { value: 'no', label: t('centre.form.consent.no') },
      ]}
      value={value || undefined}
      onChange={(v) => onChange(v as 'yes' | 'no')}
    />
  );
}

/** Does the victim agree to the report being shared with the police? */
export function PoliceConsentField(props: FieldProps<'yes' | 'no' | ''>) {
  const { t } = useTranslation();
  return <YesNo {...props} legend={t('centre.form.consent.police')} />;
}

/** Does the victim want to be referred to victim support? */
export function VictimSupportField(props: FieldProps<'yes' | 'no' | ''>) {
  const { t } = useTranslation();
  return <YesNo {...props} legend={t('centre.form.consent.support')} />;
}

/** The centre's own case reference (never the victim's name). */
export function CentreReferenceField({ id, value, onChange, error }: FieldProps<string>) {
  const { t } = useTranslation();
  return (
    <TextField
      id={id}
      label={t('centre.form.consent.reference')}
      labelSize="m"
      hint={t('centre.form.consent.referenceHint')}
      error={error}
      value={value}
      onChange={onChange}
      widthClass="govuk-input--width-20"
      spellCheck={false}
    />
  );
}

/** What the victim does not want shared (optional). */
export function NotToShareField({ id, value, onChange, error }: FieldProps<string>) {
  const { t } = useTranslation();
  return (
    <TextAreaField
      id={id}
      label={t('centre.form.contact.notToShare')}
      labelSize="m"
      hint={t('centre.form.contact.notToShareHint')}
      error={error}
      value={value}
      onChange={onChange}
      maxLength={NOT_TO_SHARE_MAX}
      rows={3}
    />
  );
}

/** The problem with a centre reference as typed, or null. */
export function centreReferenceProblem(t: TFunction, reference: string): string | null {
  const ref = reference.trim();
  if (!ref) return t('centre.form.consent.errors.reference');
  if (ref.length > CENTRE_REFERENCE_MAX) {
    return t('centre.form.consent.errors.referenceTooLong', { max: CENTRE_REFERENCE_MAX });
  }
  return null;
}
