/**
 * After `npm install` / `npm ci`. `electron` is an optional dependency: where its binary cannot be
 * downloaded (an office intranet PC, the build machine) its own install script fails and npm drops
 * the package but carries on. This puts the package back without running that script, so that
 * `npm test` still type-checks the desktop shell against Electron's own types, and says that
 * `npm start` will use browser mode. Where the binary was downloaded it does nothing.
 * Plain CommonJS: it runs before anything is built, with only Node and npm.
 */
'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { join } = require('node:path');
const { spawnSync } = require('node:child_process');

const root = join(__dirname, '..');
const electronDir = join(root, 'node_modules', 'electron');

function binaryInstalled() {
  try {
    const relative = readFileSync(join(electronDir, 'path.txt'), 'utf8');
    return existsSync(join(electronDir, 'dist', relative));
  } catch {
    return false;
  }
}

function omitted() {
  const omit = String(process.env.npm_config_omit || '');
  return omit.split(/[\s,]+/).includes('optional') || process.env.npm_config_optional === 'false';
}

function restorePackage() {
  const npm = process.env.npm_execpath;
  if (!npm) return false;
  const r = spawnSync(process.execPath, [npm, 'install', '--ignore-scripts', '--no-save', '--no-audit', '--no-fund'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return r.status === 0 && existsSync(join(electronDir, 'electron.d.ts'));
}

function main() {
  if (binaryInstalled() || omitted()) return;
  const say = (zh, en) => console.log(`[物资保障台账] ${zh}\n[Supply Ledger] ${en}`);
  if (!existsSync(join(electronDir, 'package.json'))) {
    say(
      '未能下载 Electron 程序文件(这台电脑可能无法访问其下载地址),正在安装不含程序文件的 electron 包,以便检查桌面外壳的类型……',
      'The Electron binary could not be downloaded; installing the electron package without it, for its types…',
    );
    if (!restorePackage()) {
      say(
        'electron 包未能安装:npm start 仍可用(浏览器模式),npm test 的桌面外壳类型检查将失败。',
        'The electron package could not be installed: npm start still works (browser mode); npm test cannot type-check the shell.',
      );
      return;
    }
  }
  say(
    '没有 Electron 程序文件:npm start 将改用浏览器模式(http://127.0.0.1:5180/)。能联网时运行 npm rebuild electron 即可下载它并使用桌面窗口。',
    'No Electron binary: npm start uses browser mode. Where it can be downloaded, run npm rebuild electron to fetch it for the desktop window.',
  );
}

main();
