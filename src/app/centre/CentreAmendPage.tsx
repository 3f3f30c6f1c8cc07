/**
 * /centre/reports/<reference>/change: the centre corrects what it recorded for the victim after
 * the report was made (say the victim now agrees to the police being told, or no longer wants
 * to be contacted): police consent, victim support, how the council may make contact, what not
 * to share, the centre's own reference. The description and the victim's details are the
 * council's record and are not changed here.
 *
 * Notes
 * - Only what changed is sent (POST /api/centre/reports/<reference>.json, audited there as an
 *   update); nothing changed is an error that says so, not a silent save.
 * - Online only: a correction is a conversation with the council's record, not something to
 *   queue on a shared tablet. Offline, the form is kept and says it needs a connection.
 * - "Directly" needs the victim's contact details, which only the original report can carry; the
 *   server refuses it otherwise and the page says so in the tablet's language. Choosing "not at
 *   all" or "through the centre" removes the victim's email and phone from the report (the
 *   server does it in the same change), and the report page says it did.
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CentreContact, CentreView } from '../../shared/centre-report';
import { BackLink } from '../components/BackLink';
import { RadiosField } from '../components/ChoiceField';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { PageHeading, useDocumentTitle } from '../router/page';
import { Link, navigate } from '../router/router';
import { amend, type CentreAmendFields } from './centre-api';
import { useCentreSession } from './centre-session';
import {
  CentreReferenceField,
  centreReferenceProblem,
  NotToShareField,
  PoliceConsentField,
  VictimSupportField,
} from './CentreRecordFields';
import { useCentreReport } from './CentreReportPage';

interface Answers {
  police: 'yes' | 'no';
  support: 'yes' | 'no';
  contact: CentreContact;
  notToShare: string;
  reference: string;
}

const answersOf = (c: CentreView): Answers => ({
  police: c.police_consent,
  support: c.victim_support,
  contact: c.contact,
  notToShare: c.not_to_share,
  reference: c.centre_reference,
});

/** The wire field each answer is sent as, and the form field the server's error belongs to. */
const FIELDS = {
  centre_police_consent: 'amend-police',
  centre_victim_support: 'amend-support',
  centre_contact: 'amend-contact',
  centre_not_to_share: 'amend-not-to-share',
  centre_reference: 'amend-reference',
} as const;

function changedFields(before: Answers, after: Answers): CentreAmendFields {
  const out: CentreAmendFields = {};
  if (after.police !== before.police) out.centre_police_consent = after.police;
  if (after.support !== before.support) out.centre_victim_support = after.support;
  if (after.contact !== before.contact) out.centre_contact = after.contact;
  if (after.notToShare.trim() !== before.notToShare.trim()) {
    out.centre_not_to_share = after.notToShare.trim();
  }
  if (after.reference.trim() !== before.reference) out.centre_reference = after.reference.trim();
  return out;
}

function AmendForm({ reference, centre }: { reference: string; centre: CentreView }) {
  const { t } = useTranslation();
  const { signOut } = useCentreSession();
  const before = answersOf(centre);
  const [form, setForm] = useState<Answers>(before);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(
    t('centre.amend.title', { reference: centre.centre_reference }),
    errors.length > 0,
  );
  const of = (field: string) => errors.find((e) => e.field === field)?.message;
  const set = (patch: Partial<Answers>) => setForm((f) => ({ ...f, ...patch }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const found: FieldError[] = [];
    const referenceProblem = centreReferenceProblem(t, form.reference);
    if (referenceProblem) found.push({ field: 'amend-reference', message: referenceProblem });
    const fields = changedFields(before, form);
    if (!found.length && Object.keys(fields).length === 0) {
      found.push({ field: 'amend-police', message: t('centre.amend.nothingChanged') });
    }
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    const r = await amend(reference, fields);
    setBusy(false);
    if (r.ok) {
      const changed = r.value.victim_contact_removed ? 'contact-removed' : '1';
      navigate(`/centre/reports/${encodeURIComponent(reference)}?changed=${changed}`, {
        replace: true,
      });
      return;
    }
    if (r.error.kind === 'signed-out') {
      signOut('expired');
      return;
    }
    if (r.error.kind === 'offline') {
      setErrors([{ field: 'amend-police', message: t('centre.amend.offline') }]);
      return;
    }
    const message = r.error.message;
    if (message.startsWith('centre_contact: is "direct"')) {
      setErrors([{ field: 'amend-contact', message: t('centre.amend.directNeedsDetails') }]);
      return;
    }
    const wire = Object.keys(FIELDS).find((k) => message.startsWith(`${k}:`)) as
      keyof typeof FIELDS | undefined;
    setErrors([
      {
        field: wire ? FIELDS[wire] : 'amend-police',
        message: wire ? message.slice(wire.length + 1).trim() : t('centre.failed'),
      },
    ]);
  };

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <ErrorSummary errors={errors} />
        <span className="govuk-caption-l">
          {t('centre.report.caption', { reference: centre.centre_reference })}
        </span>
        <PageHeading>{t('centre.amend.heading')}</PageHeading>
        <p className="govuk-body">{t('centre.amend.intro')}</p>
        <form noValidate onSubmit={(e) => void submit(e)}>
          <PoliceConsentField
            id="amend-police"
            error={of('amend-police')}
            value={form.police}
            onChange={(v) => set({ police: v as 'yes' | 'no' })}
          />
          <VictimSupportField
            id="amend-support"
            error={of('amend-support')}
            value={form.support}
            onChange={(v) => set({ support: v as 'yes' | 'no' })}
          />
          <RadiosField
            id="amend-contact"
            name="amend-contact"
            legend={t('centre.form.contact.how')}
            hint={t('centre.amend.contactHint')}
            error={of('amend-contact')}
            choices={[
              { value: 'none', label: t('centre.form.contact.none') },
              { value: 'centre', label: t('centre.form.contact.centre') },
              {
                value: 'direct',
                label: t('centre.form.contact.direct'),
                hint: t('centre.amend.directHint'),
              },
            ]}
            value={form.contact}
            onChange={(v) => set({ contact: v as CentreContact })}
          />
          <NotToShareField
            id="amend-not-to-share"
            error={of('amend-not-to-share')}
            value={form.notToShare}
            onChange={(v) => set({ notToShare: v })}
          />
          <CentreReferenceField
            id="amend-reference"
            error={of('amend-reference')}
            value={form.reference}
            onChange={(v) => set({ reference: v })}
          />
          <div className="govuk-button-group">
            <button type="submit" className="govuk-button" disabled={busy} aria-disabled={busy}>
              {t('centre.amend.save')}
            </button>
            <Link to={`/centre/reports/${encodeURIComponent(reference)}`} className="govuk-link">
              {t('centre.amend.cancel')}
            </Link>
          </div>
        </form>
      </div>
    </div>
  );
}

export function CentreAmendPage({ reference }: { reference: string }) {
  const { loaded, retry } = useCentreReport(reference);
  const back = `/centre/reports/${encodeURIComponent(reference)}`;
  if (loaded.kind === 'ok') {
    return (
      <>
        <BackLink to={back} />
        <main className="govuk-main-wrapper" id="main-content">
          <AmendForm reference={reference} centre={loaded.view.centre} />
        </main>
      </>
    );
  }
  if (loaded.kind === 'loading') return <BackLink to={back} />;
  return (
    <>
      <BackLink to={back} />
      <main className="govuk-main-wrapper" id="main-content">
        <AmendUnavailable kind={loaded.kind} reference={reference} onRetry={retry} />
      </main>
    </>
  );
}

function AmendUnavailable({
  kind,
  reference,
  onRetry,
}: {
  kind: 'not-found' | 'offline' | 'failed';
  reference: string;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  useDocumentTitle(t('centre.amend.heading'));
  return (
    <>
      <PageHeading>{t('centre.amend.heading')}</PageHeading>
      <p className="govuk-body">
        {kind === 'not-found'
          ? t('centre.report.notFound', { reference })
          : kind === 'offline'
            ? t('centre.amend.offline')
            : t('centre.failed')}
      </p>
      {kind !== 'not-found' && (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={onRetry}>
          {t('centre.report.retry')}
        </button>
      )}
    </>
  );
}
