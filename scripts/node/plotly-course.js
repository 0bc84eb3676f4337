// The course's own plotly.js bundle: plotly.js's core (which holds the scatter trace, the
// axes, shapes, annotations, legends and frames) and the two other trace types the course
// draws, bar and heatmap. scripts/node/build-plotly.js bundles it with esbuild, from the
// plotly.js source pinned in package-lock.json, into dist/plotly-course.min.js.
// A figure that needs another trace type fails the browser test that checks every trace
// type drawn is in the bundle (tests/test_browser.py): register the type here.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
]);

module.exports = Plotly;
