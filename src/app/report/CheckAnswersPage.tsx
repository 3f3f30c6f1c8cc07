/**
 * Check your answers, with a Change link per answer that comes back here, then "Send report":
 * validate, hand the report to the outbox (which sends it now or when the phone is online) and go
 * to the confirmation page, which says honestly where the report is.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { BackLink } from '../components/BackLink';
import { ErrorSummary, type FieldError } from '../components/ErrorSummary';
import { useOutbox } from '../my-reports/outbox-context';
import { requestBackgroundSync } from '../outbox/background-sync';
import { assessRisk } from '../../shared/risk';
import { useDocumentTitle, PageHeading } from '../router/page';
import { Link, navigate } from '../router/router';
import { contactRuleFor } from '../../shared/report';
import { ltr } from '../i18n/bidi';
import { displayAttribute } from './attribute-text';
import { rowsOf } from './diary-rows';
import { PspoNotice } from './PspoNotice';
import { asMediaInputs, clearDraftMedia, editedMedia, listDraftMedia } from '../media/draft-media';
import { STEP_MEDIA, takesMedia } from '../media/media-step';
import { MediaSummary } from '../media/MediaSummary';
import {
  askedQuestions,
  contactRequirement,
  descriptionOptional,
  findService,
  isRiskQuestion,
  questionStep,
  STEP_CATEGORY,
  STEP_CHECK,
  STEP_DETAILS,
  STEP_WHAT,
  STEP_WHERE,
  stepPath,
} from './draft';
import { useFlow } from './flow-context';
import { useStep } from './StepForm';
import { prepareSubmission } from './submit';

export const changeLinkId = (step: string) => `change-${step.replace('/', '-')}`;

interface Row {
  step: string;
  key: string;
  value: ReactNode;
  /** The change link's id when another row already changes the same step. */
  linkId?: string;
}

export function CheckAnswersPage() {
  const { t } = useTranslation();
  const { council, draft, back } = useStep(STEP_CHECK);
  const { reset } = useFlow();
  const { outbox, failed } = useOutbox();
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  useDocumentTitle(t('check.title'), errors.length > 0);
  const service = findService(council, draft.serviceCode);
  if (!service) return null; // ReportFlow redirects before this renders

  const notAnswered = <span className="govuk-hint">{t('check.notAnswered')}</span>;
  const lines = (xs: Array<string | undefined | false>) => {
    const given = xs.filter((x): x is string => !!x);
    // <bdi>: what the resident typed keeps its own direction inside a right-to-left page.
    return given.length
      ? given.map((x, i) => (
          <div key={i}>
            <bdi>{x}</bdi>
          </div>
        ))
      : notAnswered;
  };
  const asked = askedQuestions(council, service, draft.answers);
  const questionRow = (found: (typeof asked)[number]): Row => {
    const q = displayAttribute(t, council, found);
    const v = draft.answers[q.code];
    if (q.format === 'diary') {
      const entries = v === undefined ? [] : rowsOf(v).filter((r) => r.date || r.start);
      return {
        step: questionStep(q.code),
        key: q.description,
        value: lines(
          entries.map((r) =>
            t('diary.summary', {
              date: r.date,
              start: r.start,
              end: r.end,
              level: r.level,
              note: r.note.trim() ? ` ${r.note.trim()}` : '',
            }),
          ),
        ),
      };
    }
    const keys = Array.isArray(v) ? v : v ? [v] : [];
    const names = q.values
      ? keys.map((k) => q.values!.find((x) => x.key === k)?.name ?? k)
      : keys.map((k) => (q.datatype === 'datetime' ? k.replace('T', ' ') : k));
    return { step: questionStep(q.code), key: q.description, value: lines(names) };
  };
  const lat = draft.lat.trim();
  const long = draft.long.trim();
  const problemRows: Row[] = [
    { step: STEP_CATEGORY, key: t('check.category'), value: service.service_name },
    ...asked.filter((q) => !isRiskQuestion(q)).map(questionRow),
    ...(takesMedia(service)
      ? [{ step: STEP_MEDIA, key: t('media.checkKey'), value: <MediaSummary draftId={draft.id} /> }]
      : []),
    {
      step: STEP_WHERE,
      key: t('check.where'),
      value: (
        <>
          {lines([
            draft.address.trim(),
            lat && long ? t('check.coordinates', { lat: ltr(lat), long: ltr(long) }) : false,
          ])}
          <PspoNotice service={service} lat={lat} long={long} compact />
        </>
      ),
    },
    {
      step: STEP_WHAT,
      key: descriptionOptional(council, draft) ? t('check.whatElse') : t('check.what'),
      value: draft.description.trim() ? (
        <span className="app-pre-wrap" dir="auto">
          {draft.description.trim()}
        </span>
      ) : (
        notAnswered
      ),
    },
  ];
  const safetyRows: Row[] = asked.filter(isRiskQuestion).map(questionRow);
  const rule = contactRequirement(council, draft);
  const detailRows: Row[] = [
    {
      // Anonymous by an earlier answer: the change link goes to that question.
      step:
        rule === 'none'
          ? questionStep(contactRuleFor(asked, draft.answers)!.attr.code)
          : STEP_DETAILS,
      key: t('check.contact'),
      linkId: 'change-contact',
      value:
        rule !== 'none' && (draft.contact === 'contact' || rule === 'required')
          ? lines([
              [draft.firstName.trim(), draft.lastName.trim()].filter(Boolean).join(' '),
              draft.email.trim(),
              draft.phone.trim(),
            ])
          : t('check.anonymous'),
    },
  ];

  const send = async () => {
    if (busy) return;
    const prepared = prepareSubmission(council, draft);
    if (!prepared.ok) {
      setErrors(
        prepared.error.map((p) => ({
          field: changeLinkId(p.step),
          message: t('check.errors.fix', {
            answer:
              [...problemRows, ...safetyRows, ...detailRows].find((r) => r.step === p.step)?.key ??
              p.field,
          }),
        })),
      );
      return;
    }
    if (!outbox) {
      setErrors([
        {
          field: 'send-report',
          message: t(failed ? 'check.errors.noStorage' : 'check.errors.notReady'),
        },
      ]);
      return;
    }
    setBusy(true);
    // Photos and recordings kept with the draft go into the outbox with the report; when fixing
    // a refused report, only if its media were opened for changing (else they stay as queued).
    const edited = draft.editing ? await editedMedia(draft.id).catch(() => null) : null;
    const media = draft.editing
      ? []
      : asMediaInputs(await listDraftMedia(draft.id).catch(() => []));
    const id = draft.editing ?? draft.id;
    const saved = draft.editing
      ? await outbox.update(draft.editing, prepared.value, {
          ...(edited ? { media: edited } : {}),
        })
      : await outbox.enqueue(
          prepared.value,
          media,
          {
            serviceName: service.service_name,
            riskBand: assessRisk(council, service, prepared.value.attributes).band,
          },
          draft.id,
          { clearDraft: true },
        );
    setBusy(false);
    if (!saved.ok) {
      const full = saved.error === 'storage-full';
      setErrors([
        {
          field: 'send-report',
          message: t(full ? 'check.errors.storageFull' : 'check.errors.notSaved'),
        },
      ]);
      return;
    }
    await reset();
    void clearDraftMedia().catch(() => undefined);
    if ('serviceWorker' in navigator) {
      void navigator.serviceWorker.ready
        .then((r) => requestBackgroundSync(r))
        .catch(() => undefined);
    }
    navigate(`/report/sent/${id}`, { replace: true });
  };

  const list = (rows: Row[]) => (
    <dl className="govuk-summary-list govuk-!-margin-bottom-9">
      {rows.map((r) => (
        <div className="govuk-summary-list__row" key={r.linkId ?? r.step}>
          <dt className="govuk-summary-list__key">{r.key}</dt>
          <dd className="govuk-summary-list__value">{r.value}</dd>
          <dd className="govuk-summary-list__actions">
            <Link
              to={`${stepPath(r.step)}?return=check`}
              className="govuk-link"
              id={r.linkId ?? changeLinkId(r.step)}
            >
              {t('check.change')}
              <span className="govuk-visually-hidden"> {r.key}</span>
            </Link>
          </dd>
        </div>
      ))}
    </dl>
  );

  return (
    <>
      <BackLink to={back} />
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <ErrorSummary errors={errors} />
            <PageHeading>{t('check.title')}</PageHeading>
            <h2 className="govuk-heading-m">{t('check.problemHeading')}</h2>
            {list(problemRows)}
            {safetyRows.length > 0 && (
              <>
                <h2 className="govuk-heading-m">{t('check.safetyHeading')}</h2>
                <p className="govuk-body">{t('check.safetyPrivate')}</p>
                {list(safetyRows)}
              </>
            )}
            <h2 className="govuk-heading-m">{t('check.detailsHeading')}</h2>
            {list(detailRows)}
            <h2 className="govuk-heading-m">{t('check.sendHeading')}</h2>
            <p className="govuk-body">{t('check.sendTrue')}</p>
            <p className="govuk-body">{t('check.sendOffline')}</p>
            <button
              type="button"
              id="send-report"
              className="govuk-button"
              onClick={() => void send()}
              disabled={busy}
              aria-disabled={busy}
            >
              {draft.editing ? t('check.sendAgain') : t('check.send')}
            </button>
          </div>
        </div>
      </main>
    </>
  );
}
