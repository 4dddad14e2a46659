import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

// Which Chromium the browser journeys drive. Browsers cannot be downloaded here, so it is either
// one the machine has (CHROMIUM_PATH, or Debian's /usr/bin/chromium) or the one shipped inside the
// @sparticuz/chromium npm package (a dev dependency), unpacked to the temp folder on first use. That
// build brings no CJK fonts: the Noto Sans SC face the product already ships for PDFs is added to
// its font folder, so Chinese pages render as Chinese in screenshots.

export type ChromiumChoice = { executablePath: string; args: string[]; env: Record<string, string>; source: 'env' | 'debian' | 'npm' };

const DEBIAN = '/usr/bin/chromium';
const require = createRequire(import.meta.url);

export async function resolveChromium(): Promise<ChromiumChoice> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!fs.existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return { executablePath: fromEnv, args: [], env: {}, source: 'env' };
  }
  if (fs.existsSync(DEBIAN)) return { executablePath: DEBIAN, args: [], env: {}, source: 'debian' };
  const { default: packaged } = await import('@sparticuz/chromium');
  const executablePath = await packaged.executablePath();
  // The package unpacks its fonts and a fonts.conf naming <tmp>/fonts; Chromium reads it only when
  // told to (the package sets this itself only on Amazon Linux).
  const fontconfig = path.join(os.tmpdir(), 'fonts');
  addChineseFont(fontconfig);
  // Its args are made for one-shot serverless runs; one process per browser (no --single-process)
  // keeps several contexts and pages per test file stable.
  const args = packaged.args.filter((a) => a !== '--single-process' && !a.startsWith('--headless'));
  return { executablePath, args, env: { FONTCONFIG_PATH: fontconfig }, source: 'npm' };
}

function addChineseFont(fontconfig: string): void {
  const fontDir = path.join(fontconfig, 'fonts');
  const target = path.join(fontDir, 'NotoSansSC-Regular.ttf');
  if (fs.existsSync(target)) return;
  const source = require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf');
  fs.mkdirSync(fontDir, { recursive: true });
  // Copied under a temporary name and renamed, so a parallel test worker never sees half a file.
  const partial = `${target}.${process.pid}.partial`;
  fs.copyFileSync(source, partial);
  fs.renameSync(partial, target);
}
