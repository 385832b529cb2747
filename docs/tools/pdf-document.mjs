// Turns the PDF manifest (docs/pdf/manifest.json) and the Markdown it names into one HTML
// document: a title page, the table of contents, then one numbered chapter per manifest entry,
// each made of whole files or chosen sections of them. Mermaid blocks stay as <pre class="mermaid">
// for the browser to draw; links into the repository become links to it on the code host.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Marked } from 'marked';

/**
 * @typedef {{ file: string, intro?: boolean, only?: string[], omit?: string[] }} Part
 * @typedef {{ title: string, parts?: Part[], repository?: boolean }} Chapter
 * @typedef {{ title: string, subtitle: string, chapters: Chapter[] }} Manifest
 * @typedef {{ name: string, version: string, repositoryUrl: string, commit: string, commitDate: string }} Edition
 * @typedef {{ id: string, number: string, text: string, depth: number }} TocEntry
 * @typedef {import('marked').Token} Token
 * @typedef {import('marked').Tokens.Heading} Heading
 */

/** The characters of the entities marked writes in inline HTML (&amp; &lt; &gt; &quot; &#39; and numeric ones). */
function decodeEntities(/** @type {string} */ html) {
  const named = /** @type {Record<string, string>} */ ({ amp: '&', lt: '<', gt: '>', quot: '"' });
  return html.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot);/gi, (_, name) =>
    name[0] === '#' ? String.fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1))) : named[name.toLowerCase()] ?? _,
  );
}

export const escapeHtml = (/** @type {string} */ text) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');

/** The repository's web address from package.json's `repository` (a string or `{ url }`). */
export function repositoryUrl(/** @type {{ repository?: string | { url?: string } }} */ pkg) {
  const raw = typeof pkg.repository === 'string' ? pkg.repository : pkg.repository?.url;
  if (!raw) throw new Error('package.json has no repository: the PDF must link to the code');
  return raw.replace(/^git\+/, '').replace(/\.git$/, '').replace(/^github:/, 'https://github.com/');
}

const isHeading = (/** @type {Token} */ token) => token.type === 'heading';
const headingText = (/** @type {Token} */ token) => (isHeading(token) ? /** @type {Heading} */ (token).text.trim() : undefined);

/** The tokens of the section a heading opens: the heading and everything up to the next heading of its level or above. */
function section(/** @type {Token[]} */ tokens, /** @type {string} */ title, /** @type {string} */ file) {
  const start = tokens.findIndex((token) => headingText(token) === title);
  if (start < 0) throw new Error(`${file} has no heading "${title}" (named in docs/pdf/manifest.json)`);
  const depth = /** @type {Heading} */ (tokens[start]).depth;
  const end = tokens.findIndex((token, i) => i > start && isHeading(token) && /** @type {Heading} */ (token).depth <= depth);
  return tokens.slice(start, end < 0 ? undefined : end);
}

/** Moves headings so the shallowest is a chapter's section (h2). */
function shift(/** @type {Token[]} */ tokens) {
  const depths = tokens.filter(isHeading).map((token) => /** @type {Heading} */ (token).depth);
  const by = depths.length > 0 ? 2 - Math.min(...depths) : 0;
  return tokens.map((token) => (isHeading(token) ? { ...token, depth: Math.min(6, /** @type {Heading} */ (token).depth + by) } : token));
}

/**
 * The tokens a part names: whole file (less its title), its intro, or chosen sections, less `omit`.
 * A chosen section titled like its chapter loses its heading, which would only repeat the chapter's.
 * @param {Token[]} all @param {Part} part @param {string} chapterTitle
 */
export function selectTokens(all, part, chapterTitle) {
  const titled = all.findIndex((token) => isHeading(token) && /** @type {Heading} */ (token).depth === 1);
  const body = titled >= 0 ? [...all.slice(0, titled), ...all.slice(titled + 1)] : all;
  const omitted = new Set((part.omit ?? []).flatMap((title) => section(body, title, part.file)));
  const kept = body.filter((token) => !omitted.has(token));
  const firstHeading = kept.findIndex(isHeading);
  const intro = firstHeading < 0 ? kept : kept.slice(0, firstHeading);
  const chosen = (/** @type {string} */ title) => {
    const tokens = section(kept, title, part.file);
    return title === chapterTitle ? shift(tokens.slice(1)) : shift(tokens);
  };
  if (part.only) return [...(part.intro ? intro : []), ...part.only.flatMap(chosen)];
  return part.intro ? intro : shift(kept);
}

/**
 * The whole document as HTML, with its table of contents.
 * @param {Manifest} manifest
 * @param {Edition} edition
 * @param {string} workspace
 * @param {string} styles the style sheet
 * @param {Map<string, number>} [pages] heading id => page, from a first rendering; absent, the TOC shows placeholders of the same width
 */
export function renderDocument(manifest, edition, workspace, styles, pages) {
  /** @type {TocEntry[]} */
  const toc = [];
  const chapters = manifest.chapters.map((chapter, index) => {
    const number = String(index + 1);
    const id = `chapter-${number}`;
    toc.push({ id, number, text: chapter.title, depth: 1 });
    const body = chapter.repository
      ? repositoryChapter(edition)
      : (chapter.parts ?? []).map((part) => renderPart(part, chapter.title, number, toc, edition, workspace)).join('\n');
    return `<section class="chapter"><h1 id="${id}"><span class="number">${number}</span> ${escapeHtml(chapter.title)}</h1>\n${body}</section>`;
  });
  return { html: page(manifest, edition, toc, chapters, styles, pages), toc };
}

/** @param {Part} part @param {string} chapterTitle @param {string} chapter its number @param {TocEntry[]} toc @param {Edition} edition @param {string} workspace */
function renderPart(part, chapterTitle, chapter, toc, edition, workspace) {
  const dir = path.posix.dirname(part.file);
  const marked = new Marked({
    gfm: true,
    walkTokens(token) {
      if ((token.type === 'link' || token.type === 'image') && !/^(https?:|mailto:|#)/.test(token.href)) {
        token.href = `${edition.repositoryUrl}/blob/main/${path.posix.normalize(path.posix.join(dir, token.href))}`;
      }
    },
    renderer: {
      heading({ tokens, depth }) {
        const inner = this.parser.parseInline(tokens);
        if (depth !== 2) return `<h${depth}>${inner}</h${depth}>\n`;
        const number = `${chapter}.${toc.filter((entry) => entry.depth === 2 && entry.number.startsWith(`${chapter}.`)).length + 1}`;
        const id = `section-${number.replace('.', '-')}`;
        // the contents show the heading's text: its characters, not the entities of its HTML (Terraform's)
        toc.push({ id, number, text: decodeEntities(inner.replace(/<[^>]+>/g, '')), depth: 2 });
        return `<h2 id="${id}"><span class="number">${number}</span> ${inner}</h2>\n`;
      },
      // The PDF is vector only (its test proves the diagrams are): a screenshot becomes a link to
      // the picture in the repository, where GitHub shows it.
      image({ href, text }) {
        return `<a class="screenshot" href="${escapeHtml(href)}">[screenshot: ${escapeHtml(text)}]</a>`;
      },
      code({ text, lang }) {
        if (lang === 'mermaid') return `<figure class="diagram"><pre class="mermaid">${escapeHtml(text)}</pre></figure>\n`;
        return false;
      },
    },
  });
  const tokens = selectTokens(marked.lexer(readFileSync(path.join(workspace, part.file), 'utf8')), part, chapterTitle);
  return `<div class="part" data-source="${escapeHtml(part.file)}">${marked.parser(tokens)}</div>`;
}

function repositoryChapter(/** @type {Edition} */ edition) {
  const url = escapeHtml(edition.repositoryUrl);
  return `<p>The code, the contracts, the Terraform and the sources of this document are in the repository:</p>
<p class="repository-link"><a href="${url}">${url}</a></p>
<p>This edition was built from version ${escapeHtml(edition.version)}, commit <code>${escapeHtml(edition.commit)}</code>
(${escapeHtml(edition.commitDate)}), by <code>npm run docs:pdf</code>, which reads <code>docs/pdf/manifest.json</code> and the
Markdown files it lists and draws every diagram from <code>docs/diagrams/</code>; nothing in it is edited by hand.</p>`;
}

/**
 * @param {Manifest} manifest @param {Edition} edition @param {TocEntry[]} toc @param {string[]} chapters
 * @param {string} styles @param {Map<string, number> | undefined} pages
 */
function page(manifest, edition, toc, chapters, styles, pages) {
  const tocRows = toc
    .map((entry) => {
      const pageNumber = pages ? String(pages.get(entry.id) ?? '') : '000';
      return `<li class="toc-${entry.depth}"><a href="#${entry.id}"><span class="toc-number">${entry.number}</span><span class="toc-text">${escapeHtml(entry.text)}</span><span class="toc-page">${pageNumber}</span></a></li>`;
    })
    .join('\n');
  const url = escapeHtml(edition.repositoryUrl);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(manifest.title)}</title>
<style>${styles}</style></head>
<body>
<section class="title-page">
  <h1 class="title">${escapeHtml(manifest.title)}</h1>
  <p class="subtitle">${escapeHtml(manifest.subtitle)}</p>
  <table class="edition">
    <tr><th>version</th><td>${escapeHtml(edition.version)}</td></tr>
    <tr><th>commit</th><td><code>${escapeHtml(edition.commit)}</code></td></tr>
    <tr><th>commit date</th><td>${escapeHtml(edition.commitDate)}</td></tr>
    <tr><th>code repository</th><td><a href="${url}">${url}</a></td></tr>
  </table>
</section>
<nav class="toc"><h1 class="toc-title">Contents</h1><ol>${tocRows}</ol></nav>
${chapters.join('\n')}
</body></html>`;
}
