import type { ReactNode } from 'react';
import { PageHeading } from '../router/page';

/** A fieldset whose legend is either the page's h1 (one question per page) or a medium legend. */
export function Fieldset({
  legend,
  asHeading,
  describedBy,
  children,
}: {
  legend: ReactNode;
  asHeading?: boolean;
  describedBy?: string | undefined;
  children: ReactNode;
}) {
  return (
    <fieldset className="govuk-fieldset" aria-describedby={describedBy || undefined}>
      <legend
        className={`govuk-fieldset__legend ${asHeading ? 'govuk-fieldset__legend--l' : 'govuk-fieldset__legend--m'}`}
      >
        {asHeading ? (
          <PageHeading className="govuk-fieldset__heading">{legend}</PageHeading>
        ) : (
          legend
        )}
      </legend>
      {children}
    </fieldset>
  );
}

/** ids joined for aria-describedby, skipping the absent ones. */
export function describedBy(...ids: Array<string | false | null | undefined>): string | undefined {
  const s = ids.filter(Boolean).join(' ');
  return s || undefined;
}
