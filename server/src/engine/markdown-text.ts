/** Text made safe for the Markdown the tool writes (PR reports, checklists, rule docs). */

/** One line; `<` outside code spans escaped so it is not taken for HTML (inside them it shows as written). */
export function inlineMarkdown(text: string): string {
  return text
    .replace(/\r?\n/g, ' ')
    .split('`')
    .map((part, i) => (i % 2 === 0 ? part.replace(/</g, '&lt;') : part))
    .join('`');
}

/** A relative `/`-separated path as a link target. */
export function markdownLinkTarget(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
