/**
 * Preloaded with `--require` (NODE_OPTIONS refuses `--cpu-prof`): profiles the whole process and
 * writes `<BENCH_CPU_PROF_DIR>/<role>-<pid>.cpuprofile` when it exits (open in Chrome DevTools).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.BENCH_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // The in-thread inspector answers synchronously, so the profile is written before the process ends.
  process.once('exit', () => {
    session.post('Profiler.stop', (err, result) => {
      if (!err) writeFileSync(join(dir, `${process.title.replace(/\W/g, '_')}-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
