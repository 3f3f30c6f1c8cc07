/**
 * The pages of a centre report: the victim's consent and the centre's reference, how the victim
 * may be contacted, the kind of incident, each of its questions (the resident flow's inputs),
 * photos and recordings (the resident flow's sections), where and what happened. Each checks its
 * own answers; the check page checks the whole report.
 *
 * Notes
 * - Photos go through the resident flow's `processPhoto` (shrunk and re-encoded in the photo
 *   worker, so no EXIF, GPS or camera details are left) and are then held in memory with the
 *   form, never written to storage until they are sealed with the report. The place a photo's
 *   EXIF gives is not offered: the centre describes the place in words. The sections' hints
 *   speak of this tablet, not the resident's phone.
 */
import { useState, type ReactNode } from 'react';
import type { LatLong } from '../../shared/geo';
import { MAX_PHOTOS, MAX_RECORDING_SECONDS, MAX_RECORDINGS } from '../../shared/media';
import { useTranslation } from 'react-i18next';
import { NOT_TO_SHARE_MAX, type CentreContact } from '../../shared/centre-report';
import { DESCRIPTION_MAX, ReportSubmissionSchema } from '../../shared/report';
import { CheckboxesField, RadiosField } from '../components/ChoiceField';
import type { FieldError } from '../components/ErrorSummary';
import { TextAreaField, TextField } from '../components/TextField';
import { useCouncil } from '../council/council-context';
import type { DraftMediaItem } from '../media/draft-media';
import { PhotoSection } from '../media/PhotoSection';
import { processPhoto } from '../media/process-photo';
import { RecordingSection } from '../media/RecordingSection';
import { recordingExtension, type Clip } from '../media/recorder';
import '../media/media.scss';
import { PageHeading } from '../router/page';
import { answerError } from '../report/answer-errors';
import { descriptionOptional } from '../report/draft';
import { QuestionInput } from '../report/QuestionPage';
import { centreServices, mediaOf, questionsFor, serviceOf, toDraft } from './on-behalf';
import {
  CentreReferenceField,
  centreReferenceProblem,
  NotToShareField,
  PoliceConsentField,
  VictimSupportField,
} from './CentreRecordFields';
import { StepFrame, type StepProps } from './StepFrame';
import { PrivacySummary } from '../privacy/PrivacySummary';

const { email: EmailSchema, phone: PhoneSchema } = ReportSubmissionSchema.shape;
const NAME_MAX = 100;

/** Errors by field id, starting from what the check page found. */
function useErrors(initial: FieldError[]) {
  const [errors, setErrors] = useState<FieldError[]>(initial);
  const of = (field: string) => errors.find((e) => e.field === field)?.message ?? null;
  return { errors, setErrors, of };
}

export function ConsentStep({ form, set, next, back, initialErrors }: StepProps) {
  const { t } = useTranslation();
  const { errors, setErrors, of } = useErrors(initialErrors);
  const onSubmit = () => {
    const found: FieldError[] = [];
    if (!form.consent) {
      found.push({ field: 'centre-consent', message: t('centre.form.consent.errors.agree') });
    }
    if (!form.police) {
      found.push({ field: 'centre-police', message: t('centre.form.consent.errors.police') });
    }
    if (!form.support) {
      found.push({ field: 'centre-support', message: t('centre.form.consent.errors.support') });
    }
    const referenceProblem = centreReferenceProblem(t, form.reference);
    if (referenceProblem) found.push({ field: 'centre-reference', message: referenceProblem });
    setErrors(found);
    if (!found.length) next();
  };
  return (
    <StepFrame
      title={t('centre.form.consent.title')}
      errors={errors}
      onBack={back}
      onSubmit={onSubmit}
    >
      <PageHeading>{t('centre.form.consent.title')}</PageHeading>
      <CheckboxesField
        id="centre-consent"
        name="centre-consent"
        legend={t('centre.form.consent.legend')}
        hint={t('centre.form.consent.agreeHint')}
        error={of('centre-consent')}
        choices={[{ value: 'yes', label: t('centre.form.consent.agree') }]}
        value={form.consent ? ['yes'] : []}
        onChange={(v) => set({ consent: v.includes('yes') })}
      />
      <PoliceConsentField
        id="centre-police"
        error={of('centre-police')}
        value={form.police}
        onChange={(v) => set({ police: v as 'yes' | 'no' })}
      />
      <VictimSupportField
        id="centre-support"
        error={of('centre-support')}
        value={form.support}
        onChange={(v) => set({ support: v as 'yes' | 'no' })}
      />
      <CentreReferenceField
        id="centre-reference"
        error={of('centre-reference')}
        value={form.reference}
        onChange={(v) => set({ reference: v })}
      />
    </StepFrame>
  );
}

export function ContactStep({ form, set, next, back, initialErrors }: StepProps) {
  const { t } = useTranslation();
  const { errors, setErrors, of } = useErrors(initialErrors);
  const onSubmit = () => {
    const found: FieldError[] = [];
    if (!form.contact) {
      found.push({ field: 'centre-contact', message: t('centre.form.contact.errors.how') });
    }
    if (form.contact === 'direct') {
      const email = form.email.trim();
      const phone = form.phone.trim();
      if (form.firstName.trim().length > NAME_MAX) {
        found.push({
          field: 'victim-first-name',
          message: t('details.errors.nameTooLong', { max: NAME_MAX }),
        });
      }
      if (form.lastName.trim().length > NAME_MAX) {
        found.push({
          field: 'victim-last-name',
          message: t('details.errors.nameTooLong', { max: NAME_MAX }),
        });
      }
      if (email && !EmailSchema.safeParse(email).success) {
        found.push({ field: 'victim-email', message: t('details.errors.email') });
      }
      if (phone && !PhoneSchema.safeParse(phone).success) {
        found.push({ field: 'victim-phone', message: t('details.errors.phone') });
      }
      if (!email && !phone) {
        found.push({ field: 'victim-email', message: t('details.errors.emailOrPhone') });
      }
    }
    if (form.notToShare.trim().length > NOT_TO_SHARE_MAX) {
      found.push({
        field: 'centre-not-to-share',
        message: t('centre.form.contact.errors.notToShareTooLong', { max: NOT_TO_SHARE_MAX }),
      });
    }
    setErrors(found);
    if (!found.length) next();
  };
  const victim = (
    <>
      <TextField
        id="victim-first-name"
        label={t('details.firstName')}
        error={of('victim-first-name')}
        value={form.firstName}
        onChange={(v) => set({ firstName: v })}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        id="victim-last-name"
        label={t('details.lastName')}
        error={of('victim-last-name')}
        value={form.lastName}
        onChange={(v) => set({ lastName: v })}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        id="victim-email"
        label={t('details.email')}
        hint={t('details.emailHint')}
        error={of('victim-email')}
        value={form.email}
        onChange={(v) => set({ email: v })}
        type="email"
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        id="victim-phone"
        label={t('details.phone')}
        error={of('victim-phone')}
        value={form.phone}
        onChange={(v) => set({ phone: v })}
        type="tel"
        autoComplete="off"
        widthClass="govuk-input--width-20"
      />
    </>
  );
  const choices: Array<{
    value: CentreContact;
    label: string;
    hint?: string;
    conditional?: ReactNode;
  }> = [
    { value: 'none', label: t('centre.form.contact.none') },
    { value: 'centre', label: t('centre.form.contact.centre') },
    {
      value: 'direct',
      label: t('centre.form.contact.direct'),
      hint: t('centre.form.contact.directHint'),
      conditional: victim,
    },
  ];
  return (
    <StepFrame
      title={t('centre.form.contact.title')}
      errors={errors}
      onBack={back}
      onSubmit={onSubmit}
    >
      <PageHeading>{t('centre.form.contact.title')}</PageHeading>
      {/* Centres file hate incidents: the Personal group's notice, before any victim detail. */}
      <PrivacySummary group="Personal" />
      <RadiosField
        id="centre-contact"
        name="centre-contact"
        legend={t('centre.form.contact.how')}
        error={of('centre-contact')}
        choices={choices}
        value={form.contact || undefined}
        onChange={(v) => set({ contact: v as CentreContact })}
      />
      <NotToShareField
        id="centre-not-to-share"
        error={of('centre-not-to-share')}
        value={form.notToShare}
        onChange={(v) => set({ notToShare: v })}
      />
    </StepFrame>
  );
}

export function CategoryStep({ form, set, next, back, initialErrors }: StepProps) {
  const { t } = useTranslation();
  const council = useCouncil();
  const { errors, setErrors, of } = useErrors(initialErrors);
  const onSubmit = () => {
    const found = form.serviceCode
      ? []
      : [{ field: 'centre-category', message: t('centre.form.category.error') }];
    setErrors(found);
    if (!found.length) next();
  };
  return (
    <StepFrame
      title={t('centre.form.category.title')}
      errors={errors}
      onBack={back}
      onSubmit={onSubmit}
    >
      <RadiosField
        id="centre-category"
        name="centre-category"
        legend={t('centre.form.category.title')}
        asHeading
        error={of('centre-category')}
        choices={centreServices(council).map((s) => ({
          value: s.service_code,
          label: s.service_name,
          hint: s.description,
        }))}
        value={form.serviceCode}
        onChange={(v) =>
          set({ serviceCode: v, answers: v === form.serviceCode ? form.answers : {} })
        }
      />
    </StepFrame>
  );
}

export function QuestionStep({
  form,
  set,
  next,
  back,
  initialErrors,
  code,
}: StepProps & { code: string }) {
  const { t } = useTranslation();
  const council = useCouncil();
  const service = serviceOf(council, form);
  const attr = service
    ? questionsFor(council, service, form).find((q) => q.code === code)
    : undefined;
  const [error, setError] = useState<string | null>(initialErrors[0]?.message ?? null);
  if (!attr) return null;
  const value = form.answers[code];
  const onSubmit = () => {
    const message = answerError(t, attr, value);
    setError(message);
    if (!message) next();
  };
  return (
    <StepFrame
      title={attr.description}
      errors={error ? [{ field: `answer-${code}`, message: error }] : []}
      onBack={back}
      onSubmit={onSubmit}
    >
      <QuestionInput
        attr={attr}
        value={value}
        onChange={(v) => set({ answers: { ...form.answers, [code]: v } })}
        error={error}
      />
    </StepFrame>
  );
}

export function WhereStep({ form, set, next, back, initialErrors }: StepProps) {
  const { t } = useTranslation();
  const { errors, setErrors, of } = useErrors(initialErrors);
  const onSubmit = () => {
    const text = form.address.trim();
    const found = !text
      ? [{ field: 'centre-where', message: t('where.errors.required') }]
      : text.length > 500
        ? [{ field: 'centre-where', message: t('where.errors.addressTooLong', { max: 500 }) }]
        : [];
    setErrors(found);
    if (!found.length) next();
  };
  return (
    <StepFrame
      title={t('centre.form.where.title')}
      errors={errors}
      onBack={back}
      onSubmit={onSubmit}
    >
      <TextAreaField
        id="centre-where"
        label={t('centre.form.where.title')}
        asHeading
        hint={t('centre.form.where.hint')}
        error={of('centre-where')}
        value={form.address}
        onChange={(v) => set({ address: v })}
        maxLength={500}
        rows={3}
      />
    </StepFrame>
  );
}

export function WhatStep({ form, set, next, back, initialErrors }: StepProps) {
  const { t } = useTranslation();
  const council = useCouncil();
  const { errors, setErrors, of } = useErrors(initialErrors);
  const optional = descriptionOptional(council, toDraft(council, form));
  const title = optional ? t('what.titleOptional') : t('what.title');
  const onSubmit = () => {
    const text = form.description.trim();
    const found =
      !text && !optional
        ? [{ field: 'centre-what', message: t('what.errors.required') }]
        : text.length > DESCRIPTION_MAX
          ? [{ field: 'centre-what', message: t('what.errors.tooLong', { max: DESCRIPTION_MAX }) }]
          : [];
    setErrors(found);
    if (!found.length) next();
  };
  return (
    <StepFrame title={title} errors={errors} onBack={back} onSubmit={onSubmit}>
      <TextAreaField
        id="centre-what"
        label={title}
        asHeading
        hint={t('what.hint')}
        error={of('centre-what')}
        value={form.description}
        onChange={(v) => set({ description: v })}
        maxLength={DESCRIPTION_MAX}
        rows={8}
      />
    </StepFrame>
  );
}

/** No photo places in centre mode (the place is described in words). */
const NO_PLACES: ReadonlyMap<string, LatLong> = new Map<string, LatLong>();

export function MediaStep({ form, set, next, back }: StepProps) {
  const { t } = useTranslation();
  const council = useCouncil();
  const service = serviceOf(council, form);
  const [photoError, setPhotoError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const items = mediaOf(council, form);
  const photos = items.filter((i) => i.kind === 'photo');
  const recordings = items.filter((i) => i.kind === 'recording');
  const append = (item: DraftMediaItem) => set((f) => ({ media: [...f.media, item] }));

  const addPhotos = async (files: File[]) => {
    setPhotoError(null);
    const room = MAX_PHOTOS - photos.length;
    const take = files.slice(0, room);
    const problems: string[] = [];
    if (files.length > room) problems.push(t('media.errors.tooMany', { max: MAX_PHOTOS }));
    setBusy(true);
    let added = 0;
    for (const [i, file] of take.entries()) {
      setStatus(t('media.preparing', { number: i + 1, count: take.length }));
      const r = await processPhoto(file);
      if (!r.ok) {
        problems.push(
          t(`media.errors.${r.error === 'aborted' ? 'unreadable' : r.error}`, { name: file.name }),
        );
        continue;
      }
      added++;
      append({
        id: crypto.randomUUID(),
        draftId: form.id,
        kind: 'photo',
        bytes: r.value.bytes,
        type: r.value.type,
        name: r.value.name,
        width: r.value.width,
        height: r.value.height,
        createdAt: Date.now(),
      });
    }
    setBusy(false);
    setStatus(added ? t('media.photosReady', { count: photos.length + added }) : '');
    if (problems.length) {
      setPhotoError(problems.join(' '));
      setStatus('');
    }
  };

  const addClip = (clip: Clip) => {
    append({
      id: crypto.randomUUID(),
      draftId: form.id,
      kind: 'recording',
      bytes: clip.bytes,
      type: clip.type,
      name: `recording-${recordings.length + 1}.${recordingExtension(clip.type)}`,
      durationMs: clip.durationMs,
      createdAt: Date.now(),
    });
    return Promise.resolve();
  };

  const remove = (item: DraftMediaItem) => {
    set((f) => ({ media: f.media.filter((m) => m.id !== item.id) }));
    setStatus(t(item.kind === 'photo' ? 'media.photoRemoved' : 'media.recordingRemoved'));
  };

  const title =
    service?.media.photos && service.media.recordings
      ? t('media.titleBoth')
      : service?.media.recordings
        ? t('media.titleRecordings')
        : t('media.titlePhotos');
  const errors = photoError ? [{ field: 'photos-input', message: photoError }] : [];
  return (
    <StepFrame title={title} errors={errors} onBack={back} onSubmit={() => !busy && next()}>
      <PageHeading>{title}</PageHeading>
      <p className="govuk-body">{t('centre.form.media.sealedNote')}</p>
      {service?.media.photos && (
        <PhotoSection
          photos={photos}
          places={NO_PLACES}
          error={photoError}
          status={status}
          busy={busy}
          onFiles={(files) => void addPhotos(files)}
          onRemove={remove}
          onUsePlace={() => undefined}
          hint={t('centre.form.media.photosHint', { max: MAX_PHOTOS })}
        />
      )}
      {service?.media.recordings && (
        <div id="recordings">
          <RecordingSection
            recordings={recordings}
            error={null}
            onClip={addClip}
            onRemove={remove}
            hint={t('centre.form.media.recordingsHint', {
              max: MAX_RECORDINGS,
              seconds: MAX_RECORDING_SECONDS,
            })}
          />
        </div>
      )}
    </StepFrame>
  );
}
