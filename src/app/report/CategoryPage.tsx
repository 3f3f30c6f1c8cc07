/**
 * Choose a category: radios grouped by NSIR group, each group under its own heading, with "Is it
 * anti-social behaviour?" guidance before the behaviour groups.
 *
 * Notes
 * - A report being changed after the council refused it ("Change and send again") whose category
 *   has been withdrawn since lands here (the flow has no steps for a category it no longer
 *   offers), so the page says why the resident must choose again.
 * - The server sends this page ready to use before the script has run. A category chosen and
 *   sent in that moment arrives as the form's own submission (`?category=...`): the page takes
 *   it as chosen and goes on, instead of showing the step again with the choice gone; a radio
 *   ticked in that moment but not yet sent is taken as the choice too.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { NSIR_GROUPS } from '../../shared/council-config';
import { ErrorMessage } from '../components/ErrorSummary';
import { AsbGuidance } from '../safety/AsbGuidance';
import { SharedPhotosNotice } from '../share/SharedPhotosNotice';
import { Fieldset, describedBy } from '../components/Fieldset';
import { choiceId } from '../components/ChoiceField';
import { useLocation } from '../router/router';
import { STEP_CATEGORY, withCategory } from './draft';
import { StepForm, useStep } from './StepForm';

/** Groups in the order residents meet them: public spaces first, personal last. */
const GROUP_ORDER = ['Environmental', 'Nuisance', 'Personal'] as const satisfies ReadonlyArray<
  (typeof NSIR_GROUPS)[number]
>;

export function CategoryPage() {
  const { t } = useTranslation();
  const { council, draft, back, goNext } = useStep(STEP_CATEGORY);
  const [choice, setChoice] = useState(draft.serviceCode);
  const [error, setError] = useState<string | null>(null);
  const services = council.services.filter((s) => s.active);
  // The category of a refused report being changed, if the council no longer offers it.
  const withdrawn =
    draft.editing &&
    draft.serviceCode &&
    !services.some((s) => s.service_code === draft.serviceCode)
      ? (council.services.find((s) => s.service_code === draft.serviceCode)?.service_name ?? '')
      : null;
  const sentEarly = useLocation().search.get('category');
  useEffect(() => {
    if (sentEarly && services.some((s) => s.service_code === sentEarly)) {
      goNext(withCategory(draft, sentEarly));
    }
    // Once, for what happened before the script ran.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const firstCode = GROUP_ORDER.flatMap((g) => services.filter((s) => s.group === g))[0]
    ?.service_code;

  const onContinue = () => {
    // A radio ticked before the script took the page over is the resident's choice too.
    const picked =
      choice || document.querySelector<HTMLInputElement>('input[name="category"]:checked')?.value;
    if (!picked || !services.some((s) => s.service_code === picked)) {
      setError(t('category.error'));
      return;
    }
    goNext(withCategory(draft, picked));
  };

  let index = 0;
  const errorId = error ? 'category-error' : null;
  const withdrawnId = withdrawn !== null ? 'category-withdrawn' : null;
  return (
    <StepForm
      title={t('category.title')}
      back={back}
      errors={error ? [{ field: 'category', message: error }] : []}
      onContinue={onContinue}
    >
      <SharedPhotosNotice draftId={draft.id} />
      <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
        <Fieldset
          legend={t('category.title')}
          asHeading
          describedBy={describedBy(withdrawnId, errorId)}
        >
          {withdrawn !== null && (
            <div className="govuk-inset-text" id={withdrawnId!}>
              {withdrawn
                ? t('category.withdrawn', { service: withdrawn })
                : t('category.withdrawnUnnamed')}
            </div>
          )}
          {error && <ErrorMessage id={errorId!} message={error} />}
          {GROUP_ORDER.map((group) => {
            const inGroup = services.filter((s) => s.group === group);
            if (!inGroup.length) return null;
            return (
              <div key={group} className="app-category-group">
                {/* Before the behaviour categories: what is not usually anti-social behaviour. */}
                {group === 'Nuisance' && <AsbGuidance />}
                <h2 className="govuk-heading-m govuk-!-margin-top-6 govuk-!-margin-bottom-1">
                  {t(`category.groups.${group}.title`)}
                </h2>
                <p className="govuk-hint govuk-!-margin-bottom-3">
                  {t(`category.groups.${group}.hint`)}
                </p>
                <div className="govuk-radios">
                  {inGroup.map((s) => {
                    const id =
                      s.service_code === firstCode ? 'category' : choiceId('category', ++index);
                    return (
                      <div className="govuk-radios__item" key={s.service_code}>
                        <input
                          className="govuk-radios__input"
                          id={id}
                          name="category"
                          type="radio"
                          value={s.service_code}
                          checked={choice === s.service_code}
                          onChange={() => setChoice(s.service_code)}
                          aria-describedby={`${id}-item-hint`}
                        />
                        <label className="govuk-label govuk-radios__label" htmlFor={id}>
                          {s.service_name}
                        </label>
                        <div id={`${id}-item-hint`} className="govuk-hint govuk-radios__hint">
                          {s.description}
                        </div>
                      </div>
                    );
                  })}
                </div>
              </div>
            );
          })}
        </Fieldset>
      </div>
    </StepForm>
  );
}
