import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const PRODUCT_NAME = '物资保障台账';

/**
 * The data folder Electron would use (app.getPath('userData') for our product name), computed the
 * same way without Electron, so that the desktop app and browser mode share one ledger.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.SUPPLY_LEDGER_DATA) return resolve(env.SUPPLY_LEDGER_DATA);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}

/** The built renderer, served by the HTTP transport and loaded by Electron. */
export const RENDERER_DIR = resolve(__dirname, '..', 'dist', 'renderer');

/** Parses `--name value` and `--name=value` flags. */
export function parseFlags(argv: string[]): Map<string, string> {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) continue;
    const eq = a.indexOf('=');
    if (eq > 0) flags.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1].startsWith('--')) flags.set(a.slice(2), argv[++i]);
    else flags.set(a.slice(2), 'true');
  }
  return flags;
}

/**
 * Whether a page's URL lies inside a folder given as a file URL: whole path segments, so that a
 * sibling folder (`dist/renderer-x/`) or a look-alike (`dist/renderer.evil`) does not pass.
 */
export function isInsideFolderUrl(url: string, folderHref: string): boolean {
  let page: URL;
  let folder: URL;
  try {
    page = new URL(url);
    folder = new URL(folderHref);
  } catch {
    return false;
  }
  if (page.protocol !== folder.protocol || page.host !== folder.host) return false;
  const root = folder.pathname.endsWith('/') ? folder.pathname : `${folder.pathname}/`;
  const path = decodeURIComponent(page.pathname);
  const rootPath = decodeURIComponent(root);
  return path.startsWith(rootPath) && !path.slice(rootPath.length).split('/').includes('..');
}
