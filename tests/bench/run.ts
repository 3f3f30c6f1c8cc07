/**
 * `npm run bench`: prints the project's performance figures. Benchmarks never fail on a time or
 * size; targets are printed beside the measurements for a person to judge.
 */
import { measureFirstPage, printBundle } from './bundle-bench';

const only = process.argv.slice(2);
const want = (name: string) => only.length === 0 || only.includes(name);

if (want('bundle')) printBundle(await measureFirstPage());

if (want('server')) {
  const { runServerBench } = await import('./server-bench');
  await runServerBench();
}

if (want('media')) {
  const { runMediaBench } = await import('./media-bench');
  await runMediaBench();
}

if (want('outbox')) {
  const { runOutboxBench } = await import('./outbox-bench');
  await runOutboxBench();
}

if (want('seed')) {
  const { runSeedBench } = await import('./seed-bench');
  await runSeedBench();
}

if (want('centre')) {
  const { runCentreBench } = await import('./centre-bench');
  await runCentreBench();
}

if (want('push')) {
  const { runPushBench } = await import('./push-bench');
  await runPushBench();
}

if (want('attack')) {
  const { runAttackBench, printAttack } = await import('./attack-bench');
  printAttack(await runAttackBench());
}

if (want('scale')) {
  const { runScaleBench } = await import('./scale-bench');
  await runScaleBench();
}

if (want('lighthouse')) {
  const { runLighthouseBench } = await import('./lighthouse-bench');
  await runLighthouseBench();
}
