/**
 * Check a centre report before saving it: everything entered, each with a "Change" link to its
 * page, then "Save and send", which checks the whole report as the server will and seals it into
 * the tablet's outbox with its photos and recordings (sent at once when there is a connection).
 * If the tablet's storage is full nothing is saved and the form keeps everything, so the centre
 * can free space and press the button again.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldError } from '../components/ErrorSummary';
import { useCouncil } from '../council/council-context';
import { takesMedia } from '../media/media-step';
import { PageHeading } from '../router/page';
import { useCentreSession } from './centre-session';
import {
  mediaInputs,
  mediaOf,
  questionsFor,
  questionStep,
  serviceOf,
  STEP_CATEGORY,
  STEP_CONSENT,
  STEP_CONTACT,
  STEP_MEDIA,
  STEP_WHAT,
  STEP_WHERE,
  toPayload,
  type OnBehalf,
} from './on-behalf';
import { StepFrame } from './StepFrame';

/** The first input of the page that fixes a problem, for its error message there. */
function fieldIdOf(step: string): string {
  if (step.startsWith('question/')) return `answer-${step.slice('question/'.length)}`;
  return (
    {
      [STEP_CONSENT]: 'centre-consent',
      [STEP_CONTACT]: 'centre-contact',
      [STEP_CATEGORY]: 'centre-category',
      [STEP_WHERE]: 'centre-where',
      [STEP_WHAT]: 'centre-what',
      [STEP_MEDIA]: 'photos-input',
    }[step] ?? 'centre-consent'
  );
}

export function OnBehalfCheck({
  form,
  change,
  back,
  onSaved,
}: {
  form: OnBehalf;
  change: (step: string, errors?: FieldError[]) => void;
  back: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const council = useCouncil();
  const { state, sealed } = useCentreSession();
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const service = serviceOf(council, form);
  const questions = service ? questionsFor(council, service, form) : [];
  const yesNo = (v: string) =>
    v === 'yes' ? t('centre.form.consent.yes') : t('centre.form.consent.no');
  const none = t('centre.form.check.none');
  const media = mediaOf(council, form);
  const photoCount = media.filter((m) => m.kind === 'photo').length;
  const mediaWords = [
    photoCount ? t('media.checkPhotos', { count: photoCount }) : null,
    media.length - photoCount
      ? t('media.checkRecordings', { count: media.length - photoCount })
      : null,
  ]
    .filter(Boolean)
    .join(', ');

  const save = async () => {
    if (busy || state.kind !== 'in') return;
    const payload = toPayload(council, form);
    if (!payload.ok) {
      const first = payload.error[0]!;
      change(first.step, [{ field: fieldIdOf(first.step), message: first.message }]);
      return;
    }
    if (!sealed) {
      setProblem(t('centre.form.check.noStorage'));
      return;
    }
    setBusy(true);
    const added = await sealed.add(
      state.key,
      state.me.user_id,
      payload.value,
      form.id,
      mediaInputs(council, form),
    );
    setBusy(false);
    if (added.ok) onSaved();
    else if (added.error === 'storage-full') setProblem(t('centre.form.check.storageFull'));
    else setProblem(t('centre.form.check.notSaved'));
  };

  const row = (key: string, value: ReactNode, step: string) => (
    <div className="govuk-summary-list__row" key={key}>
      <dt className="govuk-summary-list__key">{key}</dt>
      <dd className="govuk-summary-list__value">{value || none}</dd>
      <dd className="govuk-summary-list__actions">
        <a
          href="/centre/new"
          className="govuk-link"
          onClick={(e) => {
            e.preventDefault();
            change(step);
          }}
        >
          {t('check.change')}
          <span className="govuk-visually-hidden"> {key}</span>
        </a>
      </dd>
    </div>
  );
  const answerText = (code: string) => {
    const v = form.answers[code];
    const q = questions.find((a) => a.code === code);
    const name = (k: string) => q?.values?.find((x) => x.key === k)?.name ?? k;
    return Array.isArray(v) ? v.map(name).join(', ') : v ? name(v) : '';
  };
  const contactWords = {
    '': '',
    none: t('centre.form.contact.none'),
    centre: t('centre.form.contact.centre'),
    direct: t('centre.form.contact.direct'),
  }[form.contact];
  const victim = [
    [form.firstName, form.lastName].filter((s) => s.trim()).join(' '),
    form.email.trim(),
    form.phone.trim(),
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <StepFrame
      title={t('centre.form.check.title')}
      errors={problem ? [{ field: 'centre-save', message: problem }] : []}
      onBack={back}
      onSubmit={() => void save()}
      submitLabel={t('centre.form.check.save')}
    >
      <PageHeading>{t('centre.form.check.title')}</PageHeading>
      <h2 className="govuk-heading-m">{t('centre.form.check.centreHeading')}</h2>
      <dl className="govuk-summary-list">
        {row(
          t('centre.form.consent.agree'),
          form.consent ? t('centre.form.consent.yes') : '',
          STEP_CONSENT,
        )}
        {row(t('centre.form.consent.police'), form.police && yesNo(form.police), STEP_CONSENT)}
        {row(t('centre.form.consent.support'), form.support && yesNo(form.support), STEP_CONSENT)}
        {row(t('centre.form.consent.reference'), form.reference.trim(), STEP_CONSENT)}
      </dl>
      <h2 className="govuk-heading-m">{t('centre.form.check.contactHeading')}</h2>
      <dl className="govuk-summary-list">
        {row(t('centre.form.contact.how'), contactWords, STEP_CONTACT)}
        {form.contact === 'direct' && row(t('centre.form.contact.victim'), victim, STEP_CONTACT)}
        {row(t('centre.form.contact.notToShare'), form.notToShare.trim(), STEP_CONTACT)}
      </dl>
      <h2 className="govuk-heading-m">{t('centre.form.check.reportHeading')}</h2>
      <dl className="govuk-summary-list">
        {row(t('centre.form.category.title'), service?.service_name ?? '', STEP_CATEGORY)}
        {questions.map((q) => row(q.description, answerText(q.code), questionStep(q.code)))}
        {takesMedia(service) &&
          row(t('media.checkKey'), mediaWords || t('media.checkNone'), STEP_MEDIA)}
        {row(t('centre.form.where.title'), form.address.trim(), STEP_WHERE)}
        {row(t('what.title'), form.description.trim(), STEP_WHAT)}
      </dl>
      <p className="govuk-body" id="centre-save">
        {t('centre.form.check.saveNote')}
      </p>
    </StepFrame>
  );
}
