import MarkdownIt from 'markdown-it';
import { HCL_FENCE_LANGUAGES, highlightHcl } from './hcl-highlight.js';

/**
 * A rule's documentation as the HTML of a webview page. Rendered here, in
 * the extension, instead of in the built-in Markdown preview: the preview's
 * first page of a session waits for the Markdown extension to start and its
 * scripts to load (about 2 s in code-server), this page is static HTML, shown
 * as soon as the server has answered. No vscode import: unit-tested as is.
 *
 * The Markdown is the server's rule documentation (metadata the tool ships,
 * not the reviewed code); it is still rendered without raw HTML, and the page
 * runs no script but the one line, with its nonce, that says it is drawn.
 */

const markdown = new MarkdownIt({
  html: false,
  linkify: false,
  typographer: false,
  highlight: (code, lang) => (HCL_FENCE_LANGUAGES.has(lang.trim().toLowerCase()) ? highlightHcl(code) : ''),
});

/** Theme colours for the highlighted code: the workbench's own variables, so light, dark and high-contrast themes all read. */
const STYLE = `
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); line-height: 1.5; max-width: 60rem; padding: 0 1.5rem 2rem; }
h1 { font-size: 1.8em; border-bottom: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); padding-bottom: .3em; }
h2 { font-size: 1.3em; margin-top: 1.6em; }
a { color: var(--vscode-textLink-foreground); }
code { font-family: var(--vscode-editor-font-family); font-size: .95em; }
:not(pre) > code { background: var(--vscode-textCodeBlock-background); padding: .1em .3em; border-radius: 3px; }
pre { background: var(--vscode-textCodeBlock-background); padding: .8em 1em; border-radius: 4px; overflow-x: auto; }
table { border-collapse: collapse; } th, td { border: 1px solid var(--vscode-panel-border, rgba(128,128,128,.35)); padding: .25em .6em; text-align: left; }
.hljs-comment { color: var(--vscode-editorLineNumber-foreground); font-style: italic; }
.hljs-keyword { color: var(--vscode-symbolIcon-keywordForeground, var(--vscode-textLink-foreground)); }
.hljs-title { color: var(--vscode-symbolIcon-classForeground, var(--vscode-foreground)); }
.hljs-attr { color: var(--vscode-symbolIcon-propertyForeground, var(--vscode-foreground)); }
.hljs-string { color: var(--vscode-debugTokenExpression-string); }
.hljs-subst { color: var(--vscode-debugTokenExpression-name); }
.hljs-number { color: var(--vscode-debugTokenExpression-number); }
.hljs-literal { color: var(--vscode-debugTokenExpression-boolean); }
.hljs-built_in { color: var(--vscode-symbolIcon-functionForeground, var(--vscode-foreground)); }
.hljs-variable { color: var(--vscode-symbolIcon-variableForeground, var(--vscode-foreground)); }
.hljs-operator { color: var(--vscode-foreground); }
`;

/** The page for one rule: its documentation, styled by the workbench's theme. */
export function ruleDocsHtml(ruleId: string, documentation: string, nonce?: string): string {
  const title = escapeHtml(ruleId);
  // One script, ours (by its nonce): it tells the extension the page is drawn, so the time a reader waits is measured.
  const scriptSrc = nonce ? ` script-src 'nonce-${nonce}';` : '';
  const rendered = nonce
    ? `<script nonce="${nonce}">requestAnimationFrame(() => acquireVsCodeApi().postMessage({ rendered: ${JSON.stringify(ruleId)} }));</script>`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline';${scriptSrc}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<style>${STYLE}</style>
</head>
<body>
${markdown.render(documentation)}
${rendered}
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
