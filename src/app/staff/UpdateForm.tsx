/**
 * Posting an update on a report: the new status and a note for the resident. Each form carries
 * its own update_id, so a double submit or a retry after a dropped connection stores it once.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { REPORT_STATUSES, type ReportStatus } from '../../shared/statuses';
import { UPDATE_NOTE_MAX } from '../../shared/request-updates';
import { RadiosField } from '../components/ChoiceField';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { TextAreaField } from '../components/TextField';
import { statusWords } from '../my-reports/status-words';
import { postUpdate, type ApiError } from './staff-api';

export function UpdateForm({
  reference,
  current,
  onPosted,
  onSignedOut,
}: {
  reference: string;
  current: ReportStatus;
  onPosted: () => void;
  onSignedOut: () => void;
}) {
  const { t } = useTranslation();
  const [updateId, setUpdateId] = useState(() => crypto.randomUUID());
  const [status, setStatus] = useState<string | undefined>(current);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found: FieldError[] = [];
    if (!status) found.push({ field: 'status', message: t('staff.update.errors.status') });
    if (note.length > UPDATE_NOTE_MAX) {
      found.push({
        field: 'note',
        message: t('staff.update.errors.tooLong', { max: UPDATE_NOTE_MAX }),
      });
    }
    setErrors(found);
    if (found.length || busy) return;
    setBusy(true);
    const r = await postUpdate({
      updateId,
      reference,
      status: status as ReportStatus,
      note: note.trim(),
    });
    setBusy(false);
    if (r.ok) {
      setFailure(null);
      setNote('');
      setUpdateId(crypto.randomUUID());
      onPosted();
    } else if (r.error.kind === 'signed-out') onSignedOut();
    else setFailure(r.error);
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="update-heading">
      <h2 className="govuk-heading-m" id="update-heading">
        {t('staff.update.heading')}
      </h2>
      <ErrorSummary errors={errors} />
      <RadiosField
        id="status"
        name="status"
        legend={t('staff.update.status')}
        choices={REPORT_STATUSES.map((s) => ({ value: s, label: statusWords(t, s) }))}
        value={status}
        onChange={setStatus}
        error={errors.find((x) => x.field === 'status')?.message}
      />
      <TextAreaField
        id="note"
        label={t('staff.update.note')}
        labelSize="s"
        hint={t('staff.update.noteHint')}
        value={note}
        onChange={setNote}
        maxLength={UPDATE_NOTE_MAX}
        rows={4}
        error={errors.find((x) => x.field === 'note')?.message}
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
      <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
        {busy ? t('staff.update.busy') : t('staff.update.submit')}
      </button>
    </form>
  );
}
