// The course's own plotly.js bundle: plotly.js's core (which holds the scatter trace, the
// axes, shapes, annotations, legends and frames) and the two other trace types the course
// draws, bar and heatmap. scripts/node/build-plotly.js bundles it with esbuild, from the
// plotly.js source pinned in package-lock.json, into dist/plotly-course.min.js.
// A figure that needs another trace type fails the browser test that checks every trace
// type drawn is in the bundle (tests/test_browser.py): register the type here.
//
// Starting plotly.js (running its modules) takes about 200 ms of a desktop's main thread, in
// one piece: a page whose first screen holds a figure cannot answer a click meanwhile. So the
// start is cut into STEPS, each under about 50 ms. A script element with a `data-steps`
// attribute (the one course.js inserts) only leaves the steps in `window.CoursePlotlySteps`,
// and course.js runs them one task at a time. Any other script element (a handout, printing)
// runs them all at once and sets `window.Plotly`, as plotly.js's own bundles do.
//
// The steps require modules in the order plotly.js's core itself first requires them (its
// src/core.js, and src/plot_api/plot_api.js within it): a prefix of that order, run early,
// starts the same modules in the same sequence, so no import cycle sees another module
// half-built. (Nothing outside src/plot_api requires src/plot_api; checked for 4.1.1.)
'use strict';

var STEPS = [
    function () { require('plotly.js/src/version'); require('native-promise-only'); },
    function () { require('@plotly/d3'); },
    function () { require('d3-time-format'); require('d3-format'); require('fast-isnumeric'); },
    function () { require('plotly.js/src/lib'); },
    function () { require('plotly.js/build/plotcss'); require('plotly.js/src/registry'); },
    function () {
        require('has-hover');
        require('plotly.js/src/lib/events');
        require('plotly.js/src/lib/queue');
        require('plotly.js/src/plot_api/plot_schema');
    },
    function () { require('plotly.js/src/plots/plots'); },
    function () {
        require('plotly.js/src/plots/cartesian/axes');
        require('plotly.js/src/plots/cartesian/range_defaults');
        require('plotly.js/src/plots/cartesian/layout_attributes');
    },
    function () {
        require('plotly.js/src/components/drawing');
        require('plotly.js/src/components/color');
        require('plotly.js/src/plots/cartesian/graph_interact');
        require('plotly.js/src/components/selections');
    },
    function () { require('plotly.js/src/plot_api'); },
    function () { require('plotly.js/src/traces/scatter'); },
    function () {
        require('plotly.js/src/components/annotations');
        require('plotly.js/src/components/annotations3d');
        require('plotly.js/src/components/shapes');
        require('plotly.js/src/components/images');
    },
    function () {
        require('plotly.js/src/components/updatemenus');
        require('plotly.js/src/components/sliders');
        require('plotly.js/src/components/rangeslider');
        require('plotly.js/src/components/rangeselector');
    },
    function () {
        require('plotly.js/src/components/grid');
        require('plotly.js/src/components/errorbars');
        require('plotly.js/src/components/colorscale');
        require('plotly.js/src/components/colorbar');
        require('plotly.js/src/components/legend');
        require('plotly.js/src/components/fx');
        require('plotly.js/src/components/modebar');
    },
    function () { return require('plotly.js/lib/core'); },
    function (Plotly) {
        Plotly.register([require('plotly.js/lib/bar'), require('plotly.js/lib/heatmap')]);
        return Plotly;
    },
];

// Each step gets what the step before it returned; the last returns Plotly.
function runAll() {
    var value;
    STEPS.forEach(function (step) { value = step(value) || value; });
    return value;
}

var me = document.currentScript;
if (me && me.hasAttribute('data-steps')) {
    window.CoursePlotlySteps = STEPS;
} else {
    window.Plotly = runAll();
}
