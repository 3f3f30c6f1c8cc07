/**
 * The pin as an inline SVG divIcon: Leaflet's default marker images are found by a CSS/URL trick
 * that bundlers (Vite) break, and an inline icon needs no request at all.
 */
import { divIcon } from 'leaflet';

const PIN_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="32" height="44" viewBox="0 0 32 44" aria-hidden="true" focusable="false">
<path d="M16 1C7.7 1 1 7.7 1 16c0 11.2 15 27 15 27s15-15.8 15-27C31 7.7 24.3 1 16 1z" fill="#d4351c" stroke="#0b0c0c" stroke-width="2"/>
<circle cx="16" cy="16" r="6" fill="#fff" stroke="#0b0c0c" stroke-width="2"/></svg>`;

export const pinIcon = divIcon({
  html: PIN_SVG,
  className: 'app-map-pin',
  iconSize: [32, 44],
  iconAnchor: [16, 43],
});
