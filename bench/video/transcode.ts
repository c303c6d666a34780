/**
 * Video notes end to end (docs/media.md, "Video notes"): a 60-second 1080p30 clip with audio
 * through probeVideo and processVideo (transcode to 720p H.264/AAC, poster, thumbhash, sampled
 * frames). Target on the 2-core machine: under 60 s wall time.
 *
 * The clip is synthetic (lavfi testsrc2 + a sine tone, encoded at high quality like a phone's
 * bitrate); pass --input to measure a real recording instead.
 *
 *   npx tsx bench/video/transcode.ts [--runs 3] [--input clip.mp4]
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { probeVideo, processVideo } from '../../apps/server/src/modules/media/video-pipeline.js';
import { resolveVideoTools } from '../../apps/server/src/modules/media/video-tools.js';

const { values } = parseArgs({
  options: { runs: { type: 'string', default: '3' }, input: { type: 'string' } },
});
const runs = Number(values.runs);
const tools = resolveVideoTools();
if (!tools) throw new Error('ffmpeg and ffprobe are needed (apt install ffmpeg)');
const limits = {
  maxBytes: 1024 * 1024 * 1024,
  maxDurationSeconds: 300,
  maxPixels: 4096 * 2160,
  maxFrames: 18_000,
};
const ticks = 100; // USER_HZ: /proc times are in 1/100 s on Linux

/** CPU seconds of this process's waited-for children (ffmpeg, ffprobe), from /proc/self/stat. */
async function childCpuSeconds(): Promise<number> {
  const fields = (await readFile('/proc/self/stat', 'utf8')).split(') ')[1]!.split(' ');
  // after "pid (comm) ": state is field 3, cutime 16, cstime 17 (1-based)
  return (Number(fields[13]) + Number(fields[14])) / ticks;
}

/** Peak RSS (VmHWM, MiB) of running ffmpeg children, sampled until stopped. */
function watchFfmpegPeak(): { stop: () => number } {
  let peak = 0;
  const sample = async () => {
    for (const entry of await readdir('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const status = await readFile(`/proc/${entry}/status`, 'utf8');
        if (!/^Name:\s+ffmpeg$/m.test(status)) continue;
        if (Number(/^PPid:\s+(\d+)$/m.exec(status)?.[1]) !== process.pid) continue;
        peak = Math.max(peak, Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0) / 1024);
      } catch {
        // the process ended between the listing and the read
      }
    }
  };
  const timer = setInterval(() => void sample(), 250);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

const work = await mkdtemp(path.join(tmpdir(), 'atrium-video-bench-'));
try {
  let input = values.input;
  if (!input) {
    input = path.join(work, 'source-1080p30.mp4');
    const started = performance.now();
    // High-quality H.264 (CRF 18) at ~20 Mb/s, near what phones record at 1080p30.
    await promisify(execFile)(tools.ffmpeg, [
      ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1920x1080:rate=30:duration=60'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=60'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '18', '-pix_fmt', 'yuv420p'],
      ...['-c:a', 'aac', '-b:a', '128k', '-shortest', input],
    ]);
    console.log(`generated the clip in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  const probe = await probeVideo(input, limits, { tools });
  console.log(
    `input: ${probe.container} ${probe.videoCodec}${probe.audioCodec ? `+${probe.audioCodec}` : ''}, ${probe.width}×${probe.height}, ${probe.durationSeconds.toFixed(1)} s, ${probe.frameRate?.toFixed(2)} fps, ${((await stat(input)).size / 1e6).toFixed(1)} MB`,
  );
  console.log(
    `load average before: ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')}`,
  );

  for (let run = 1; run <= runs; run++) {
    const cpuBefore = await childCpuSeconds();
    const watch = watchFfmpegPeak();
    const started = performance.now();
    const probeStarted = performance.now();
    await probeVideo(input, limits, { tools });
    const probeMs = performance.now() - probeStarted;
    const video = await processVideo(input, limits, { tools, timeoutMs: 10 * 60_000 });
    const wall = (performance.now() - started) / 1000;
    const peak = watch.stop();
    const cpu = (await childCpuSeconds()) - cpuBefore;
    console.log(
      `run ${run}: ${wall.toFixed(1)} s wall (probe ${probeMs.toFixed(0)} ms), ffmpeg CPU ${cpu.toFixed(1)} s, ffmpeg peak RSS ${peak.toFixed(0)} MiB, Node max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB; ` +
        `output ${video.width}×${video.height} ${video.durationSeconds.toFixed(1)} s ${(video.video.length / 1e6).toFixed(1)} MB, ${video.frames.length} frames, load ${loadavg()[0]!.toFixed(2)}`,
    );
  }
} finally {
  await rm(work, { recursive: true, force: true });
}
