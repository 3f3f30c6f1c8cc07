/**
 * Erasing or anonymising everything found for a person: the way (erase deletes the records,
 * anonymise keeps them for the published figures without anything that identifies the person),
 * a reason kept in the audit, and a confirmation, since neither can be undone.
 */
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EraseOutcome, Subject, SubjectSummary } from '../../shared/privacy-api';
import { CheckboxesField, RadiosField } from '../components/ChoiceField';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { TextAreaField } from '../components/TextField';
import { eraseSubject } from './privacy-api';
import type { ApiError } from './staff-api';

/** The server's limits on a reason (shared/privacy-api.ts Reason). */
export const REASON_MIN = 5;
export const REASON_MAX = 500;

/** The translated problem with a reason, or null when it will do. */
export function reasonProblem(t: TFunction, reason: string): string | null {
  const n = reason.trim().length;
  if (n < REASON_MIN) return t('staff.rights.errors.reason', { min: REASON_MIN });
  if (n > REASON_MAX) return t('staff.rights.errors.reasonLong', { max: REASON_MAX });
  return null;
}

type Mode = 'erase' | 'anonymise';

export function EraseForm({
  subject,
  summary,
  onDone,
  onSignedOut,
}: {
  subject: Subject;
  summary: SubjectSummary;
  onDone: (outcome: EraseOutcome) => void;
  onSignedOut: () => void;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode | undefined>();
  const [reason, setReason] = useState('');
  const [confirmed, setConfirmed] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const count = summary.reports.length - summary.held.length;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!mode) found.push({ field: 'erase-mode', message: t('staff.rights.errors.mode') });
    const bad = reasonProblem(t, reason);
    if (bad) found.push({ field: 'erase-reason', message: bad });
    if (!confirmed.length) {
      found.push({ field: 'erase-confirm', message: t('staff.rights.errors.confirm') });
    }
    setErrors(found);
    if (found.length || busy || !mode) return;
    setBusy(true);
    const r = await eraseSubject(subject, mode, reason.trim());
    setBusy(false);
    if (r.ok) onDone(r.value);
    else if (r.error.kind === 'signed-out') onSignedOut();
    else setFailure(r.error);
  };

  const error = (field: string) => errors.find((x) => x.field === field)?.message;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="erase-heading">
      <hr className="govuk-section-break govuk-section-break--l govuk-section-break--visible" />
      <h2 className="govuk-heading-m" id="erase-heading">
        {t('staff.rights.eraseHeading')}
      </h2>
      <ErrorSummary errors={errors} />
      <RadiosField
        id="erase-mode"
        name="mode"
        legend={t('staff.rights.mode')}
        value={mode}
        onChange={(v) => setMode(v as Mode)}
        error={error('erase-mode')}
        choices={(['anonymise', 'erase'] as const).map((m) => ({
          value: m,
          label: t(`staff.rights.modes.${m}`),
          hint: t(`staff.rights.modes.${m}Hint`),
        }))}
      />
      <TextAreaField
        id="erase-reason"
        label={t('staff.rights.reason')}
        labelSize="s"
        hint={t('staff.rights.reasonHint')}
        value={reason}
        onChange={setReason}
        maxLength={REASON_MAX}
        rows={3}
        error={error('erase-reason')}
      />
      <div className="govuk-warning-text">
        <span className="govuk-warning-text__icon" aria-hidden="true">
          !
        </span>
        <strong className="govuk-warning-text__text">
          <span className="govuk-visually-hidden">{t('staff.rights.warning')} </span>
          {t('staff.rights.cannotUndo', { count })}
        </strong>
      </div>
      <CheckboxesField
        id="erase-confirm"
        name="confirm"
        legend={t('staff.rights.confirmLegend')}
        value={confirmed}
        onChange={setConfirmed}
        error={error('erase-confirm')}
        choices={[{ value: 'yes', label: t('staff.rights.confirm') }]}
      />
      {failure && (
        <div className="govuk-inset-text" role="alert">
          {failure.kind === 'offline'
            ? t('staff.offline')
            : failure.kind === 'refused'
              ? failure.message
              : t('staff.failed')}
        </div>
      )}
      <button
        type="submit"
        className="govuk-button govuk-button--warning"
        disabled={busy}
        aria-disabled={busy}
      >
        {busy ? t('staff.rights.working') : t(`staff.rights.submit.${mode ?? 'none'}`)}
      </button>
    </form>
  );
}
