// Bundles plotly-course.js into dist/plotly-course.min.js: `node scripts/node/build-plotly.js`
// (scripts/_env.sh runs it after `npm ci`). The settings are plotly.js's own
// (node_modules/plotly.js/esbuild-config.js: an IIFE, `global` as `window`, no AMD, ES2016),
// minified; plotly-course.js itself sets window.Plotly, or leaves its start in steps.
// Stylesheets imported by trace types the course does not register (maplibre's, for map
// traces) are left out. The output depends only on the pinned files: two runs write the
// same bytes.
'use strict';

const path = require('path');
const esbuild = require('esbuild');

const here = __dirname;
const version = require('plotly.js/package.json').version;

esbuild.buildSync({
    entryPoints: [path.join(here, 'plotly-course.js')],
    outfile: path.join(here, 'dist', 'plotly-course.min.js'),
    absWorkingDir: here,
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2016',
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    loader: { '.css': 'empty' },
    legalComments: 'eof',
    banner: { js: `/* plotly.js ${version} (MIT licence, https://github.com/plotly/plotly.js): core, bar and heatmap, bundled for the course by scripts/node/build-plotly.js */` },
    logLevel: 'warning',
});
console.log(`scripts/node/dist/plotly-course.min.js: plotly.js ${version}`);
