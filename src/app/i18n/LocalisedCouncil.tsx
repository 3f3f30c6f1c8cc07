/**
 * Provides the council configuration in the resident's language: category names, questions,
 * answers, promises and PSPO wording come from the configuration's `translations` (English where
 * a text is not translated), so every page that reads the council reads it localised.
 */
import { useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CouncilConfig } from '../../shared/council-config';
import { localiseCouncil } from '../../shared/council-text';
import { CouncilContext } from '../council/council-context';

export function LocalisedCouncil({
  council,
  children,
}: {
  council: CouncilConfig;
  children: ReactNode;
}) {
  const { i18n } = useTranslation();
  const lng = i18n.resolvedLanguage ?? i18n.language;
  const value = useMemo(() => localiseCouncil(council, lng), [council, lng]);
  return <CouncilContext.Provider value={value}>{children}</CouncilContext.Provider>;
}
