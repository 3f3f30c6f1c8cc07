import type { CouncilConfig } from '../../shared/council-config';

/** Applies the council's colours as CSS custom properties (read by src/app/styles/main.scss). */
export function applyTheme(
  council: CouncilConfig,
  root: HTMLElement = document.documentElement,
): void {
  root.style.setProperty('--council-brand', council.colours.brand);
  root.style.setProperty('--council-brand-dark', council.colours.brandDark);
  const meta = document.querySelector('meta[name="theme-color"]');
  meta?.setAttribute('content', council.colours.brand);
}
