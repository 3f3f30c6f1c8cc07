/**
 * A report's legal hold on the staff report page: every officer sees whether it is held (the
 * retention job and erasure requests leave a held report alone); an admin puts it on hold or
 * lifts the hold, with a reason kept in the audit.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { TextAreaField } from '../components/TextField';
import { REASON_MAX, reasonProblem } from './EraseForm';
import { legalHold, setLegalHold } from './privacy-api';
import type { ApiError } from './staff-api';

export function LegalHold({
  reference,
  isAdmin,
  onSignedOut,
}: {
  reference: string;
  isAdmin: boolean;
  onSignedOut: () => void;
}) {
  const { t } = useTranslation();
  const [held, setHeld] = useState<boolean | null>(null);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    void legalHold(reference).then((r) => {
      if (!live) return;
      if (r.ok) setHeld(r.value.legal_hold);
      else if (r.error.kind === 'signed-out') onSignedOut();
      else setFailure(r.error);
    });
    return () => {
      live = false;
    };
  }, [reference, onSignedOut]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const bad = reasonProblem(t, reason);
    const found = bad ? [{ field: 'hold-reason', message: bad }] : [];
    setErrors(found);
    if (found.length || busy || held === null) return;
    setBusy(true);
    const r = await setLegalHold(reference, !held, reason.trim());
    setBusy(false);
    if (r.ok) {
      setHeld(r.value.legal_hold);
      setReason('');
      setFailure(null);
    } else if (r.error.kind === 'signed-out') onSignedOut();
    else setFailure(r.error);
  };

  if (held === null && !failure) return null;
  return (
    <section aria-labelledby="hold-heading">
      <h2 className="govuk-heading-m" id="hold-heading">
        {t('staff.hold.heading')}
      </h2>
      {held !== null && (
        <p className="govuk-body" role="status">
          {held ? (
            <strong className="govuk-tag govuk-tag--orange">{t('staff.hold.tag')}</strong>
          ) : (
            t('staff.hold.notHeld')
          )}
        </p>
      )}
      {held && <p className="govuk-body">{t('staff.hold.heldExplained')}</p>}
      {failure && (
        <div className="govuk-inset-text" role="alert">
          {failure.kind === 'offline'
            ? t('staff.offline')
            : failure.kind === 'refused'
              ? failure.message
              : t('staff.failed')}
        </div>
      )}
      {isAdmin && held !== null && (
        <form noValidate onSubmit={(e) => void submit(e)} aria-labelledby="hold-heading">
          <ErrorSummary errors={errors} />
          <TextAreaField
            id="hold-reason"
            label={held ? t('staff.hold.liftReason') : t('staff.hold.setReason')}
            labelSize="s"
            hint={t('staff.hold.reasonHint')}
            value={reason}
            onChange={setReason}
            maxLength={REASON_MAX}
            rows={2}
            error={errors[0]?.message}
          />
          <button
            type="submit"
            className="govuk-button govuk-button--secondary"
            disabled={busy}
            aria-disabled={busy}
          >
            {held ? t('staff.hold.lift') : t('staff.hold.set')}
          </button>
        </form>
      )}
    </section>
  );
}
