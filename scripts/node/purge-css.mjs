// Trims a built site's stylesheet bundles to the rules its pages can use:
//   node scripts/node/purge-css.mjs SITE_DIR
// The course's Sphinx extension (proliferation_course/sphinxext/stylesheets.py) runs it when
// the build has finished. Every `_static/styles/course-*.css` bundle loses the rules none of
// whose selectors names a class, id, tag or attribute found in the site: in a page
// (`**/*.html`) or in a script the pages load (`_static/**/*.js`, which is how classes that
// scripts add later are kept: bootstrap's `show`, the quiz's `is-correct`). purgecss
// (pinned in package.json) does the matching on the words of those files, so it keeps a rule
// whenever in doubt. Custom properties, @font-face and @keyframes are all kept. Class names
// that scripts build from pieces are kept by pattern (SAFELIST). The order of the rules is
// unchanged, so the cascade is too. The same files give the same bytes.
import fs from 'node:fs';
import path from 'node:path';
import { PurgeCSS } from 'purgecss';

// Classes made by joining strings, so never written whole in any file:
// bootstrap's `bs-tooltip-auto` / `bs-popover-<placement>` and Sphinx search's `kind-<kind>`.
const SAFELIST = { standard: [/^bs-(tooltip|popover)-/, /^kind-/], greedy: [], deep: [], keyframes: [], variables: [] };

// The files under `dir` whose name `keep` accepts, sorted; folders named in `skip` are left out,
// and so is a folder that is a site of its own (the Japanese site in `ja/` has its own `_static/`
// and its own bundles: its words must not keep the English site's rules, or the reverse).
function files(dir, keep, skip = new Set()) {
    const out = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (!skip.has(entry.name) && !fs.existsSync(path.join(full, '_static'))) out.push(...files(full, keep, skip));
        } else if (keep(entry.name)) out.push(full);
    }
    return out.sort();
}

async function purgeSite(site) {
    const stylesDir = path.join(site, '_static', 'styles');
    const bundles = fs.existsSync(stylesDir)
        ? files(stylesDir, (n) => /^course-.*\.css$/.test(n)) : [];
    if (bundles.length === 0) throw new Error(`${site}: no stylesheet bundle (_static/styles/course-*.css) to trim`);
    // plotly.js (_vendor) styles its figures itself; its words would only keep unused rules.
    const pages = files(site, (n) => n.endsWith('.html'), new Set(['_static', '_sources', '_vendor']));
    const scripts = files(path.join(site, '_static'), (n) => n.endsWith('.js'), new Set(['_vendor']));
    if (pages.length === 0) throw new Error(`${site}: no page (*.html) to read the used classes from`);
    const report = [];
    for (const bundle of bundles) {
        const css = fs.readFileSync(bundle, 'utf8');
        const [result] = await new PurgeCSS().purge({
            content: [...pages, ...scripts], css: [{ raw: css }],
            variables: false, keyframes: false, fontFace: false, safelist: SAFELIST,
        });
        fs.writeFileSync(bundle, result.css);
        report.push(`${path.relative(site, bundle)}: ${css.length} -> ${result.css.length} characters`);
    }
    return report;
}

const site = process.argv[2];
if (!site || !fs.statSync(site, { throwIfNoEntry: false })?.isDirectory()) {
    console.error('usage: node scripts/node/purge-css.mjs SITE_DIR (a built site)');
    process.exit(2);
}
try {
    for (const line of await purgeSite(site)) console.log(line);
} catch (err) {
    console.error(String(err.message || err));
    process.exit(1);
}
