/**
 * What the chaos run sends reports to: one server on SQLite (the default), or `--instances N`
 * compiled servers on one PostgreSQL and one S3 server behind a round-robin balancer. Either way
 * the run kills and restarts one server, and counts what was stored.
 */
import { startServer, type RunningServer } from '../e2e/harness';
import { storedReports, type StoredReport } from '../e2e/outbox-helpers';
import { startRoundRobin } from '../e2e/round-robin';
import { startCluster } from '../server/cluster';

export interface ChaosBackend {
  /** Where the phone's proxy sends requests. */
  port: number;
  /** The server the run kills (SIGKILL) and starts again. */
  victim: RunningServer;
  /** What it is, and how the requests were spread. */
  describe(): string;
  stored(): Promise<StoredReport[]>;
  close(): Promise<void>;
}

export async function startBackend(instances: number): Promise<ChaosBackend> {
  if (instances <= 1) {
    const server = await startServer();
    return {
      port: server.port,
      victim: server,
      describe: () => 'one server on SQLite',
      stored: async () => storedReports(server.dataDir),
      close: () => server.stop(),
    };
  }
  const cluster = await startCluster(instances);
  const balancer = await startRoundRobin(cluster.instances.map((s) => s.port));
  return {
    port: balancer.port,
    victim: cluster.instances[0]!,
    describe: () =>
      `${instances} compiled servers on PostgreSQL and S3 behind a round-robin balancer, answering ${balancer.answered.join(' / ')} requests`,
    stored: async () =>
      (await cluster.db.query(
        'SELECT id, service_code, description, secret_hash FROM reports ORDER BY id',
      )) as StoredReport[],
    async close() {
      await balancer.close();
      await cluster.close();
    },
  };
}
