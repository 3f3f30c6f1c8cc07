/** Page-level helpers: the focused h1 and document.title naming the step. */
import { createContext, useContext, useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCouncil } from '../council/council-context';
import { hasNavigated } from './router';

/**
 * Sets document.title to "Step - Report a problem - Council", prefixed "Error: " when the page
 * shows errors (GOV.UK pattern).
 */
/** Where a server render (src/app/ssr) collects the page's title; absent in the browser. */
export const DocumentTitleSink = createContext<((title: string) => void) | null>(null);

export function useDocumentTitle(step: string, hasErrors = false): void {
  const { t } = useTranslation();
  const sink = useContext(DocumentTitleSink);
  const council = useCouncil();
  const title = t('app.documentTitle', {
    step,
    service: t('app.serviceName'),
    council: council.name,
  });
  const full = hasErrors ? t('app.errorTitlePrefix', { title }) : title;
  sink?.(full);
  useEffect(() => {
    document.title = full;
  }, [full]);
}

/** The page's h1; takes focus after an in-app navigation. */
export function PageHeading({
  children,
  className = 'govuk-heading-l',
}: {
  children: ReactNode;
  className?: string;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (hasNavigated()) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} className={className} tabIndex={-1}>
      {children}
    </h1>
  );
}
