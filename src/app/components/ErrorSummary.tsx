/**
 * GOV.UK error summary: "There is a problem", each error a link to its field. It takes focus when
 * it appears (so the resident hears it) and a link moves focus to the field, scrolling its label
 * or legend into view as GOV.UK Frontend does.
 */
import { useEffect, useRef, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

export interface FieldError {
  /** id of the input the error is about (the first input of a radio or checkbox group). */
  field: string;
  message: string;
}

export function ErrorSummary({ errors }: { errors: FieldError[] }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const key = errors.map((e) => `${e.field}:${e.message}`).join('|');
  useEffect(() => {
    if (key) ref.current?.focus();
  }, [key]);
  if (!errors.length) return null;

  const go = (e: MouseEvent<HTMLAnchorElement>, id: string) => {
    const input = document.getElementById(id);
    if (!input) return;
    e.preventDefault();
    const legend = input.closest('fieldset')?.querySelector('legend');
    const label = document.querySelector(`label[for="${CSS.escape(id)}"]`);
    (legend ?? label ?? input).scrollIntoView?.();
    input.focus({ preventScroll: true });
  };

  return (
    <div className="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{t('errors.summaryTitle')}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((e) => (
              <li key={`${e.field}:${e.message}`}>
                <a href={`#${e.field}`} onClick={(ev) => go(ev, e.field)}>
                  {e.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** The inline message above a field. */
export function ErrorMessage({ id, message }: { id: string; message: string }) {
  const { t } = useTranslation();
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">{t('errors.prefix')}</span> {message}
    </p>
  );
}
