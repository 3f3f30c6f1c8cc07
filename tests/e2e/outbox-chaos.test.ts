/**
 * The chaos run at a small size: `npm run chaos` (tests/bench/chaos.ts) with 8 reports
 * filed offline through the UI, then network drops and server kills while they are sent. Every
 * report must end stored once, shown as sent, with the server's reference.
 */
import { describe, expect, it } from 'vitest';
import { chaosPassed, formatChaos, runChaos } from '../bench/chaos';

describe('outbox: chaos', () => {
  it('8 reports through 3 server kills and 4 network drops: 8 / 8 / 8 / 0 / 0', async () => {
    const figures = await runChaos({ reports: 8, kills: 3, flaps: 4 });
    expect(chaosPassed(figures, 8), formatChaos(figures)).toBe(true);
    expect(figures).toMatchObject({ kills: 3, flaps: 4 });
  }, 300_000);
});
