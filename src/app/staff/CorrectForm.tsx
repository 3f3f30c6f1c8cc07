/**
 * Correcting one contact detail of a report (UK GDPR Article 16): which report, which detail,
 * the new value (empty removes it) and a reason kept in the audit. The server checks an email
 * address or phone number the same way as when the report was made.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RadiosField } from '../components/ChoiceField';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { TextAreaField, TextField } from '../components/TextField';
import { REASON_MAX, reasonProblem } from './EraseForm';
import type { ContactField } from '../../shared/privacy-api';
import { correctContact } from './privacy-api';
import type { ApiError } from './staff-api';

const FIELDS: ContactField[] = ['email', 'phone', 'first_name', 'last_name'];
const INPUT_TYPE = { email: 'email', phone: 'tel', first_name: 'text', last_name: 'text' } as const;

export function CorrectForm({ onSignedOut }: { onSignedOut: () => void }) {
  const { t } = useTranslation();
  const [reference, setReference] = useState('');
  const [field, setField] = useState<ContactField | undefined>();
  const [value, setValue] = useState('');
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!reference.trim()) {
      found.push({ field: 'correct-reference', message: t('staff.rights.errors.reference') });
    }
    if (!field) found.push({ field: 'correct-field', message: t('staff.rights.errors.field') });
    const bad = reasonProblem(t, reason);
    if (bad) found.push({ field: 'correct-reason', message: bad });
    setErrors(found);
    if (found.length || busy || !field) return;
    setBusy(true);
    setDone(null);
    const r = await correctContact({
      reference: reference.trim(),
      field,
      value: value.trim(),
      reason: reason.trim(),
    });
    setBusy(false);
    if (r.ok) {
      setFailure(null);
      setDone(t('staff.rights.corrected', { reference: reference.trim().toUpperCase() }));
      setValue('');
      setReason('');
    } else if (r.error.kind === 'signed-out') onSignedOut();
    else setFailure(r.error);
  };

  const error = (id: string) => errors.find((x) => x.field === id)?.message;
  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="correct-heading">
      <h2 className="govuk-heading-m" id="correct-heading">
        {t('staff.rights.correctHeading')}
      </h2>
      <ErrorSummary errors={errors} />
      {done && (
        <div className="govuk-inset-text" role="status">
          {done}
        </div>
      )}
      <TextField
        id="correct-reference"
        label={t('staff.rights.value.reference')}
        labelSize="s"
        widthClass="govuk-input--width-10"
        spellCheck={false}
        value={reference}
        onChange={setReference}
        error={error('correct-reference')}
      />
      <RadiosField
        id="correct-field"
        name="field"
        legend={t('staff.rights.field')}
        value={field}
        onChange={(v) => setField(v as ContactField)}
        error={error('correct-field')}
        choices={FIELDS.map((f) => ({ value: f, label: t(`staff.rights.fields.${f}`) }))}
      />
      <TextField
        id="correct-value"
        label={t('staff.rights.newValue')}
        labelSize="s"
        hint={t('staff.rights.newValueHint')}
        type={field ? INPUT_TYPE[field] : 'text'}
        spellCheck={false}
        autoComplete="off"
        value={value}
        onChange={setValue}
      />
      <TextAreaField
        id="correct-reason"
        label={t('staff.rights.reason')}
        labelSize="s"
        hint={t('staff.rights.reasonHint')}
        value={reason}
        onChange={setReason}
        maxLength={REASON_MAX}
        rows={3}
        error={error('correct-reason')}
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
        className="govuk-button govuk-button--secondary"
        disabled={busy}
        aria-disabled={busy}
      >
        {busy ? t('staff.rights.working') : t('staff.rights.correctSubmit')}
      </button>
    </form>
  );
}
