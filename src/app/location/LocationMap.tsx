/**
 * The map (lazy chunk: leaflet + react-leaflet load only when the Where page shows it).
 *
 * Notes
 * - Tiles come from the council's configured URL, with crossOrigin so the service worker can
 *   keep the ones viewed (CORS responses, not opaque ones that count 7 MB each against quota).
 * - Keyboard (after FixMyStreet): the focused map pans with the arrows and zooms with + and -
 *   (Leaflet's own keyboard handler); Space drops the pin at the centre and selects it; while it
 *   is selected the arrows move the pin (Shift: further); Space, Enter or Escape leave it there.
 *   Every change is announced through the live region the caller passes in.
 * - MapContainer's props count only at mount (react-leaflet); later changes go through useMap,
 *   and the component is never remounted by key (React 19 "already initialized" error).
 */
import 'leaflet/dist/leaflet.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LatLngExpression, LeafletMouseEvent, Marker as LMarker } from 'leaflet';
import {
  GeoJSON,
  MapContainer,
  Marker,
  TileLayer,
  Tooltip,
  useMap,
  useMapEvents,
} from 'react-leaflet';
import type { CouncilConfig } from '../../shared/council-config';
import type { LatLong } from '../../shared/geo';
import { pinIcon } from './pin-icon';
import './location.scss';

export interface LocationMapProps {
  council: CouncilConfig;
  pin: LatLong | null;
  onPin: (p: LatLong, how: 'tap' | 'drag' | 'keyboard') => void;
  /** Says something in the page's live region. */
  announce: (text: string) => void;
  /** Tiles failed to load (e.g. offline and never viewed). */
  onTilesFailed: () => void;
}

const STEP_PX = 20;
const BIG_STEP_PX = 80;
const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [0, -1],
  ArrowDown: [0, 1],
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
};

const round = (n: number) => Math.round(n * 1e6) / 1e6;
const fromLeaflet = (ll: { lat: number; lng: number }): LatLong => ({
  lat: round(ll.lat),
  long: round(ll.lng),
});

/** Keeps the view on the pin when it is set from outside (GPS, a photo, a street). */
function FollowPin({ pin }: { pin: LatLong | null }) {
  const map = useMap();
  const last = useRef<string | null>(null);
  useEffect(() => {
    if (!pin) return;
    const key = `${pin.lat},${pin.long}`;
    if (last.current === key) return;
    last.current = key;
    const at: LatLngExpression = [pin.lat, pin.long];
    if (!map.getBounds().pad(-0.1).contains(at)) map.setView(at, Math.max(map.getZoom(), 16));
  }, [map, pin]);
  return null;
}

function Interactions({
  props,
  selected,
  setSelected,
}: {
  props: LocationMapProps;
  selected: boolean;
  setSelected: (s: boolean) => void;
}) {
  const { t } = useTranslation();
  const map = useMapEvents({
    click: (e: LeafletMouseEvent) => props.onPin(fromLeaflet(e.latlng), 'tap'),
  });

  // While the pin is selected the arrows move it, not the map.
  useEffect(() => {
    if (selected) map.keyboard.disable();
    else {
      map.keyboard.enable();
      // Leaflet listens for the arrows only from the map's next focus event; the map already
      // has the focus when the pin is left, so tell it again or the arrows would do nothing.
      if (document.activeElement === map.getContainer()) map.fire('focus');
    }
    map.getContainer().classList.toggle('app-map--pin-selected', selected);
  }, [map, selected]);

  useEffect(() => {
    const el = map.getContainer();
    el.setAttribute('aria-label', t('location.mapLabel'));
    el.setAttribute('aria-describedby', 'map-instructions');
    el.setAttribute('role', 'application');
    const onFocus = () => props.announce(t('location.keys.focus'));
    const onKey = (e: KeyboardEvent) => {
      if (e.target !== el) return;
      if (e.key === ' ' || e.key === 'Spacebar') {
        e.preventDefault();
        if (selected) {
          setSelected(false);
          props.announce(t('location.keys.left'));
        } else {
          props.onPin(fromLeaflet(map.getCenter()), 'keyboard');
          setSelected(true);
          props.announce(t('location.keys.dropped'));
        }
        return;
      }
      if (selected && (e.key === 'Escape' || e.key === 'Enter')) {
        e.preventDefault();
        setSelected(false);
        props.announce(t('location.keys.left'));
        return;
      }
      const dir = ARROWS[e.key];
      if (selected && dir && props.pin) {
        e.preventDefault();
        e.stopImmediatePropagation();
        const step = e.shiftKey ? BIG_STEP_PX : STEP_PX;
        const point = map.latLngToContainerPoint([props.pin.lat, props.pin.long]);
        const moved = map.containerPointToLatLng([
          point.x + dir[0] * step,
          point.y + dir[1] * step,
        ]);
        map.panInside(moved, { padding: [40, 40] });
        props.onPin(fromLeaflet(moved), 'keyboard');
      }
    };
    el.addEventListener('focus', onFocus);
    // Capture: runs before Leaflet's own arrow-key panning on the same element.
    el.addEventListener('keydown', onKey, true);
    return () => {
      el.removeEventListener('focus', onFocus);
      el.removeEventListener('keydown', onKey, true);
    };
  }, [map, props, selected, setSelected, t]);
  return null;
}

export default function LocationMap(props: LocationMapProps) {
  const { t } = useTranslation();
  const { council, pin } = props;
  const [selected, setSelected] = useState(false);
  const markerRef = useRef<LMarker | null>(null);
  const start = pin ?? council.map.centre;
  return (
    <MapContainer
      className="app-map"
      center={[start.lat, start.long]}
      zoom={pin ? 16 : council.map.zoom}
      maxZoom={council.map.maxZoom}
      keyboard
      keyboardPanDelta={STEP_PX * 4}
      scrollWheelZoom={false}
    >
      <TileLayer
        url={council.map.tileUrl}
        attribution={council.map.attribution}
        maxZoom={council.map.maxZoom}
        crossOrigin=""
        eventHandlers={{ tileerror: () => props.onTilesFailed() }}
      />
      <GeoJSON
        data={council.boundary}
        style={{ color: '#0b0c0c', weight: 2, dashArray: '6 6', fill: false }}
        interactive={false}
      />
      {council.pspoZones.map((z) => (
        <GeoJSON
          key={z.id}
          data={z.area}
          style={{ color: '#912b88', weight: 2, fillColor: '#912b88', fillOpacity: 0.15 }}
          eventHandlers={{ click: (e) => props.onPin(fromLeaflet(e.latlng), 'tap') }}
        >
          <Tooltip sticky>
            <strong>{z.name}</strong>
            <br />
            {t('location.pspoProhibits', { list: z.prohibits.join('; ') })}
          </Tooltip>
        </GeoJSON>
      ))}
      {pin && (
        <Marker
          ref={markerRef}
          position={[pin.lat, pin.long]}
          icon={pinIcon}
          draggable
          keyboard={false}
          title={t('location.pinTitle')}
          alt={t('location.pinTitle')}
          eventHandlers={{
            dragend: () => {
              const m = markerRef.current;
              if (m) props.onPin(fromLeaflet(m.getLatLng()), 'drag');
            },
          }}
        />
      )}
      <FollowPin pin={pin} />
      <Interactions props={props} selected={selected} setSelected={setSelected} />
    </MapContainer>
  );
}
