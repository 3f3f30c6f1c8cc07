/** GOV.UK radios and checkboxes, with the legend as the page heading when it is the question. */
import { Fragment, type ReactNode } from 'react';
import { ErrorMessage } from './ErrorSummary';
import { Fieldset, describedBy } from './Fieldset';

export interface Choice {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown below the option while it is selected (GOV.UK conditional reveal). */
  conditional?: ReactNode;
  /** A divider above the option, e.g. "or" before an answer that stands alone. */
  divider?: ReactNode;
}

interface Common {
  /** id of the first input; the others get `${id}-${i}`. The error summary links here. */
  id: string;
  name: string;
  legend: ReactNode;
  asHeading?: boolean;
  hint?: ReactNode;
  error?: string | null | undefined;
  choices: Choice[];
}

export const choiceId = (id: string, i: number) => (i === 0 ? id : `${id}-${i}`);

function Group({
  kind,
  props,
  isChecked,
  toggle,
}: {
  kind: 'radios' | 'checkboxes';
  props: Common;
  isChecked: (v: string) => boolean;
  toggle: (v: string, checked: boolean) => void;
}) {
  const { id, name, legend, asHeading, hint, error, choices } = props;
  const hintId = hint ? `${id}-hint` : null;
  const errorId = error ? `${id}-error` : null;
  return (
    <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
      <Fieldset legend={legend} asHeading={asHeading} describedBy={describedBy(hintId, errorId)}>
        {hint && (
          <div id={hintId!} className="govuk-hint">
            {hint}
          </div>
        )}
        {error && <ErrorMessage id={errorId!} message={error} />}
        <div className={`govuk-${kind}`}>
          {choices.map((c, i) => {
            const inputId = choiceId(id, i);
            const itemHintId = c.hint ? `${inputId}-item-hint` : undefined;
            const checked = isChecked(c.value);
            return (
              <Fragment key={c.value}>
                {c.divider && <div className={`govuk-${kind}__divider`}>{c.divider}</div>}
                <div className={`govuk-${kind}__item`}>
                  <input
                    className={`govuk-${kind}__input`}
                    id={inputId}
                    name={name}
                    type={kind === 'radios' ? 'radio' : 'checkbox'}
                    value={c.value}
                    checked={checked}
                    onChange={(e) => toggle(c.value, e.currentTarget.checked)}
                    aria-describedby={itemHintId}
                    aria-controls={c.conditional ? `${inputId}-conditional` : undefined}
                  />
                  <label className={`govuk-label govuk-${kind}__label`} htmlFor={inputId}>
                    {c.label}
                  </label>
                  {c.hint && (
                    <div id={itemHintId} className={`govuk-hint govuk-${kind}__hint`}>
                      {c.hint}
                    </div>
                  )}
                </div>
                {c.conditional && (
                  <div
                    id={`${inputId}-conditional`}
                    className={`govuk-${kind}__conditional${checked ? '' : ` govuk-${kind}__conditional--hidden`}`}
                  >
                    {c.conditional}
                  </div>
                )}
              </Fragment>
            );
          })}
        </div>
      </Fieldset>
    </div>
  );
}

export function RadiosField(
  props: Common & { value: string | undefined; onChange: (value: string) => void },
) {
  return (
    <Group
      kind="radios"
      props={props}
      isChecked={(v) => props.value === v}
      toggle={(v, checked) => checked && props.onChange(v)}
    />
  );
}

export function CheckboxesField(
  props: Common & { value: string[]; onChange: (value: string[]) => void },
) {
  return (
    <Group
      kind="checkboxes"
      props={props}
      isChecked={(v) => props.value.includes(v)}
      toggle={(v, checked) => {
        const others = props.value.filter((x) => x !== v);
        // Keep the order of the choices, not the order of clicks.
        const next = checked ? [...others, v] : others;
        const order = props.choices.map((c) => c.value);
        props.onChange(next.sort((a, b) => order.indexOf(a) - order.indexOf(b)));
      }}
    />
  );
}
