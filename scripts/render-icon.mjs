#!/usr/bin/env node
// Renders client/media-src/icon.svg to client/media/icon.png (256×256), the
// extension's icon (the Marketplace and VS Code require a PNG), with the
// Chromium the end-to-end tests use. Run after editing the SVG; the PNG is
// committed so that packaging needs no browser.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const svg = readFileSync(join(root, 'client/media-src/icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
try {
  const page = await browser.newPage({ viewport: { width: 256, height: 256 } });
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await page.screenshot({ path: join(root, 'client/media/icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: 256, height: 256 } });
  console.log('client/media/icon.png written');
} finally {
  await browser.close();
}
