#!/usr/bin/env node
// `npm start` runs this first: video notes need ffmpeg and ffprobe. When neither FFMPEG_PATH /
// FFPROBE_PATH nor PATH has them and the machine uses apt (Debian, Ubuntu), it installs Debian's
// `ffmpeg` (as root, or through passwordless sudo). It never stops the start: without ffmpeg the
// server runs and refuses video uploads with 503 VIDEO_UNAVAILABLE. ATRIUM_INSTALL_FFMPEG=0 skips
// the installation (install it yourself, or set FFMPEG_PATH and FFPROBE_PATH).
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function find(name, configured) {
  if (configured) return executable(configured) ? configured : null;
  for (const directory of (process.env.PATH ?? '').split(path.delimiter)) {
    if (directory && executable(path.join(directory, name))) return path.join(directory, name);
  }
  return null;
}

const missing = () =>
  !find('ffmpeg', process.env.FFMPEG_PATH?.trim()) ||
  !find('ffprobe', process.env.FFPROBE_PATH?.trim());
const warn = (why) =>
  process.stderr.write(
    `warning: ffmpeg/ffprobe not found (${why}); video uploads will be refused with 503 VIDEO_UNAVAILABLE until it is installed (apt install ffmpeg) or FFMPEG_PATH and FFPROBE_PATH are set\n`,
  );

if (missing()) {
  if (process.env.FFMPEG_PATH?.trim() || process.env.FFPROBE_PATH?.trim()) {
    warn('FFMPEG_PATH or FFPROBE_PATH does not name an executable');
  } else if (process.env.ATRIUM_INSTALL_FFMPEG === '0') {
    warn('ATRIUM_INSTALL_FFMPEG=0');
  } else if (process.platform !== 'linux' || !find('apt-get')) {
    warn('no apt-get on this machine to install it with');
  } else {
    process.stdout.write('Installing ffmpeg (video notes) with apt-get…\n');
    const root = process.getuid?.() === 0;
    const run = (args) =>
      spawnSync(root ? args[0] : 'sudo', root ? args.slice(1) : ['-n', ...args], {
        stdio: ['ignore', 'ignore', 'inherit'],
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      }).status === 0;
    const installed =
      (root || find('sudo')) &&
      run(['apt-get', 'update', '-qq']) &&
      run(['apt-get', 'install', '-y', '-qq', 'ffmpeg']);
    if (!installed || missing()) warn('apt-get could not install it');
  }
}
