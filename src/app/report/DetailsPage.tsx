/**
 * Your details, or report anonymously. Says plainly, before the fields, who will see contact
 * details. Contact details need an email address or a phone number (a name alone does not let
 * the council reply). When an earlier answer already said "contact me" (a question with the
 * `contact` extension), the fields are asked without the anonymous choice; when it said
 * "anonymous", this page is not in the flow at all.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReportSubmissionSchema } from '../../shared/report';
import { RadiosField } from '../components/ChoiceField';
import type { FieldError } from '../components/ErrorSummary';
import { TextField } from '../components/TextField';
import { PageHeading } from '../router/page';
import { contactRequirement, findService, STEP_DETAILS, type Draft } from './draft';
import { StepForm, useStep } from './StepForm';
import { PrivacySummary } from '../privacy/PrivacySummary';

type Field = 'contact' | 'firstName' | 'lastName' | 'email' | 'phone';
const FIELD_IDS: Record<Field, string> = {
  contact: 'details-contact',
  firstName: 'details-first-name',
  lastName: 'details-last-name',
  email: 'details-email',
  phone: 'details-phone',
};
const NAME_MAX = 100;
/** The same rules the server applies (habit: one module serves both). */
const { email: EmailSchema, phone: PhoneSchema } = ReportSubmissionSchema.shape;

export function DetailsPage() {
  const { t } = useTranslation();
  const { council, draft, setDraft, back, goNext } = useStep(STEP_DETAILS);
  const [problems, setProblems] = useState<Partial<Record<Field, string>>>({});
  const service = findService(council, draft.serviceCode);
  const required = contactRequirement(council, draft) === 'required';
  const set = (patch: Partial<Draft>) => setDraft({ ...draft, ...patch });

  const validate = () => {
    const p: Partial<Record<Field, string>> = {};
    if (!draft.contact && !required) p.contact = t('details.errors.choose');
    if (draft.contact === 'contact' || required) {
      const email = draft.email.trim();
      const phone = draft.phone.trim();
      if (draft.firstName.trim().length > NAME_MAX)
        p.firstName = t('details.errors.nameTooLong', { max: NAME_MAX });
      if (draft.lastName.trim().length > NAME_MAX)
        p.lastName = t('details.errors.nameTooLong', { max: NAME_MAX });
      if (email && !EmailSchema.safeParse(email).success) p.email = t('details.errors.email');
      if (phone && !PhoneSchema.safeParse(phone).success) p.phone = t('details.errors.phone');
      if (!email && !phone) p.email = t('details.errors.emailOrPhone');
    }
    return p;
  };

  const onContinue = () => {
    const p = validate();
    setProblems(p);
    if (Object.keys(p).length === 0) goNext(required ? { ...draft, contact: 'contact' } : draft);
  };

  const errors: FieldError[] = (Object.keys(FIELD_IDS) as Field[])
    .filter((f) => problems[f])
    .map((f) => ({ field: FIELD_IDS[f], message: problems[f]! }));

  const contactFields = (
    <>
      <TextField
        id={FIELD_IDS.firstName}
        label={t('details.firstName')}
        error={problems.firstName}
        value={draft.firstName}
        onChange={(v) => set({ firstName: v })}
        autoComplete="given-name"
        spellCheck={false}
        widthClass="govuk-!-width-full"
      />
      <TextField
        id={FIELD_IDS.lastName}
        label={t('details.lastName')}
        error={problems.lastName}
        value={draft.lastName}
        onChange={(v) => set({ lastName: v })}
        autoComplete="family-name"
        spellCheck={false}
        widthClass="govuk-!-width-full"
      />
      <TextField
        id={FIELD_IDS.email}
        label={t('details.email')}
        hint={t('details.emailHint')}
        error={problems.email}
        value={draft.email}
        onChange={(v) => set({ email: v })}
        type="email"
        autoComplete="email"
        spellCheck={false}
        widthClass="govuk-!-width-full"
      />
      <TextField
        id={FIELD_IDS.phone}
        label={t('details.phone')}
        error={problems.phone}
        value={draft.phone}
        onChange={(v) => set({ phone: v })}
        type="tel"
        autoComplete="tel"
        widthClass="govuk-input--width-20"
      />
    </>
  );

  if (required) {
    const title = t('details.titleRequired');
    return (
      <StepForm
        title={title}
        back={back}
        errors={errors}
        onContinue={onContinue}
        before={
          <>
            {service && <span className="govuk-caption-l">{service.service_name}</span>}
            <PageHeading>{title}</PageHeading>
            {service && <PrivacySummary group={service.group} />}
            <p className="govuk-body">{t('details.whoSees', { council: council.name })}</p>
            <p className="govuk-body">{t('details.whoShares')}</p>
            <p className="govuk-body">{t('details.safeNote')}</p>
          </>
        }
      >
        {contactFields}
      </StepForm>
    );
  }

  return (
    <StepForm
      title={t('details.title')}
      back={back}
      errors={errors}
      onContinue={onContinue}
      before={
        <>
          {service && <span className="govuk-caption-l">{service.service_name}</span>}
          <PageHeading>{t('details.title')}</PageHeading>
          {/* Who will see it and how long it is kept, before any contact detail is asked. */}
          {service && <PrivacySummary group={service.group} />}
        </>
      }
    >
      <RadiosField
        id={FIELD_IDS.contact}
        name="contact"
        legend={<span className="govuk-visually-hidden">{t('details.title')}</span>}
        hint={
          <>
            <p className="govuk-body govuk-hint govuk-!-margin-bottom-2">
              {t('details.whoSees', { council: council.name })}
            </p>
            <p className="govuk-body govuk-hint govuk-!-margin-bottom-2">
              {t('details.whoShares')}
            </p>
            <p className="govuk-body govuk-hint govuk-!-margin-bottom-0">
              {t('details.anonymousNote')}
            </p>
          </>
        }
        error={problems.contact}
        value={draft.contact}
        onChange={(v) => set({ contact: v as Draft['contact'] })}
        choices={[
          { value: 'anonymous', label: t('details.anonymous') },
          { value: 'contact', label: t('details.giveContact'), conditional: contactFields },
        ]}
      />
    </StepForm>
  );
}
