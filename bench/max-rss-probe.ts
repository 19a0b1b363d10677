/**
 * Preloaded into every benchmarked child (`node -r dist/bench/max-rss-probe.js ...`): when the
 * process exits, it writes its peak resident set size to the file named by
 * PLANWARDEN_BENCH_RSS_FILE.
 *
 * Why this way: Node's child_process API does not expose the child's rusage, and /usr/bin/time
 * differs between Linux and macOS. `process.resourceUsage().maxRSS` is getrusage(RUSAGE_SELF)
 * ru_maxrss in kilobytes: the high-water mark of the whole process (V8 heap, buffers, native
 * memory, every thread), taken by the kernel, not sampled. The 'exit' event still fires when the
 * program calls process.exit(); it does not fire when the process is killed by a signal (OOM
 * kill, timeout), and then the benchmark reports the measurement as missing.
 */
import { writeFileSync } from 'node:fs';

const target = process.env.PLANWARDEN_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS }));
  });
}
