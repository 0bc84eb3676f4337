// Runs Lighthouse several times on one Chrome: `node runner.mjs jobs.json`.
// jobs.json: {"chromePath": ..., "chromeFlags": [...], "jobs": [{"url", "preset", "categories", "out"}]}.
// Each job is a fresh Lighthouse navigation (Lighthouse empties the origin's cache and storage
// before each one), so reusing the browser changes no measurement; it saves launching Chrome and
// loading Lighthouse's configuration for every run. benchmarks/lighthouse.py writes the jobs,
// one file per page (its mobile and desktop runs), and reads each report from its "out" path.
import fs from 'node:fs';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import * as chromeLauncher from 'chrome-launcher';

const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const chrome = await chromeLauncher.launch({chromePath: spec.chromePath, chromeFlags: spec.chromeFlags});
try {
  for (const job of spec.jobs) {
    try {
      const result = await lighthouse(job.url, {
        port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: job.categories,
        maxWaitForLoad: 45000, disableFullPageScreenshot: true,
      }, job.preset === 'desktop' ? desktopConfig : undefined);
      fs.writeFileSync(job.out, JSON.stringify(result.lhr));
    } catch (err) {
      fs.writeFileSync(job.out, JSON.stringify({runtimeError: {message: String(err && err.stack || err)}}));
    }
  }
} finally {
  await chrome.kill();
}
