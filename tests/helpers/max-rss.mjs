// Preloaded with `node --import` by memory tests: writes the process's peak RSS (KB, workers included) to the
// file named by XBORDER_TEST_RSS_FILE when it exits.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const file = process.env.XBORDER_TEST_RSS_FILE;
  if (file) writeFileSync(file, String(process.resourceUsage().maxRSS));
});
